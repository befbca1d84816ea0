"""Step 1: age, sex, pregnancy, diet pattern and food allergies."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static

from nutri_tui.labels import CHOICES
from nutri_tui.models.answers import MAX_AGE, MIN_AGE
from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.widgets.choice import Choice, choice
from nutri_tui.tui.widgets.filtered_selection import FilteredSelection
from nutri_tui.tui.widgets.number import NumberField

PREGNANCY_MAX_AGE = 60


class AboutStep(StepForm):
    STEP_ID = "about"
    HELP = (
        "Your age and sex set the reference amounts (RDA or AI) and upper limits used in your result. "
        "Leave age blank if you prefer not to say: adult values for 31-50 are then used. "
        f"The reference values start at {MIN_AGE}; for a younger child, please ask a doctor.\n\n"
        "Your diet pattern and allergies decide which foods are suggested."
    )
    REQUIRED = {"sex": "sex", "diet": "diet"}

    def required(self) -> dict[str, str]:
        if not self._pregnancy_applies():
            return self.REQUIRED
        return {"sex": "sex", "pregnancy": "pregnant, breastfeeding or trying for a baby", "diet": "diet"}

    def compose_form(self) -> ComposeResult:
        saved = self.saved
        yield NumberField("Age in years (leave blank to not say)", "age", saved.get("age"), MIN_AGE, MAX_AGE, "e.g. 42")
        yield choice("Sex", "about.sex", saved.get("sex"), id="sex")
        yield choice(
            "Are you pregnant, breastfeeding or trying for a baby?",
            "about.pregnancy",
            saved.get("pregnancy"),
            id="pregnancy",
        )
        yield choice("Which best describes how you eat?", "about.diet", saved.get("diet"), id="diet")
        yield Static("Food allergies (space to tick):", classes="question", markup=False)
        yield FilteredSelection(
            [(value, text, text) for value, text in CHOICES["allergen"].items()],
            set(saved.get("allergies", ())),
            filterable=False,
            id="allergies",
        )

    def _age(self) -> int | None:
        return self.query_one("#age", NumberField).value

    def _pregnancy_applies(self) -> bool:
        sex = self.query_one("#sex", Choice).value
        age = self._age()
        return sex != "male" and (age is None or age <= PREGNANCY_MAX_AGE)

    def collect(self) -> dict[str, Any]:
        pregnancy = self.query_one("#pregnancy", Choice).value if self._pregnancy_applies() else "no"
        return {
            "age": self._age(),
            "sex": self.query_one("#sex", Choice).value,
            "pregnancy": pregnancy,
            "diet": self.query_one("#diet", Choice).value,
            "allergies": sorted(self.query_one("#allergies", FilteredSelection).selected),
        }

    def extra_problems(self, values: dict[str, Any]) -> list[str]:
        return self.query_one("#age", NumberField).problem("Age")

    def sync(self) -> None:
        self.query_one("#pregnancy", Choice).display = self._pregnancy_applies()
