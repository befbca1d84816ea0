"""The result of an assessment: what the app shows, saves and prints as JSON.

Every finding carries the answers that caused it (``answer``) and the source
ids behind it; ``Assessment.sources`` resolves every id cited anywhere in the
result, so a printed or saved result stands on its own.

The result types are slotted standard-library dataclasses, not pydantic models:
``assess`` puts dozens in every result, and a plain constructor costs a fraction of
a validated one. The engine is trusted to build them correctly; anything read from
outside (a session file) is validated by pydantic, which handles stdlib dataclasses
as fields of a model (``Session.result``) or through :func:`result_adapter`. Each
type carries ``__pydantic_config__`` forbidding unknown keys, and :class:`Assessment`
checks its own consistency in ``__post_init__``, which pydantic calls after
validating. Serialise with ``model_dump`` of the enclosing model or with
``result_adapter().dump_python/dump_json``: field order is declaration order.

The parts of a result are frozen: the engine caches them and shares one object
between many results. :class:`NutrientFinding` and :class:`Assessment` are built
anew for every assessment and never shared, and are not frozen, because a frozen
dataclass's ``__init__`` (``object.__setattr__`` for each field) made them the
largest single cost of ``assess`` (a fifth to a quarter of its time, measured). Treat
them as read-only all the same; they hash by value, like the parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Literal

from nutri_tui.models.bounds import Amount, Cited, Count, Few, Fit, Id, Many, Score, Version
from nutri_tui.models.instrument_scores import InstrumentScore
from nutri_tui.models.result_types import InfoNote
from nutri_tui.models.result_types import result_part as _result_part
from nutri_tui.models.result_types import result_whole as _result_whole

if TYPE_CHECKING:
    from pydantic import TypeAdapter

Level = Literal["high", "moderate", "low"]
LEVEL_ORDER: dict[str, int] = {"high": 0, "moderate": 1, "low": 2}


@_result_part
class RedFlagFinding:
    id: Id
    question: str
    urgency: Literal["emergency", "urgent", "soon"]
    answer: Literal["yes", "dont_know", "implied"]
    """yes: answered yes; dont_know: unsure (shown, treated with caution); implied: raised by other answers."""
    meaning: str
    advice: str
    sources: Many[str]


@_result_part
class Reason:
    text: str
    answer: str
    """The answer that caused it, as ``field = value`` (``diet.oily_fish = never``)."""
    weight: Score
    sources: Many[str]
    unverified: bool = False


@_result_part
class Target:
    amount: Amount
    unit: str
    kind: Literal["RDA", "AI"]
    low: Amount | None = None
    """Set when sex was not stated: the lower of the female and male values (``amount`` is the higher)."""
    life_stage: str


@_result_part
class UpperLimitOut:
    amount: Amount
    unit: str
    applies_to: Literal["all_sources", "supplements_and_medicines", "folic_acid"]
    note: str
    already_taken: Amount = 0
    supplement_room: Amount
    """How much more may come from supplements before reaching the limit: never negative, never above it."""


@_result_part
class SignNote:
    text: str
    musculoskeletal: bool = False
    """A sign in muscles, bones or the nerves of movement."""
    sources: Many[str]
    unverified: bool = False


@_result_part
class NutrientAbout:
    """What the knowledge base says about a nutrient whoever the person is: the same in every result."""

    summary: InfoNote
    at_risk: Many[InfoNote]
    """Who may run short."""
    signs: Many[SignNote]
    """Signs of a shortfall (none of them proof of one)."""
    excess: Many[InfoNote]
    """What too much can do."""
    target_note: str = ""
    """How to read the target (units, who it does not apply to)."""


@_result_part
class FoodSuggestion:
    id: Id
    name: str
    serving: str
    amount: Amount
    unit: str
    dv_percent: Amount | None = None
    form: str
    servings_to_target: Amount | None = None
    """Roughly how many servings a day would reach the target with what supplements give (``from_supplements``):
    None where the food does not count towards the target, or where supplements already reach it."""
    sources: Many[str]
    note: str = ""
    """The knowledge base's note on this food (a poor source, check the label...)."""
    fortified: bool = False
    advisories: Few[str] = ()
    """What a food rule says about this food for this person (keep greens steady on warfarin; vitamin A)."""
    unverified: bool = False
    from_supplements: Amount = 0.0
    """What the person's supplements give a day towards the target, in its unit (0: none, or another form).
    Last, with a default, so results saved before it still read: their servings counted food alone."""


