"""Models for ``content/rules.toml``: the scoring weights and advice rules.

Scoring is data, not code: each :class:`NutrientRule` says "when these answers
hold, add this weight to this nutrient, for this cited reason". Weights are
positive, so adding a risk factor can never lower a score. Level thresholds,
symptom and medicine weights live here too. :class:`AdviceRule` entries carry
the evidence-based self-management advice (stress, sleep, staying active),
which deliberately never feeds a nutrient score: no source shows stress causes
these deficiencies.
"""

# No `from __future__ import annotations`: see the note in models/content.py (forward references are quoted).
from typing import Annotated, Literal

from pydantic import Field, model_validator

from nutri_tui.models.answer_tests import When
from nutri_tui.models.catalogues import Situation
from nutri_tui.models.content import Cited, Id, NutrientId, Statement, Strict, Text

Weight = Annotated[float, Field(gt=0, le=20)]


class NutrientRule(Cited):
    id: Id
    nutrient: NutrientId
    weight: Weight
    when: tuple[When, ...] = Field(min_length=1)
    text: Text
    """One sentence explaining why this answer matters for this nutrient."""
    offset_by_supplement: bool = False
    """True for intake-related rules: a daily supplement that reaches the target reduces their weight."""


EXERCISE_TOPICS = frozenset({"exercise_first", "exercise", "exercise_stop"})
"""Advice said with the exercises, and withheld with them after an emergency sign."""


class AdviceRule(Cited):
    id: Id
    topic: Literal[
        "stress",
        "sleep",
        "activity",
        "smoking",
        "pain",
        "supplements",
        "general",
        "first",
        "safety_net",
        "exercise_first",
        "exercise",
        "exercise_stop",
    ]
    """``first``: advice to act on now, said in the action plan's nutrients step and not again after it (folic acid
    when trying for a baby). ``safety_net``: what to do if things change, always the last step of the action plan.
    The exercise topics are said with the exercises: ``exercise_first`` a check to have before starting any new
    exercise (at the top, and in the plan's exercise step, which then suggests none); ``exercise`` what this
    person's situation means for exercise; ``exercise_stop`` when to stop, said once for every exercise."""
    when: tuple[When, ...] = ()
    """Empty: always shown."""
    situation: Situation | None = None
    """Shown only in this situation, as the exercises see it (``engine/profile.py``): thin bones from the
    condition or from a possible spinal fracture, a fall in the last year or age 65 or over."""
    withheld_in: tuple[Situation, ...] = ()
    """Withheld in any of these situations (heat for someone with diabetes, poor circulation or numb skin)."""
    text: Text
    nutrient: NutrientId | None = None
    """Advice to take or eat more of this nutrient: withheld for anyone told to ask their doctor first about it."""


class Levels(Strict):
    high: Weight
    moderate: Weight

    @model_validator(mode="after")
    def _ordered(self) -> "Levels":
        if self.moderate >= self.high:
            raise ValueError("moderate must be below high")
        return self


class InteractionWeights(Strict):
    info: Weight
    caution: Weight
    doctor_first: Weight


Drinks = Annotated[int, Field(ge=1, le=100)]


class HeavyDrinking(Cited):
    """Standard drinks a week from which alcohol counts as the ``alcohol_use`` condition, by sex."""

    male: Drinks
    female: Drinks
    not_stated: Drinks
    """Sex not given: the lower threshold, so heavy drinking is never missed."""
    text: Text
    """How the threshold is defined; said with the reason it gives."""

    def threshold(self, sex: str) -> int:
        return {"male": self.male, "female": self.female}.get(sex, self.not_stated)


class PainChange(Cited):
    """The change in the 0-10 pain score that matters to a person (the minimal important change): at least
    ``points``, or at least ``percent`` of the earlier score; either is enough. Said with its source wherever
    two pain scores are compared."""

    points: Annotated[int, Field(ge=1, le=10, strict=True)]
    percent: Annotated[int, Field(ge=1, le=100, strict=True)]
    text: Text
    """What the threshold is and where it comes from, in words; it names both numbers."""

    @model_validator(mode="after")
    def _says_its_numbers(self) -> "PainChange":
        for said in (f"{self.points} points", f"{self.percent}%"):
            if said not in self.text:
                raise ValueError(f"text: must say {said!r}, as the numbers do")
        return self


class Rules(Strict):
    levels: Levels
    symptom_weight: Weight
    depleting_interaction: InteractionWeights
    supplement_factor: Annotated[float, Field(ge=0, le=1)]
    """Multiplier for offset_by_supplement rules when a supplement already covers the target."""
    heavy_drinking: HeavyDrinking
    min_food_share: Annotated[float, Field(ge=0, lt=1)] = 0.0
    """A food is suggested for a nutrient only if one serving gives at least this share of the person's target."""
    implausible_times_upper_limit: Annotated[float, Field(gt=1, le=100)]
    """A supplement amount this many times the upper limit is refused as a likely unit mix-up."""
    supplement_plausible_max: dict[NutrientId, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    """The same guard, in the nutrient's unit, for nutrients with no upper limit."""
    supplement_covers: dict[NutrientId, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    """Daily supplement amount that counts as covering a nutrient, where not its target (omega-3: EPA+DHA)."""
    supplement_to_target_unit: dict[NutrientId, Annotated[float, Field(gt=0, le=10)]] = Field(default_factory=dict)
    """Factor from the supplement's unit to the target's (folate: 1 mcg folic acid with food = 1.7 mcg DFE)."""
    general_caution: Statement
    """Said once on every result, wherever supplements come up."""
    pain_change: PainChange
    nutrient_rule: tuple[NutrientRule, ...] = Field(min_length=1)
    advice: tuple[AdviceRule, ...] = ()
