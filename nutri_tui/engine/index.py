"""Look-ups derived once per loaded Content, so each assessment does only per-person work.

Besides plain look-ups, the index holds the answer tests compiled (:mod:`.checks`), the result
pieces whose number the content fixes (a symptom's reason for each nutrient, each red flag as
found, each advice item) with their sources as masks (:mod:`.sources`), and
:class:`~nutri_tui.engine.pieces.Pieces`, the bounded caches for pieces that also depend on
per-person values.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from nutri_tui.content import Content
from nutri_tui.engine.answer_row import read_row
from nutri_tui.engine.checks import Check, Row, compile_check, compile_rule, needed_classes
from nutri_tui.engine.nutrient_notes import NoteCheck, about, compiled_notes, plain
from nutri_tui.engine.parts import FoodRuleUse, InteractionEntry
from nutri_tui.engine.pieces import Pieces
from nutri_tui.engine.selection import (
    AdviceCandidate,
    AdviceEntry,
    CompiledFoodRule,
    FoodRules,
    advice_for,
    annotations_for,
    cautions_for,
    food_rules_for,
)
from nutri_tui.engine.sources import SourceMasks
from nutri_tui.engine.symptoms import symptom_reasons, symptom_warnings
from nutri_tui.models.answers import Answers, Sex
from nutri_tui.models.assessment import (
    Advice,
    Caution,
    InfoNote,
    NutrientAbout,
    Reason,
    RedFlagFinding,
    SourceRef,
    TestInfo,
)
from nutri_tui.models.catalogues import FoodRule
from nutri_tui.models.content import AGE_BANDS, DIETS_BY_BREADTH, Food

URGENCY_ORDER = {"emergency": 0, "urgent": 1, "soon": 2}
ANSWER_ORDER = {"yes": 0, "implied": 0, "dont_know": 1}

RuleCheck = tuple[int, int, dict[Any, Reason], Check | None, bool, int]
"""A nutrient rule: its position in rules.toml, its compiled tests (slot, the reason for each accepted value,
check: see :func:`~nutri_tui.engine.checks.compile_rule`), whether a supplement offsets it, its sources."""
FlagFound = tuple[tuple[int, int, int], RedFlagFinding, int]
"""A red flag as found with one answer, its place in the list (urgency, answer, content order), its sources."""


class FlagQuestion(NamedTuple):
    """A red flag's applicability and wording for a person."""

    id: str
    asked: Check | None
    """None: asked of everyone."""
    variants: tuple[tuple[Check, str], ...]
    """Other wordings and the tests that choose them, in order."""


class NutrientEntry(NamedTuple):
    """What the engine needs of one nutrient, in one tuple."""

    id: str
    name: str
    upper_limit_note: str
    rules: tuple[RuleCheck, ...]
    static_sources: int
    """Sources every finding for the nutrient cites: its targets, upper limit, test, what ``about`` says and its
    plain notes."""
    allergens: frozenset[str]
    """Every allergen in its foods (other allergies cannot change its food list)."""
    tests: tuple[TestInfo, ...]
    about: NutrientAbout
    notes: tuple[NoteCheck, ...]
    """Notes that depend on the person (a test, a severity, the level or a doctor-first caution)."""
    plain_notes: tuple[InfoNote, ...]
    """Notes every finding for the nutrient shows, whoever the person is (most of them)."""
    rule_fields: frozenset[str]
    """The answers its rules read: the only answers a rule's reason can quote."""


