"""Step 1: age, sex, pregnancy, diet pattern and food allergies; pregnancy is asked only where it can apply."""

from __future__ import annotations

from typing import Any

from nutri_tui.questionnaire import PREGNANCY_MAX_AGE, Question
from nutri_tui.tui.screens.steps.base import StepForm, show
from nutri_tui.tui.widgets.choice import Choice
from nutri_tui.tui.widgets.number import NumberField


class AboutStep(StepForm):
    def _pregnancy_applies(self) -> bool:
        sex = self.query_one("#sex", Choice).value
        age = self.query_one("#age", NumberField).value
        return sex != "male" and (age is None or age <= PREGNANCY_MAX_AGE)

    def answer(self, question: Question) -> Any:
        if question.name == "pregnancy" and not self._pregnancy_applies():
            return "no"
        return super().answer(question)

    def sync(self) -> None:
        super().sync()
        show(self.query_one("#pregnancy", Choice), self._pregnancy_applies())
