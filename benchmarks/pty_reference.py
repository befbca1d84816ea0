"""Bare Textual apps for the pty benchmarks, run as a script with the same Python as nutri-tui.

``python benchmarks/pty_reference.py MODE``, MODE one of:

- ``paint``: a Header, a Static and a Footer (first paint, peak memory);
- ``input``: one focused Input (a keystroke echoed);
- ``switch``: a Header/Static/Footer screen that switches to a new one on ctrl+n (step switch);
- ``table``: on "h", a new screen with a DataTable of 200 rows in five columns (history open, memory).

Each mode imports only the widgets it shows (Textual loads widgets lazily), so it costs what any
Textual app with this layout must.
"""

from __future__ import annotations

import sys
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen

PAINT_TEXT = "Hello from a bare Textual app."
INPUT_PLACEHOLDER = "type here"
ROWS = 200
COLUMNS = ("Date", "Flag", "Pain", "Label", "Worth checking")
TABLE_MARK = "after holiday"


def paint() -> App[Any]:
    from textual.widgets import Footer, Header, Static

    class PaintApp(App[None]):
        TITLE = "bare"

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static(PAINT_TEXT)
            yield Footer()

    return PaintApp()


def input_app() -> App[Any]:
    from textual.widgets import Input

    class InputApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(placeholder=INPUT_PLACEHOLDER)

    return InputApp()


def switch() -> App[Any]:
    from benchmarks.bare_app import TwoScreenApp  # the same two-screen app bench_step_switch uses

    return TwoScreenApp()


def table() -> App[Any]:
    from rich.text import Text
    from textual.widgets import DataTable, Footer, Header, Input, Static

    class TableScreen(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Input(compact=True)
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Footer()

        def on_mount(self) -> None:
            grid = self.query_one(DataTable)
            grid.add_columns(*COLUMNS)
            for n in range(ROWS):
                cells = (f"2026-01-01 {n % 24:02d}:00", "", "4", TABLE_MARK, "▲ Vitamin D, ◆ Iron")
                grid.add_row(*(Text(cell, no_wrap=True) for cell in cells), key=str(n))
            grid.focus()

    class TableApp(App[None]):
        TITLE = "table"
        BINDINGS: ClassVar = [Binding("h", "table", "Table")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Press h for the table")
            yield Footer()

        def action_table(self) -> None:
            self.push_screen(TableScreen())

    return TableApp()


if __name__ == "__main__":
    {"paint": paint, "input": input_app, "switch": switch, "table": table}[sys.argv[1]]().run()
