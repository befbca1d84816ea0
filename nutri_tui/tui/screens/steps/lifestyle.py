"""Step 4: stress, sleep, smoking and activity."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.widgets.choice import Choice, choice

QUESTIONS = {
    "stress": "How stressed have you felt over the last month?",
    "sleep": "How long do you usually sleep a night?",
    "smoking": "Do you smoke?",
    "activity": "Minutes of moderate activity a week (brisk walking counts)",
}


class LifestyleStep(StepForm):
    STEP_ID = "lifestyle"
    HELP = (
        "Stress and sleep are not known to cause these nutrient gaps, so they do not change your "
        "nutrient results. They matter for back pain: worry and poor sleep can slow recovery, and "
        "your result says what helps. Activity shapes the exercise suggestions."
    )

    def compose_form(self) -> ComposeResult:
        saved = self.saved
        for field, question in QUESTIONS.items():
            default = "dont_know" if field in ("sleep", "activity") else "prefer_not"
            yield choice(question, f"lifestyle.{field}", saved.get(field, default), id=field)

    def collect(self) -> dict[str, Any]:
        return {field: self.query_one(f"#{field}", Choice).value for field in QUESTIONS}