@_result_part
class Caution:
    text: str
    about: str
    """``upper_limit``, ``medicine:ppi``, ``condition:kidney_disease``, ``supplement`` or ``food``."""
    severity: Literal["info", "caution", "doctor_first"]
    sources: Many[str]


@_result_part
class TestInfo:
    name: str
    shows: str
    limits: str
    usefulness: Literal["good", "limited", "poor", "none"]
    sources: Many[str]


@_result_whole
class NutrientFinding:
    id: Id
    name: str
    level: Level
    score: Score
    reasons: Many[Reason]
    target: Target
    upper_limit: UpperLimitOut | None = None
    upper_limit_note: str
    foods: Many[FoodSuggestion]
    cautions: Many[Caution]
    tests: Few[TestInfo]
    doctor_first: bool
    """True when this person should not supplement this nutrient without a doctor."""
    sources: Many[str]
    about: NutrientAbout | None = None
    """Who may run short, the signs, what too much does (None in results saved before content 1.1)."""
    notes: Many[InfoNote] = ()
    """The knowledge base's notes that apply to this person (vitamin C with plant iron...)."""
    diet_doctor_first: bool = False
    """True when even food intake is for the doctor to advise (potassium with kidney disease): no food list."""
    foods_withheld: str = ""
    """Why no foods are listed although the level is moderate or high; empty otherwise."""


@_result_part
class YourItem:
    """A medicine or condition the person reported, with what the knowledge base notes about it."""

    id: Id
    name: str
    said_as: str
    """The person's own words ("omeprazole"); empty when they gave the class or condition itself."""
    note: str
    sources: Many[str]
    unverified: bool = False
    back_pain_note: str = ""
    """What back-pain guidance says of this medicine (NICE NG59), for a medicine only."""


@_result_part
class SupplementTaken:
    """A supplement as the person gave it and as the result counts it."""

    nutrient: Id
    name: str = ""
    """The nutrient's or topic's name ("Vitamin B6 (pyridoxine)"); empty in results saved before content 1.2."""
    entered: str
    """As given: "1,000 IU (international units)", "1,000 mg (fish oil, the capsule's weight)"."""
    amount: Amount
    unit: str
    """The unit it is counted in: the nutrient's own (mcg, mg), mcg folic acid, or g EPA+DHA."""
    assumed: bool = False
    """The amount rests on a typical figure for the product (fish oil: about 300 mg EPA+DHA per 1,000 mg)."""
    sources: Many[str] = ()


@_result_part
class ExerciseSuggestion:
    id: Id
    name: str
    fit: Fit
    description: str
    suits: str
    evidence: str
    certainty: str
    cautions: Few[str]
    """What applies to this person's situation (pregnancy, thin bones, age...), in the content's order."""
    stop_if: str = ""
    """What to stop for in this exercise beyond the stop signs said once for every exercise (advice topic
    ``exercise_stop``); empty for most. A result saved before those were shared has the whole stop text here."""
    sources: Many[str]
    """The exercise's sources and those of the cautions that apply."""
    unverified: bool = False
    """The exercise's own claims are not yet confirmed against their sources (shown with a dagger)."""
    unverified_cautions: Few[str] = ()
    """Those of ``cautions`` not yet confirmed against their sources (each shown with a dagger)."""


@_result_part
class Advice:
    id: Id
    topic: str
    """As in rules.toml; ``exercise_first``, ``exercise`` and ``exercise_stop`` are said with the exercises."""
    text: str
    sources: Many[str]
    unverified: bool = False


@_result_part
class SourceRef:
    id: Id
    title: str
    publisher: str
    url: str
    reviewed: str = ""
    """When the knowledge base was last checked against it (ISO date)."""
    url_unverified: bool = False
    """The address was written from memory; the content was seen in a copy."""


