"""A labelled one-line choice (a compact Select) and a yes/no/not-sure question."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select

from nutri_tui.labels import CHOICES
from nutri_tui.widgets.answer_row import AnswerRow


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


YES_NO_KEYS = {"y": "yes", "n": "no", "s": "dont_know", "?": "dont_know"}


class YesNoQuestion(Vertical):
    """A red-flag style question answered Yes, No or Not sure (keys y, n, s, or left/right)."""

    DEFAULT_CSS = """
    YesNoQuestion { height: auto; margin-bottom: 1; }
    YesNoQuestion > Label { width: 1fr; }
    """

    def __init__(self, question: str, key: str, value: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.key = key
        self._initial = value

    def compose(self) -> ComposeResult:
        yield Label(self.question, markup=False)
        yield AnswerRow(CHOICES["red_flag"], self._initial, keys=YES_NO_KEYS, id=f"flag-{self.key}")

    @property
    def value(self) -> str | None:
        return self.query_one(AnswerRow).value
