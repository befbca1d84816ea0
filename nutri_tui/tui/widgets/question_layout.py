"""How a one-widget question is laid out: the question on the left, its answer box on the right.

Shared by :class:`~nutri_tui.tui.widgets.choice.Choice` and :class:`~nutri_tui.tui.widgets.number.NumberField`,
so both line up in one column. On a narrow terminal the box goes on its own line under the question.
On a wide one the widgets are no wider than at 80 columns (``app.tcss``), so the box stays near its question.
"""

from __future__ import annotations

import textwrap

from rich.text import Text

VALUE_WIDTH = 34
"""Columns for the answer box on the question's first line (as wide as Textual's compact Select)."""
NARROW = 56
"""Below this width the answer box goes on its own line under the question."""


def wrap_question(question: str, width: int) -> tuple[list[str], int]:
    """The question's lines, and the box width on its first line (0: the box is on a line of its own)."""
    width = max(width, 10)
    if width < NARROW:
        return textwrap.wrap(question, width) or [""], 0
    return textwrap.wrap(question, width - VALUE_WIDTH - 1) or [""], VALUE_WIDTH


def box_width(width: int) -> int:
    """The answer box's width for a widget ``width`` columns wide."""
    width = max(width, 10)
    return VALUE_WIDTH if width >= NARROW else min(width, VALUE_WIDTH)


def question_height(question: str, width: int) -> int:
    lines, value_width = wrap_question(question, width)
    return len(lines) + (0 if value_width else 1)


def question_with_box(question: str, width: int, box: Text) -> Text:
    """The question's lines with ``box`` (already ``box_width`` wide) at the right of the first one."""
    width = max(width, 10)
    lines, value_width = wrap_question(question, width)
    out = Text()
    for number, line in enumerate(lines):
        if number:
            out.append("\n")
        out.append(line)
        if number == 0 and value_width:
            out.append(" " * (width - value_width - len(line)))
            out.append_text(box)
    if not value_width:
        out.append("\n")
        out.append_text(box)
    return out


def box_offset(question: str, width: int) -> tuple[int, int]:
    """Where the answer box starts in a widget ``width`` columns wide: (column, line)."""
    width = max(width, 10)
    lines, value_width = wrap_question(question, width)
    return (width - value_width, 0) if value_width else (0, len(lines))