@_result_whole
class Assessment:
    content_version: Version
    life_stage: str
    notes: Few[str]
    """About how the answers were read (missing age, unstated sex, under-18s)."""
    summary: Many[str]
    """The lines a person reads first, red flags before anything else."""
    red_flags: Many[RedFlagFinding]
    emergency: bool
    exercise_withheld: bool
    """An emergency sign: no exercise and no exercise advice at all."""
    nutrients: Many[NutrientFinding]
    """All nutrients, most worth checking first."""
    tests_to_ask: Many[str]
    """Nutrient ids whose blood test is worth asking a doctor about."""
    exercises: Many[ExerciseSuggestion]
    exercise_note: str
    advice: Many[Advice]
    general_cautions: Many[Caution]
    disclaimer: str
    sources: Cited[SourceRef]
    content_reviewed: str = ""
    """When the knowledge base was last reviewed (ISO date)."""
    medicines: Many[YourItem] = ()
    conditions: Many[YourItem] = ()
    supplements: Many[SupplementTaken] = ()
    food_cautions: Few[Caution] = ()
    """What food rules changed for this person (liver left out in pregnancy), said once."""
    unanswered: Few[str] = ()
    """The parts of the questionnaire left unanswered, so the result cannot judge what depends on them."""
    flags_asked: Count = 0
    """How many warning-sign questions apply to this person."""
    flags_answered: Count = 0
    """How many of those were answered (yes, no or not sure)."""
    medicine_cautions: Few[Caution] = ()
    """Cautions for a combination of answers: medicines together (an NSAID with warfarin), a medicine and a symptom."""
    supplement_cautions: Few[Caution] = ()
    """Cautions about a supplement of a nutrient that is not scored (vitamin B6 over 10 mg a day, vitamin A)."""
    exercise_check_first: bool = False
    """Chest pain, dizziness or fainting when active, or not sure (PAR-Q): a doctor's check comes before any new
    exercise, so the plan suggests none to start with and the exercises are listed for after that check."""
    instruments: Few[InstrumentScore] = ()
    """The validated questionnaires the person started (STarT Back, PHQ-4): each scored when complete, or said
    to be incomplete; none in results saved before they were asked."""

    def __post_init__(self) -> None:
        """A hand-edited session must still be displayable: findings present and told apart (the screens key
        their rows by nutrient and food id), and every nutrient in ``tests_to_ask`` with a test to name.

        The engine's results pass by construction, but this runs for each of them too, so it stays cheap.
        """
        if not self.nutrients:
            raise ValueError("nutrients: a result needs at least one nutrient finding")
        by_id = {n.id: n for n in self.nutrients}
        if len(by_id) != len(self.nutrients):
            raise ValueError(f"nutrients: {_repeated(n.id for n in self.nutrients)!r} appears more than once")
        for nutrient_id in self.tests_to_ask:
            finding = by_id.get(nutrient_id)
            if finding is None:
                raise ValueError(f"tests_to_ask: {nutrient_id!r} is not one of the result's nutrients")
            if not finding.tests:
                raise ValueError(f"tests_to_ask: {nutrient_id!r} has no blood test to name (its tests are empty)")

    def repeated_food(self) -> tuple[str, str] | None:
        """``(nutrient id, food id)`` for a food listed twice under one nutrient (the Foods table keys its rows
        by the pair), else None. Checked when a session is read, not in ``__post_init__``: the engine's foods
        come from the content, whose ids are unique, and the check would cost every assessment 3%."""
        for finding in self.nutrients:
            foods = finding.foods
            if len(foods) > 1 and len({food.id for food in foods}) != len(foods):
                return finding.id, _repeated(food.id for food in foods)
        return None


def _repeated(ids: Iterable[str]) -> str:
    """The first id seen twice."""
    seen: set[str] = set()
    for one in ids:
        if one in seen:
            return one
        seen.add(one)
    return ""


@cache
def result_adapter() -> TypeAdapter[Assessment]:
    """Validates and serialises an :class:`Assessment` on its own; built on first use (pydantic loads then)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Assessment)
