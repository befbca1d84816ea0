"""Shown the moment an emergency warning sign is answered Yes, or Not sure (which is acted on as Yes).

The words are :func:`nutri_tui.reports.plan.interruption`'s, which plain mode says too.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from nutri_tui.reports.plan import Interruption
from nutri_tui.tui.screens.modal import Modal


class RedFlagModal(Modal[None]):
    BINDINGS: ClassVar = [Binding("escape", "dismiss", "I understand")]

    def __init__(self, words: Interruption) -> None:
        super().__init__()
        self.words = words

    def compose(self) -> ComposeResult:
        words = self.words
        with Vertical(id="red-flag-dialog"):
            yield Static(f"‼ {words.title}", classes="alert-title", markup=False)
            with VerticalScroll():
                yield Static(words.said, markup=False)
                if words.preface:
                    yield Static(words.preface, markup=False)
                yield Static(words.advice, classes="advice", markup=False)
                yield Static(words.why, markup=False)
                yield Static(words.after, classes="muted", markup=False)
            yield Button("I understand (Enter)", id="understood", variant="error")

    def on_mount(self) -> None:
        self.query_one("#understood", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss()
