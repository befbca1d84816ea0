"""Step 1: age, sex, pregnancy, diet pattern and food allergies."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.validation import Integer
from textual.widgets import Input, Label, Static

from nutri_tui.labels import CHOICES
from nutri_tui.models.answers import MAX_AGE, MIN_AGE
from nutri_tui.screens.steps.base import StepScreen
from nutri_tui.widgets.choice import Choice, choice
from nutri_tui.widgets.filtered_selection import FilteredSelection

PREGNANCY_MAX_AGE = 60


class AboutStep(StepScreen):
    STEP_ID = "about"
    HELP = (
        "Your age and sex set the reference amounts (RDA or AI) and upper limits used in your result. "
        "Leave age blank if you prefer not to say: adult values for 31-50 are then used. "
        f"The reference values start at {MIN_AGE}; for a younger child, please ask a doctor.\n\n"
        "Your diet pattern and allergies decide which foods are suggested."
    )
    REQUIRED = {"sex": "sex", "diet": "diet"}

    def compose_form(self) -> ComposeResult:
        saved = self.saved
        age = saved.get("age")
        with Horizontal(classes="row"):
            yield Label("Age in years (leave blank to not say)")
            yield Input(
                "" if age is None else str(age),
                placeholder="e.g. 42",
                type="integer",
                max_length=3,
                validators=[Integer(minimum=MIN_AGE, maximum=MAX_AGE)],
                valid_empty=True,
                compact=True,
                id="age",
            )
        yield choice("Sex", "about.sex", saved.get("sex"), id="sex")
        yield choice("Are you pregnant or breastfeeding?", "about.pregnancy", saved.get("pregnancy"), id="pregnancy")
        yield choice("Which best describes how you eat?", "about.diet", saved.get("diet"), id="diet")
        yield Static("Food allergies (space to tick):", classes="question", markup=False)
        yield FilteredSelection(
            [(value, text, text) for value, text in CHOICES["allergen"].items()],
            set(saved.get("allergies", ())),
            filterable=False,
            id="allergies",
        )

    def _age(self) -> int | None:
        text = self.query_one("#age", Input).value.strip()
        try:
            return int(text) if text else None
        except ValueError:
            return None

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
        problems = []
        age_input = self.query_one("#age", Input)
        if age_input.value.strip() and not age_input.is_valid:
            problems.append(f"Age: enter a whole number from {MIN_AGE} to {MAX_AGE}, or leave it blank.")
        if self._pregnancy_applies() and values.get("pregnancy") is None:
            problems.append("Still to answer: pregnant or breastfeeding.")
        return problems

    def refresh_state(self) -> None:
        self.query_one("#pregnancy", Choice).display = self._pregnancy_applies()
        super().refresh_state()