@dataclass(frozen=True)
class ContentIndex:
    """Source sets are :class:`~nutri_tui.engine.sources.SourceMasks` masks (``int``)."""

    nutrients: tuple[NutrientEntry, ...]
    """In content order."""
    read_row: Callable[[Answers], Row]
    """Every answer in one tuple (:mod:`~nutri_tui.engine.answer_row`): what the compiled tests read."""
    medicine_by_name: dict[str, tuple[str, ...]]
    """Casefolded class id, example name or brand name -> its medicine classes (two for a combination product)."""
    symptom_reasons: dict[str, tuple[tuple[str, Reason, int], ...]]
    """Symptom id -> (nutrient id, the reason it gives, its sources) for each nutrient it may point to."""
    red_flags_found: dict[tuple[str, str, int], FlagFound]
    """(flag id, answer, wording) -> the flag as found, for answers yes, dont_know and implied (see FlagQuestion)."""
    implied_flags: tuple[tuple[str, Check], ...]
    """Flags that other answers raise by themselves, with those answers' tests."""
    advice: tuple[AdviceEntry, ...]
    advice_for: Callable[[frozenset[str], frozenset[str], bool], tuple[AdviceCandidate, ...]]
    """(doctor-first nutrient ids, situations, exercise advised) -> the advice items those leave to test against
    the answers, in order (see :func:`~nutri_tui.engine.guidance.advice`): a few values, so it is worked out once
    for each combination rather than item by item for every person."""
    flag_questions: tuple[FlagQuestion, ...]
    """Every red flag in content order, with when it is asked and how it is worded."""
    flag_questions_by_id: dict[str, FlagQuestion]
    conditional_flags: tuple[tuple[str, Check], ...]
    """The flags asked only of some people, with the test that says who."""
    conditional_flag_groups: tuple[tuple[tuple[str, ...], Check], ...]
    """``conditional_flags`` gathered by test: flags asked of the same people (both neck questions, both pregnancy
    questions) share one test, run once per assessment. Not the flags never asked: see ``never_asked``."""
    never_asked: frozenset[str]
    """The flags never asked, only raised by other answers (their test would fail for everyone)."""
    flag_variants: dict[str, tuple[tuple[Check, str], ...]]
    """The flags with other wordings (``FlagQuestion.variants``), by id: most have none."""
    food_rules: tuple[CompiledFoodRule, ...]
    food_rule_checks: tuple[tuple[int, Check | None], ...]
    """Each food rule's bit (``1 << i``, content order) and its tests (None: it applies to everyone)."""
    food_rules_for: Callable[[int, str], FoodRules]
    """(the bits of the food rules that apply, upper-limit age band) -> what they do (see selection.FoodRules)."""
    annotations_for: Callable[[frozenset[str]], tuple[tuple[Caution, ...], int]]
    """The food-rule texts a person's foods carry -> the rules' cautions to say once and their sources."""
    medicine_cautions: tuple[tuple[Check, Caution, int], ...]
    """Each caution for a combination of answers, with its tests and its sources."""
    medicine_cautions_for: Callable[[frozenset[str]], tuple[tuple[Check, Caution, int], ...]]
    """The medicine classes a person takes -> those of ``medicine_cautions`` (in order) whose tests can hold for
    them: nearly every caution needs one of a few classes, so a person's handful of medicines rules most out
    without testing them (see :func:`~nutri_tui.engine.checks.needed_classes`)."""
    topic_cautions: dict[str, tuple[tuple[float, Check | None, Caution, int], ...]]
    """Topic id -> (amount it must pass, tests or None, the caution, its sources) for a supplement of it."""
    general_cautions: tuple[Caution, ...]
    """Said once on every result, wherever supplements come up."""
    symptom_warnings: dict[str, tuple[Caution, int]]
    """Symptom id -> when it needs urgent help, said once for a person who reported it, and its sources."""
    general_sources: int
    masks: SourceMasks
    pieces: Pieces
    content_reviewed: str
    """The knowledge base's review date, ISO format."""
    heavy_drinking: dict[str, int]
    """``rules.heavy_drinking.threshold(sex)`` for each sex (the method builds a dict on every call)."""


_CACHE: dict[int, tuple[Content, ContentIndex]] = {}


def index_for(content: Content) -> ContentIndex:
    cached = _CACHE.get(id(content))
    if cached is None or cached[0] is not content:
        cached = (content, _build(content))
        _CACHE[id(content)] = cached
    return cached[1]


