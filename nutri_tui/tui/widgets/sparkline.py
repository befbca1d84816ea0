"""The pain score over time: a sparkline once there are two scores, words before that.

Textual's ``Sparkline`` draws a single value as a bar filling the whole line, and no value as a flat
line, which read as a trend (a high one, or a steady one) that is not there. With fewer than two
scores this says so in words instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import RenderResult
from textual.widgets import Sparkline

from nutri_tui.text import number

NO_SCORES = "no pain scores yet: no trend"


def trend_words(pains: Sequence[float]) -> str | None:
    """What is shown instead of a sparkline, or None when there are enough scores to draw one."""
    if not pains:
        return NO_SCORES
    if len(pains) == 1:
        return f"one pain score so far ({number(pains[0])} of 10): no trend yet"
    return None


class PainTrend(Sparkline):
    """Pain scores from oldest to newest; set ``data`` to change them (as on ``Sparkline``)."""

    def __init__(self, pains: Sequence[int] = (), *, id: str | None = None) -> None:
        super().__init__(list(pains), id=id)

    @property
    def words(self) -> str | None:
        """The words shown instead of a sparkline (None while a sparkline is drawn)."""
        return trend_words(list(self.data or []))

    def render(self) -> RenderResult:
        words = self.words
        if words is None:
            return super().render()
        return Text(words, no_wrap=True, overflow="ellipsis")
