"""Shown the moment an emergency warning sign is answered Yes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from nutri_tui.models.content import RedFlag
from nutri_tui.screens.modal import Modal


class RedFlagModal(Modal[None]):
    BINDINGS: ClassVar = [Binding("escape", "dismiss", "I understand")]

    def __init__(self, flag: RedFlag) -> None:
        super().__init__()
        self.flag = flag

    def compose(self) -> ComposeResult:
        with Vertical(id="red-flag-dialog"):
            yield Static("‼ EMERGENCY: act now", classes="alert-title", markup=False)
            with VerticalScroll():
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
