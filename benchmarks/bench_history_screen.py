"""Time to open the past-results screen with a long history, and to filter it, against a bare table app.

Run: ``python -m benchmarks.bench_history_screen [--sessions 10000] [--rounds 3] [--home DIR] [--json]``
(``--home``: an existing NUTRI_TUI_HOME with its sessions, kept, instead of a new one filled each run).
A temporary NUTRI_TUI_HOME gets N saved sessions and is listed once, so the session index exists
(the first listing of a never-indexed folder is bench_history's "first list"). Each round starts
NutriTuiApp under Pilot (App.run_test, 80x24), presses "h" on the welcome screen and records the
time until the history screen's first frame with its rows ("open"); then, with "holida" already
typed in the filter box, the time from pressing "y" until the filtered list is painted ("filter"),
and the same for the first key in the empty box ("h"; until issue 15's index query it built every entry's
filter text). Both wait
for the table's refill to return, then for the next frame.
The reference app does the least a screen like this can: on "h" it switches to a new screen with
a DataTable of the same five columns and 200 rows (what one page of ours was; ours is now three screen
heights, 72 rows at 80x24, more added as the cursor or the scrolling nears the end); on a key it clears
and refills the table. Rounds alternate the two apps; ratios are per round, then the median.
Then, on a real pseudo-terminal (as bench_pty: the installed ``nutri-tui`` under pexpect, 80x24, read
with pyte), each round starts nutri-tui, waits 1 s after the welcome screen is drawn, presses "h" and
times until a row's date is drawn ("open, pty"), then reads the process's peak memory (VmHWM) 1.5 s
later; the reference is ``pty_reference.py table`` (the same 200-row DataTable screen on "h").
Targets (issue 15): open < 0.25 s at 10,000 sessions and < 1.0 s at 100,000; a filter key < 50 ms;
memory ≤ 2x the bare table app's. Over 10,000 sessions the folder is filled with hard links
(``_common.fill_sessions_linked``).
"""

from __future__ import annotations

import asyncio
import re
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

from benchmarks._common import PaintSpy, fill_sessions, fill_sessions_linked, median, parser, ratios, row, show
from benchmarks._pty import PtyApp
from benchmarks.pty_reference import TABLE_MARK

OPEN_TARGETS_S = {10_000: 0.25, 100_000: 1.0}
"""Issue 15's targets for opening the history, by number of sessions (the nearest at or above is used)."""
FILTER_TARGET_S = 0.05
FILTER_MS = f"{FILTER_TARGET_S * 1000:.0f}"
MEMORY_TARGET = 2.0
LINKED_ABOVE = 10_000
ROW_DATE = re.compile(r"\b20\d\d-\d\d-\d\d \d\d:\d\d\b")
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


