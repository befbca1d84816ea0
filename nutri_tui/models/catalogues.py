"""Models for the catalogues in ``content/``: medicines, conditions, symptoms, red flags, exercises,
the seed-article corrections, food rules, supplement forms and caution topics.

Like :mod:`nutri_tui.models.content` (nutrients, sources and the shared vocabulary), every entry
that makes a claim cites sources; the loader cross-checks ids after every file loads.
"""

# No `from __future__ import annotations`: see the note in models/content.py (forward references are quoted).
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import Field, model_validator

from nutri_tui.models.answer_tests import When
from nutri_tui.models.content import (
    Allergen,
    Cited,
    Duration,
    FoodTag,
    Id,
    NutrientId,
    SourceId,
    Strict,
    Text,
    TopicId,
    UpperLimit,
    Urgency,
)


class Medicine(Cited):
    id: Id
    name: Text
    """The class, as a person would recognise it: "Proton pump inhibitors (PPIs)"."""
    short: Text
    """How a sentence names the class: "a PPI"."""
    examples: tuple[Text, ...] = Field(min_length=1)
    """Common generic names; a person may answer with one of these instead of the class."""
    note: str = ""
    back_pain_note: str = ""
    """What back-pain guidance says of this medicine (NICE NG59), said kindly: never "stop taking it"."""


class MedicineName(Cited):
    """A brand or combination name a person may type (``medicine_names.toml``), and the classes it belongs to.

    Combination products belong to each class they contain (co-codamol: codeine and paracetamol).
    """

    name: Text
    classes: tuple[Id, ...] = Field(min_length=1)
    generic: Text
    """What it contains, in generic names ("codeine and paracetamol")."""
    note: str = ""
    """Where the name means different products in different countries, or other care is needed."""


class MedicineCaution(Cited):
    """A caution for a combination of answers (``medicine_cautions.toml``): the "triple whammy" of an ACE
    inhibitor or ARB, a diuretic and an NSAID; an SSRI with aspirin or fish oil; a statin and aching muscles."""

    id: Id
    when: tuple[When, ...] = Field(min_length=1)
    severity: Literal["info", "caution", "doctor_first"]
    text: Text


class Condition(Cited):
    id: Id
    name: Text
    note: str = ""


class Symptom(Cited):
    id: Id
    name: Text
    nutrients: tuple[NutrientId, ...] = Field(min_length=1)
    musculoskeletal: bool = False
    note: str = ""
    """Other common causes, so a symptom is never read as proof of a deficiency."""
    warning: str = ""
    """When the symptom needs urgent help. Said once, with the result's safety net, not inside each nutrient
    the symptom points to (a person with everyday tingling read "is an emergency" five times)."""


class QuestionVariant(Strict):
    """Another wording of a red flag's question (defined before :class:`RedFlag`, so no field is a forward
    reference: the model is complete as soon as it is defined, which the content cache relies on)."""

    when: tuple[When, ...] = Field(min_length=1)
    question: Text


class RedFlag(Cited):
    id: Id
    question: Text
    """Asked as a yes/no question in the back-pain step."""
    said: Text
    """The question as a plain clause in the person's words, for the result to state what they answered:
    "You said ...", "You were not sure whether ...", "Your other answers suggest ...". Lower-case first
    letter, no final full stop; true for every wording in ``variants``."""
    urgency: Urgency
    meaning: Text
    """What it may point to, without diagnosing."""
    advice: Text
    """What to do and how soon, in words that work in any country."""
    implied_by: tuple[When, ...] = ()
    """Answers elsewhere that raise this flag by themselves (all must hold), e.g. a serious accident."""
    ask_when: tuple[When, ...] = ()
    """Asked only of people whose answers hold (all of them): no pregnancy signs for a man. Empty: everyone."""
    variants: tuple[QuestionVariant, ...] = ()
    """Other wordings of the question for some people; the first whose tests hold is asked."""
    asked: bool = True
    """False: never asked, only raised by other answers (``implied_by``): a combination the guidance treats as
    more urgent than each answer alone (a past cancer and pain spreading down a leg)."""

    @model_validator(mode="after")
    def _raised_somehow(self) -> "RedFlag":
        if not self.asked and not self.implied_by:
            raise ValueError("a flag that is never asked needs implied_by")
        return self

    def question_for(self, holds: Callable[[tuple[When, ...]], bool]) -> str:
        """The wording to ask, given a function that says whether tests hold for this person."""
        return next((v.question for v in self.variants if holds(v.when)), self.question)


Situation = Literal[
    "pregnancy",
    "osteoporosis",
    "acute_severe_pain",
    "leg_symptoms",
    "neck_pain",
    "older",
    "falls_risk",
    "housebound",
    "exertion_symptoms",
    "numb_or_diabetes",
    "inflammatory",
]
"""What a person's answers say that changes the exercise and self-care advice, worked out by the engine
(``engine/profile.py``, the table in docs/content.md): an exercise caution's ``when``, an advice rule's
``situation`` and ``withheld_in``."""


