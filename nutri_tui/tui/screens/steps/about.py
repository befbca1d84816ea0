"""Step 1: age, sex, pregnancy, diet pattern and food allergies; pregnancy is asked only where it can apply
(the rule is the questionnaire's, :func:`~nutri_tui.questionnaire.pregnancy_applies`, which plain mode asks by too)."""

from __future__ import annotations

from typing import Any

from nutri_tui.questionnaire import Question, pregnancy_applies
from nutri_tui.tui.screens.steps.base import StepForm, show
from nutri_tui.tui.widgets.choice import Choice
from nutri_tui.tui.widgets.number import NumberField


class AboutStep(StepForm):
    def _pregnancy_applies(self) -> bool:
        return pregnancy_applies(self.query_one("#sex", Choice).value, self.query_one("#age", NumberField).value)

    def answer(self, question: Question) -> Any:
        if question.name == "pregnancy" and not self._pregnancy_applies():
            return "no"
        return super().answer(question)

    def sync(self) -> None:
        super().sync()
        show(self.query_one("#pregnancy", Choice), self._pregnancy_applies())
