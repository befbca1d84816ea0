"""A one-line set of answers, e.g. ( ) Yes (•) No ( ) Not sure, optionally under its question.

The chosen answer is marked with a dot as well as colour, so it reads the same in
monochrome (NO_COLOR) and to anyone who cannot tell the colours apart. Left and
right move the choice; the first letter of an answer chooses it directly.
"""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class AnswerRow(Widget, can_focus=True):
    DEFAULT_CSS = """
    AnswerRow { height: 1; width: auto; padding: 0 1; }
    AnswerRow:focus { background: $boost; text-style: bold; }
    """
    BINDINGS: ClassVar = [
        Binding("left", "move(-1)", "Previous answer", show=False),
        Binding("right", "move(1)", "Next answer", show=False),
    ]

    value: reactive[str | None] = reactive(None)
    advance: ClassVar[bool] = False
    """Answering by its letter moves on to the next question (a list of many questions of one kind)."""

    class Changed(Message):
        def __init__(self, row: AnswerRow, value: str) -> None:
            super().__init__()
            self.row = row
            self.value = value

        @property
        def control(self) -> AnswerRow:
            return self.row

    def __init__(
        self,
        options: dict[str, str],
        value: str | None = None,
        keys: dict[str, str] | None = None,
        question: str = "",
        **kwargs: object,
    ) -> None:
        """``keys`` maps a typed character to an answer (default: each answer's first letter).

        ``question``, when given, is drawn above the answers in the same widget (one widget per
        question keeps long forms quick to show).
        """
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.question = question
        self.options = options
        self.set_reactive(AnswerRow.value, value if value in options else None)
        self._keys = keys or {text[0].lower(): key for key, text in options.items()}

    def _question_lines(self, width: int) -> list[str]:
        return textwrap.wrap(self.question, max(width, 10)) if self.question else []

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._question_lines(width)) + 1

    def render(self) -> Text:
        text = Text()
        for line in self._question_lines(self.content_region.width):
            text.append(line + "\n")
        for key, label in self.options.items():
            chosen = key == self.value
            text.append(f"({'•' if chosen else ' '}) {label}", style="reverse" if chosen else "")
            text.append("   ")
        return text

    def choose(self, value: str) -> None:
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    def action_move(self, step: int) -> None:
        keys = list(self.options)
        index = keys.index(self.value) + step if self.value in keys else (0 if step > 0 else len(keys) - 1)
        self.choose(keys[max(0, min(len(keys) - 1, index))])

    def on_key(self, event: events.Key) -> None:
        if self.advance and not self.has_focus:
            # Typed for the question this one moved on to, but handed here before the move (a fast burst):
            # never let it change this answer (a "y" overwritten by the "n" meant for the next sign).
            return
        key = self._keys.get(event.character.lower()) if event.character else None
        if key is not None:
            event.stop()
            self.choose(key)
            if self.advance:
                self.screen.focus_next()

    def on_click(self, event: events.Click) -> None:
        """Choose the answer under the mouse."""
        where = event.get_content_offset(self)
        if where is None or where.y != len(self._question_lines(self.content_region.width)):
            return
        offset, position = 0, where.x
        for key, label in self.options.items():
            width = len(label) + 4
            if offset <= position < offset + width:
                self.choose(key)
                return
            offset += width + 3
