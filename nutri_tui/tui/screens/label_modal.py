"""Ask for a label for a saved result (text inside the file; never part of its name)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from nutri_tui.models.session import LABEL_MAX
from nutri_tui.tui.screens.modal import Modal


class LabelModal(Modal[str | None]):
    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, label: str = "", prompt: str = "Label for this result (Enter saves, Escape cancels):") -> None:
        super().__init__()
        self.label, self.prompt = label, prompt

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(self.prompt, markup=False)
            yield Input(self.label, max_length=LABEL_MAX, placeholder="e.g. after 3 months of walking", id="label")

    @on(Input.Submitted, "#label")
    def _save(self, event: Input.Submitted) -> None:
        self.submitted(event.value)

    def submitted(self, value: str) -> None:
        """Enter in the box: the label as typed, trimmed (a dialog asking for something else checks it here)."""
        self.dismiss(value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
