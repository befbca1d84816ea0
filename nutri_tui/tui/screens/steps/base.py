"""What every wizard step's form shares: prefilling, collecting, checking.

A step is a form (a scrolling container), not a screen: :class:`~nutri_tui.tui.screens.wizard.WizardScreen`
holds all seven and shows one at a time, with the progress line, Back/Next and the problems line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ValidationError
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget

from nutri_tui.models.answers import About, BackPain, Diet, Health, Lifestyle, Sun
from nutri_tui.storage.answers_file import validation_message
from nutri_tui.tui.flow import STEPS, step_index

if TYPE_CHECKING:
    from nutri_tui.tui.app import NutriTuiApp

SECTION_MODELS: dict[str, type[BaseModel]] = {
    "about": About,
    "sun": Sun,
    "diet": Diet,
    "lifestyle": Lifestyle,
    "health": Health,
    "back_pain": BackPain,
}


QUESTIONS = "Input, Choice, NumberField, SelectionList, AnswerRow"
"""The widgets a person answers with (the first one shown gets focus when the step is shown)."""


class StepForm(VerticalScroll):
    """One wizard step's questions. Subclasses set STEP_ID, HELP and REQUIRED and write compose_form/collect."""

    STEP_ID: ClassVar[str]
    HELP: ClassVar[str] = ""
    REQUIRED: ClassVar[dict[str, str]] = {}
    """Fields that must be answered before Next (field -> how to name it)."""

    app: NutriTuiApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id=f"step-{self.STEP_ID}", classes="form")
        self.step = STEPS[step_index(self.STEP_ID)]

    @property
    def saved(self) -> dict[str, Any]:
        """This step's section as saved so far (prefills the form)."""
        return self.app.wizard.section(self.step.section)

    def compose(self) -> ComposeResult:
        yield from self.compose_form()

    def compose_form(self) -> ComposeResult:
        raise NotImplementedError

    def collect(self) -> dict[str, Any]:
        """The values on the form; None for a question not yet answered."""
        raise NotImplementedError

    def sync(self) -> None:
        """Show or hide questions that depend on other answers (called before every check)."""

    def first_question(self) -> Widget | None:
        return next((widget for widget in self.query(QUESTIONS) if widget.display), None)

    def required(self) -> dict[str, str]:
        """The fields that must be answered now (REQUIRED, plus any that apply only to some people)."""
        return self.REQUIRED

    def extra_problems(self, values: dict[str, Any]) -> list[str]:
        return []

    def problems(self) -> list[str]:
        values = self.collect()
        missing = [name for field, name in self.required().items() if values.get(field) is None]
        found = [f"Still to answer: {', '.join(missing)}."] if missing else []
        found += self.extra_problems(values)
        if not found:
            try:
                self.validated(values)
            except ValueError as error:
                found.append(str(error))
        return found

    def validated(self, values: dict[str, Any]) -> dict[str, Any]:
        """Check this step's values with the section's model; returns what to store."""
        merged = {**self.saved, **{k: v for k, v in values.items() if v is not None}}
        model = SECTION_MODELS[self.step.section]
        try:
            model.model_validate(merged, context={"content": self.app.content})
        except ValidationError as error:
            raise ValueError(f"{self.step.section}.{validation_message(error)}") from None
        return {k: v for k, v in values.items() if v is not None}
