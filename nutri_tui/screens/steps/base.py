"""What every wizard step shares: progress, Back/Next, inline validation, drafts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static

from nutri_tui.answers_file import validation_message
from nutri_tui.models.answers import About, BackPain, Diet, Health, Lifestyle, Sun
from nutri_tui.widgets.answer_row import AnswerRow
from nutri_tui.widgets.choice import Choice
from nutri_tui.widgets.filtered_selection import FilteredSelection
from nutri_tui.widgets.key_bar import KeyBar
from nutri_tui.widgets.number import NumberField
from nutri_tui.wizard import STEPS, step_index

if TYPE_CHECKING:
    from nutri_tui.app import NutriTuiApp

SECTION_MODELS: dict[str, type[BaseModel]] = {
    "about": About,
    "sun": Sun,
    "diet": Diet,
    "lifestyle": Lifestyle,
    "health": Health,
    "back_pain": BackPain,
}


class StepScreen(Screen[None]):
    """A wizard step. Subclasses set STEP_ID, HELP and REQUIRED and write compose_form/collect."""

    STEP_ID: ClassVar[str]
    HELP: ClassVar[str] = ""
    REQUIRED: ClassVar[dict[str, str]] = {}
    """Fields that must be answered before Next (field -> how to name it)."""

    AUTO_FOCUS = "#form Input, #form Choice, #form NumberField, #form SelectionList, #form AnswerRow"
    """The first question. Textual's default ("*") would focus the scrolling form first and then
    restyle all of it again when focus moves on to the question (~12 ms per step, measured)."""

    BINDINGS: ClassVar = [
        Binding("ctrl+n", "next", "Next", priority=True),
        Binding("escape", "back", "Back"),
        Binding("f1", "app.help", "Help"),
    ]

    app: NutriTuiApp  # type: ignore[assignment]

    def __init__(self, return_to_review: bool = False) -> None:
        super().__init__()
        self.return_to_review = return_to_review
        self.step = STEPS[step_index(self.STEP_ID)]
        self._problem = ""
        self._ready = False

    @property
    def saved(self) -> dict[str, Any]:
        """This step's section as saved so far (prefills the form)."""
        return self.app.wizard.section(self.step.section)

    def compose(self) -> ComposeResult:
        number = step_index(self.STEP_ID) + 1
        dots = "".join("●" if i <= number else "○" for i in range(1, len(STEPS) + 1))
        yield Header()
        yield Static(f"{dots}  Step {number} of {len(STEPS)}: {self.step.title}", id="progress", markup=False)
        with VerticalScroll(id="form"):
            yield from self.compose_form()
        yield Static("", id="problems", markup=False)
        with Horizontal(id="nav"):
            yield Button("← Back", id="back", compact=True)
            label = "Back to review →" if self.return_to_review else "Next →"
            yield Button(label, id="next", variant="primary", compact=True)
        yield KeyBar()

    def compose_form(self) -> ComposeResult:
        raise NotImplementedError

    def collect(self) -> dict[str, Any]:
        """The values on the form; None for a question not yet answered."""
        raise NotImplementedError

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

    def on_mount(self) -> None:
        # Pre-filled widgets post Changed messages as they mount; only changes after that are the person's.
        self.call_after_refresh(self._settled)

    def _settled(self) -> None:
        self._ready = True
        self.refresh_state()

    def refresh_state(self) -> None:
        problems = self.problems()
        self._problem = " ".join(problems)
        self.query_one("#problems", Static).update(self._problem)
        self.query_one("#next", Button).disabled = bool(problems)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return None if self._problem else True
        return True

    @on(Choice.Changed)
    @on(Input.Changed)
    @on(NumberField.Changed)
    @on(AnswerRow.Changed)
    @on(FilteredSelection.Changed)
    def _changed(self) -> None:
        if not self._ready:
            return
        self.app.dirty = True
        self.refresh_state()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if "filter" not in event.input.classes:
            self.focus_next()

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    def action_next(self) -> None:
        if self.problems():
            self.refresh_state()
            return
        self.app.wizard.update(self.step.section, self.validated(self.collect()))
        self.app.step_done(self.STEP_ID, self.return_to_review)

    def action_back(self) -> None:
        """Keep whatever is on the form (even if incomplete), then go back."""
        values = {k: v for k, v in self.collect().items() if v is not None}
        self.app.wizard.update(self.step.section, values)
        self.app.step_back(self.STEP_ID, self.return_to_review)
