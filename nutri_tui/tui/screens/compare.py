"""Two results side by side: levels, pain score and red flags, and the pain trend over all results."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from nutri_tui.models.session import Session
from nutri_tui.reports.comparison import compare_sessions
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.widgets.header import Header
from nutri_tui.tui.widgets.key_bar import KeyBar
from nutri_tui.tui.widgets.sparkline import PainTrend

HELP = "Compares an earlier and a later result. Escape goes back to your past results."


class CompareScreen(Screen[None]):
    BINDINGS: ClassVar = [Binding("escape", "back", "Back"), Binding("f1", "app.help", "Help")]
    HELP = HELP

    def __init__(self, first: Session, second: Session, pains: list[int]) -> None:
        super().__init__()
        self.first, self.second, self.pains = first, second, pains
        self.back: Callable[[], None] | None = None
        """What Escape does instead of opening the past results afresh: the History screen that opened
        this one sets it, so a person comes back to the same marks, filter, order and highlighted row."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form"):
            yield Static("\n".join(compare_sessions(self.first, self.second)), markup=False)
            yield Static("Pain score over all your results (oldest to newest):", classes="heading", markup=False)
            yield PainTrend(self.pains, id="compare-trend")
        yield KeyBar()

    def action_back(self) -> None:
        if self.back is not None:
            self.back()
            return
        nav.go(self, nav.History())
