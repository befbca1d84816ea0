"""All answers on one screen; any step can be reopened, then the person comes back here."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from nutri_tui.questionnaire import STEPS
from nutri_tui.reports.answers_summary import summarise
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.widgets.compact_button import CompactButton
from nutri_tui.tui.widgets.header import Header
from nutri_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from nutri_tui.flow import WizardFlow

HELP = (
    "Check your answers. Press Enter on an Edit button to change that step; Next on that step brings you "
    "back here. When everything is right, choose See my result (Ctrl+N)."
)


class ReviewScreen(Screen[None]):
    BINDINGS: ClassVar = [
        Binding("ctrl+n", "result", "See my result", priority=True),
        Binding("escape", "back", "Back"),
        Binding("f1", "app.help", "Help"),
        # The answers are read while "See my result" has focus, so the page keys scroll them from anywhere.
        Binding("pagedown", "scroll('page_down')", "Scroll", key_display="PgUp/PgDn"),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("home", "scroll('home')", show=False),
        Binding("end", "scroll('end')", show=False),
    ]
    HELP = HELP

    def __init__(self, flow: WizardFlow) -> None:
        super().__init__()
        self.flow = flow

    def compose(self) -> ComposeResult:
        summary = summarise(self.flow.state.sections, self.flow.content)
        yield Header()
        yield Static("Review your answers", id="progress", markup=False)
        with VerticalScroll(id="form"):
            for step in STEPS:
                with Horizontal(classes="review-heading"):
                    yield Static(step.title, classes="question", markup=False)
                    yield CompactButton(f"Edit {step.title.lower()}", id=f"edit-{step.id}")
                yield Static("\n".join(summary[step.id]), classes="review-answers", markup=False)
        with Horizontal(id="nav"):
            yield CompactButton("← Back", id="back")
            yield CompactButton("See my result →", id="result", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#result", Button).focus()

    def action_scroll(self, where: str) -> None:
        form = self.query_one("#form", VerticalScroll)
        {"page_down": form.scroll_page_down, "page_up": form.scroll_page_up, "home": form.scroll_home}.get(
            where, form.scroll_end
        )(animate=False)

    @on(Button.Pressed, "#result")
    def action_result(self) -> None:
        nav.go(self, nav.Finish())

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        nav.go(self, nav.ShowStep(STEPS[-1].id))

    @on(Button.Pressed, ".review-heading CompactButton")
    def _edit(self, event: Button.Pressed) -> None:
        step_id = (event.button.id or "").removeprefix("edit-")
        nav.go(self, nav.ShowStep(step_id, back_to_review=True))
