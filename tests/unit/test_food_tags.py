"""Which foods carry a food rule's word (content/food_rules.toml): the potassium caution for kidney disease and the
medicines that raise potassium, the warfarin advice to keep vitamin K steady, the pregnancy limits on oily fish and
tuna. A tag (and an allergen) is a property of the food, so it cannot depend on which nutrient's list the food is
in; the potassium tag follows the ODS potassium list's own amounts."""

from __future__ import annotations

from collections import defaultdict

from nutri_tui.content import Content

TAG = "potassium_rich"
RICH_FROM_MG = 400
"""About a banana's serving (422 mg) and up; a cup of 1% milk (366 mg) is below."""


def test_a_food_is_tagged_alike_in_every_list_it_is_in(content: Content) -> None:
    """Tags and allergens: the B12 list's fortified cereal had no wheat or gluten while the other four had both,
    so a person with coeliac disease or a wheat allergy was offered it there."""
    marks: dict[str, set[tuple[frozenset[str], frozenset[str]]]] = defaultdict(set)
    for nutrient in content.nutrients.values():
        for food in nutrient.foods:
            marks[food.id].add((frozenset(food.tags), frozenset(food.allergens)))
    assert {food_id for food_id, seen in marks.items() if len(seen) > 1} == set()


def test_the_potassium_lists_foods_are_tagged_by_their_amount(content: Content) -> None:
    for food in content.nutrients["potassium"].foods:
        assert (TAG in food.tags) == (food.amount >= RICH_FROM_MG), (food.id, food.amount)


def test_the_richest_foods_of_other_lists_are_tagged(content: Content) -> None:
    """FoodData Central: canned white beans about 1,190 mg a cup, cooked spinach about 840 mg a cup, plain low-fat
    yogurt about 530 mg in 8 oz, cooked clams about 530 mg in 3 oz."""
    tagged = {food.id for nutrient in content.nutrients.values() for food in nutrient.foods if TAG in food.tags}
    assert {"white_beans", "spinach_cooked", "spinach_boiled", "yogurt_plain_low_fat", "clams"} <= tagged


def test_brussels_sprouts_carry_the_warfarin_advice_as_broccoli_does(content: Content) -> None:
    """About 150 mcg of vitamin K a half cup (FoodData Central) against broccoli's 110 mcg, tagged."""
    folate = {food.id: food for food in content.nutrients["folate"].foods}
    assert "vitamin_k_rich" in folate["broccoli"].tags and "vitamin_k_rich" in folate["brussels_sprouts"].tags


def test_every_salmon_trout_mackerel_herring_sardine_and_tuna_carries_its_tag(content: Content) -> None:
    """The pregnancy limits reach a fish through its tag: a fish added without one would be suggested unlimited."""
    for nutrient in content.nutrients.values():
        for food in nutrient.foods:
            name = food.name.lower()
            if "liver" in name:
                continue  # cod liver oil: a fish-liver oil, left out in pregnancy altogether
            if any(fish in name for fish in ("salmon", "trout", "mackerel", "herring", "sardine", "pilchard")):
                assert "oily_fish" in food.tags, food.id
            if "tuna" in name:
                assert "tuna" in food.tags and "oily_fish" not in food.tags, food.id
