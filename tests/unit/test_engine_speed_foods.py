"""The food rules that apply to a person are chosen once per combination (``ContentIndex.food_rules_for``), with
their own cached food lists: what each gives is what the rules themselves give."""

from __future__ import annotations

from nutri_tui.engine.index import index_for
from nutri_tui.models.content import AGE_BANDS
from tests.unit.test_engine_properties import CONTENT

INDEX = index_for(CONTENT)


def test_each_combination_of_food_rules_is_what_those_rules_do() -> None:
    rules = INDEX.food_rules
    for applying in range(1 << len(rules)):
        for band in AGE_BANDS:
            uses, cautions, mask, food_lists = INDEX.food_rules_for(applying, band)
            chosen = [compiled for i, compiled in enumerate(rules) if applying >> i & 1]
            assert uses == tuple(compiled.uses[band] for compiled in chosen)
            excluding = [compiled for compiled in chosen if compiled.rule.action == "exclude"]
            assert cautions == tuple(compiled.caution for compiled in excluding)
            assert mask == _union(excluding)
            assert INDEX.food_rules_for(applying, band)[3] is food_lists  # one set of lists per combination


def _union(compiled_rules: list) -> int:
    mask = 0
    for compiled in compiled_rules:
        mask |= compiled.mask
    return mask


def test_a_rule_sets_food_lists_are_the_lists_those_rules_give() -> None:
    uses, _, _, food_lists = INDEX.food_rules_for((1 << len(INDEX.food_rules)) - 1, "19_30")
    for nutrient in CONTENT.nutrients.values():
        for diet in ("omnivore", "vegan"):
            target = nutrient.targets.values["female_19_30"]
            direct = INDEX.pieces.food_choice._foods(nutrient.id, diet, frozenset(), target, None, 0.0, uses)
            assert food_lists(nutrient.id, diet, frozenset(), target, None, 0.0) == direct
