"""Time from pressing ctrl+n on a wizard step to the next step being painted, against a bare two-screen app.

Run: ``python -m benchmarks.bench_step_switch [--rounds 5] [--json]``.
Each round starts NutriTuiApp under Pilot (App.run_test, 80x24) with an empty temporary
NUTRI_TUI_HOME, presses "n", fills the wizard state with valid answers, opens a wizard on the
first step, waits READ_S as a person reading the step would (the hidden forms are warmed once no key has come
for a moment, as on the pty), then presses ctrl+n through the steps (About -> ... -> Back pain). "Paint" is the
first frame rendered after the key press with the new step shown; "settled" is when Pilot,
pausing, sees it shown and painted.
The reference app switches to a new Header/Static/Footer screen on ctrl+n, measured the same way.
Pilot's own overhead (key dispatch, waiting for the screen to go idle) is in both.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from time import perf_counter
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from benchmarks._common import PaintSpy, median, parser, ratios, row, show
from benchmarks.bare_app import TwoScreenApp

TARGET_MS = 16.0
READ_S = 1.0
"""Seconds on the first step before the first ctrl+n: bench_pty waits the same."""


def wizard_sections(content: Any) -> dict[str, dict[str, Any]]:
    """Answers that pass every step's checks, so ctrl+n always moves on (no red flag raised)."""
    return {
        "about": {"age": 44, "sex": "male", "pregnancy": "no", "diet": "omnivore", "allergies": []},
        "sun": {},  # every question defaults to "don't know"
        "diet": {"alcohol_drinks_per_week": 3},
        "lifestyle": {"chest_pain_on_activity": "no", "dizzy_or_faint": "no"},
        "health": {"medicines": [], "conditions": [], "supplements": [], "symptoms": []},
        "back_pain": {
            "areas": ["lower"],
            "leg_spread": "none",
            "duration": "chronic",
            "cause": "gradual",
            "intensity": 4,
            "recent_procedure": "no",
            "red_flags": dict.fromkeys(content.red_flags, "no"),
        },
    }


def step(step_id: str) -> Callable[[Screen], bool]:
    """Matches the wizard screen while it shows ``step_id``."""
    return lambda screen: getattr(screen, "step_id", None) == step_id


async def settle(
    pilot: Pilot, spy: PaintSpy, expected: Callable[[Screen], bool], since: Callable[[], float] = lambda: 0.0
) -> float:
    """Pause until the current screen is as ``expected`` and has painted after ``since()``; returns that time."""
    for _ in range(200):
        screen = pilot.app.screen
        if expected(screen):
            painted = spy.painted(screen, since())
            if painted is not None:
                return painted
        await pilot.pause()
    raise RuntimeError(f"the expected screen never painted (screen is {pilot.app.screen!r})")


async def timed_switch(
    pilot: Pilot, spy: PaintSpy, expected: Callable[[Screen], bool], changed: Callable[[], float] | None = None
) -> tuple[float, float]:
    """Press ctrl+n; returns (ms to the first paint showing the new step, ms until Pilot saw it settled).

    ``changed()`` is when the app switched to the new step; only a paint after it counts (the wizard is
    one screen, so a frame of the previous step drawn just after the key press must not count).
    """
    start = perf_counter()
    await pilot.press("ctrl+n")
    painted = await settle(pilot, spy, expected, lambda: max(start, changed() if changed else start))
    return (painted - start) * 1000, (perf_counter() - start) * 1000


async def nutri_round() -> list[tuple[str, float, float]]:
    from nutri_tui.flow import STEP_IDS, WizardState
    from nutri_tui.storage import Storage
    from nutri_tui.tui.app import NutriTuiApp
    from nutri_tui.tui.screens.wizard import WizardScreen

    home = tempfile.TemporaryDirectory(prefix="nutri-bench-")  # a fresh one, so there is no draft to resume
    app = NutriTuiApp(storage=Storage(Path(home.name)))
    spy = PaintSpy(app)
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot, spy, step(STEP_IDS[0]))
        flow = app.flow
        assert flow is not None
        flow.state = WizardState.resume(wizard_sections(app.content), STEP_IDS[0])
        first = app.screen
        app.switch_screen(WizardScreen(flow, STEP_IDS[0]))  # a wizard built from those answers
        await settle(pilot, spy, lambda screen: step(STEP_IDS[0])(screen) and screen is not first)
        await pilot.pause(READ_S)
        wizard, shown = app.screen, [0.0]
        show = wizard.show

        def timed_show(*args: Any, **kwargs: Any) -> None:
            show(*args, **kwargs)
            shown[0] = perf_counter()

        wizard.show = timed_show  # type: ignore[method-assign]
        for before, after in pairwise(STEP_IDS):
            paint, settled = await timed_switch(pilot, spy, step(after), lambda: shown[0])
            times.append((f"{before} -> {after}", paint, settled))
    home.cleanup()
    return times


