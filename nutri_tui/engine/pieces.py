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
from typing import Any

from nutri_tui.content import Content
from nutri_tui.engine.exercises import exercise_part
from nutri_tui.engine.food_choice import FoodChoice
from nutri_tui.engine.parts import (
    Basics,
    Effect,
    ExercisePart,
    InteractionEntry,
    TakenMedicine,
    caution_rank,
)
from nutri_tui.engine.sources import SourceMasks
from nutri_tui.engine.wording import UL_SCOPE, describe, lower_first
from nutri_tui.models.assessment import (
    Caution,
    Reason,
    SupplementTaken,
    Target,
    UpperLimitOut,
    YourItem,
)
from nutri_tui.models.content import SCORED_EFFECTS, Food
from nutri_tui.text import number

REASONS_MAX = 4096
"""Reasons from rules: keyed by the answers quoted (an age, a list of conditions) and any supplement amount."""
EFFECTS_MAX = 2048
"""A medicine's or condition's interactions: keyed by the medicine as the person typed it (and the classes of a
person's list of medicines, keyed by the list)."""
LIMITS_MAX = 2048
"""Basics for a nutrient taken as a supplement: keyed by the amount, a free number."""
RULE_SETS_MAX = 64
"""Sets of food rules that apply to someone, each with its own food lists (a subset of the few rules, by age band)."""
SMALL_MAX = 1024
"""Keys drawn from the content's own vocabularies only (life stages, durations, situations)."""


