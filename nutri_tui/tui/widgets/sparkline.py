"""Scores over time: one line per score, a sparkline once there are two values, always with the numbers.

Textual's ``Sparkline`` draws a single value as a bar filling the whole line, and no value as a flat
line, which read as a trend (a high one, or a steady one) that is not there. It also scales its bars
from the lowest to the highest value shown, so pain scores of 4, 5 and 6 looked like a swing from
nothing to the worst. So the bars here are drawn on each score's own scale (pain 0 to 10, STarT Back 0
to 9), there are none before a second value, and the chart is never the only way to read a line: it is
followed by the numbers and what changed since the first in words (``7, 6, 4 of 10: 3 points lower
than the first: a change that matters``), from :mod:`nutri_tui.reports.progress`. On a narrow screen
the oldest numbers give way first (``…, 6, 4``), then the bars; the words stay.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from nutri_tui.reports.progress import Series

BARS = "▁▂▃▄▅▆▇█"
"""From 0 (the lowest bar) to the score's maximum (a full bar)."""
BARS_MAX = 24
"""At most this many bars; more values are grouped."""


def bars(values: Sequence[float], width: int, maximum: float = 10) -> str:
    """One bar per value on the scale 0 to ``maximum``, oldest first; more values than ``width`` are grouped,
    each group shown by its highest value (as Textual's sparkline does)."""
    if len(values) > width:
        size = -(-len(values) // width)  # ceiling division: every group holds at most this many
        values = [max(values[start : start + size]) for start in range(0, len(values), size)]
    top = len(BARS) - 1
    return "".join(BARS[round(min(max(value, 0), maximum) / maximum * top)] for value in values)


def chart_line(series: Series, width: int) -> str:
    """``Pain ▅▆▄ 7, 6, 4 of 10: 3 points lower than the first: a change that matters``, fitted to ``width``."""
    if not series.values:
        return f"{series.label}: {series.change}"
    if len(series.values) == 1:
        return f"{series.label}: {series.values[0]} of {series.maximum}, {series.change}"
    tail = f" of {series.maximum}: {series.change}"
    count = len(series.values)
    fewest = max(count - width // 2, 0)  # a number takes at least 2 columns: no more of them can fit
    numbers = [str(value) for value in series.values[fewest:]]
    drawn_at: dict[int, str] = {}

    def line(bar_width: int, left_out: int) -> str:
        shown = numbers[left_out - fewest :] if not left_out else ["…", *numbers[left_out - fewest :]]
        if bar_width not in drawn_at:
            drawn_at[bar_width] = f" {bars(series.values, bar_width, series.maximum)}" if bar_width else ""
        return f"{series.label}{drawn_at[bar_width]} {', '.join(shown)}{tail}"

    bar_width = min(count, BARS_MAX)
    for left_out in range(fewest, count):  # the oldest numbers give way first, down to the latest
        fitted = line(bar_width, left_out)
        if len(fitted) <= width:
            return fitted
    # Then the bars, down to two (one bar alone would read as a trend); then none at all.
    for narrower in range(bar_width - 1, 1, -1):
        fitted = line(narrower, count - 1)
        if len(fitted) <= width:
            return fitted
    return line(0, count - 1)


class ProgressChart(Widget):
    """Every score over time, a line each (:func:`chart_line`); set with :meth:`show`."""

    DEFAULT_CSS = "ProgressChart { height: auto; padding: 0 1; }"

    def __init__(self, series: Sequence[Series] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series: list[Series] = list(series)
        self._drawn: tuple[int, list[str]] | None = None
        """The lines at the last width: every repaint draws them, and 10,000 results take a few ms to fit."""

    def show(self, series: Sequence[Series]) -> None:
        if list(series) != self.series:
            self.series = list(series)
            self._drawn = None
            self.refresh(layout=True)

    @property
    def lines(self) -> list[str]:
        """What the chart says, one line per score, at the width it has (80 before it is laid out)."""
        width = self.size.width or 80
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, [chart_line(series, width) for series in self.series])
        return self._drawn[1]

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return max(len(self.series), 1)

    def render(self) -> RenderResult:
        text = Text("\n".join(self.lines), no_wrap=True, overflow="ellipsis")
        return text
