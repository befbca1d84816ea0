"""Which foods carry the potassium caution for kidney disease and the medicines that raise potassium
(content/food_rules.toml, "potassium_rich_kidney"): the tag is a property of the food, so it cannot depend on
which nutrient's list the food is in, and it follows the ODS potassium list's own amounts."""

from __future__ import annotations

from collections import defaultdict

from nutri_tui.content import Content

TAG = "potassium_rich"
RICH_FROM_MG = 400
"""About a banana's serving (422 mg) and up; a cup of 1% milk (366 mg) is below."""


def test_a_food_is_tagged_alike_in_every_list_it_is_in(content: Content) -> None:
    tagged: dict[str, set[bool]] = defaultdict(set)
    for nutrient in content.nutrients.values():
        for food in nutrient.foods:
            tagged[food.id].add(TAG in food.tags)
    assert {food_id for food_id, seen in tagged.items() if len(seen) > 1} == set()


def test_the_potassium_lists_foods_are_tagged_by_their_amount(content: Content) -> None:
    for food in content.nutrients["potassium"].foods:
        assert (TAG in food.tags) == (food.amount >= RICH_FROM_MG), (food.id, food.amount)


def test_the_richest_foods_of_other_lists_are_tagged(content: Content) -> None:
    """FoodData Central: canned white beans about 1,190 mg a cup, cooked spinach about 840 mg a cup, plain low-fat
    yogurt about 530 mg in 8 oz, cooked clams about 530 mg in 3 oz."""
    tagged = {food.id for nutrient in content.nutrients.values() for food in nutrient.foods if TAG in food.tags}
    assert {"white_beans", "spinach_cooked", "spinach_boiled", "yogurt_plain_low_fat", "clams"} <= tagged
