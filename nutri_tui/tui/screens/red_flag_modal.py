"""Shown the moment an emergency warning sign is answered Yes, or Not sure (which is acted on as Yes)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from nutri_tui.models.catalogues import RedFlag
from nutri_tui.tui.screens.modal import Modal


class RedFlagModal(Modal[None]):
    BINDINGS: ClassVar = [Binding("escape", "dismiss", "I understand")]

    def __init__(self, flag: RedFlag, unsure: bool = False) -> None:
        super().__init__()
        self.flag = flag
        self.unsure = unsure

    def compose(self) -> ComposeResult:
        with Vertical(id="red-flag-dialog"):
            title = "‼ NOT SURE? Treat it as an emergency" if self.unsure else "‼ EMERGENCY: act now"
            yield Static(title, classes="alert-title", markup=False)
            with VerticalScroll():
                if self.unsure:
                    yield Static(
                        "You were not sure about a sign that needs checking straight away. Until a clinician has "
                        "ruled it out, act as if the answer were yes:",
                        markup=False,
                    )
                yield Static(self.flag.advice, classes="advice", markup=False)
                yield Static(f"Why: {self.flag.meaning}", markup=False)
                yield Static(
                    "You can finish the questions afterwards; this warning will lead your result. "
                    "Do not wait for the result to get help.",
                    classes="muted",
                    markup=False,
                )
            yield Button("I understand (Enter)", id="understood", variant="error")

    def on_mount(self) -> None:
        self.query_one("#understood", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss()
