"""What a long history does in a thread once its list is on the screen, so that it opens at once.

- **Catching up with the files**: 100,000 ``lstat`` calls take about half a second, so a long history is
  shown from its index as last left, then compared with the files; the list is shown again only if a
  file changed (:func:`catch_up_later`).
- **The search texts** kept in the index, made again if they were made in another time zone
  (:func:`texts_later`; a filter typed meanwhile is run again once they are).
- **The chart** of every readable result's scores: reading 100,000 results' scores from the index takes a
  tenth of a second or two (:func:`show_scores`, :mod:`.history_chart`). A short history's chart is made at
  once, with the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nutri_tui.storage import StorageError
from nutri_tui.tui.screens.history_chart import chart_series

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from nutri_tui.content import Content
    from nutri_tui.storage.listing import SessionRows
    from nutri_tui.tui.screens.history_filter import Searchable
    from nutri_tui.tui.widgets.sparkline import ProgressChart

IN_THREAD_FROM = 2_000
"""With more readable results than this, the chart's scores are read in a thread after the list is shown."""


def show_scores(
    screen: Screen[None], rows: SessionRows | None, readable: int, chart: ProgressChart, content: Content
) -> None:
    """``readable``: how many readable results the index holds."""
    if rows is None:
        chart.show(chart_series([], content))
        return
    if readable <= IN_THREAD_FROM:
        chart.show(chart_series(rows.scores_by_time(), content))
        return

    def read() -> None:
        series = chart_series(rows.scores_by_time(), content)
        if not rows.closed:
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


def texts_later(screen: Screen[None], searchable: Searchable, made: Callable[[Searchable], None]) -> None:
    """Make the index's search texts ready in a thread after the next paint (made at once, the thread held up
    the first paint: the GIL); ``made`` is called on the screen's thread if any text changed."""

    def work() -> None:
        if searchable.ready():
            screen.app.call_from_thread(made, searchable)

    screen.call_after_refresh(lambda: screen.run_worker(work, thread=True, group="search-texts", exit_on_error=False))
