"""Result pieces that depend on a few per-person values, built on first use and then shared.

Results are immutable, so one ``Reason``, ``Caution`` or tuple of food suggestions can sit in
any number of results. Each builder here is keyed by exactly what its output depends on (never
by whole answers), so a cache hit gives the object a fresh build would. Every cache is an LRU
with a maximum size: some keys hold what a person types (supplement amounts, a medicine in their
own spelling) or combinations of answers, which have no useful bound. The sizes hold many times
the pieces one content version needs for ordinary use; a miss only costs a rebuild.

One ``Pieces`` belongs to one loaded Content (through its ContentIndex), so caches never outlive
or mix content versions.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from nutri_tui.content import Content
from nutri_tui.engine.sources import SourceMasks
from nutri_tui.engine.wording import UL_SCOPE, describe, lower_first
from nutri_tui.labels import number
from nutri_tui.models.assessment import Caution, ExerciseSuggestion, FoodSuggestion, Reason, Target, UpperLimitOut
from nutri_tui.models.content import Food, Interaction

REASONS_MAX = 4096
"""Reasons from rules: keyed by the answers quoted (an age, a list of conditions) and any supplement amount."""
EFFECTS_MAX = 2048
"""A medicine's or condition's interactions: keyed by the medicine as the person typed it."""
LIMITS_MAX = 2048
"""Basics for a nutrient taken as a supplement: keyed by the amount, a free number."""
FOODS_MAX = 2048
"""Food lists: nutrient x diet x relevant allergies x target x limit."""
SMALL_MAX = 1024
"""Keys drawn from the content's own vocabularies only (life stages, durations, situations)."""

CERTAINTY_ORDER = {"high": 0, "moderate": 1, "low": 2, "very_low": 3}
SEVERITY_ORDER = {"doctor_first": 0, "caution": 1, "info": 2}


def caution_rank(caution: Caution) -> int:
    """Where a caution goes in a finding: most severe first, the upper limit first among equals."""
    return SEVERITY_ORDER[caution.severity] * 2 + (caution.about != "upper_limit")


class Basics(NamedTuple):
    """What a nutrient's finding needs whatever the person's risk factors."""

    target: Target
    upper: UpperLimitOut | None
    limit_caution: Caution
    limit_rank: int
    covered: bool
    """A supplement already reaches the target (rules marked offset_by_supplement then weigh less)."""
    food_limit: float | None
    """The upper limit where it counts food (a food whose one serving passes it is left out), else None."""


class Effect(NamedTuple):
    """One interaction that applies to a person, as the finding for its nutrient shows it."""

    position: int
    """Among all the content's interactions, in content order (a finding lists them in this order)."""
    nutrient_id: str
    reason: Reason | None
    """For interactions that deplete the nutrient: they count towards the score."""
    rank: int
    caution: Caution
    doctor_first: bool
    mask: int


class FoodPart(NamedTuple):
    suggestions: tuple[FoodSuggestion, ...]
    skipped: tuple[tuple[int, Caution], ...]
    """A ranked caution for each food left out because one serving passes the upper limit."""
    mask: int


class ExercisePart(NamedTuple):
    suggestions: tuple[ExerciseSuggestion, ...]
    mask: int


InteractionEntry = tuple[int, str, Interaction]
"""An interaction: its position among all interactions (content order), its nutrient, itself."""


