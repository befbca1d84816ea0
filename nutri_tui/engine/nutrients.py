"""Each nutrient's finding: score and reasons, target, upper limit, foods and cautions.

What depends only on the content is prepared once in the content index; what depends on a few
answer values (a rule's reason, a target for a life stage, a medicine's interactions, a food
list for a diet) comes from the index's bounded caches (:mod:`nutri_tui.engine.pieces`). What is
left here is per person: which rules hold, which pieces apply, the score, and putting each
finding together. Sources travel as masks (:mod:`nutri_tui.engine.sources`).

This is the hot loop of ``assess`` (ten nutrients a profile; see benchmarks/bench_assess.py),
so it is one loop over per-nutrient tuples, without a function call per nutrient or per rule.
"""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from operator import attrgetter, itemgetter

from nutri_tui.content import Content
from nutri_tui.engine.answer_row import SLOTS
from nutri_tui.engine.checks import Row
from nutri_tui.engine.index import ContentIndex
from nutri_tui.engine.parts import Effect, FoodRuleUse, caution_rank
from nutri_tui.engine.profile import Profile
from nutri_tui.engine.wording import lower_first
from nutri_tui.models.assessment import LEVEL_ORDER, Caution, InfoNote, NutrientFinding, Reason
from nutri_tui.questionnaire import known_answers

_weight = attrgetter("weight")
_answer = attrgetter("answer")
_first = itemgetter(0)
_second = itemgetter(1)
_fourth = itemgetter(3)
DIET_DOCTOR_FIRST = Effect._fields.index("diet_doctor_first")
SYMPTOMS, ALLERGIES, DIET = SLOTS["health.symptoms"], SLOTS["about.allergies"], SLOTS["about.diet"]


_new = object.__new__
_FINDING_FIELDS = (
    "id",
    "name",
    "level",
    "score",
    "reasons",
    "target",
    "upper_limit",
    "upper_limit_note",
    "foods",
    "cautions",
    "tests",
    "doctor_first",
    "sources",
    "about",
    "notes",
    "diet_doctor_first",
    "foods_withheld",
)
"""The fields :func:`nutrient_findings` stores. Calling the class with seventeen keywords cost a microsecond a
finding (matching keywords to parameters), five times storing them: the loop stores them itself. That is all
the dataclass ``__init__`` does, as long as the class has exactly these fields and no ``__post_init__``,
which is checked when this module loads."""
if tuple(f.name for f in fields(NutrientFinding)) != _FINDING_FIELDS or hasattr(NutrientFinding, "__post_init__"):
    raise TypeError("NutrientFinding changed: update nutrient_findings, which stores its fields one by one")


@lru_cache(maxsize=4096)
def _score(total: float) -> float:
    """``total`` to two decimals, as a float.

    Memoised: ``round(x, 2)`` converts the float to decimal and back, which cost as much as a sixth
    of a finding (measured), and a score is a sum of a few weights, so the same totals recur.
    """
    return float(round(total, 2))


