"""A labelled one-line choice (a compact Select) and a yes/no/not-sure question."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, RadioButton, RadioSet, Select

from nutri_tui.labels import CHOICES


class Choice(Horizontal):
    """A question on the left, its choices in a compact dropdown on the right.

    ``value`` is the stored value (a string) or None when nothing is chosen yet.
    """

    DEFAULT_CSS = """
    Choice { height: auto; margin-bottom: 0; }
    Choice > Label { width: 1fr; padding: 0 1 0 0; }
    Choice > Select { width: 34; }
    """

    def __init__(self, question: str, field: str, options: dict[str, str], value: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.field = field
        self.options = options
        self._initial = value if value in options else Select.NULL

    def compose(self) -> ComposeResult:
        yield Label(self.question, markup=False)
        yield Select(
            [(text, value) for value, text in self.options.items()],
            value=self._initial,
            prompt="Choose…",
            compact=True,
            id=f"{self.field.replace('.', '-')}-select",
        )

    @property
    def value(self) -> str | None:
        select = self.query_one(Select)
        return None if select.is_blank() else str(select.value)

    def focus_input(self) -> None:
        self.query_one(Select).focus()


def choice(question: str, field: str, value: Any = None, key: str | None = None, **kwargs: Any) -> Choice:
    """A Choice whose options are the labels for ``key`` (default: the field itself)."""
    return Choice(question, field, CHOICES[key or field], value, **kwargs)


class YesNoQuestion(Vertical):
    """A red-flag style question answered Yes, No or Not sure (a horizontal RadioSet)."""

    DEFAULT_CSS = """
    YesNoQuestion { height: auto; margin-bottom: 1; }
    YesNoQuestion > Label { width: 1fr; }
    YesNoQuestion > RadioSet { layout: horizontal; width: auto; height: auto; border: none; padding: 0; }
    YesNoQuestion > RadioSet:focus { border: none; background: $boost; }
    YesNoQuestion > RadioSet > RadioButton { margin-right: 2; }
    """

    def __init__(self, question: str, key: str, value: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.key = key
        self._initial = value

    def compose(self) -> ComposeResult:
        yield Label(self.question, markup=False)
        with RadioSet(id=f"flag-{self.key}"):
            for value, text in CHOICES["red_flag"].items():
                yield RadioButton(text, value=value == self._initial, name=value)

    @property
    def value(self) -> str | None:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None else None
