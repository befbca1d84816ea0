"""What the command palette (ctrl+p) offers, on top of Textual's own commands (themes, keys, quit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from textual.app import SystemCommand
from textual.screen import Screen

from nutri_tui.tui import navigation as nav
from nutri_tui.tui.themes import HIGH_CONTRAST


class PaletteApp(nav.Navigator, Protocol):
    """The app as the palette needs it (a Protocol: this module must not import the app, which imports it)."""

    theme: str

    def action_help(self) -> None: ...


def palette_commands(app: PaletteApp, screen: Screen) -> Iterable[SystemCommand]:
    from nutri_tui.tui.screens.result import ResultScreen

    go = app.navigate
    yield SystemCommand("New assessment", "Start a new set of questions", lambda: go(nav.NewAssessment()))
    yield SystemCommand("Past results", "Open, compare, label or delete saved results", lambda: go(nav.History()))
    if isinstance(screen, ResultScreen):
        yield SystemCommand("Save result", "Save this result with a label", screen.action_save)
        yield SystemCommand("Export result", "Write a Markdown report for a clinician", screen.action_export)
    yield SystemCommand("Home", "Go to the welcome screen", lambda: go(nav.Home()))
    yield SystemCommand("Help", "Help for this screen and the keys", app.action_help)
    yield SystemCommand(
        "High contrast", "Switch to the high-contrast theme", lambda: setattr(app, "theme", HIGH_CONTRAST.name)
    )
    # Textual's ANSI themes draw with the terminal's own 16 colours: the palette a low-vision user already set.
    for name, light in (("ansi-dark", "dark"), ("ansi-light", "light")):
        yield SystemCommand(
            f"Your terminal's colours ({light})",
            f"Use the colours set in your terminal, on a {light} background",
            lambda name=name: setattr(app, "theme", name),
        )
