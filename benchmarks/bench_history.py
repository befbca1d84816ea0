"""Listing saved sessions: Storage(root).list_sessions() over many session files, cold and warm.

Run: ``python -m benchmarks.bench_history [--sessions 10000] [--rounds 3] [--json]``.
The folder is filled once (real sessions saved with Storage, then copied under new names).
Cold: a fresh process (imports done before the clock starts) after the files' pages were
dropped from the OS cache with posix_fadvise(DONTNEED). Warm: repeated calls in this process.
Reference: the same walk reading every file and parsing it with tomllib, without validation,
in the same conditions; every round runs both, alternating. The filter (label substring) runs
over the listed entries. Target: the list in under 0.5 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from time import perf_counter

from benchmarks._common import fill_sessions, median, parser, ratios, row, show

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.5
FILTER = "holiday"


def list_ours(root: Path) -> list:
    from nutri_tui.storage import Storage

    return Storage(root).list_sessions()


def list_reference(root: Path) -> list:
    with os.scandir(root / "sessions") as entries:
        return [tomllib.loads(Path(e.path).read_bytes().decode()) for e in entries if e.name.endswith(".toml")]


def timed(which: str, root: Path) -> tuple[float, list]:
    function = list_ours if which == "nutri" else list_reference
    start = perf_counter()
    result = function(root)
    return perf_counter() - start, result


def drop_from_cache(folder: Path) -> None:
    """Ask the OS to forget the cached pages of these files (no root needed; Linux honours it)."""
    for entry in os.scandir(folder):
        fd = os.open(entry.path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def cold(which: str, root: Path) -> float:
    drop_from_cache(root / "sessions")
    code = (
        "import sys; from pathlib import Path; from benchmarks import bench_history as b; import nutri_tui.storage\n"
        "print(b.timed(sys.argv[1], Path(sys.argv[2]))[0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, which, str(root)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def measure_history_screen(root: Path) -> float | None:
    """TODO(history screen): time opening the past-results screen with N sessions via Pilot
    (App.run_test at 80x24, press the key that opens it, wait until that screen has painted,
    as bench_step_switch does with PaintSpy), and add it as a row. Until then: None."""
    return None


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--sessions", type=int, default=10_000)
    cli.add_argument("--rounds", type=int, default=3)
    args = cli.parse_args(argv)
    times: dict[str, list[float]] = {"nutri cold": [], "ref cold": [], "nutri warm": [], "ref warm": [], "filter": []}
    with tempfile.TemporaryDirectory(prefix="nutri-bench-") as temp:
        root = Path(temp)
        fill_sessions(root, args.sessions)
        timed("nutri", root)  # warm imports and validators in this process
        for n in range(args.rounds):
            order = ("nutri", "ref") if n % 2 == 0 else ("ref", "nutri")
            for which in order:
                times[f"{which} cold"].append(cold(which, root))
            for which in order:
                elapsed, result = timed(which, root)
                times[f"{which} warm"].append(elapsed)
                if which == "nutri":
                    entries = result
            start = perf_counter()
            found = [e for e in entries if e.readable and FILTER in e.label.casefold()]
            times["filter"].append(perf_counter() - start)
        screen = measure_history_screen(root)
    readable = sum(e.readable for e in entries)
    table = [["measure", "nutri-tui", "reference", "median ratio", "per session"]]
    rows = []
    scale = 10_000 / args.sessions if 0 < args.sessions < 10_000 else 1.0
    label = f"10,000 sessions (linear from {args.sessions:,})" if scale != 1 else f"{args.sessions:,} sessions"
    for kind in ("cold", "warm"):
        ours, ref = times[f"nutri {kind}"], times[f"ref {kind}"]
        ratio = median(ratios(ours, ref))
        per = median(ours) / max(args.sessions, 1) * 1000
        table.append(
            [
                f"list_sessions, {kind}",
                f"{median(ours):.3f} s",
                f"{median(ref):.3f} s",
                f"{ratio:.2f}x",
                f"{per:.2f} ms",
            ]
        )
        rows.append(
            row(
                f"List {label}, {kind}",
                f"{median(ours) * scale:.1f} s",
                f"{median(ref) * scale:.1f} s",
                f"{ratio:.2f}x",
                f"< {TARGET_S} s",
                median(ours) * scale < TARGET_S,
            )
        )
    table.append(
        [f"filter label ~ {FILTER!r}", f"{median(times['filter']) * 1000:.2f} ms", "", "", f"{len(found):,} found"]
    )
    rows.append(
        row(
            f"Filter {args.sessions:,} listed sessions by label",
            f"{median(times['filter']) * 1000:.2f} ms",
            "",
            "",
            "",
            None,
        )
    )
    notes = [
        f"{args.sessions:,} session files ({readable:,} readable), {args.rounds} rounds",
        "reference = scandir + read + tomllib.loads (no validation)",
        f"history screen: {'not measured yet (TODO hook)' if screen is None else f'{screen:.3f} s'}",
    ]
    if scale != 1:
        notes.append(f"summary rows scale to 10,000 sessions linearly (x{scale:g}); run --sessions 10000 to measure it")
    show(f"History listing ({args.sessions:,} sessions)", table, rows, notes, args.json)


if __name__ == "__main__":
    main()
