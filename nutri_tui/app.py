"""The Textual application.

``NutriTuiApp()`` needs no arguments: it finds the content itself. The wizard
screens arrive with the wizard issue; until then the app opens on a welcome
screen that explains what nutri-tui is and what works already (the CLI).
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from nutri_tui import __version__
from nutri_tui.screens.welcome import WelcomeScreen


class NutriTuiApp(App[None]):
    TITLE = "nutri-tui"
    SUB_TITLE = f"nutrients and back pain · v{__version__}"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="quit")]

    def on_mount(self) -> None:
        self.push_screen(WelcomeScreen())
