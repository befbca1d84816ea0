"""How a person left the History, given back when they return to it with Escape from a result or Compare."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nutri_tui.tui import navigation as nav

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class HistoryView:
    """The filter typed, the order, the marked result and the highlighted one (row keys: file paths)."""

    filter_text: str
    sort: str
    marked: str | None
    highlighted: str | None


def back_to_history(screen: Screen[None], view: HistoryView) -> None:
    """Escape on Compare or on a result opened from the History: the past results as they were left (marks,
    filter, order, highlighted row), given to the new History screen before it is mounted."""
    nav.go(screen, nav.History())
    restore = getattr(screen.app.screen, "restore", None)  # the History screen (not if it could not open)
    if callable(restore):
        restore(view)
