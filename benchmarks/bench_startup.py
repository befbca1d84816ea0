"""Start-up time and peak memory of nutri-tui against a bare Textual app (Header, Static, Footer).

Run: ``python -m benchmarks.bench_startup [--rounds 7] [--sessions 1000] [--json]``.
Each round starts both apps in fresh processes (so imports count), in alternating order,
headless at 80x24. The headline, start-up, is the time from the parent launching the process
until the first screen's first frame was rendered (first paint). The time until the auto pilot's
first ``await pilot.pause()`` returned is printed for information only: that pause (70-90 ms here)
is Pilot's, added to both apps, and pulled the ratio towards 1 when it was the headline. Peak
memory is the child's peak RSS (VmHWM on Linux, else ru_maxrss) 1.5 s after the first paint, once
nutri-tui's content warm-up (0.25 s after start-up) has run; the peak at the first paint, which
misses the warm-up, is printed too. The real-terminal first paint is bench_pty.

A third app runs in each round for information: the bare app loading the knowledge base as nutri-tui's
warm-up does (``KnowledgeBaseApp``). Its peak memory against the bare app's is what holding the validated
content costs on its own, whatever the rest of the app does: the floor under the memory ratio.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import fill_sessions, median, parser, ratios, row, show

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TARGET = 1.2
MEMORY_TARGET = 1.3


def launch(which: str, home: Path) -> dict[str, float]:
    env = {**os.environ, "NUTRI_TUI_HOME": str(home), "BENCH_LAUNCH": repr(time.perf_counter())}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks._startup_child", which],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--rounds", type=int, default=7)
    cli.add_argument("--sessions", type=int, default=1000, help="saved sessions in the data folder")
    args = cli.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nutri-bench-") as temp:
        home = Path(temp)
        fill_sessions(home, args.sessions)
        launch("bare", home)  # warm the OS file cache and .pyc files for both
        launch("nutri", home)
        launch("content", home)
        runs: dict[str, list[dict[str, float]]] = {"nutri": [], "bare": [], "content": []}
        orders = [("nutri", "bare", "content"), ("bare", "content", "nutri"), ("content", "nutri", "bare")]
        for n in range(args.rounds):
            for which in orders[n % len(orders)]:
                runs[which].append(launch(which, home))

    def series(which: str, key: str) -> list[float]:
        return [run[key] for run in runs[which]]

    table = [["measure", "nutri-tui", "bare app", "median ratio"]]
    summary = {}
    for key, name, unit, scale in [
        ("first_paint_s", "start-up (to first paint)", "ms", 1000),
        ("startup_s", "to Pilot's first pause (info)", "ms", 1000),
        ("peak_mib", "peak memory, idle 1.5 s after paint", "MiB", 1),
        ("peak_at_paint_mib", "peak memory at first paint (info)", "MiB", 1),
    ]:
        ours, ref = series("nutri", key), series("bare", key)
        ratio = median(ratios(ours, ref))
        summary[key] = (median(ours) * scale, median(ref) * scale, ratio)
        table.append(
            [name, f"{median(ours) * scale:,.0f} {unit}", f"{median(ref) * scale:,.0f} {unit}", f"{ratio:.2f}x"]
        )
    held, bare = series("content", "peak_mib"), series("bare", "peak_mib")
    floor = median(ratios(held, bare))
    table.append(
        [
            "peak memory of the bare app + knowledge base (info)",
            f"{median(held):,.0f} MiB",
            f"{median(bare):,.0f} MiB",
            f"{floor:.2f}x",
        ]
    )
    label = f"{args.sessions:,} sessions"
    start, memory = summary["first_paint_s"], summary["peak_mib"]
    rows = [
        row(
            f"Start-up to first paint, {label}",
            f"{start[0]:,.0f} ms",
            f"{start[1]:,.0f} ms",
            f"{start[2]:.2f}x",
            f"≤ {STARTUP_TARGET}x",
            start[2] <= STARTUP_TARGET,
        ),
        row(
            f"Peak memory idle 1.5 s after paint, {label}",
            f"{memory[0]:,.1f} MiB",
            f"{memory[1]:,.1f} MiB",
            f"{memory[2]:.2f}x",
            f"≤ {MEMORY_TARGET}x",
            memory[2] <= MEMORY_TARGET,
        ),
        row(
            f"Peak memory idle, a bare app that loads only the knowledge base, {label}",
            f"{median(held):,.1f} MiB",
            f"{median(bare):,.1f} MiB",
            f"{floor:.2f}x",
            "(information)",
            None,
        ),
    ]
    notes = [
        f"{args.rounds} rounds, fresh process each, headless 80x24, {label} in NUTRI_TUI_HOME",
        "start-up = first paint; the pause row includes one Pilot pause in both apps (information only)",
        f"targets: start-up ≤ {STARTUP_TARGET}x bare, peak memory ≤ {MEMORY_TARGET}x bare (median of per-round ratios)",
    ]
    show(f"Start-up ({label})", table, rows, notes, args.json)


if __name__ == "__main__":
    main()
