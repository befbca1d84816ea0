"""The chart under the past results: every readable result's scores over time, read from the index.

Reading and checking 100,000 results' scores takes a few tenths of a second, so a long history's chart is
made in a thread once the list is on the screen; a short one's at once (so it is there with the list).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nutri_tui.reports.progress import all_series

if TYPE_CHECKING:
    from textual.screen import Screen

    from nutri_tui.content import Content
    from nutri_tui.storage.listing import SessionRows
    from nutri_tui.tui.widgets.sparkline import ProgressChart

IN_THREAD_FROM = 2_000
"""With more readable results than this, the chart's scores are read in a thread after the list is shown."""


def show_scores(
    screen: Screen[None], rows: SessionRows | None, readable: int, chart: ProgressChart, content: Content
) -> None:
    """``readable``: how many readable results the index holds."""
    if rows is None:
        chart.show(all_series([], content))
        return
    if readable <= IN_THREAD_FROM:
        chart.show(all_series(rows.scored(), content))
        return

    def read() -> None:
        series = all_series(rows.scored(), content)
        screen.app.call_from_thread(chart.show, series)

    screen.call_after_refresh(
        lambda: screen.run_worker(read, thread=True, group="chart", exclusive=True, exit_on_error=False)
    )
