"""Choices made once per content for each combination of a few per-person values, instead of item by item.

Each function here builds one of :class:`~nutri_tui.engine.index.ContentIndex`'s selectors: given values with
few combinations (the medicine classes a person takes, their situations, the food rules their foods carry), the
items that can still apply, in content order. Each selector is a bounded LRU, like the caches of
:mod:`nutri_tui.engine.pieces`; a miss only costs working it out again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from nutri_tui.engine.checks import Check
from nutri_tui.engine.parts import FoodLists, FoodRuleUse
from nutri_tui.models.assessment import Advice, Caution
from nutri_tui.models.catalogues import FoodRule
from nutri_tui.models.rules import EXERCISE_TOPICS


class CompiledFoodRule(NamedTuple):
    rule: FoodRule
    check: Check | None
    caution: Caution
    mask: int
    uses: dict[str, FoodRuleUse]
    """What the rule does to food lists, by upper-limit age band (an ``over_topic_limit`` depends on it)."""


AdviceEntry = tuple[int, tuple[Any, ...], Check | None, Advice, int, str | None, str | None, frozenset[str]]
"""An advice item: its compiled tests (see ``compile_rule``), itself, its sources, the nutrient it is about,
the situation it needs (or None) and the situations that withhold it."""
AdviceCandidate = tuple[int, tuple[Any, ...], Check | None, Advice, int]
"""An advice item still to test: its compiled tests (see ``compile_rule``), itself, its sources."""


CAUTION_SETS_MAX = 1024
"""Distinct sets of medicine classes kept (one per combination of classes people take)."""


def cautions_for(
    cautions: tuple[tuple[Check, Caution, int], ...], needed: tuple[frozenset[str] | None, ...]
) -> Callable[[frozenset[str]], tuple[tuple[Check, Caution, int], ...]]:
    """``ContentIndex.medicine_cautions_for``: ``needed[i]`` is the classes caution i needs one of (None: none)."""

    # Bit i: caution i. Those that need no class always stay; each class adds those that need it.
    always = sum(1 << i for i, need in enumerate(needed) if need is None)
    by_class: dict[str, int] = {}
    for i, need in enumerate(needed):
        for name in need or ():
            by_class[name] = by_class.get(name, 0) | 1 << i

    def for_classes(classes: frozenset[str]) -> tuple[tuple[Check, Caution, int], ...]:
        bits = always
        for name in classes:
            bits |= by_class.get(name, 0)
        picked = []
        while bits:  # lowest bit first: content order
            low = bits & -bits
            picked.append(cautions[low.bit_length() - 1])
            bits ^= low
        return tuple(picked)

    return lru_cache(maxsize=CAUTION_SETS_MAX)(for_classes)


ADVICE_SETS_MAX = 1024
"""Distinct (doctor-first nutrients, situations, exercise) combinations kept."""


def advice_for(
    advice: tuple[AdviceEntry, ...],
) -> Callable[[frozenset[str], frozenset[str], bool], tuple[AdviceCandidate, ...]]:
    """``ContentIndex.advice_for``: what decides an item besides its answer tests."""

    def candidates(
        doctor_first: frozenset[str], situations: frozenset[str], exercise: bool
    ) -> tuple[AdviceCandidate, ...]:
        kept = []
        for slot, accepted, check, item, sources, nutrient, situation, withheld_in in advice:
            # Advice about taking a nutrient that the person must ask a doctor about first is withheld; so is
            # advice for a situation they are not in, or one that withholds it; and exercise after a warning sign.
            if nutrient is not None and nutrient in doctor_first:
                continue
            if (situation is not None and situation not in situations) or not withheld_in.isdisjoint(situations):
                continue
            if not exercise and item.topic in EXERCISE_TOPICS:
                continue
            kept.append((slot, accepted, check, item, sources))
        return tuple(kept)

    return lru_cache(maxsize=ADVICE_SETS_MAX)(candidates)


FoodRules = tuple[tuple[FoodRuleUse, ...], tuple[Caution, ...], int, FoodLists]
"""The food rules that apply to a person, as food lists use them; the exclusions' cautions (each said once, even
if no list had such a food); their sources; and the food lists for those rules (``Pieces.food_lists``)."""
FOOD_RULE_SETS_MAX = 256
"""Distinct (food rules that apply, upper-limit age band) combinations kept: a few rules, five bands."""


def food_rules_for(
    food_rules: tuple[CompiledFoodRule, ...], food_lists: Callable[[tuple[FoodRuleUse, ...]], FoodLists]
) -> Callable[[int, str], FoodRules]:
    """``ContentIndex.food_rules_for``: (bit i set: food rule i applies, age band) -> :data:`FoodRules`."""

    def for_rules(applying: int, age_band: str) -> FoodRules:
        uses: list[FoodRuleUse] = []
        cautions: list[Caution] = []
        mask = 0
        for i, compiled in enumerate(food_rules):
            if not applying >> i & 1:
                continue
            uses.append(compiled.uses[age_band])
            if compiled.rule.action == "exclude":
                # An exclusion is advice in itself ("avoid liver in pregnancy"), said even if no list had such a food.
                cautions.append(compiled.caution)
                mask |= compiled.mask
        return tuple(uses), tuple(cautions), mask, food_lists(tuple(uses))

    return lru_cache(maxsize=FOOD_RULE_SETS_MAX)(for_rules)


ANNOTATION_SETS_MAX = 256
"""Distinct sets of food-rule texts carried by a person's foods (subsets of the few rules that annotate foods)."""


def annotations_for(
    food_rules: tuple[CompiledFoodRule, ...],
) -> Callable[[frozenset[str]], tuple[tuple[Caution, ...], int]]:
    """``ContentIndex.annotations_for``: food-rule texts the listed foods carry -> each food rule (not an exclusion)
    with such a text, to be said once, and the sources they cite."""

    def annotations(advisories: frozenset[str]) -> tuple[tuple[Caution, ...], int]:
        used = [c for c in food_rules if c.rule.action != "exclude" and c.rule.text in advisories]
        mask = 0
        for compiled in used:
            mask |= compiled.mask
        return tuple(c.caution for c in used), mask

    return lru_cache(maxsize=ANNOTATION_SETS_MAX)(annotations)
