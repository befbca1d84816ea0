"""A labelled number question in one widget: blank means "prefer not to say" or "not answered".

Why not a Label and an ``Input`` in a row: that is three widgets per question, and the Medicines
step has eleven of them; building and styling them was a large part of the time it took to show
the step (docs/performance.md). A number needs little editing, so this widget keeps the typed
text itself: digits (and one decimal point where allowed) are added at the end, Backspace removes
the last character, Ctrl+K or Ctrl+U clears it, Enter moves to the next question, and pasted
text keeps only what a number can hold.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from nutri_tui.text import number_problem, typed_number
from nutri_tui.tui.widgets.question_layout import box_offset, box_width, question_height, question_with_box


class NumberField(Widget, can_focus=True):
    """The question on the left, the number being typed on the right (``id`` defaults to ``field``)."""

    DEFAULT_CSS = """
    NumberField { height: auto; width: 1fr; padding: 0 1 0 0; }
    NumberField > .number-field--box { background: $panel; }
    NumberField > .number-field--placeholder { background: $panel; color: $text-muted; }
    NumberField:focus { background: $boost; }
    NumberField:focus > .number-field--box, NumberField:focus > .number-field--placeholder {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"number-field--box", "number-field--placeholder"}
    BINDINGS: ClassVar = [
        Binding("backspace", "delete_last", show=False),
        Binding("ctrl+k,ctrl+u", "clear", show=False),
        Binding("enter", "app.focus_next", "Next question", show=False),
    ]

    text: reactive[str] = reactive("")

    class Changed(Message):
        def __init__(self, field: NumberField, text: str) -> None:
            super().__init__()
            self.field = field
            self.text = text

        @property
        def control(self) -> NumberField:
            return self.field

    def __init__(
        self,
        question: str,
        field: str,
        value: float | None,
        minimum: float,
        maximum: float,
        placeholder: str = "",
        decimals: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id or field)
        self.question, self.field = question, field
        self.minimum, self.maximum, self.placeholder, self.decimals = minimum, maximum, placeholder, decimals
        self.max_length = len(str(int(maximum))) + (6 if decimals else 0)
        self.set_reactive(NumberField.text, "" if value is None else f"{value:g}")

    # --- editing ---------------------------------------------------------------------------

    def _allowed(self, character: str) -> bool:
        if character.isdigit():
            return True
        return self.decimals and character == "." and "." not in self.text

    def _set_text(self, text: str) -> None:
        text = text[: self.max_length]
        if text != self.text:
            self.text = text
            self.post_message(self.Changed(self, text))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.is_printable and self._allowed(event.character):
            event.stop()
            event.prevent_default()
            self._set_text(self.text + event.character)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        kept = self.text
        for character in event.text.strip():
            if character.isdigit() or (self.decimals and character == "." and "." not in kept):
                kept += character
        self._set_text(kept)

    def action_delete_last(self) -> None:
        self._set_text(self.text[:-1])

    def action_clear(self) -> None:
        self._set_text("")

    def on_click(self) -> None:
        self.focus()

    # --- reading ---------------------------------------------------------------------------

    @property
    def value(self) -> int | float | None:
        """The answer: a whole number (or a decimal where allowed) in range, or None (read as plain mode reads it)."""
        return typed_number(self.text, self.minimum, self.maximum, self.decimals)

    @property
    def is_valid(self) -> bool:
        return not self.text or self.value is not None

    def problem(self, name: str) -> list[str]:
        """A one-item list naming what is allowed when the box holds something invalid."""
        if self.is_valid:
            return []
        return [number_problem(name, self.minimum, self.maximum, self.decimals)]

    # --- drawing ---------------------------------------------------------------------------

    @property
    def box_region(self) -> Region:
        """Where the answer box is on the screen (next to the question, or under it when narrow)."""
        area = self.content_region
        x, y = box_offset(self.question, area.width)
        return Region(area.x + x, area.y + y, box_width(area.width), 1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return question_height(self.question, width)

    def render(self) -> Text:
        width = max(self.content_region.width, 10)
        size = box_width(width)
        shown = self.text or self.placeholder
        cursor = "▏" if self.has_focus else " "
        box = Text(f" {shown}"[: size - 2] + cursor if self.text else f" {shown}"[: size - 1])
        box.pad_right(size - box.cell_len)
        box.stylize(self.get_component_rich_style(f"number-field--{'box' if self.text else 'placeholder'}"))
        return question_with_box(self.question, width, box)