def stamp_after(screen: Any, name: str) -> list[float]:
    """Record perf_counter() each time ``screen.<name>()`` (the table refill) returns."""
    done: list[float] = []
    original = getattr(screen, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        done.append(perf_counter())
        return result

    setattr(screen, name, wrapped)
    return done


async def key_to_paint(pilot: Pilot, paints: PaintSpy, refilled: list[float], key: str) -> float:
    """Press ``key``; the time until the first frame after the table was refilled for it.

    The first frame after the key can be the filter box's echo alone, painted before the refill
    ran, so the refill's return is waited for first."""
    count = len(refilled)
    start = perf_counter()
    await pilot.press(key)
    for _ in range(500):
        if len(refilled) > count:
            when = paints.painted(pilot.app.screen, refilled[-1])
            if when is not None:
                return when - start
        await pilot.pause()
    raise RuntimeError(f"the table was never refilled and painted after {key!r}")


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
        refilled = stamp_after(screen, "refill")
        screen.query_one("#history-filter", Input).focus()
        await pilot.pause()
        first = await key_to_paint(pilot, paints, refilled, "h")  # the first query of the index's search texts
        await pilot.press(*"olida")
        await pilot.pause()
        later = await key_to_paint(pilot, paints, refilled, "y")
        found = matched(screen)
    return opened - start, first, later, found


def matched(screen: Any) -> int:
    """How many sessions the filter found (the table reads them a page at a time: it holds only the first)."""
    shown = screen.shown
    if isinstance(shown, list):  # before the filter was a query on the index
        return len(shown)
    return sum(screen.rows.count_matching(shown.terms))


async def reference_round() -> tuple[float, float]:
    app = TableApp()
    paints = PaintSpy(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        start = perf_counter()
        await pilot.press("h")
        opened = await painted_after(pilot, paints, start, lambda s: isinstance(s, TableScreen))
        refilled = stamp_after(app.screen, "action_refill")
        await pilot.pause()
        first = await key_to_paint(pilot, paints, refilled, "y")
        await pilot.pause()
        later = await key_to_paint(pilot, paints, refilled, "y")
    return opened - start, first, later


def open_target(sessions: int) -> float:
    return next((t for n, t in sorted(OPEN_TARGETS_S.items()) if sessions <= n), max(OPEN_TARGETS_S.values()))


def pty_nutri(root: Path) -> tuple[float, float]:
    """On a real terminal: "h" 1 s after the welcome screen, until a row is drawn; VmHWM 1.5 s later."""
    with PtyApp.nutri(root) as app:
        app.pump_until(app.shows("Welcome to nutri-tui") + 1.0)
        app.quiet()
        sent = app.send("h")
        opened = app.until(lambda s: "Worth checking" in s and ROW_DATE.search(s) is not None, 120, "a history row")
        app.pump_until(opened + 1.5)
        return opened - sent, app.peak_mib()


def pty_reference(root: Path) -> tuple[float, float]:
    with PtyApp.reference("table", root) as app:
        app.pump_until(app.shows("Press h for the table") + 1.0)
        app.quiet()
        sent = app.send("h")
        opened = app.until(lambda s: "Worth checking" in s and TABLE_MARK in s, 60, "a table row")
        app.pump_until(opened + 1.5)
        return opened - sent, app.peak_mib()


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--sessions", type=int, default=10_000)
    cli.add_argument("--rounds", type=int, default=3)
    cli.add_argument(
        "--home", type=Path, help="an existing NUTRI_TUI_HOME with the sessions (kept; --sessions is then ignored)"
    )
    args = cli.parse_args(argv)
    from nutri_tui.storage import Storage

    with tempfile.TemporaryDirectory(prefix="nutri-bench-") as home:
        root = Path(home) if args.home is None else args.home
        if args.home is None:
            (fill_sessions_linked if args.sessions > LINKED_ABOVE else fill_sessions)(root, args.sessions)
        listed = len(Storage(root).list_sessions())  # builds the index, as the app's own saves would
        args.sessions = listed
        asyncio.run(nutri_round(root))  # warm-up: imports, CSS, content
        asyncio.run(reference_round())
        ours: list[tuple[float, float, float, int]] = []
        reference: list[tuple[float, float, float]] = []
        for n in range(args.rounds):
            if n % 2 == 0:
                ours.append(asyncio.run(nutri_round(root)))
                reference.append(asyncio.run(reference_round()))
            else:
                reference.append(asyncio.run(reference_round()))
                ours.append(asyncio.run(nutri_round(root)))
        pty_ours: list[tuple[float, float]] = []
        pty_ref: list[tuple[float, float]] = []
        for n in range(args.rounds):
            if n % 2 == 0:
                pty_ours.append(pty_nutri(root))
                pty_ref.append(pty_reference(root))
            else:
                pty_ref.append(pty_reference(root))
                pty_ours.append(pty_nutri(root))

    def three(values: list[float], scale: float = 1.0, unit: str = "s", digits: int = 3) -> str:
        return (
            f"{median(values) * scale:,.{digits}f} {unit} "
            f"({min(values) * scale:,.{digits}f}-{max(values) * scale:,.{digits}f})"
        )

    series = {
        "open": ([o[0] for o in ours], [r[0] for r in reference]),
        "first key": ([o[1] for o in ours], [r[1] for r in reference]),
        "filter": ([o[2] for o in ours], [r[2] for r in reference]),
        "open pty": ([o[0] for o in pty_ours], [r[0] for r in pty_ref]),
        "memory": ([o[1] for o in pty_ours], [r[1] for r in pty_ref]),
    }
    found = ours[0][3]
    label = f"{args.sessions:,} sessions"
    target_open = open_target(args.sessions)
    table = [["measure", "nutri-tui", "bare table app", "median ratio", "ratio min-max"]]
    rows = []
    for key, name, summary, target, limit in [
        ("open", "open the history (h to painted rows)", "open", f"< {target_open} s", target_open),
        ("first key", "filter, first key (to repainted rows)", "filter first key", f"< {FILTER_MS} ms", None),
        ("filter", "filter, a later key (to repainted rows)", "filter a later key", f"< {FILTER_MS} ms", None),
        ("open pty", "open, real pty (h to a row drawn)", "open on a real pty", f"< {target_open} s", target_open),
        ("memory", "peak memory 1.5 s after open (pty)", "peak memory", f"≤ {MEMORY_TARGET}x", None),
    ]:
        mine, theirs = series[key]
        per = ratios(mine, theirs)
        ratio = median(per)
        scale, unit, digits = (1.0, "MiB", 1) if key == "memory" else (1.0, "s", 3)
        table.append(
            [
                name,
                three(mine, scale, unit, digits),
                three(theirs, scale, unit, digits),
                f"{ratio:.2f}x",
                f"{min(per):.2f}-{max(per):.2f}x",
            ]
        )
        if key == "memory":
            met = ratio <= MEMORY_TARGET
        elif key in ("filter", "first key"):
            met = median(mine) < FILTER_TARGET_S
        else:
            met = median(mine) < (limit or 0)
        rows.append(
            row(
                f"History screen, {label}: {summary}",
                f"{median(mine):,.{digits}f} {unit}",
                f"{median(theirs):,.{digits}f} {unit}",
                f"{ratio:.2f}x",
                target,
                met,
            )
        )
    notes = [
        f"{args.rounds} rounds, App.run_test at 80x24; {listed:,} files listed, index built before timing",
        f"filter 'holiday' matched {found:,} sessions; the table adds three screen heights of rows at a time"
        " (72 at 80x24), more on scrolling",
        f"reference: a bare app switching to a DataTable screen with {ROWS} rows, refilled on a key",
        "pty rows: fresh processes on a real 80x24 pty; memory is VmHWM 1.5 s after the rows were drawn",
    ]
    if args.sessions > LINKED_ABOVE:
        notes.append("sessions are hard-linked copies of 10,000 distinct files")
    show(f"History screen ({label})", table, rows, notes, args.json)


if __name__ == "__main__":
    main()
