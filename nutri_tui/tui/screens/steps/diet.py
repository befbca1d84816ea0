"""Step 3: how often the person eats the foods that supply these nutrients."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from nutri_tui.labels import DIET_FIELDS
from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.widgets.choice import Choice, choice
from nutri_tui.tui.widgets.number import NumberField

NUMBERS = {
    "alcohol_drinks_per_week": ("Alcoholic drinks in a typical week (blank: prefer not to say)", 200),
    "caffeine_cups_per_day": ("Cups of coffee, tea or energy drinks a day", 40),
}


class DietStep(StepForm):
    STEP_ID = "diet"
    HELP = (
        "How often do you eat each kind of food? Rarely means less than once a week. "
        "Each answer feeds only the nutrients that food supplies, and your result shows which answer "
        "raised which nutrient. A standard drink is about one small glass of wine, a single measure "
        "of spirits or a half-pint of beer."
    )

    def compose_form(self) -> ComposeResult:
        saved = self.saved
        for field, question in DIET_FIELDS.items():
            yield choice(question, f"diet.{field}", saved.get(field, "dont_know"), key="frequency", id=field)
        for field, (question, maximum) in NUMBERS.items():
            yield NumberField(question, field, saved.get(field), 0, maximum)

    def collect(self) -> dict[str, Any]:
        values: dict[str, Any] = {field: self.query_one(f"#{field}", Choice).value for field in DIET_FIELDS}
        for field in NUMBERS:
            values[field] = self.query_one(f"#{field}", NumberField).value
        return values

    def extra_problems(self, values: dict[str, Any]) -> list[str]:
        problems: list[str] = []
        for field, (question, _maximum) in NUMBERS.items():
            problems += self.query_one(f"#{field}", NumberField).problem(question.split(" (")[0])
        return problems
