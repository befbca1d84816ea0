"""What a long history does in a thread once its list is on the screen, so that it opens at once.

- **Catching up with the files**: 100,000 ``lstat`` calls take about half a second, so a long history is
  shown from its index as last left, then compared with the files; the list is shown again only if a
  file changed (:func:`catch_up_later`).
- **The chart** of every readable result's scores: reading and checking 100,000 results' scores takes a few
  tenths of a second (:func:`show_scores`). A short history's chart is made at once, with the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nutri_tui.reports.progress import all_series
from nutri_tui.storage import StorageError

if TYPE_CHECKING:
    from collections.abc import Callable

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


def catch_up_later(screen: Screen[None], rows: SessionRows, changed: Callable[[SessionRows], None]) -> None:
    """Bring ``rows`` up to date with the files in a thread after the next paint; ``changed`` is called on the
    screen's thread if any file had changed (and the rows are still open)."""

    def work() -> None:
        try:
            found = rows.catch_up()
        except (OSError, StorageError) as error:
            screen.app.call_from_thread(screen.notify, f"Could not read the sessions folder: {error}", severity="error")
            return
        if found and not rows.closed:
            screen.app.call_from_thread(changed, rows)

    screen.call_after_refresh(lambda: screen.run_worker(work, thread=True, group="catch-up", exit_on_error=False))
