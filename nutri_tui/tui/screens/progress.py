"""P on the past results or on Compare: every result's scores as numbers, a row each (the chart is never
the only way to read them). Newest first, as the past results are; Escape closes.

A column per line of the chart (pain, each questionnaire's total with its band, each subscale with a
follow-up), ``-`` where a result has no such score. Rows are added 200 at a time, as on the past results.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from nutri_tui.local_time import shown_time
from nutri_tui.reports.progress import Scored, Series, all_series, cell
from nutri_tui.tui.screens.modal import Modal

if TYPE_CHECKING:
    from nutri_tui.content import Content

PAGE = 200
HEADER_MAX = 16
"""A column's heading is cut to this (``Keele STarT Back…``): every column fits 80 columns."""


def heading(series: Series) -> str:
    """The column's name: a subscale without its questionnaire's name (``anxiety``), cut to :data:`HEADER_MAX`."""
    name = series.label.split(" ", 1)[1] if "." in series.key else series.label
    return name if len(name) <= HEADER_MAX else name[: HEADER_MAX - 1] + "…"


class ProgressModal(Modal[None]):
    DEFAULT_CSS = """
    ProgressModal { align: center middle; }
    #progress-dialog { width: 100%; height: 100%; padding: 0 1; background: $surface; border: thick $primary; }
    #progress-dialog Static { height: auto; }
    #progress-table { height: 1fr; }
    """
    BINDINGS: ClassVar = [Binding("escape", "dismiss", "Close"), Binding("p", "dismiss", "Close", show=False)]

    def __init__(self, results: Sequence[Scored], content: Content) -> None:
        """``results`` newest first."""
        super().__init__()
        self.results = list(results)
        self.series = all_series(reversed(self.results), content)
        self.content = content

    def compose(self) -> ComposeResult:
        with Vertical(id="progress-dialog"):
            yield Static(
                f"Every score of your {len(self.results)} result(s), newest first ('-': no such score). "
                "Up, Down, Page Up and Page Down move; Escape closes.",
                markup=False,
            )
            yield DataTable(id="progress-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#progress-table", DataTable)
        table.add_columns("Date", *(heading(s) for s in self.series))
        self._add_rows(PAGE)
        table.focus()

    def _add_rows(self, count: int) -> None:
        table = self.query_one("#progress-table", DataTable)
        start = table.row_count
        for result in self.results[start : start + count]:
            cells = [shown_time(result.created), *(cell(result, s.key, self.content) for s in self.series)]
            table.add_row(*(Text(c, no_wrap=True) for c in cells))  # Text: never parsed as markup

    @on(DataTable.RowHighlighted, "#progress-table")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - 1 and event.data_table.row_count < len(self.results):
            self._add_rows(PAGE)

    @property
    def rows(self) -> list[list[str]]:
        table = self.query_one("#progress-table", DataTable)
        return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
