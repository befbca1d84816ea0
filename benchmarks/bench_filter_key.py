"""One keystroke in the Medicines step's filter box (170 rows narrowed as you type), against a bare Input.

Run: ``python -m benchmarks.bench_filter_key [--rounds 5] [--json]``.
Each round starts NutriTuiApp under Pilot (App.run_test, 80x24) on the Medicines step, moves into the
medicine filter, then types and deletes three names a letter at a time ("omeprazole", "warfarin",
"ibuprofen"). For each key: the time from the press to the first frame painted after it, and the
process time (CPU) spent until Pilot saw the screen settle. The reference is a bare app (Header, Input,
Footer) receiving the same keys: the least a Textual app can spend echoing a key.
Pilot's own overhead (key dispatch, waiting for the screen to go idle) is in both.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from time import perf_counter, process_time
from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Footer, Header, Input

from benchmarks._common import PaintSpy, median, parser, ratios, row, show

WORDS = ("omeprazole", "warfarin", "ibuprofen")
KEYS = [key for word in WORDS for key in (*word, *["backspace"] * len(word))]
TARGET_RATIO = 3.0
"""Issue 15: a keystroke in a form within 3x a bare Input."""


class BareInputApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Type here")
        yield Footer()


async def timed_keys(pilot: Pilot, spy: PaintSpy) -> list[tuple[float, float]]:
    """(ms to paint, CPU ms) for each key of KEYS."""
    times = []
    for key in KEYS:
        start, cpu = perf_counter(), process_time()
        await pilot.press(key)
        spent = (process_time() - cpu) * 1000
        painted = spy.painted(pilot.app.screen, start)
        for _ in range(50):
            if painted is not None:
                break
            await pilot.pause()
            painted = spy.painted(pilot.app.screen, start)
        times.append((((painted or perf_counter()) - start) * 1000, spent))
    return times


async def nutri_round() -> list[tuple[float, float]]:
    from textual.widgets import Input as TextInput

    from nutri_tui.content import load_content
    from nutri_tui.flow import WizardFlow, WizardState
    from nutri_tui.storage import Storage
    from nutri_tui.tui.app import NutriTuiApp
    from nutri_tui.tui.widgets.filtered_selection import FilteredSelection

    home = tempfile.TemporaryDirectory(prefix="nutri-bench-")
    about = {"age": 44, "sex": "male", "pregnancy": "no", "diet": "omnivore", "allergies": []}
    state = WizardState({"about": about, "sun": {}, "diet": {}, "lifestyle": {}}, "medicines")
    app = NutriTuiApp(flow=WizardFlow(load_content(), Storage(Path(home.name)), state))
    spy = PaintSpy(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)  # the other steps are built after the first paint
        app.screen.query_one("#medicines", FilteredSelection).query_one(TextInput).focus()
        await pilot.pause()
        times = await timed_keys(pilot, spy)
    home.cleanup()
    return times


async def reference_round() -> list[tuple[float, float]]:
    app = BareInputApp()
    spy = PaintSpy(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return await timed_keys(pilot, spy)


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--rounds", type=int, default=5)
    args = cli.parse_args(argv)
    asyncio.run(nutri_round())  # warm-up: imports, CSS parsing, content loading
    asyncio.run(reference_round())
    ours: list[list[tuple[float, float]]] = []
    reference: list[list[tuple[float, float]]] = []
    for n in range(args.rounds):
        pair = (nutri_round, reference_round) if n % 2 == 0 else (reference_round, nutri_round)
        for run in pair:
            (ours if run is nutri_round else reference).append(asyncio.run(run()))

    def per_round(runs: list[list[tuple[float, float]]], index: int) -> list[float]:
        return [median([t[index] for t in run]) for run in runs]

    paint_ours, paint_ref = median(per_round(ours, 0)), median(per_round(reference, 0))
    cpu_ours, cpu_ref = median(per_round(ours, 1)), median(per_round(reference, 1))
    paint_ratio = median(ratios(per_round(ours, 0), per_round(reference, 0)))
    cpu_ratio = median(ratios(per_round(ours, 1), per_round(reference, 1)))
    table = [
        ["", "to paint", "CPU a key"],
        ["Medicines filter (170 rows)", f"{paint_ours:.1f} ms", f"{cpu_ours:.1f} ms"],
        ["bare Input", f"{paint_ref:.1f} ms", f"{cpu_ref:.1f} ms"],
        ["median ratio", f"{paint_ratio:.2f}x", f"{cpu_ratio:.2f}x"],
    ]
    rows: list[dict[str, Any]] = [
        row(
            "Medicines filter, one key (to paint)",
            f"{paint_ours:.1f} ms",
            f"{paint_ref:.1f} ms",
            f"{paint_ratio:.2f}x",
            f"≤ {TARGET_RATIO:g}x",
            paint_ratio <= TARGET_RATIO,
        ),
        row(
            "Medicines filter, one key (CPU)",
            f"{cpu_ours:.1f} ms",
            f"{cpu_ref:.1f} ms",
            f"{cpu_ratio:.2f}x",
            "(information)",
            None,
        ),
    ]
    notes = [
        f"{args.rounds} rounds x {len(KEYS)} keys, App.run_test at 80x24; medians per round, then over rounds",
        "CPU is process time from the press until Pilot saw the screen settle",
    ]
    show("Medicines filter keystroke", table, rows, notes, args.json)


if __name__ == "__main__":
    main()
