"""Time to open the past-results screen with a long history, and to filter it, against a bare table app.

Run: ``python -m benchmarks.bench_history_screen [--sessions 10000] [--rounds 3] [--json]``.
A temporary NUTRI_TUI_HOME gets N saved sessions and is listed once, so the session index exists
(the first listing of a never-indexed folder is bench_history's "first list"). Each round starts
NutriTuiApp under Pilot (App.run_test, 80x24), presses "h" on the welcome screen and records the
time until the history screen's first frame with its rows ("open"); then, with "holida" already
typed in the filter box, the time from pressing "y" until the filtered list is painted ("filter").
The reference app does the least a screen like this can: on "h" it switches to a new screen with
a DataTable of the same five columns and 200 rows (one page of ours); on a key it clears and
refills the table. Rounds alternate the two apps; ratios are per round, then the median.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from time import perf_counter
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input

from benchmarks._common import PaintSpy, fill_sessions, median, parser, ratios, row, show

TARGET_S = 0.5
ROWS = 200
COLUMNS = ("Date", "Flag", "Pain", "Label", "Worth checking")


async def painted_after(pilot: Pilot, paints: PaintSpy, moment: float, ready: Any) -> float:
    """Pause until ``ready(screen)`` holds for the current screen and it has painted since ``moment``."""
    for _ in range(500):
        screen = pilot.app.screen
        if ready(screen):
            when = paints.painted(screen, moment)
            if when is not None:
                return when
        await pilot.pause()
    raise RuntimeError(f"never painted ({pilot.app.screen!r})")


class TableScreen(Screen[None]):
    BINDINGS: ClassVar = [Binding("y", "refill", "Refill")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(compact=True)
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        self.action_refill()
        table.focus()

    def action_refill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for n in range(ROWS):
            cells = (f"2026-01-01 {n % 24:02d}:00", "", "4", "after holiday", "▲ Vitamin D, ◆ Iron")
            table.add_row(*(Text(cell, no_wrap=True) for cell in cells), key=str(n))


class TableApp(App[None]):
    BINDINGS: ClassVar = [Binding("h", "table", "Table")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Footer()

    def action_table(self) -> None:
        self.push_screen(TableScreen())


async def nutri_round(root: Path) -> tuple[float, float, int]:
    from nutri_tui.storage import Storage
    from nutri_tui.tui.app import NutriTuiApp
    from nutri_tui.tui.screens.history import HistoryScreen

    app = NutriTuiApp(storage=Storage(root))
    paints = PaintSpy(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        start = perf_counter()
        await pilot.press("h")
        opened = await painted_after(
            pilot, paints, start, lambda s: isinstance(s, HistoryScreen) and s.query_one(DataTable).row_count
        )
        screen = app.screen
        screen.query_one("#history-filter", Input).focus()
        await pilot.press(*"holida")
        await pilot.pause()
        start_filter = perf_counter()
        await pilot.press("y")
        filtered = await painted_after(pilot, paints, start_filter, lambda s: s is screen)
        found = len(screen.shown)  # type: ignore[attr-defined]
    return opened - start, filtered - start_filter, found


async def reference_round() -> tuple[float, float]:
    app = TableApp()
    paints = PaintSpy(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        start = perf_counter()
        await pilot.press("h")
        opened = await painted_after(pilot, paints, start, lambda s: isinstance(s, TableScreen))
        screen = app.screen
        await pilot.pause()
        start_filter = perf_counter()
        await pilot.press("y")
        filtered = await painted_after(pilot, paints, start_filter, lambda s: s is screen)
    return opened - start, filtered - start_filter


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--sessions", type=int, default=10_000)
    cli.add_argument("--rounds", type=int, default=3)
    args = cli.parse_args(argv)
    from nutri_tui.storage import Storage

    with tempfile.TemporaryDirectory(prefix="nutri-bench-") as home:
        root = Path(home)
        fill_sessions(root, args.sessions)
        listed = len(Storage(root).list_sessions())  # builds the index, as the app's own saves would
        asyncio.run(nutri_round(root))  # warm-up: imports, CSS, content
        asyncio.run(reference_round())
        ours: list[tuple[float, float, int]] = []
        reference: list[tuple[float, float]] = []
        for n in range(args.rounds):
            if n % 2 == 0:
                ours.append(asyncio.run(nutri_round(root)))
                reference.append(asyncio.run(reference_round()))
            else:
                reference.append(asyncio.run(reference_round()))
                ours.append(asyncio.run(nutri_round(root)))

    open_ours, open_ref = median([o[0] for o in ours]), median([r[0] for r in reference])
    filter_ours, filter_ref = median([o[1] for o in ours]), median([r[1] for r in reference])
    open_ratio = median(ratios([o[0] for o in ours], [r[0] for r in reference]))
    filter_ratio = median(ratios([o[1] for o in ours], [r[1] for r in reference]))
    found = ours[0][2]
    table = [
        ["measure", "nutri-tui", "bare table app", "median ratio"],
        ["open the history (h to painted rows)", f"{open_ours:.3f} s", f"{open_ref:.3f} s", f"{open_ratio:.2f}x"],
        ["filter (one key to repainted rows)", f"{filter_ours:.3f} s", f"{filter_ref:.3f} s", f"{filter_ratio:.2f}x"],
    ]
    label = f"{args.sessions:,} sessions"
    rows = [
        row(
            f"History screen, {label}: open",
            f"{open_ours:.3f} s",
            f"{open_ref:.3f} s",
            f"{open_ratio:.2f}x",
            f"< {TARGET_S} s",
            open_ours < TARGET_S,
        ),
        row(
            f"History screen, {label}: filter one key",
            f"{filter_ours:.3f} s",
            f"{filter_ref:.3f} s",
            f"{filter_ratio:.2f}x",
            f"< {TARGET_S} s",
            filter_ours < TARGET_S,
        ),
    ]
    notes = [
        f"{args.rounds} rounds, App.run_test at 80x24; {listed:,} files listed, index built before timing",
        f"filter 'holiday' matched {found:,} sessions; the table shows {ROWS} rows at a time, more on scrolling",
        f"reference: a bare app switching to a DataTable screen with {ROWS} rows, refilled on a key",
    ]
    show("History screen", table, rows, notes, args.json)


if __name__ == "__main__":
    main()
