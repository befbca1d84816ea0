"""The small value types the engine's builders hand each other (all immutable, so results can share them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from nutri_tui.models.assessment import Caution, ExerciseSuggestion, FoodSuggestion, Reason, Target, UpperLimitOut
from nutri_tui.models.content import Food, Interaction

if TYPE_CHECKING:
    from nutri_tui.models.catalogues import ExerciseCaution

CERTAINTY_ORDER = {"high": 0, "moderate": 1, "low": 2, "very_low": 3}
SEVERITY_ORDER = {"doctor_first": 0, "caution": 1, "info": 2}


def caution_rank(caution: Caution) -> int:
    """Where a caution goes in a finding: most severe first, the upper limit first among equals."""
    return SEVERITY_ORDER[caution.severity] * 2 + (caution.about != "upper_limit")


class TakenMedicine(NamedTuple):
    """A medicine class the person takes (``Profile.medicines``)."""

    id: str
    said_as: str
    """The name as the person gave it (``omeprazole``); empty when they gave the class id (``ppi``)."""


class Basics(NamedTuple):
    """What a nutrient's finding needs whatever the person's risk factors."""

    target: Target
    upper: UpperLimitOut | None
    limit_caution: Caution
    limit_rank: int
    limit_caution_doctor_first: Caution
    """The same, for a person told to ask a doctor first: it names no amount left to take."""
    covered: bool
    """A supplement already reaches the target (rules marked offset_by_supplement then weigh less)."""
    food_limit: tuple[float, float] | None
    """(upper limit, amount a day already taken in supplements) where the limit counts food, else None: a food whose
    one serving, with the supplements, passes the limit is left out."""
    from_supplements: float
    """What supplements give a day towards the target, in the target's unit (folic acid counted as DFE); 0 where
    the target counts another form than supplements give (omega-3: ALA, not fish oil's EPA+DHA)."""


class Effect(NamedTuple):
    """One interaction that applies to a person, as the finding for its nutrient shows it."""

    position: int
    """Among all the content's interactions, in content order (a finding lists them in this order)."""
    nutrient_id: str
    reason: Reason | None
    """For interactions that deplete the nutrient or raise the need for it: they count towards the score."""
    rank: int
    caution: Caution
    caution_without_foods: Caution
    """The caution without its advice to eat more, for a finding that lists no foods."""
    doctor_first: bool
    diet_doctor_first: bool
    """Food intake too is for the doctor to advise (scope = "diet")."""
    mask: int
    advice: str
    """The interaction's advice, which the caution ends with (said once per finding: see ``repeat``)."""
    repeat: Caution
    """The caution without its advice, for a finding that has already given the same advice."""


class FoodRuleUse(NamedTuple):
    """What one food rule does to food lists, as a hashable key for the food-list cache."""

    action: str
    tags: frozenset[str]
    allergens: frozenset[str]
    over_limit: float | None
    """Foods whose serving has more of the rule's topic nutrient than this (the person's upper limit) are acted on."""
    text: str


class FoodPart(NamedTuple):
    suggestions: tuple[FoodSuggestion, ...]
    skipped: tuple[tuple[int, Caution], ...]
    """A ranked caution for each food left out because one serving passes the upper limit."""
    mask: int
    advisories: frozenset[str]
    """Every food rule's text that some food of the list carries (said once in the result)."""
    withheld: str = ""
    """Why no food is suggested at all (supplements already reach the upper limit), or ""."""


FoodLists = Callable[[str, str, frozenset[str], float, tuple[float, float] | None, float], FoodPart]
"""The food lists for one set of food rules: (nutrient, diet, relevant allergies, target, food limit, what
supplements give towards the target) -> foods."""


def acts_on(use: FoodRuleUse, food: Food) -> bool:
    """Whether a food rule applies to a food: by its tags or allergens, or by how much vitamin A one serving holds."""
    if use.tags and not use.tags.isdisjoint(food.tags):
        return True
    if use.allergens and not use.allergens.isdisjoint(food.allergens):
        return True
    return use.over_limit is not None and food.vitamin_a is not None and food.vitamin_a > use.over_limit


class ExercisePart(NamedTuple):
    suggestions: tuple[ExerciseSuggestion, ...]
    mask: int


GOOD_FIT = 2
"""An exercise's fit from which a situation's ``first`` can put it ahead of the others."""


def exercise_place(fit: int, applying: Iterable[ExerciseCaution]) -> int:
    """Where an exercise goes for a person, before its fit counts: 0 first, 1 with the others, 2 after them all.

    A situation's ``last`` (a class, for someone who rarely leaves the house) wins over another's ``first``.
    ``first`` puts an exercise ahead of a better fit only where it is at least a good option for this pain
    (fit 2): in new, severe pain, walking stays first whatever the age.
    """
    place = 1
    for caution in applying:
        if caution.last:
            return 2
        if caution.first and fit >= GOOD_FIT:
            place = 0
    return place


InteractionEntry = tuple[int, str, Interaction]
"""An interaction: its position among all interactions (content order), its nutrient, itself."""
