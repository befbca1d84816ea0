"""The pain score over time: a sparkline once there are two scores, words before that.

Textual's ``Sparkline`` draws a single value as a bar filling the whole line, and no value as a flat
line, which read as a trend (a high one, or a steady one) that is not there. With fewer than two
scores this says so in words instead. It also scales its bars from the lowest to the highest value
shown, so scores of 4, 5 and 6 looked like a swing from nothing to the worst: here the bars are on the
pain scale itself, 0 to 10, and the latest score is given in words.
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
        if words is not None:
            return Text(words, no_wrap=True, overflow="ellipsis")
        pains = list(self.data or [])
        latest = f"  latest {number(pains[-1])} of 10"
        return Text(bars(pains, max(self.size.width - len(latest), 2)) + latest, no_wrap=True, overflow="ellipsis")


BARS = "▁▂▃▄▅▆▇█"
"""From 0 (no pain, the lowest bar) to 10 (the worst, a full bar)."""


def bars(pains: Sequence[float], width: int) -> str:
    """One bar per score on the 0-10 scale, oldest first; more scores than ``width`` are grouped, each
    group shown by its highest score (as Textual's sparkline does)."""
    if len(pains) > width:
        size = -(-len(pains) // width)  # ceiling division: every group holds at most this many
        pains = [max(pains[start : start + size]) for start in range(0, len(pains), size)]
    return "".join(BARS[round(min(max(pain, 0), 10) / 10 * (len(BARS) - 1))] for pain in pains)
