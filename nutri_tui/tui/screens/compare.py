"""Two results side by side: pain score, questionnaires, red flags and levels, then every score over all results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from nutri_tui.models.session import Session
from nutri_tui.reports.comparison import compare_sessions
from nutri_tui.reports.progress import Scored, all_series
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.widgets.header import Header
from nutri_tui.tui.widgets.key_bar import KeyBar
from nutri_tui.tui.widgets.sparkline import ProgressChart

if TYPE_CHECKING:
    from nutri_tui.content import Content

HELP = (
    "Compares an earlier and a later result: the pain score (and whether the change is one that matters), the "
    "questionnaires' scores, warning signs and nutrients; then every score over all your results. Up, Down, "
    "Page Up and Page Down scroll; P lists every score of every result; Escape goes back to your past results."
)


class CompareScreen(Screen[None]):
    BINDINGS: ClassVar = [
        Binding("escape", "back", "Back"),
        Binding("p", "progress", "Scores"),
        Binding("f1", "app.help", "Help"),
    ]
    HELP = HELP

    def __init__(
        self, first: Session, second: Session, results: Sequence[Scored], content: Content | None = None
    ) -> None:
        """``results``: every readable result, oldest first, for the chart of every score over time."""
        super().__init__()
        self.first, self.second, self.results = first, second, list(results)
        self.content = content
        self.back: Callable[[], None] | None = None
        """What Escape does instead of opening the past results afresh: the History screen that opened
        this one sets it, so a person comes back to the same marks, filter, order and highlighted row."""

    def compose(self) -> ComposeResult:
        content = self.content or self.app.content  # type: ignore[attr-defined]
        yield Header()
        with VerticalScroll(id="form"):
            yield Static("\n".join(compare_sessions(self.first, self.second, content)), markup=False)
            yield Static("Every score over all your results, oldest first:", classes="heading", markup=False)
            yield ProgressChart(all_series(self.results, content), id="compare-progress")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#form", VerticalScroll).focus()  # Up and Down scroll it

    def action_progress(self) -> None:
        from nutri_tui.tui.screens.progress import ProgressModal

        self.app.push_screen(ProgressModal(self.results[::-1], self.content or self.app.content))  # type: ignore[attr-defined]

    def action_back(self) -> None:
        if self.back is not None:
            self.back()
            return
        nav.go(self, nav.History())
