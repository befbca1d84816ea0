"""Reference apps for the benchmarks: the least a Textual app with this layout can cost.

``BareApp`` is a Header, a Static and a Footer (the start-up reference); ``TwoScreenApp``
switches between two such screens on ctrl+n, creating a new screen each time as nutri-tui's
wizard does (the step-switch reference). ``KnowledgeBaseApp`` is the bare app that then loads the
knowledge base as nutri-tui's warm-up does (a thread, at the same delay, from the same disk cache),
and nothing else: its memory is the floor for any app that holds the validated content.
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


class KnowledgeBaseApp(BareApp):
    """The bare app holding the knowledge base: what loading it alone costs, without nutri-tui's screens."""

    WARM_UP_DELAY = 0.25
    """nutri_tui.tui.app.WARM_UP_DELAY (not imported: that module is what this reference leaves out)."""

    def on_mount(self) -> None:
        self.set_timer(self.WARM_UP_DELAY, lambda: self.run_worker(self._load, thread=True))

    def _load(self) -> None:
        from nutri_tui.content import load_content

        load_content(disk_cache=True)


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
