"""F1: help for the current screen, the keys that work everywhere, how to get plain mode, and the settings for
low vision (themes, no colour, no movement)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from nutri_tui.tui.screens.modal import Modal

KEYS = (
    "Tab / Shift+Tab   move between questions\n"
    "Arrows            move inside a list; Left/Right change a choice\n"
    "Enter             open a choice, choose, press a button\n"
    "A letter          on a choice: jump to the answer starting with it\n"
    "Space             tick or untick an item in a list\n"
    "Ctrl+N            next step (when the step is complete)\n"
    "Escape            back a step (your answers are kept)\n"
    "W                 on a result: why (the answers and sources behind it)\n"
    "Ctrl+S / Ctrl+E   on a result: save again with a label / export\n"
    "Ctrl+P            command palette: new assessment, past results, theme\n"
    "F1                this help         Ctrl+Q   quit"
)


PLAIN_MODE = (
    "Using a screen reader or a braille display? Quit (Ctrl+Q) and run nutri-tui --plain: the same questions one "
    "line at a time, with the same result, drafts and past results. It starts by itself when TERM=dumb, when "
    "NUTRI_TUI_PLAIN=1 is set, or when input is not a terminal. In a browser instead: nutri-tui serve shows the app "
    "on this computer with the browser's screen-reader support switched on."
)


LOW_VISION = (
    "Ctrl+P, then High contrast: a theme whose text meets WCAG AA contrast. Ctrl+P, then Your terminal's "
    "colours (dark or light): the colours, font size and contrast you set in your terminal. Start nutri-tui "
    "with NO_COLOR=1 for no colour at all, and with TEXTUAL_ANIMATIONS=none for no movement on screen. The "
    "theme you choose is remembered."
)


class HelpScreen(Modal[None]):
    BINDINGS: ClassVar = [Binding("escape,f1,q", "dismiss", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.help_title, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(f"Help: {self.help_title}", classes="dialog-title", markup=False)
            with VerticalScroll():
                if self.text:
                    yield Static(self.text, markup=False)
                yield Static("Keys", classes="dialog-title", markup=False)
                yield Static(KEYS, markup=False)
                yield Static("Screen readers", classes="dialog-title", markup=False)
                yield Static(PLAIN_MODE, markup=False)
                yield Static("Seeing the screen", classes="dialog-title", markup=False)
                yield Static(LOW_VISION, markup=False)
            yield Static("Escape closes this help.", classes="muted", markup=False)