async def reference_round(switches: int) -> list[tuple[str, float, float]]:
    from benchmarks.bare_app import PageScreen

    app: App[None] = TwoScreenApp()
    spy = PaintSpy(app)
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, spy, lambda screen: isinstance(screen, PageScreen))
        await pilot.pause()
        for n in range(switches):
            previous = app.screen
            paint, settled = await timed_switch(
                pilot, spy, lambda screen, previous=previous: isinstance(screen, PageScreen) and screen is not previous
            )
            times.append((f"page {n} -> {n + 1}", paint, settled))
    return times


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--rounds", type=int, default=5)
    args = cli.parse_args(argv)
    ours: list[list[tuple[str, float, float]]] = []
    reference: list[list[tuple[str, float, float]]] = []
    asyncio.run(nutri_round())  # warm-up: imports, CSS parsing, content loading
    switches = len(asyncio.run(nutri_round()))
    asyncio.run(reference_round(2))
    for n in range(args.rounds):
        if n % 2 == 0:
            ours.append(asyncio.run(nutri_round()))
            reference.append(asyncio.run(reference_round(switches)))
        else:
            reference.append(asyncio.run(reference_round(switches)))
            ours.append(asyncio.run(nutri_round()))

    def per_round(runs: list[list[tuple[str, float, float]]], index: int) -> list[float]:
        return [median([t[index] for t in run]) for run in runs]

    def everything(runs: list[list[tuple[str, float, float]]], index: int) -> float:
        return median([t[index] for run in runs for t in run])

    table = [["switch", "to paint", "settled (Pilot)"]]
    for i, (name, _, _) in enumerate(ours[0]):
        table.append([name, f"{median([r[i][1] for r in ours]):.1f} ms", f"{median([r[i][2] for r in ours]):.1f} ms"])
    paint_ours, paint_ref = everything(ours, 1), everything(reference, 1)
    settled_ours, settled_ref = everything(ours, 2), everything(reference, 2)
    paint_ratio = median(ratios(per_round(ours, 1), per_round(reference, 1)))
    settled_ratio = median(ratios(per_round(ours, 2), per_round(reference, 2)))
    table.append(["nutri-tui, all steps", f"{paint_ours:.1f} ms", f"{settled_ours:.1f} ms"])
    table.append(["bare two-screen app", f"{paint_ref:.1f} ms", f"{settled_ref:.1f} ms"])
    table.append(["median ratio", f"{paint_ratio:.2f}x", f"{settled_ratio:.2f}x"])
    rows = [
        row(
            "Wizard step switch (ctrl+n to paint)",
            f"{paint_ours:.1f} ms",
            f"{paint_ref:.1f} ms",
            f"{paint_ratio:.2f}x",
            f"< {TARGET_MS:g} ms",
            paint_ours < TARGET_MS,
        ),
        row(
            "Wizard step switch (until Pilot sees it settled)",
            f"{settled_ours:.1f} ms",
            f"{settled_ref:.1f} ms",
            f"{settled_ratio:.2f}x",
            "(information)",
            None,
        ),
    ]
    notes = [
        f"{args.rounds} rounds x {len(ours[0])} switches each, App.run_test at 80x24; medians over all switches",
        "Pilot's own overhead (key dispatch, waiting for idle) is included in both apps",
        "each nutri-tui switch also writes the draft (with fsync) to a temporary NUTRI_TUI_HOME",
        f"nutri-tui's first ctrl+n comes {READ_S:g} s after its first step appeared (the other forms are warmed then)",
    ]
    show("Wizard step switch", table, rows, notes, args.json)


if __name__ == "__main__":
    main()
