"""The app's "/day" figure said in full on the line under the Foods table (reports/result_text.py servings_a_day):
servings of that food that would reach the target, arithmetic and not a suggestion to eat it daily. Where the
person's supplements give some of the target, the figure reaches what they leave, and the line says so: a woman
of 60 taking 1,200 mg of calcium a day was once shown ~2.9 yogurts a day, 2,400 mg with her tablets, above her
2,000 mg limit."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import FoodSuggestion
from nutri_tui.reports.result_text import servings_a_day, servings_cell

CONTENT = load_content()


def _foods(nutrient_id: str, supplements: list[dict] = [], **about) -> dict[str, FoodSuggestion]:  # noqa: B006
    answers = Answers.model_validate(
        {
            "about": {"age": 60, "sex": "female", **about},
            "sun": {"outdoor_minutes": "under_15"},
            "diet": {"dairy_or_fortified": "never", "leafy_greens": "never", "oily_fish": "never"},
            "health": {"conditions": ["coeliac_disease"], "supplements": supplements},
        },
        context={"content": CONTENT},
    )
    finding = next(n for n in assess(answers, CONTENT).nutrients if n.id == nutrient_id)
    return {f.id: f for f in finding.foods}


@pytest.fixture(scope="module")
def salmon_and_milk():
    foods = _foods("vitamin_d", age=30, pregnancy="pregnant")
    return foods["sockeye_salmon"], foods["milk_fortified"]


def test_the_figure_is_said_as_from_this_food_alone(salmon_and_milk) -> None:
    salmon, _ = salmon_and_milk
    figure = salmon.servings_to_target
    assert figure and figure > 1 and salmon.from_supplements == 0
    assert servings_a_day(salmon) == [f"About {figure:g} servings a day would reach your target from this food alone."]


def test_one_serving_or_less_is_singular_and_no_figure_says_nothing(salmon_and_milk) -> None:
    _, milk = salmon_and_milk
    assert servings_a_day(replace(milk, servings_to_target=0.6))[0].startswith("About 0.6 serving a")
    assert servings_a_day(replace(milk, servings_to_target=None)) == []


def test_the_figure_reaches_what_supplements_leave_of_the_target() -> None:
    alone = _foods("calcium")["yogurt_plain_low_fat"]
    taking = _foods("calcium", [{"nutrient": "calcium", "amount": 500}])["yogurt_plain_low_fat"]
    assert alone.servings_to_target == 2.9  # 1,200 mg / 415 mg
    assert (taking.servings_to_target, taking.from_supplements) == (1.7, 500)  # 700 mg left / 415 mg
    assert servings_a_day(taking) == [
        "With the 500 mg a day your supplements give, about 1.7 servings a day of this food would reach your target."
    ]


def test_supplements_that_reach_the_target_leave_no_figure_and_say_so() -> None:
    yogurt = _foods("calcium", [{"nutrient": "calcium", "amount": 1200}])["yogurt_plain_low_fat"]
    assert yogurt.servings_to_target is None
    assert servings_a_day(yogurt) == [
        "The 1,200 mg a day your supplements give already reaches your target without this food."
    ]


def test_folic_acid_counts_in_the_targets_unit_and_fish_oil_not_towards_an_ala_target() -> None:
    spinach = _foods("folate", [{"nutrient": "folate", "amount": 100}])["spinach_boiled"]
    assert spinach.from_supplements == pytest.approx(170)  # 1 mcg folic acid = 1.7 mcg DFE
    assert servings_a_day(spinach)[0].startswith("With the 170 mcg DFE a day your supplements give")
    flax = _foods("omega_3", [{"nutrient": "omega_3", "amount": 0.1}], age=30)  # under what covers the need
    assert flax and all(food.from_supplements == 0 for food in flax.values())  # fish oil's EPA+DHA is not ALA


def test_a_figure_that_rounds_to_nothing_reads_as_under_a_tenth_not_as_no_figure() -> None:
    """A serving of beef liver holds about 29 times the vitamin B12 target: its figure rounds to 0, which the
    table once showed as "-", the mark for a food that does not count towards the target."""
    liver = _foods("vitamin_b12", age=76, diet="omnivore")["beef_liver"]
    assert liver.servings_to_target == 0
    assert servings_cell(liver) == "<0.1"
    assert servings_a_day(liver) == [
        "Less than a tenth of a serving a day would reach your target from this food alone."
    ]
    assert servings_cell(replace(liver, servings_to_target=None)) == "-"
    assert servings_cell(replace(liver, servings_to_target=1.5)) == "~1.5"
