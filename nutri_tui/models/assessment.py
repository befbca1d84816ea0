"""The result of an assessment: what the app shows, saves and prints as JSON.

Every finding carries the answers that caused it (``answer``) and the source
ids behind it; ``Assessment.sources`` resolves every id cited anywhere in the
result, so a printed or saved result stands on its own.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

Level = Literal["high", "moderate", "low"]
LEVEL_ORDER: dict[str, int] = {"high": 0, "moderate": 1, "low": 2}


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RedFlagFinding(Out):
    id: str
    question: str
    urgency: Literal["emergency", "urgent", "soon"]
    answer: Literal["yes", "dont_know", "implied"]
    """yes: answered yes; dont_know: unsure (shown, treated with caution); implied: raised by other answers."""
    meaning: str
    advice: str
    sources: tuple[str, ...]


class Reason(Out):
    text: str
    answer: str
    """The answer that caused it, as ``field = value`` (``diet.oily_fish = never``)."""
    weight: float
    sources: tuple[str, ...]
    unverified: bool = False


class Target(Out):
    amount: float
    unit: str
    kind: Literal["RDA", "AI"]
    low: float | None = None
    """Set when sex was not stated: the lower of the female and male values (``amount`` is the higher)."""
    life_stage: str


class UpperLimitOut(Out):
    amount: float
    unit: str
    applies_to: Literal["all_sources", "supplements_and_medicines", "folic_acid"]
    note: str
    already_taken: float = 0
    supplement_room: float
    """How much more may come from supplements before reaching the limit: never negative, never above it."""


class FoodSuggestion(Out):
    id: str
    name: str
    serving: str
    amount: float
    unit: str
    dv_percent: float | None = None
    form: str
    servings_to_target: float | None = None
    """Roughly how many servings a day would reach the target alone (None where it does not count towards it)."""
    sources: tuple[str, ...]


class Caution(Out):
    text: str
    about: str
    """``upper_limit``, ``medicine:ppi``, ``condition:kidney_disease``, ``supplement`` or ``food``."""
    severity: Literal["info", "caution", "doctor_first"]
    sources: tuple[str, ...]


class TestInfo(Out):
    name: str
    shows: str
    limits: str
    usefulness: Literal["good", "limited", "poor", "none"]
    sources: tuple[str, ...]


class NutrientFinding(Out):
    id: str
    name: str
    level: Level
    score: float
    reasons: tuple[Reason, ...]
    target: Target
    upper_limit: UpperLimitOut | None = None
    upper_limit_note: str
    foods: tuple[FoodSuggestion, ...]
    cautions: tuple[Caution, ...]
    tests: tuple[TestInfo, ...]
    doctor_first: bool
    """True when this person should not supplement this nutrient without a doctor."""
    sources: tuple[str, ...]


class ExerciseSuggestion(Out):
    id: str
    name: str
    fit: int
    description: str
    suits: str
    evidence: str
    certainty: str
    cautions: tuple[str, ...]
    stop_if: str
    sources: tuple[str, ...]


class Advice(Out):
    id: str
    topic: str
    text: str
    sources: tuple[str, ...]


class SourceRef(Out):
    id: str
    title: str
    publisher: str
    url: str


class Assessment(Out):
    content_version: str
    life_stage: str
    notes: tuple[str, ...]
    """About how the answers were read (missing age, unstated sex, under-18s)."""
    summary: tuple[str, ...]
    """The lines a person reads first, red flags before anything else."""
    red_flags: tuple[RedFlagFinding, ...]
    emergency: bool
    exercise_withheld: bool
    nutrients: tuple[NutrientFinding, ...]
    """All nutrients, most worth checking first."""
    tests_to_ask: tuple[str, ...]
    """Nutrient ids whose blood test is worth asking a doctor about."""
    exercises: tuple[ExerciseSuggestion, ...]
    exercise_note: str
    advice: tuple[Advice, ...]
    general_cautions: tuple[Caution, ...]
    disclaimer: str
    sources: tuple[SourceRef, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Assessment:
        """A hand-edited session must still be displayable: findings present, test ids among them."""
        if not self.nutrients:
            raise ValueError("nutrients: a result needs at least one nutrient finding")
        known = {n.id for n in self.nutrients}
        unknown = [t for t in self.tests_to_ask if t not in known]
        if unknown:
            raise ValueError(f"tests_to_ask: {unknown[0]!r} is not one of the result's nutrients")
        return self
