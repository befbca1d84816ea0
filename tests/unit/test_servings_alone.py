"""The app's "/day" figure said in full on the line under the Foods table (reports/result_text.py servings_alone):
servings of that food alone that would reach the target, arithmetic and not a suggestion to eat it daily."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.reports.result_text import servings_alone


@pytest.fixture(scope="module")
def salmon_and_milk():
    content = load_content()
    answers = Answers.model_validate(
        {"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}, "sun": {"outdoor_minutes": "under_15"}},
        context={"content": content},
    )
    foods = {f.id: f for f in next(n for n in assess(answers, content).nutrients if n.id == "vitamin_d").foods}
    return foods["sockeye_salmon"], foods["milk_fortified"]


def test_the_figure_is_said_as_from_this_food_alone(salmon_and_milk) -> None:
    salmon, _ = salmon_and_milk
    figure = salmon.servings_to_target
    assert figure and figure > 1
    assert servings_alone(salmon) == [f"About {figure:g} servings a day would reach your target from this food alone."]


def test_one_serving_or_less_is_singular_and_no_figure_says_nothing(salmon_and_milk) -> None:
    _, milk = salmon_and_milk
    assert servings_alone(replace(milk, servings_to_target=0.6))[0].startswith("About 0.6 serving a")
    assert servings_alone(replace(milk, servings_to_target=None)) == []