def nutrient_findings(
    row: Row,
    profile: Profile,
    content: Content,
    index: ContentIndex,
    taken_by: dict[str, float],
    food_rules: tuple[FoodRuleUse, ...],
) -> tuple[list[NutrientFinding], int, frozenset[str]]:
    """One finding per nutrient, most worth checking first, and the sources they cite together (a mask).

    ``row`` is ``index.read_row(answers)``; ``taken_by`` the daily supplement amounts in each nutrient's unit
    (:mod:`nutri_tui.content.supplements`); ``food_rules`` the food rules that apply to this person. Also returns
    the food rules' texts that the food lists carry.
    """
    pieces = index.pieces
    rule_reason, sorted_ids = pieces.rule_reason, index.masks.sorted_ids
    levels = content.rules.levels
    high, moderate = levels.high, levels.moderate
    stages, age_band, diet = profile.stages, profile.age_band, profile.diet
    effects = _effects(profile, index)
    symptoms: dict[str, list[tuple[str, Reason, int]]] = {}
    for symptom_id in row[SYMPTOMS]:
        for entry in index.symptom_reasons[symptom_id]:
            symptoms.setdefault(entry[0], []).append(entry)
    all_allergies = frozenset(row[ALLERGIES])
    # Two reasons can quote one answer only when a condition comes from another answer (pregnancy is
    # both a rule and a condition): only then is the once-per-answer pass needed.
    derived = any(map("health.conditions".__ne__, profile.conditions.values()))
    advisories: frozenset[str] = frozenset()

    said_diet = row[DIET]
    settled = _settled_by(said_diet)
    said_for = _said_by_id(said_diet) if settled else {}
    ranked: list[tuple[int, float, int, NutrientFinding]] = []
    all_cited = 0
    without_supplements = pieces.basics_without_supplements(stages, age_band)
    for entry, basics in zip(index.nutrients, without_supplements, strict=True):
        nutrient_id, name, limit_note, rules, cited, allergens, tests, about, notes, plain, _ = entry
        # cited starts as the nutrient's own sources (its plain notes' too), which cover the upper-limit and
        # skipped-food cautions.
        taken = 0.0
        if nutrient_id in taken_by:
            taken = float(taken_by[nutrient_id])  # a float like the result field
            basics = pieces.basics(nutrient_id, stages, age_band, taken)

        # Unpacked once: each read of a NamedTuple's field by name is a generic attribute look-up.
        target, upper, limit_caution, limit_rank, limit_doctor_first, covered, food_limit = basics
        reasons: list[Reason] = []
        offset_taken = taken if covered else None
        for position, slot, by_value, check, offset, sources in rules:
            if check is None:
                reason = by_value.get(row[slot])
                if reason is None:
                    continue
                if offset and offset_taken is not None:
                    reason = rule_reason(position, (row[slot],), offset_taken)
            else:
                values = check(row)
                if values is None:
                    continue
                reason = rule_reason(position, values, offset_taken if offset else None)
            reasons.append(reason)
            cited |= sources
        diet_doctor_first = doctor_first = False
        cautions: list[tuple[int, Caution]] = []
        mine = effects.get(nutrient_id)
        if mine:
            for effect in mine:
                diet_doctor_first = diet_doctor_first or effect[DIET_DOCTOR_FIRST]
            advised: set[str] = set()
            for _, _, reason, rank, caution, without_foods, its_doctor_first, _, mask, said, repeat in mine:
                if reason is not None:
                    reasons.append(reason)
                if said in advised:
                    caution = repeat  # one piece of advice, said once: kidney disease and two medicines
                else:
                    if diet_doctor_first:
                        caution = without_foods
                    advised.add(said)
                cautions.append((rank, caution))
                doctor_first = doctor_first or its_doctor_first
                cited |= mask
        for _, reason, sources in symptoms.get(nutrient_id, ()):
            reasons.append(reason)
            cited |= sources
        if derived and len(reasons) > 1:
            reasons = _once_per_answer(reasons)

        # Summed in the order found, before sorting: a float sum depends on its order. No reasons: 0.0, as
        # _score(0) gives.
        score = _score(sum(map(_weight, reasons))) if reasons else 0.0
        level = "high" if score >= high else "moderate" if score >= moderate else "low"
        shown_notes: tuple[InfoNote, ...] | list[InfoNote] = plain
        for note_check, note, caution, flagged_only, advises_taking, sources in notes:
            if (flagged_only and level == "low") or (advises_taking and doctor_first):
                continue
            if note_check is not None and note_check(row) is None:
                continue
            if caution is None:
                shown_notes = [*shown_notes, note]
            else:
                cautions.append((caution_rank(caution), caution))
                doctor_first = doctor_first or caution.severity == "doctor_first"
            cited |= sources
        # The doctor-first wording of the limit has the same severity, so the same rank.
        cautions.append((limit_rank, limit_doctor_first if doctor_first else limit_caution))
        foods = ()
        withheld = ""
        if level != "low" and diet_doctor_first:
            withheld = WITHHELD.format(name=lower_first(name))
        elif level != "low":
            allergies = all_allergies & allergens if all_allergies else all_allergies
            foods, skipped, mask, carried = pieces.foods(
                nutrient_id, diet, allergies, target.amount, food_limit, food_rules
            )
            cautions.extend(skipped)
            cited |= mask
            if carried:
                advisories |= carried
        if len(cautions) > 1:
            cautions.sort(key=_first)  # stable: equal ranks keep the order found
        if len(reasons) > 1:
            reasons.sort(key=_weight, reverse=True)  # stable like sorting by -weight
        if settled and reasons:
            for i, reason in enumerate(reasons):
                kept = said_for.get(id(reason))
                if kept is None or kept[0] is not reason:
                    kept = _keep_said(said_for, reason, said_diet)
                reasons[i] = kept[1]
        # NutrientFinding(...) as its dataclass __init__ builds it, field by field (see _FINDING_FIELDS).
        finding = _new(NutrientFinding)
        finding.id = nutrient_id
        finding.name = name
        finding.level = level
        finding.score = score
        finding.reasons = tuple(reasons)
        finding.target = target
        finding.upper_limit = upper
        finding.upper_limit_note = limit_note
        finding.foods = foods
        finding.cautions = (cautions[0][1],) if len(cautions) == 1 else tuple(map(_second, cautions))
        finding.tests = tests
        finding.doctor_first = doctor_first
        finding.sources = sorted_ids(cited)
        finding.about = about
        finding.notes = shown_notes if shown_notes is plain else tuple(shown_notes)
        finding.diet_doctor_first = diet_doctor_first
        finding.foods_withheld = withheld
        # Most worth checking first: by level, then score; the content order breaks ties.
        ranked.append((LEVEL_ORDER[level], -score, len(ranked), finding))
        all_cited |= cited
    ranked.sort()
    return list(map(_fourth, ranked)), all_cited, advisories


