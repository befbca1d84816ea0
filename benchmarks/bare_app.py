"""Reference apps for the benchmarks: the least a Textual app with this layout can cost.

``BareApp`` is a Header, a Static and a Footer (the start-up reference); ``TwoScreenApp``
switches between two such screens on ctrl+n, creating a new screen each time as nutri-tui's
wizard does (the step-switch reference).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    TITLE = "bare"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello from a bare Textual app.")
        yield Footer()


class PageScreen(Screen[None]):
    BINDINGS: ClassVar = [Binding("ctrl+n", "next", "Next", priority=True)]

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Page {self.number}")
        yield Footer()

    def action_next(self) -> None:
        self.app.switch_screen(PageScreen(self.number + 1))


class TwoScreenApp(App[None]):
    TITLE = "two screens"

    def on_mount(self) -> None:
        self.push_screen(PageScreen(0))


if __name__ == "__main__":
    BareApp().run()