def _build(content: Content) -> ContentIndex:
    medicine_by_name: dict[str, tuple[str, ...]] = {}
    for medicine in content.medicines.values():
        medicine_by_name[medicine.id.casefold()] = (medicine.id,)
        for example in medicine.examples:
            medicine_by_name[example.casefold()] = (medicine.id,)
    for folded, named in content.medicine_names.items():
        medicine_by_name.setdefault(folded, named.classes)
    foods: dict[tuple[str, str], tuple[Food, ...]] = {}
    for nutrient in content.nutrients.values():
        richest = sorted(nutrient.foods, key=lambda f: -f.amount)
        for diet in DIETS_BY_BREADTH:
            foods[(nutrient.id, diet)] = tuple(f for f in richest if f.fits(diet))
    by_medicine: dict[str, list[InteractionEntry]] = {}
    by_condition: dict[str, list[InteractionEntry]] = {}
    position = 0
    for nutrient in content.nutrients.values():
        for interaction in nutrient.interactions:
            entry = (position, nutrient.id, interaction)
            if interaction.medicine:
                by_medicine.setdefault(interaction.medicine, []).append(entry)
            else:
                by_condition.setdefault(interaction.condition or "", []).append(entry)
            position += 1
    masks = SourceMasks(
        {
            s.id: SourceRef(
                id=s.id,
                title=s.title,
                publisher=s.publisher,
                url=s.url,
                reviewed=s.reviewed.isoformat(),
                url_unverified=s.url_unverified,
            )
            for s in content.sources.values()
        }
    )
    rules = content.rules
    general = rules.general_caution
    names = medicine_by_name
    pieces = Pieces(
        content,
        masks,
        foods,
        {k: tuple(v) for k, v in by_medicine.items()},
        {k: tuple(v) for k, v in by_condition.items()},
        medicine_by_name,
    )
    by_nutrient: dict[str, list[RuleCheck]] = {n: [] for n in content.nutrients}
    for position, rule in enumerate(rules.nutrient_rule):
        slot, accepted, check = compile_rule(rule.when, names)
        # A one-``in``-test rule's reason for each accepted value, built now: a dict look-up replaces the ``in``
        # test and the cached build per profile. Keyed by value as the reasons cache is (1 and True alike).
        reasons = {value: pieces.rule_reason(position, (value,), None) for value in accepted}
        by_nutrient[rule.nutrient].append(
            (position, slot, reasons, check, rule.offset_by_supplement, masks.of(rule.sources))
        )
    questions = tuple(
        FlagQuestion(
            f.id,
            _never if not f.asked else compile_check(f.ask_when, names) if f.ask_when else None,
            tuple((compile_check(v.when, names), v.question) for v in f.variants),
        )
        for f in content.red_flags.values()
    )
    medicine_cautions = tuple(
        (
            compile_check(c.when, names),
            Caution(text=c.text, about=f"medicines:{c.id}", severity=c.severity, sources=c.sources),
            masks.of(c.sources),
        )
        for c in content.medicine_cautions.values()
    )
    food_rules = tuple(
        CompiledFoodRule(
            rule,
            compile_check(rule.when, names) if rule.when else None,
            Caution(text=rule.text, about=f"food_rule:{rule.id}", severity="caution", sources=rule.sources),
            masks.of(rule.sources),
            _food_rule_uses(rule, content),
        )
        for rule in content.food_rules.values()
    )
    advice = tuple(
        (
            *compile_rule(rule.when, names),
            Advice(id=rule.id, topic=rule.topic, text=rule.text, sources=rule.sources, unverified=rule.unverified),
            masks.of(rule.sources),
            rule.nutrient,
            rule.situation,
            frozenset(rule.withheld_in),
        )
        for rule in rules.advice
    )
    flag_groups = _flag_groups(content, questions)  # by test; None: the flags never asked
    return ContentIndex(
        nutrients=tuple(
            NutrientEntry(
                id=n.id,
                name=n.name,
                upper_limit_note=n.upper_limit.note,
                rules=tuple(by_nutrient[n.id]),
                static_sources=masks.of(
                    (
                        *n.targets.sources,
                        *n.upper_limit.sources,
                        *n.test.sources,
                        *n.summary.sources,
                        *(s for statement in (*n.at_risk, *n.signs, *n.excess) for s in statement.sources),
                        *(s for note in n.notes if plain(note) for s in note.sources),
                    )
                ),
                allergens=frozenset(a for f in n.foods for a in f.allergens),
                tests=(
                    TestInfo(
                        name=n.test.name,
                        shows=n.test.shows,
                        limits=n.test.limits,
                        usefulness=n.test.usefulness,
                        sources=n.test.sources,
                    ),
                ),
                about=about(n),
                notes=compiled_notes(n, masks, names),
                plain_notes=tuple(
                    InfoNote(text=note.text, sources=note.sources, unverified=note.unverified)
                    for note in n.notes
                    if plain(note)
                ),
                rule_fields=frozenset(
                    t.field for r in rules.nutrient_rule if r.nutrient == n.id for t in r.when if t.field
                ),
            )
            for n in content.nutrients.values()
        ),
        read_row=read_row,
        medicine_by_name=medicine_by_name,
        symptom_reasons=symptom_reasons(content, masks),
        red_flags_found=_red_flags_found(content, masks),
        implied_flags=tuple(
            (f.id, compile_check(f.implied_by, names)) for f in content.red_flags.values() if f.implied_by
        ),
        advice=advice,
        advice_for=advice_for(advice),
        medicine_cautions=medicine_cautions,
        medicine_cautions_for=cautions_for(
            medicine_cautions, tuple(needed_classes(c.when) for c in content.medicine_cautions.values())
        ),
        topic_cautions={
            topic.id: tuple(
                (
                    c.above,
                    compile_check(c.when, names) if c.when else None,
                    Caution(text=c.text, about=f"topic:{topic.id}", severity=c.severity, sources=c.sources),
                    masks.of(c.sources),
                )
                for c in topic.supplement_cautions
            )
            for topic in content.topics.values()
            if topic.supplement_cautions
        },
        flag_questions=questions,
        flag_questions_by_id={q.id: q for q in questions},
        conditional_flags=tuple((q.id, q.asked) for q in questions if q.asked is not None),
        conditional_flag_groups=tuple(group for key, group in flag_groups.items() if key is not None),
        never_asked=frozenset(flag_groups[None][0] if None in flag_groups else ()),
        flag_variants={q.id: q.variants for q in questions if q.variants},
        food_rules=food_rules,
        food_rule_checks=tuple((1 << i, compiled.check) for i, compiled in enumerate(food_rules)),
        food_rules_for=food_rules_for(food_rules, pieces.food_lists),
        annotations_for=annotations_for(food_rules),
        general_cautions=(Caution(text=general.text, about="supplement", severity="caution", sources=general.sources),),
        symptom_warnings=symptom_warnings(content, masks),
        general_sources=masks.of(general.sources),
        masks=masks,
        content_reviewed=content.manifest.reviewed.isoformat(),
        pieces=pieces,
        heavy_drinking={sex: rules.heavy_drinking.threshold(sex) for sex in typing.get_args(Sex)},
    )