WITHHELD = (
    "No foods are suggested: with your answers, how much {name} is right for you is a question for your doctor, "
    "kidney team or dietitian (see the cautions)."
)


@lru_cache(maxsize=8)
def _settled_by(diet: str) -> dict[str, str]:
    """``diet.meat = never`` -> ``about.diet = vegetarian``: the answers the diet pattern settles, each with the
    answer the person gave. A vegetarian is not asked about meat, so a reason says what they did say."""
    known = known_answers({"about": {"diet": diet}})
    return {
        f"{section}.{name} = {value}": f"about.diet = {diet}"
        for section, values in known.items()
        for name, value in values.items()
    }


SAID_MAX = 4096
"""Reasons' answers reworded for a diet pattern: keyed by the answer quoted (which may quote an age) and the diet."""


@lru_cache(maxsize=SAID_MAX)
def _said(answer: str, diet: str) -> str:
    """``answer`` (a reason's ``field = value`` pairs) as the person said it, where their diet pattern settled one
    of them (see :func:`_settled_by`); ``answer`` itself when it quotes none."""
    settled = _settled_by(diet)
    if "; " not in answer:  # most reasons quote one answer
        return settled.get(answer, answer)
    parts = answer.split("; ")
    said = list(dict.fromkeys(settled.get(part, part) for part in parts))
    return answer if said == parts else "; ".join(said)


@lru_cache(maxsize=8)
def _said_by_id(diet: str) -> dict[int, tuple[Reason, Reason]]:
    """``id(reason)`` -> (the reason, :func:`_as_said` of it) for this diet pattern, filled by :func:`_keep_said`.

    Most reasons of a result come from the caches and recur, and a reason hashes by value in Python (its
    text, answer, weight...): keyed by identity, the look-up is a dict ``get``. Each entry holds its reason,
    so the id cannot be another object's while the entry lasts, and callers check ``kept[0] is reason``.
    """
    return {}


def _keep_said(said_for: dict[int, tuple[Reason, Reason]], reason: Reason, diet: str) -> tuple[Reason, Reason]:
    if len(said_for) >= SAID_MAX:
        said_for.clear()  # bounded: a miss only costs a rebuild
    kept = said_for[id(reason)] = (reason, _as_said(reason, diet))
    return kept


def _as_said(reason: Reason, diet: str) -> Reason:
    """The reason quoting the person's own answer where it quoted one their diet pattern settled. Done after
    scoring: two reasons then quote one answer (oily fish and meat: "vegetarian"), and each still counts."""
    answer = _said(reason.answer, diet)
    if answer == reason.answer:
        return reason
    # As dataclasses.replace(reason, answer=answer) would build it, without its per-call look-up of the fields.
    return Reason(
        text=reason.text, answer=answer, weight=reason.weight, sources=reason.sources, unverified=reason.unverified
    )


def _once_per_answer(reasons: list[Reason]) -> list[Reason]:
    """Each answer counts once per nutrient: of reasons quoting the same answer, the weightiest is kept.

    Pregnancy, for example, is both a rule (the higher iron target) and a condition (its interactions):
    counting both would score one answer twice.
    """
    if len(set(map(_answer, reasons))) == len(reasons):
        return reasons  # no answer quoted twice (nearly always): nothing to drop
    kept: dict[str, Reason] = {}
    for reason in reasons:
        held = kept.get(reason.answer)
        if held is None or reason.weight > held.weight:
            kept[reason.answer] = reason
    return list(kept.values()) if len(kept) < len(reasons) else reasons


def _effects(profile: Profile, index: ContentIndex) -> dict[str, list[Effect]]:
    """Each nutrient's interactions with this person's medicines and conditions, in content order."""
    if not profile.medicines and not profile.conditions:
        return {}
    pieces = index.pieces
    found: list[Effect] = []
    for medicine in profile.medicines:
        found.extend(pieces.medicine_effects(medicine.id, medicine.said_as))
    for condition, cause in profile.conditions.items():
        found.extend(pieces.condition_effects(condition, cause))
    found.sort(key=_first)
    by_nutrient: dict[str, list[Effect]] = {}
    for effect in found:
        by_nutrient.setdefault(effect.nutrient_id, []).append(effect)
    return by_nutrient
