"""Where a person feels it: nutri-tui in a real pseudo-terminal against bare Textual apps, in the same run.

Run: ``python -m benchmarks.bench_pty [--rounds 5] [--sessions 1000] [--json]``.
Each round starts the installed ``nutri-tui`` and the bare references (``benchmarks/pty_reference.py``,
same Python) in fresh processes under pexpect, 80x24, TERM=xterm-256color, each with a temporary
NUTRI_TUI_HOME, and reads everything they write into pyte; "drawn" is when the chunk that put the text
on the pyte screen was read (see benchmarks/_pty.py). Order alternates between rounds.

- First paint: from just before the spawn until "Welcome to nutri-tui" is on the screen (``--sessions``
  saved sessions in the folder), against the bare Header/Static/Footer app's text.
- Peak memory: VmHWM of the same processes 1.5 s after their first paint (nutri-tui loads and
  validates its content 0.25 s after start-up, so this includes it).
- F1 during the warm-up: F1 sent 0.27 s after the first paint, until "Help:" is drawn, against F1 sent
  in the first-paint process 2.27 s after its paint (idle).
- Keystroke echo: press n, wait for "Step 1 of 7" and 1 s more, type "7" into the age box, until it is
  drawn; against a bare app with one focused Input.
- Step switch: resume a draft whose answers pass every step (``bench_step_switch.wizard_sections``),
  wait for "Step 1 of 7" and 1 s, then ctrl+n until "Step N+1 of 7" is drawn, six times (waiting 0.2 s
  and then for 0.3 s of quiet between); against a bare app switching to a new Header/Static/Footer
  screen on ctrl+n, six times.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

from benchmarks._common import fill_sessions_linked, median, parser, ratios, row, show
from benchmarks._pty import PtyApp
from benchmarks.pty_reference import INPUT_PLACEHOLDER, PAINT_TEXT

WELCOME = "Welcome to nutri-tui"
HELP = "Help:"
WARM_F1 = 0.27
IDLE_F1 = 2.27
MEMORY_AT = 1.5
TARGETS = {"paint": 1.15, "memory": 1.3, "f1": 1.5, "echo": 3.0, "switch": 1.2}
SWITCHES = 6


def age_shows(digit: str) -> Callable[[str], bool]:
    """The age box shows ``digit`` (its placeholder "e.g. 42" is gone)."""

    def drawn(screen: str) -> bool:
        line = next((line for line in screen.splitlines() if "Age in years" in line), "")
        answer = line.split(")", 1)[-1]
        return "e.g." not in answer and digit in answer

    return drawn


def nutri_paint(home: Path) -> dict[str, float]:
    with PtyApp.nutri(home) as app:
        painted = app.shows(WELCOME)
        app.pump_until(painted + MEMORY_AT)
        memory = app.peak_mib()
        app.pump_until(painted + IDLE_F1)
        sent = app.send("f1")
        helped = app.shows(HELP)
    return {"paint": painted - app.started, "memory": memory, "f1 idle": helped - sent}


def bare_paint(home: Path) -> dict[str, float]:
    with PtyApp.reference("paint", home) as app:
        painted = app.shows(PAINT_TEXT)
        app.pump_until(painted + MEMORY_AT)
        return {"paint": painted - app.started, "memory": app.peak_mib()}


def nutri_warm_f1(home: Path) -> float:
    with PtyApp.nutri(home) as app:
        painted = app.shows(WELCOME)
        app.pump_until(painted + WARM_F1)
        sent = app.send("f1")
        return app.shows(HELP) - sent


def nutri_echo(home: Path) -> float:
    with PtyApp.nutri(home) as app:
        app.shows(WELCOME)
        app.send("n")
        app.pump_until(app.shows("Step 1 of 7") + 1.0)
        app.quiet()
        sent = app.send("7")
        return app.until(age_shows("7"), what="the digit in the age box") - sent


def bare_echo(home: Path) -> float:
    with PtyApp.reference("input", home) as app:
        app.pump_until(app.shows(INPUT_PLACEHOLDER) + 1.0)
        app.quiet()
        sent = app.send("7")
        return app.until(lambda s: "7" in s and INPUT_PLACEHOLDER not in s, what="the digit") - sent


def nutri_switch(home: Path, draft: bytes) -> list[float]:
    (home / "draft.toml").write_bytes(draft)  # each switch rewrites it: every round starts at step 1
    times = []
    with PtyApp.nutri(home) as app:
        app.shows("Resume where you left off")
        app.send("r")
        app.pump_until(app.shows("Step 1 of 7") + 1.0)
        for number in range(2, 2 + SWITCHES):
            app.quiet()
            sent = app.send("ctrl+n")
            times.append(app.shows(f"Step {number} of 7") - sent)
            app.pump_until(perf_counter() + 0.2)
    return times


def bare_switch(home: Path) -> list[float]:
    times = []
    with PtyApp.reference("switch", home) as app:
        app.pump_until(app.shows("Page 0") + 1.0)
        for number in range(1, 1 + SWITCHES):
            app.quiet()
            sent = app.send("ctrl+n")
            times.append(app.shows(f"Page {number}") - sent)
            app.pump_until(perf_counter() + 0.2)
    return times


def make_draft_bytes(home: Path) -> bytes:
    from benchmarks.bench_step_switch import wizard_sections
    from nutri_tui.content import load_content
    from nutri_tui.storage import Storage, make_draft

    storage = Storage(home)
    storage.save_draft(make_draft("about", wizard_sections(load_content())))
    return storage.draft_path.read_bytes()


def cells(ours: list[float], ref: list[float], scale: float, unit: str, digits: int = 1) -> list[str]:
    def one(values: list[float]) -> str:
        lo, mid, hi = (f"{v * scale:,.{digits}f}" for v in (min(values), median(values), max(values)))
        return f"{mid} {unit} ({lo}-{hi})"

    per = ratios(ours, ref)
    return [one(ours), one(ref), f"{median(per):.2f}x", f"{min(per):.2f}-{max(per):.2f}x"]


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--rounds", type=int, default=5)
    cli.add_argument("--sessions", type=int, default=1000, help="saved sessions for the first-paint runs")
    args = cli.parse_args(argv)
    runs: dict[str, list[Any]] = {
        k: [] for k in ("nutri", "bare", "warm", "echo", "bare echo", "switch", "bare switch")
    }
    with (
        tempfile.TemporaryDirectory(prefix="nutri-bench-") as many,
        tempfile.TemporaryDirectory(prefix="nutri-bench-") as empty,
        tempfile.TemporaryDirectory(prefix="nutri-bench-") as drafted,
    ):
        fill_sessions_linked(Path(many), args.sessions)
        draft = make_draft_bytes(Path(drafted))
        jobs: list[tuple[str, Callable[[], Any]]] = [
            ("nutri", lambda: nutri_paint(Path(many))),
            ("bare", lambda: bare_paint(Path(many))),
            ("warm", lambda: nutri_warm_f1(Path(many))),
            ("echo", lambda: nutri_echo(Path(empty))),
            ("bare echo", lambda: bare_echo(Path(empty))),
            ("switch", lambda: nutri_switch(Path(drafted), draft)),
            ("bare switch", lambda: bare_switch(Path(drafted))),
        ]
        nutri_paint(Path(many))  # unmeasured: warms the OS file cache and .pyc files for both
        bare_paint(Path(many))
        for n in range(args.rounds):
            for name, job in jobs if n % 2 == 0 else list(reversed(jobs)):
                runs[name].append(job())

    paint = [r["paint"] for r in runs["nutri"]], [r["paint"] for r in runs["bare"]]
    memory = [r["memory"] for r in runs["nutri"]], [r["memory"] for r in runs["bare"]]
    f1 = runs["warm"], [r["f1 idle"] for r in runs["nutri"]]
    echo = runs["echo"], runs["bare echo"]
    first = [t[0] for t in runs["switch"]], [t[0] for t in runs["bare switch"]]
    switch = [median(t) for t in runs["switch"]], [median(t) for t in runs["bare switch"]]
    measures = [
        ("paint", "first paint (spawn to text drawn)", paint, 1000, "ms", "bare app"),
        ("memory", f"peak memory, idle {MEMORY_AT} s after paint", memory, 1, "MiB", "bare app"),
        ("f1", f"F1 at +{WARM_F1} s (warm-up) vs idle", f1, 1000, "ms", "F1 when idle"),
        ("echo", "one digit echoed in the age box", echo, 1000, "ms", "bare Input"),
        ("switch", "step switch, median of 6 (ctrl+n)", switch, 1000, "ms", "bare switch"),
        ("", "step switch, step 1 -> 2 only", first, 1000, "ms", "bare switch"),
    ]
    table = [["measure", "nutri-tui", "reference", "median ratio", "ratio min-max"]]
    rows = []
    for key, name, (ours, ref), scale, unit, against in measures:
        line = cells(ours, ref, scale, unit)
        table.append([name, *line])
        if not key:
            continue
        ratio = median(ratios(ours, ref))
        digits = 1 if unit == "MiB" or median(ours) * scale < 100 else 0
        rows.append(
            row(
                f"pty: {name}" + (f", {args.sessions:,} sessions" if key == "paint" else ""),
                f"{median(ours) * scale:,.{digits}f} {unit}",
                f"{median(ref) * scale:,.{digits}f} {unit} ({against})",
                f"{ratio:.2f}x ({line[3]})",
                f"≤ {TARGETS[key]}x",
                ratio <= TARGETS[key],
            )
        )
    notes = [
        f"{args.rounds} rounds, fresh processes, real pty 80x24, TERM=xterm-256color; cells: median (min-max)",
        f"first paint and memory with {args.sessions:,} sessions in NUTRI_TUI_HOME; reference: Header, Static, Footer",
        "F1: warm-up press and idle press are in different nutri-tui processes of the same round",
        "echo and step switch: waited 1 s after the step appeared (the other forms are built after it), "
        "and for 0.3 s of quiet before each key",
        "targets: paint ≤ 1.15x, memory ≤ 1.3x, F1 ≤ 1.5x idle, echo ≤ 3x, switch ≤ 1.2x (median of per-round ratios)",
    ]
    show("Real terminal (pty)", table, rows, notes, args.json)


if __name__ == "__main__":
    main()
