"""A labelled whole-number question: blank means "prefer not to say" or "not answered"."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.validation import Integer
from textual.widgets import Input, Label


class WholeNumber(Horizontal):
    """The label on the left, an integer Input (id ``field``) on the right, checked against a range."""

    def __init__(
        self, question: str, field: str, value: int | None, minimum: int, maximum: int, placeholder: str = ""
    ) -> None:
        super().__init__(classes="row", id=f"{field}-row")
        self.question, self.field, self.initial = question, field, value
        self.minimum, self.maximum, self.placeholder = minimum, maximum, placeholder

    def compose(self) -> ComposeResult:
        yield Label(self.question, markup=False)
        yield Input(
            "" if self.initial is None else str(self.initial),
            placeholder=self.placeholder,
            type="integer",
            max_length=len(str(self.maximum)),
            validators=[Integer(minimum=self.minimum, maximum=self.maximum)],
            valid_empty=True,
            compact=True,
            id=self.field,
        )

    @property
    def value(self) -> int | None:
        """The number entered, or None when blank or not a whole number in range."""
        widget = self.query_one(Input)
        text = widget.value.strip()
        return int(text) if text and widget.is_valid else None

    def problem(self, name: str) -> list[str]:
        """A one-item list naming what is allowed when the box holds something invalid."""
        widget: Any = self.query_one(Input)
        if widget.value.strip() and not widget.is_valid:
            return [f"{name}: enter a whole number from {self.minimum} to {self.maximum}, or leave it blank."]
        return []