class Pieces:
    """The cached builders for one Content; call them with hashable keys (ids, positions, numbers, strings)."""

    def __init__(
        self,
        content: Content,
        masks: SourceMasks,
        foods_for_diet: dict[tuple[str, str], tuple[Food, ...]],
        by_medicine: dict[str, tuple[InteractionEntry, ...]],
        by_condition: dict[str, tuple[InteractionEntry, ...]],
        medicine_by_name: dict[str, tuple[str, ...]],
    ) -> None:
        self._content = content
        self._rules = content.rules
        self._masks = masks
        self._by_medicine = by_medicine
        self._by_condition = by_condition
        self._medicine_by_name = medicine_by_name
        # The public names are the cached builders; the builders themselves start with "_".
        self.rule_reason = lru_cache(maxsize=REASONS_MAX)(self._rule_reason)
        self.medicine_effects = lru_cache(maxsize=EFFECTS_MAX)(self._medicine_effects)
        self.condition_effects = lru_cache(maxsize=EFFECTS_MAX)(self._condition_effects)
        self.basics = lru_cache(maxsize=LIMITS_MAX)(self._basics)
        self.basics_without_supplements = lru_cache(maxsize=SMALL_MAX)(self._basics_without_supplements)
        self.food_choice = FoodChoice(content, masks, foods_for_diet)
        self.food_lists = lru_cache(maxsize=RULE_SETS_MAX)(self.food_choice.lists)
        self.exercises = lru_cache(maxsize=SMALL_MAX)(self._exercises)
        self.supplement = lru_cache(maxsize=LIMITS_MAX)(self._supplement)
        self.your_medicine = lru_cache(maxsize=EFFECTS_MAX)(self._your_medicine)
        self.your_condition = lru_cache(maxsize=EFFECTS_MAX)(self._your_condition)
        self.medicines_taken = lru_cache(maxsize=EFFECTS_MAX)(self._medicines_taken)

    def _medicines_taken(self, names: tuple[str, ...]) -> tuple[TakenMedicine, ...]:
        """Map each answer (class id or common name) to its class, keeping the person's wording."""
        taken: dict[str, TakenMedicine] = {}
        for name in names:
            folded = name.casefold()
            for medicine_id in self._medicine_by_name.get(folded, ()):
                if medicine_id in taken:
                    continue
                # A class id is not the person's word for a medicine, unless it is also a medicine's name (warfarin).
                examples = self._content.medicines[medicine_id].examples
                said_as = name if folded != medicine_id or any(e.casefold() == folded for e in examples) else ""
                taken[medicine_id] = TakenMedicine(medicine_id, said_as)
        return tuple(taken.values())

    def _supplement(self, nutrient_id: str, amount: float, form: str) -> tuple[float, SupplementTaken, int]:
        """One supplement as counted: its amount in the nutrient's unit, as the result lists it, its sources."""
        from nutri_tui.content.supplements import counted, supplement_name, supplement_unit
        from nutri_tui.models.answers import Supplement

        item = counted(Supplement(nutrient=nutrient_id, amount=amount, form=form), self._content)  # type: ignore[arg-type]
        sources = item.form.sources if item.form is not None else ()
        taken = SupplementTaken(
            nutrient=nutrient_id,
            name=supplement_name(nutrient_id, self._content),
            entered=item.entered,
            amount=round(item.amount, 4),
            unit=supplement_unit(nutrient_id, self._content),
            assumed=item.form is not None and item.form.assumed,
            sources=sources,
        )
        return item.amount, taken, self._masks.of(sources)

    def _your_medicine(self, medicine_id: str, said_as: str) -> tuple[YourItem, int]:
        """A medicine the person takes (their word for it), with the class's note, and the note's sources."""
        medicine = self._content.medicines[medicine_id]
        item = YourItem(
            id=medicine_id,
            name=medicine.name,
            said_as=said_as,
            note=medicine.note,
            sources=medicine.sources,
            unverified=medicine.unverified,
            back_pain_note=medicine.back_pain_note,
        )
        return item, self._masks.of(medicine.sources) if medicine.note or medicine.back_pain_note else 0

    def _your_condition(self, condition_id: str, cause: str) -> tuple[YourItem, int]:
        """A condition the person has (``cause``: the answer that says so), with its note, and its sources."""
        condition = self._content.conditions[condition_id]
        item = YourItem(
            id=condition_id,
            name=condition.name,
            said_as="" if cause == "health.conditions" else cause,
            note=condition.note,
            sources=condition.sources,
            unverified=condition.unverified,
        )
        return item, self._masks.of(condition.sources) if condition.note else 0

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
        # "You take metformin (metformin)" says nothing twice: the class is named only when it adds something.
        named = said_as and said_as.casefold() != short.casefold()
        label = f"You take {said_as} ({short})" if named else f"You take {said_as or short}"
        return self._effects(entries, label, f"health.medicines = {said_as or medicine_id}")

    def _condition_effects(self, condition_id: str, cause: str) -> tuple[Effect, ...]:
        """A condition's interactions; ``cause`` is the answer that established it (see Profile.conditions)."""
        entries = self._by_condition.get(condition_id, ())
        if not entries:
            return ()
        extra: tuple[str, ...] = ()
        if cause.startswith("diet.alcohol_drinks_per_week"):
            # Heavy drinking is derived from the number of drinks: the reason says where the line is, and why.
            heavy = self._rules.heavy_drinking
            label = f"You have about {cause.rsplit('= ', 1)[-1]} drinks a week ({lower_first(heavy.text)})"
            extra = heavy.sources
        else:
            label = f"You reported {lower_first(self._content.conditions[condition_id].name)}"
        return self._effects(entries, label, cause if "=" in cause else f"{cause} = {condition_id}", extra)

    def _effects(
        self, entries: tuple[InteractionEntry, ...], label: str, answer: str, extra: tuple[str, ...] = ()
    ) -> tuple[Effect, ...]:
        effects = []
        weights = self._rules.depleting_interaction
        for position, nutrient_id, interaction in entries:
            sources = (*interaction.sources, *(s for s in extra if s not in interaction.sources))
            reason = None
            if interaction.effect in SCORED_EFFECTS:
                weight = interaction.weight or getattr(weights, interaction.severity)
                reason = Reason(
                    text=f"{label}: {lower_first(interaction.text)}",
                    answer=answer,
                    weight=round(weight, 2),
                    sources=sources,
                    unverified=interaction.unverified,
                )
            partner = (
                f"medicine:{interaction.medicine}" if interaction.medicine else f"condition:{interaction.condition}"
            )
            said = f"{label}: {lower_first(interaction.text)} {interaction.advice}"
            without_foods = Caution(text=said, about=partner, severity=interaction.severity, sources=sources)
            caution = (
                Caution(
                    text=f"{said} {interaction.food_advice}",
                    about=partner,
                    severity=interaction.severity,
                    sources=sources,
                )
                if interaction.food_advice
                else without_foods
            )
            doctor_first = interaction.severity == "doctor_first"
            diet = doctor_first and interaction.scope == "diet"
            mask = self._masks.of(sources)
            repeat = Caution(
                text=f"{label}: {lower_first(interaction.text)} The same advice applies.",
                about=partner,
                severity=interaction.severity,
                sources=sources,
            )
            effects.append(
                Effect(
                    position,
                    nutrient_id,
                    reason,
                    caution_rank(caution),
                    caution,
                    without_foods,
                    doctor_first,
                    diet,
                    mask,
                    interaction.advice,
                    repeat,
                )
            )
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
        food_limit = (upper.amount, taken) if upper is not None and upper.applies_to == "all_sources" else None
        doctor = self._doctor_first_limit(caution, upper, taken)
        given = in_target_unit if not self._content.nutrients[nutrient_id].targets.form else 0.0
        return Basics(target, upper, caution, caution_rank(caution), doctor, covered, food_limit, given)

    def _doctor_first_limit(self, caution: Caution, upper: UpperLimitOut | None, taken: float) -> Caution:
        """The upper-limit caution for someone to ask a doctor first: no "you may take up to X more"."""
        if upper is None or taken <= 0 or taken > upper.amount:
            return caution
        text = (
            f"Upper limit for you: {number(upper.amount)} {upper.unit} a day {UL_SCOPE[upper.applies_to]}. You already "
            f"take {number(taken)} {upper.unit} a day: ask your doctor before taking any more."
        )
        return Caution(text=text, about="upper_limit", severity=caution.severity, sources=caution.sources)

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

    def _exercises(self, duration: str, situations: frozenset[str]) -> ExercisePart:
        return exercise_part(self._content, self._masks, duration, situations)
