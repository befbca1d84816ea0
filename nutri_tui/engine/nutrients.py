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
from operator import attrgetter, itemgetter

from nutri_tui.content import Content
from nutri_tui.engine.answer_row import SLOTS
from nutri_tui.engine.checks import Row
from nutri_tui.engine.index import ContentIndex
from nutri_tui.engine.parts import Effect, FoodLists, caution_rank
from nutri_tui.engine.profile import Profile
from nutri_tui.engine.scored import keep_said, once_per_answer, said_by_id, score_of, settled_fields
from nutri_tui.engine.wording import lower_first
from nutri_tui.models.assessment import LEVEL_ORDER, Caution, InfoNote, NutrientFinding, Reason

_weight = attrgetter("weight")
_first = itemgetter(0)
_second = itemgetter(1)
_fourth = itemgetter(3)
DIET_DOCTOR_FIRST, NUTRIENT, REASON = (
    Effect._fields.index(name) for name in ("diet_doctor_first", "nutrient_id", "reason")
)
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


def nutrient_findings(
    row: Row,
    profile: Profile,
    content: Content,
    index: ContentIndex,
    taken_by: dict[str, float],
    food_lists: FoodLists,
) -> tuple[list[NutrientFinding], int, frozenset[str]]:
    """One finding per nutrient, most worth checking first, and the sources they cite together (a mask).

    ``row`` is ``index.read_row(answers)``; ``taken_by`` the daily supplement amounts in each nutrient's unit
    (:mod:`nutri_tui.content.supplements`); ``food_lists`` the food lists for the food rules that apply to this person
    (``ContentIndex.food_rules_for``). Also returns
    the food rules' texts that the food lists carry.
    """
    pieces = index.pieces
    rule_reason, sorted_ids = pieces.rule_reason, index.masks.sorted_ids
    levels = content.rules.levels
    high, moderate = levels.high, levels.moderate
    stages, age_band, diet = profile.stages, profile.age_band, profile.diet
    effects, derived = _effects(profile, index)
    symptoms: dict[str, list[tuple[str, Reason, int]]] = {}
    for symptom_id in row[SYMPTOMS]:
        for entry in index.symptom_reasons[symptom_id]:
            symptoms.setdefault(entry[0], []).append(entry)
    all_allergies = frozenset(row[ALLERGIES])
    advisories: frozenset[str] = frozenset()

    said_diet = row[DIET]
    reworded = settled_fields(said_diet)  # the answers the diet pattern settles: none for most
    said_for = said_by_id(said_diet) if reworded else {}
    ranked: list[tuple[int, float, int, NutrientFinding]] = []
    all_cited = 0
    without_supplements = pieces.basics_without_supplements(stages, age_band)
    for entry, basics in zip(index.nutrients, without_supplements, strict=True):
        nutrient_id, name, limit_note, rules, cited, allergens, tests, about, notes, plain, rule_fields = entry
        # cited starts as the nutrient's own sources (its plain notes' too), which cover the upper-limit and
        # skipped-food cautions.
        taken = 0.0
        if nutrient_id in taken_by:
            taken = float(taken_by[nutrient_id])  # a float like the result field
            basics = pieces.basics(nutrient_id, stages, age_band, taken)

        # Unpacked once: each read of a NamedTuple's field by name is a generic attribute look-up.
        target, upper, limit_caution, limit_rank, limit_doctor_first, covered, food_limit, given = basics
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
        if derived and len(reasons) > 1 and nutrient_id in derived:
            reasons = once_per_answer(reasons)

        # Summed in the order found, before sorting: a float sum depends on its order. No reasons: 0.0, as
        # score_of(0) gives.
        score = score_of(sum(map(_weight, reasons))) if reasons else 0.0
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
            foods, skipped, mask, carried, withheld = food_lists(
                nutrient_id, diet, allergies, target.amount, food_limit, given
            )
            cautions.extend(skipped)
            cited |= mask
            if carried:
                advisories |= carried
        if len(cautions) > 1:
            cautions.sort(key=_first)  # stable: equal ranks keep the order found
        if len(reasons) > 1:
            reasons.sort(key=_weight, reverse=True)  # stable like sorting by -weight
        # Only a rule reading an answer the diet settles can quote it (the others quote medicines, conditions,
        # symptoms, pregnancy or drinks): checked over generated answers in tests/unit/test_engine_properties.py.
        if reasons and not reworded.isdisjoint(rule_fields):
            for i, reason in enumerate(reasons):
                kept = said_for.get(id(reason))
                if kept is None or kept[0] is not reason:
                    kept = keep_said(said_for, reason, said_diet)
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


def _effects(profile: Profile, index: ContentIndex) -> tuple[dict[str, list[Effect]], set[str]]:
    """Each nutrient's interactions with this person's medicines and conditions, in content order; and the
    nutrients given a reason by a condition that another answer established.

    Two reasons of a finding quote one answer only when a condition comes from another answer (pregnancy is
    both a rule and a condition, heavy drinking a number of drinks): only those findings need the
    once-per-answer pass. No two rules of a nutrient quote one answer (tests/unit/test_engine_properties.py).
    """
    derived: set[str] = set()
    if not profile.medicines and not profile.conditions:
        return {}, derived
    pieces = index.pieces
    found: list[Effect] = []
    sources = 0  # medicines and conditions with any interaction
    for medicine_id, said_as in profile.medicines:
        effects = pieces.medicine_effects(medicine_id, said_as)
        if effects:
            found += effects
            sources += 1
    for condition, cause in profile.conditions.items():
        effects = pieces.condition_effects(condition, cause)
        if effects:
            found += effects
            sources += 1
            if cause != "health.conditions":
                derived.update([effect[NUTRIENT] for effect in effects if effect[REASON] is not None])
    if sources > 1:  # each one's are in content order already
        found.sort(key=_first)
    by_nutrient: dict[str, list[Effect]] = {}
    for effect in found:
        by_nutrient.setdefault(effect[NUTRIENT], []).append(effect)
    return by_nutrient, derived