class ExerciseCaution(Strict):
    when: Situation
    text: Text
    exclude: bool = False
    """True where the exercise should not be suggested at all in this situation."""
    first: bool = False
    """True where the exercise is offered first in this situation, ahead of a better fit for the pain alone
    (strength and balance from 65: they lower the rate of falls), if it is at least a good option (fit 2)."""
    last: bool = False
    """True where the exercise is offered after every other in this situation (a class or a pool, for someone
    who rarely leaves the house); it wins over another situation's ``first``."""
    sources: tuple[SourceId, ...] = ()
    """Sources for what the caution adds to the exercise's own; the suggestion cites them with the exercise's."""
    unverified: bool = False
    """The caution is not yet confirmed against its source (the fact sheet's dagger): shown with a dagger."""

    @model_validator(mode="after")
    def _one_place(self) -> "ExerciseCaution":
        if self.exclude + self.first + self.last > 1:
            raise ValueError("give at most one of 'exclude', 'first' and 'last'")
        return self


class Exercise(Cited):
    id: Id
    name: Text
    description: Text
    suits: Text
    evidence: Text
    certainty: Literal["high", "moderate", "low", "very_low"]
    fit: dict[Duration, Annotated[int, Field(ge=0, le=3)]]
    """How well it suits each pain duration, 0 (not advised) to 3 (a first choice)."""
    cautions: tuple[ExerciseCaution, ...] = ()
    stop_if: str = ""
    """What to stop for in this exercise beyond the signs that apply to every exercise, which are said once
    (``rules.toml`` advice with topic ``exercise_stop``): tai chi's dizziness, the pool's "get out of the
    water". Empty for most exercises."""

    @model_validator(mode="after")
    def _every_duration(self) -> "Exercise":
        missing = [d for d in ("acute", "subacute", "chronic") if d not in self.fit]
        if missing:
            raise ValueError(f"fit: missing duration(s): {', '.join(missing)}")
        return self


class Correction(Cited):
    id: Id
    claim: Text
    verdict: Literal["wrong", "mostly_wrong", "partly", "unsupported", "misleading", "supported"]
    correct: Text


class FoodRule(Cited):
    """Foods to leave out, move down or annotate for some people (``food_rules.toml``).

    The rule applies to a person when all of ``when`` hold (empty: everyone). It acts on the foods
    that carry any of ``tags`` or any of ``allergens``, or (``over_topic_limit``) whose one serving has more of a
    caution topic's nutrient than that topic's upper limit for the person's age (preformed vitamin A in liver).
    """

    id: Id
    when: tuple[When, ...] = ()
    tags: tuple[FoodTag, ...] = ()
    allergens: tuple[Allergen, ...] = ()
    """Foods marked with any of these allergens are acted on (gluten with coeliac disease)."""
    over_topic_limit: Id | None = None
    """A caution topic id (``topics.toml``); foods whose serving passes its upper limit are acted on."""
    action: Literal["exclude", "last", "note"]
    """exclude: never suggested; last: listed after every other food; note: shown with ``text``."""
    text: Text
    """Said once in the result where the rule applies, and with every food it annotates (action note)."""

    @model_validator(mode="after")
    def _some_foods(self) -> "FoodRule":
        if not self.tags and not self.allergens and self.over_topic_limit is None:
            raise ValueError("give 'tags', 'allergens' or 'over_topic_limit': which foods does the rule act on?")
        return self


class SupplementForm(Cited):
    """A way a supplement's amount is written on its pack, and how much of the nutrient that is.

    ``factor`` is the nutrient's own unit per entered unit: vitamin D in IU is 0.025 mcg per IU;
    dried ferrous sulfate is about 0.325 mg of iron per mg; fish oil is about 0.0003 g of EPA+DHA per mg
    of oil. ``assumed`` marks a typical figure that varies by product (the result says so).
    """

    id: Id
    nutrient: NutrientId
    name: Text
    """As the person reads it on the pack: "Ferrous sulfate, dried (most UK iron tablets)"."""
    entered_in: Literal["mcg", "mg", "g", "IU"]
    factor: Annotated[float, Field(gt=0, le=1_000)]
    assumed: bool = False


class TopicSupplementCaution(Cited):
    """What a daily supplement of a topic's nutrient over ``above`` means (B6 over 10 mg: tingling)."""

    above: Annotated[float, Field(ge=0)]
    when: tuple[When, ...] = ()
    severity: Literal["info", "caution", "doctor_first"]
    text: Text


class Topic(Cited):
    """A nutrient that is not scored but changes what some people should do (vitamin A, vitamin K, vitamin B6)."""

    id: TopicId
    name: Text
    unit: Text
    summary: Text
    upper_limit: UpperLimit | None = None
    """Where set: used by food rules (``over_topic_limit``)."""
    supplement_unit: Literal["mcg", "mg"] | None = None
    """Set where a person may say they take it as a supplement (the wizard asks; answers give an amount)."""
    supplement_cautions: tuple[TopicSupplementCaution, ...] = ()
    """For a person who takes it: the cautions whose amount it passes and whose answers hold."""
