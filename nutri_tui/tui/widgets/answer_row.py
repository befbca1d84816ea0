"""A set of answers in one widget, e.g. ( ) Yes (•) No ( ) Not sure, optionally under its question.

The chosen answer is marked with a dot as well as colour, so it reads the same in
monochrome (NO_COLOR) and to anyone who cannot tell the colours apart. Left and
right move the choice; a key of an answer (its first letter, unless told others) chooses it
directly. Answers that do not fit on one line (the PHQ-4's four) wrap onto the next.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

GAP = 3
"""Spaces between two answers."""


class OptionRow(Widget, can_focus=True):
    DEFAULT_CSS = """
    OptionRow { height: 1; width: auto; padding: 0 1; }
    OptionRow:focus { background: $boost; text-style: bold; }
    """
    BINDINGS: ClassVar = [
        Binding("left", "move(-1)", "Previous answer", show=False),
        Binding("right", "move(1)", "Next answer", show=False),
    ]

    value: reactive[str | None] = reactive(None)
    advance: ClassVar[bool] = False
    """Answering by its key moves on to the next question (a list of many questions of one kind)."""

    class Changed(Message):
        def __init__(self, row: OptionRow, value: str) -> None:
            super().__init__()
            self.row = row
            self.value = value

        @property
        def control(self) -> OptionRow:
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
        self.set_reactive(OptionRow.value, value if value in options else None)
        self._keys = keys or {text[0].lower(): key for key, text in options.items()}

    def _question_lines(self, width: int) -> list[str]:
        return textwrap.wrap(self.question, max(width, 10)) if self.question else []

    def _answer_lines(self, width: int) -> list[list[tuple[str, str]]]:
        """The answers as (key, label) laid out in lines: all on one line when they fit, else wrapped."""
        if width <= 0:  # not laid out yet
            return [list(self.options.items())]
        lines: list[list[tuple[str, str]]] = [[]]
        used = 0
        for key, label in self.options.items():
            size = len(label) + 4  # "(•) " before the label
            if lines[-1] and used + GAP + size > width:
                lines.append([])
                used = 0
            used += (GAP if lines[-1] else 0) + size
            lines[-1].append((key, label))
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._question_lines(width)) + len(self._answer_lines(width))

    def render(self) -> Text:
        width = self.content_region.width
        text = Text()
        for line in self._question_lines(width):
            text.append(line + "\n")
        for row, answers in enumerate(self._answer_lines(width)):
            if row:
                text.append("\n")
            for key, label in answers:
                chosen = key == self.value
                text.append(f"({'•' if chosen else ' '}) {label}", style="reverse" if chosen else "")
                text.append(" " * GAP)
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
        key = self._keys.get(event.character.lower()) if event.character else None
        if key is None:
            return
        event.stop()
        if self.advance and self.screen.focused is not self:
            # Typed for the question this one moved on to, but handed here before the move (a fast burst: the
            # app hands every key of one read to what had focus as it read them). It never changes this answer
            # (a "y" to a warning sign overwritten by the "n" meant for the next), and is not handed on:
            # arriving after keys read later, it could answer the wrong question, where a lost key shows (the
            # question stays unanswered). ``self.screen.focused``, not ``has_focus``: Textual sets that only
            # when the blur reaches this widget, after the keys already queued here.
            return
        self.choose(key)
        if self.advance:
            self.screen.focus_next()

    def _spans(self, width: int) -> Iterator[tuple[int, int, int, str]]:
        """(line, first column, last column + 1, answer key) of each answer as drawn."""
        for row, answers in enumerate(self._answer_lines(width)):
            offset = 0
            for key, label in answers:
                size = len(label) + 4
                yield row, offset, offset + size, key
                offset += size + GAP

    def on_click(self, event: events.Click) -> None:
        """Choose the answer under the mouse."""
        where = event.get_content_offset(self)
        if where is None:
            return
        width = self.content_region.width
        row = where.y - len(self._question_lines(width))
        for line, start, end, key in self._spans(width):
            if line == row and start <= where.x < end:
                self.choose(key)
                return


class AnswerRow(OptionRow):
    """A warning sign's row (the red flags' :class:`~nutri_tui.tui.widgets.choice.YesNoQuestion`).

    Its own class, so that what looks for warning-sign answers (the back-pain step, the tests) never finds
    a questionnaire's rows, which are :class:`OptionRow` too.
    """