class Pieces:
    """The cached builders for one Content; call them with hashable keys (ids, positions, numbers, strings)."""

    def __init__(
        self,
        content: Content,
        masks: SourceMasks,
        foods_for_diet: dict[tuple[str, str], tuple[Food, ...]],
        by_medicine: dict[str, tuple[InteractionEntry, ...]],
        by_condition: dict[str, tuple[InteractionEntry, ...]],
    ) -> None:
        self._content = content
        self._rules = content.rules
        self._masks = masks
        self._foods_for_diet = foods_for_diet
        self._by_medicine = by_medicine
        self._by_condition = by_condition
        # The public names are the cached builders; the builders themselves start with "_".
        self.rule_reason = lru_cache(maxsize=REASONS_MAX)(self._rule_reason)
        self.medicine_effects = lru_cache(maxsize=EFFECTS_MAX)(self._medicine_effects)
        self.condition_effects = lru_cache(maxsize=EFFECTS_MAX)(self._condition_effects)
        self.basics = lru_cache(maxsize=LIMITS_MAX)(self._basics)
        self.basics_without_supplements = lru_cache(maxsize=SMALL_MAX)(self._basics_without_supplements)
        self.foods = lru_cache(maxsize=FOODS_MAX)(self._foods)
        self.food_suggestion = lru_cache(maxsize=FOODS_MAX)(self._food_suggestion)
        self.exercises = lru_cache(maxsize=SMALL_MAX)(self._exercises)

    def _rule_reason(self, position: int, values: tuple[Any, ...], offset_taken: float | None) -> Reason:
        """Rule ``position`` of rules.toml, which held for these answer values.

        ``offset_taken``: the daily supplement amount that covers the target, for a rule it offsets; else None.
        """
        rule = self._rules.nutrient_rule[position]
        weight, text = rule.weight, rule.text
        if offset_taken is not None:
            unit = self._content.nutrients[rule.nutrient].unit
            weight *= self._rules.supplement_factor
            text += f" You already take {number(offset_taken)} {unit} a day as a supplement, so this counts for less."
        answer = describe((t.field for t in rule.when), values)
        return Reason(
            text=text, answer=answer, weight=round(weight, 2), sources=rule.sources, unverified=rule.unverified
        )

    def _medicine_effects(self, medicine_id: str, said_as: str) -> tuple[Effect, ...]:
        """A medicine's interactions; ``said_as`` is the person's name for it ("" when they gave the class)."""
        entries = self._by_medicine.get(medicine_id, ())
        if not entries:
            return ()
        short = self._content.medicines[medicine_id].short
        label = f"You take {said_as} ({short})" if said_as else f"You take {short}"
        return self._effects(entries, label, f"health.medicines = {said_as or medicine_id}")

    def _condition_effects(self, condition_id: str, cause: str) -> tuple[Effect, ...]:
        """A condition's interactions; ``cause`` is the answer that established it (see Profile.conditions)."""
        entries = self._by_condition.get(condition_id, ())
        if not entries:
            return ()
        label = f"You reported {lower_first(self._content.conditions[condition_id].name)}"
        return self._effects(entries, label, cause if "=" in cause else f"{cause} = {condition_id}")

    def _effects(self, entries: tuple[InteractionEntry, ...], label: str, answer: str) -> tuple[Effect, ...]:
        effects = []
        weights = self._rules.depleting_interaction
        for position, nutrient_id, interaction in entries:
            reason = None
            if interaction.effect == "depletes":
                reason = Reason(
                    text=f"{label}: {lower_first(interaction.text)}",
                    answer=answer,
                    weight=round(getattr(weights, interaction.severity), 2),
                    sources=interaction.sources,
                    unverified=interaction.unverified,
                )
            partner = (
                f"medicine:{interaction.medicine}" if interaction.medicine else f"condition:{interaction.condition}"
            )
            caution = Caution(
                text=f"{label}: {lower_first(interaction.text)} {interaction.advice}",
                about=partner,
                severity=interaction.severity,
                sources=interaction.sources,
            )
            doctor_first = interaction.severity == "doctor_first"
            mask = self._masks.of(interaction.sources)
            effects.append(Effect(position, nutrient_id, reason, caution_rank(caution), caution, doctor_first, mask))
        return tuple(effects)

    def _basics_without_supplements(self, stages: tuple[str, ...], age_band: str) -> tuple[Basics, ...]:
        """Every nutrient's basics (content order) for a person taking no supplement of it: one look-up a profile."""
        return tuple(self._basics(nutrient_id, stages, age_band, 0.0) for nutrient_id in self._content.nutrients)

    def _basics(self, nutrient_id: str, stages: tuple[str, ...], age_band: str, taken: float) -> Basics:
        """Target for these life stages, upper limit for this age band, and what ``taken`` a day means for both."""
        target = self._target(nutrient_id, stages, age_band)
        in_target_unit = taken * self._rules.supplement_to_target_unit.get(nutrient_id, 1.0)
        covered = taken > 0 and in_target_unit >= self._rules.supplement_covers.get(nutrient_id, target.amount)
        upper, caution = self._upper_limit(nutrient_id, age_band, taken)
        food_limit = upper.amount if upper is not None and upper.applies_to == "all_sources" else None
        return Basics(target, upper, caution, caution_rank(caution), covered, food_limit)

    def _target(self, nutrient_id: str, stages: tuple[str, ...], age_band: str) -> Target:
        nutrient = self._content.nutrients[nutrient_id]
        values = [nutrient.targets.values[stage] for stage in stages]  # type: ignore[index]
        high, low = max(values), min(values)
        return Target(
            amount=high,
            unit=nutrient.unit,
            kind=nutrient.targets.kind,
            low=low if low != high else None,
            life_stage=stages[0] if len(stages) == 1 else f"adult_{age_band}",
        )

    def _upper_limit(self, nutrient_id: str, age_band: str, taken: float) -> tuple[UpperLimitOut | None, Caution]:
        """The upper limit for this age band (None where none is set) and the caution that explains it."""
        nutrient = self._content.nutrients[nutrient_id]
        limit = nutrient.upper_limit
        if limit.applies_to == "none_set":
            return None, Caution(text=limit.note, about="upper_limit", severity="info", sources=limit.sources)
        amount = limit.values[age_band]  # type: ignore[index]
        upper = UpperLimitOut(
            amount=amount,
            unit=nutrient.unit if limit.applies_to != "folic_acid" else "mcg",
            applies_to=limit.applies_to,
            note=limit.note,
            already_taken=taken,
            supplement_room=max(0.0, amount - taken),
        )
        text = f"Upper limit for you: {number(upper.amount)} {upper.unit} a day {UL_SCOPE[upper.applies_to]}."
        severity = "info"
        if taken > upper.amount:
            text += (
                f" You take {number(taken)} {upper.unit} a day in supplements, which is above it:"
                " please talk to a doctor or pharmacist before taking more."
            )
            severity = "doctor_first"
        elif taken > 0:
            text += (
                f" You already take {number(taken)} {upper.unit} a day, so any further supplement must stay"
                f" under {number(upper.supplement_room)} {upper.unit}."
            )
        return upper, Caution(text=text, about="upper_limit", severity=severity, sources=limit.sources)

    def _foods(
        self, nutrient_id: str, diet: str, allergies: frozenset[str], target: float, limit: float | None
    ) -> FoodPart:
        """Foods that fit the diet and allergies, richest first; any whose one serving passes ``limit`` left out.

        ``limit`` is the upper limit only where it counts food (``all_sources``), else None.
        """
        nutrient = self._content.nutrients[nutrient_id]
        limit_sources = nutrient.upper_limit.sources
        suggestions: list[FoodSuggestion] = []
        skipped: list[tuple[int, Caution]] = []
        for food in self._foods_for_diet[(nutrient_id, diet)]:
            if allergies and allergies.intersection(food.allergens):
                continue
            if limit is not None and food.amount > limit:
                text = (
                    f"{food.name} is left out of the suggestions: one serving ({food.serving}) has "
                    f"{number(food.amount)} {nutrient.unit}, above your upper limit of {number(limit)}."
                )
                caution = Caution(text=text, about="food", severity="caution", sources=limit_sources)
                skipped.append((caution_rank(caution), caution))
                continue
            suggestions.append(self.food_suggestion(nutrient_id, food, target))
        mask = self._masks.of(s for item in (*suggestions, *(c for _, c in skipped)) for s in item.sources)
        return FoodPart(tuple(suggestions), tuple(skipped), mask)

    def _food_suggestion(self, nutrient_id: str, food: Food, target: float) -> FoodSuggestion:
        """One food at one target amount, shared by every food list that shows it."""
        targets = self._content.nutrients[nutrient_id].targets
        counts = not targets.form or food.form == targets.form
        return FoodSuggestion(
            id=food.id,
            name=food.name,
            serving=food.serving,
            amount=food.amount,
            unit=food.unit,
            dv_percent=food.dv_percent,
            form=food.form,
            servings_to_target=round(target / food.amount, 1) if counts and food.amount > 0 else None,
            sources=food.sources,
        )

    def _exercises(self, duration: str, situations: frozenset[str]) -> ExercisePart:
        """Exercises that fit the pain duration and situation, best fit first; exclusions dropped."""
        chosen: list[tuple[tuple[int, int, str], ExerciseSuggestion]] = []
        for exercise in self._content.exercises.values():
            fit = exercise.fit[duration]  # type: ignore[index]
            applying = [c for c in exercise.cautions if c.when in situations]
            if fit == 0 or any(c.exclude for c in applying):
                continue
            suggestion = ExerciseSuggestion(
                id=exercise.id,
                name=exercise.name,
                fit=fit,
                description=exercise.description,
                suits=exercise.suits,
                evidence=exercise.evidence,
                certainty=exercise.certainty,
                cautions=tuple(c.text for c in applying),
                stop_if=exercise.stop_if,
                sources=exercise.sources,
            )
            chosen.append(((-fit, CERTAINTY_ORDER[exercise.certainty], exercise.name), suggestion))
        chosen.sort(key=lambda pair: pair[0])
        suggestions = tuple(s for _, s in chosen)
        return ExercisePart(suggestions, self._masks.of(s for e in suggestions for s in e.sources))