def _flag_groups(content: Content, questions: tuple[FlagQuestion, ...]) -> dict[object, tuple[tuple[str, ...], Check]]:
    """The conditional flags by their applicability test (the same tests: one group, with the first flag's check)."""
    groups: dict[object, tuple[tuple[str, ...], Check]] = {}
    for question, flag in zip(questions, content.red_flags.values(), strict=True):
        if question.asked is None:
            continue
        key = flag.ask_when if flag.asked else None  # None: never asked (raised only by other answers)
        ids, check = groups.get(key, ((), question.asked))
        groups[key] = ((*ids, question.id), check)
    return groups


def _food_rule_uses(rule: FoodRule, content: Content) -> dict[str, FoodRuleUse]:
    limit = content.topics[rule.over_topic_limit].upper_limit if rule.over_topic_limit else None
    return {
        band: FoodRuleUse(
            rule.action,
            frozenset(rule.tags),
            frozenset(rule.allergens),
            limit.values.get(band) if limit else None,
            rule.text,
        )
        for band in AGE_BANDS
    }


def _never(answers: Answers) -> None:
    """The applicability of a flag that is never asked, only raised by other answers."""
    return None


def _red_flags_found(content: Content, masks: SourceMasks) -> dict[tuple[str, str, int], FlagFound]:
    """Each flag as found with each answer and each wording (-1: its main question, else a variant's index)."""
    found: dict[tuple[str, str, int], FlagFound] = {}
    for position, flag in enumerate(content.red_flags.values()):
        wordings = [(-1, flag.question), *enumerate(v.question for v in flag.variants)]
        for answer in ("yes", "implied", "dont_know"):
            for variant, question in wordings:
                finding = RedFlagFinding(
                    id=flag.id,
                    question=question,
                    urgency=flag.urgency,
                    answer=answer,
                    meaning=flag.meaning,
                    advice=flag.advice,
                    sources=flag.sources,
                )
                place = (URGENCY_ORDER[flag.urgency], ANSWER_ORDER[answer], position)
                found[(flag.id, answer, variant)] = (place, finding, masks.of(flag.sources))
    return found
