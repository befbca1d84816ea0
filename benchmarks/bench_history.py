"""Listing saved sessions: Storage(root).list_sessions() over many session files, first time, cold and warm.

Run: ``python -m benchmarks.bench_history [--sessions 10000] [--rounds 3] [--no-parse-reference] [--json]``.
The folder is filled once (real sessions saved with Storage, then copied under new names).
First: the first list ever, in a fresh process with a cold cache and no hidden files in the
folder (so any index Storage keeps there is built now). Two references, each the same way:
reading and parsing every whole file with tomllib (what listing cost before session files had
a summary at the top), and opening every file and reading its first 4 KB (the least a listing
that reads each file's head must do). Measured once, since it writes the index. The tomllib
walk takes minutes for 10,000 files; ``--no-parse-reference`` leaves it out.
Cold: a fresh process (imports done before the clock starts) after the folder's pages were
dropped from the OS cache with posix_fadvise(DONTNEED). Warm: repeated calls in this process.
Cold and warm alternate with a reference that only walks the folder and stats every file,
the least any listing that notices changed files must do. The filter (label substring) runs
over the listed entries. Target: the list in under 0.5 s for 10,000 sessions. (Opening and
filtering the history *screen* is bench_history_screen.)
Edits: with the index in place, ``Storage.delete_session`` and ``Storage.relabel_session`` on one
session (a different one each round), alone and with the rest of the storage work the history screen
does to show the change (for a relabel, ``Storage.entry_of`` reads the one file back; until issue 15 both
were followed by a ``list_sessions()`` of every file); references: unlinking
a file and fsyncing the folder, and rewriting a file in place (temp file, fsync, rename, fsync the
folder). Target (issue 15): under 50 ms at 100,000 sessions, for what the person waits for.
Over 10,000 sessions (``--sessions 100000``) the folder is filled with hard links
(``_common.fill_sessions_linked``): 10,000 distinct files, so a cold-cache read touches only those.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from time import perf_counter

from benchmarks._common import fill_sessions, fill_sessions_linked, median, parser, ratios, row, show

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.5
EDIT_TARGET_MS = 50.0
FILTER = "holiday"
LINKED_ABOVE = 10_000


def list_ours(root: Path) -> list:
    from nutri_tui.storage import Storage

    return Storage(root).list_sessions()


def list_parse(root: Path) -> list:
    with os.scandir(root / "sessions") as entries:
        return [tomllib.loads(Path(e.path).read_bytes().decode()) for e in entries if e.name.endswith(".toml")]


def list_heads(root: Path) -> list:
    """Open every file and read its first 4 KB (where a written session's summary is)."""
    heads = []
    with os.scandir(root / "sessions") as entries:
        for entry in entries:
            if entry.name.endswith(".toml"):
                fd = os.open(entry.path, os.O_RDONLY)
                try:
                    heads.append(os.read(fd, 4096))
                finally:
                    os.close(fd)
    return heads


def list_stat(root: Path) -> list:
    with os.scandir(root / "sessions") as entries:
        return [e.stat(follow_symlinks=False) for e in entries if e.name.endswith(".toml")]


LISTS = {"nutri": list_ours, "parse": list_parse, "heads": list_heads, "stat": list_stat}


def timed(which: str, root: Path) -> tuple[float, list]:
    start = perf_counter()
    result = LISTS[which](root)
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


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def rewrite(path: Path) -> None:
    """The least a relabel can do: read the file, write it to a temp file, fsync, rename over it."""
    data = path.read_bytes()
    temp = path.with_name(f".{path.name}.bench-tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    fsync_dir(path.parent)


def edits(root: Path, rounds: int) -> dict[str, list[float]]:
    """Delete and relabel one session per round through Storage, as the history screen does them."""
    from nutri_tui.storage import SavedSession, Storage

    storage = Storage(root)
    readable = [e for e in storage.list_sessions() if isinstance(e, SavedSession)]  # the index is current
    middle = len(readable) // 2
    picks = iter(readable[middle : middle + 4 * rounds])
    times: dict[str, list[float]] = {
        k: [] for k in ("delete", "delete+list", "unlink", "relabel", "relabel+list", "rewrite")
    }
    for n in range(rounds):
        # What the history screen calls: a delete needs nothing more; a relabel reads the one file back
        # (Storage.entry_of) to update its row. Neither lists every file again (it did before issue 15).
        start = perf_counter()
        storage.delete_session(next(picks).path)
        called = perf_counter()
        times["delete"].append(called - start)
        times["delete+list"].append(perf_counter() - start)
        start = perf_counter()
        relabelled = next(picks).path
        storage.relabel_session(relabelled, f"relabelled {n}")
        called = perf_counter()
        storage.entry_of(relabelled)
        times["relabel"].append(called - start)
        times["relabel+list"].append(perf_counter() - start)
        path = next(picks).path
        start = perf_counter()
        os.unlink(path)
        fsync_dir(path.parent)
        times["unlink"].append(perf_counter() - start)
        path = next(picks).path
        start = perf_counter()
        rewrite(path)
        times["rewrite"].append(perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--sessions", type=int, default=10_000)
    cli.add_argument("--rounds", type=int, default=3)
    cli.add_argument("--no-parse-reference", action="store_true", help="skip the (slow) whole-file tomllib walk")
    cli.add_argument("--edit-rounds", type=int, default=3, help="deletes and relabels timed (0: none)")
    args = cli.parse_args(argv)
    times: dict[str, list[float]] = {"nutri cold": [], "stat cold": [], "nutri warm": [], "stat warm": [], "filter": []}
    with tempfile.TemporaryDirectory(prefix="nutri-bench-") as temp:
        root = Path(temp)
        fill = fill_sessions_linked if args.sessions > LINKED_ABOVE else fill_sessions
        folder = fill(root, args.sessions)
        for hidden in folder.glob(".*"):  # e.g. an index left by the saves that made the templates
            hidden.unlink()
        first = {"nutri": cold("nutri", root), "heads": cold("heads", root)}
        if not args.no_parse_reference:
            first["parse"] = cold("parse", root)
        timed("nutri", root)  # warm imports and caches in this process
        for n in range(args.rounds):
            order = ("nutri", "stat") if n % 2 == 0 else ("stat", "nutri")
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
        edited = edits(root, args.edit_rounds) if args.edit_rounds else {}
    scale = 10_000 / args.sessions if 0 < args.sessions < 10_000 else 1.0
    label = f"10,000 sessions (linear from {args.sessions:,})" if scale != 1 else f"{args.sessions:,} sessions"
    per = 1000 / max(args.sessions, 1)
    table = [["measure", "nutri-tui", "reference", "median ratio", "per session"]]
    if "parse" in first:
        table.append(
            [
                "first list (vs tomllib walk)",
                f"{first['nutri']:.3f} s",
                f"{first['parse']:.3f} s",
                f"{first['nutri'] / first['parse']:.3g}x",
                f"{first['nutri'] * per:.3f} ms",
            ]
        )
    table.append(
        [
            "first list (vs 4 KB read walk)",
            f"{first['nutri']:.3f} s",
            f"{first['heads']:.3f} s",
            f"{first['nutri'] / first['heads']:.3g}x",
            f"{first['nutri'] * per:.3f} ms",
        ]
    )
    rows = [
        row(
            f"List {label}, first time",
            f"{first['nutri'] * scale:.2f} s",
            f"{first['heads'] * scale:.2f} s (4 KB read walk)",
            f"{first['nutri'] / first['heads']:.3g}x",
            f"< {TARGET_S} s",
            first["nutri"] * scale < TARGET_S,
        )
    ]
    for kind in ("cold", "warm"):
        ours, ref = times[f"nutri {kind}"], times[f"stat {kind}"]
        ratio = median(ratios(ours, ref))
        table.append(
            [
                f"list_sessions, {kind} (vs stat walk)",
                f"{median(ours):.3f} s",
                f"{median(ref):.3f} s",
                f"{ratio:.2f}x",
                f"{median(ours) * per:.3f} ms",
            ]
        )
        rows.append(
            row(
                f"List {label}, {kind}",
                f"{median(ours) * scale:.2f} s",
                f"{median(ref) * scale:.2f} s (stat walk)",
                f"{ratio:.2f}x",
                f"< {TARGET_S} s",
                median(ours) * scale < TARGET_S,
            )
        )
    filter_ms = median(times["filter"]) * 1000
    table.append([f"filter label ~ {FILTER!r}", f"{filter_ms:.2f} ms", "", "", f"{len(found):,} found"])
    rows.append(row(f"Filter {args.sessions:,} listed sessions by label", f"{filter_ms:.2f} ms", "", "", "", None))
    for key, ref, name in [("delete", "unlink", "delete one session"), ("relabel", "rewrite", "relabel one session")]:
        if not edited:
            break
        for what, label in [
            (key, f"{name} (Storage call)"),
            (f"{key}+list", f"{name}, all the history's storage work"),
        ]:
            ours, reference = edited[what], edited[ref]
            ratio = median(ratios(ours, reference))
            table.append(
                [
                    label,
                    f"{median(ours) * 1000:.1f} ms",
                    f"{median(reference) * 1000:.1f} ms",
                    f"{ratio:.1f}x",
                    f"{min(ours) * 1000:.1f}-{max(ours) * 1000:.1f} ms",
                ]
            )
            if what.endswith("+list"):
                rows.append(
                    row(
                        f"{name.capitalize()} at {args.sessions:,} (the history's storage work)",
                        f"{median(ours) * 1000:,.1f} ms",
                        f"{median(reference) * 1000:.1f} ms ({ref})",
                        f"{ratio:.1f}x",
                        f"< {EDIT_TARGET_MS:.0f} ms",
                        median(ours) * 1000 < EDIT_TARGET_MS,
                    )
                )
    notes = [
        f"{args.sessions:,} session files ({sum(e.readable for e in entries):,} readable); first list once, "
        f"then {args.rounds} rounds",
        "first: fresh process, cold cache, no hidden files; references read the first 4 KB of every file"
        + ("" if args.no_parse_reference else ", or read and parse every whole file with tomllib"),
        "cold/warm: reference = scandir + stat of every file; cold = fresh process after posix_fadvise(DONTNEED)",
    ]
    if edited:
        notes.append(
            f"edits: {args.edit_rounds} rounds, index current; the last column for edits is min-max; references: "
            "unlink + fsync of the folder, rewrite via temp file + fsync + rename"
        )
    if args.sessions > LINKED_ABOVE:
        notes.append("hard-linked copies of 10,000 distinct files (a cold read touches only those)")
    if scale != 1:
        notes.append(f"summary rows scale to 10,000 sessions linearly (x{scale:g}); run --sessions 10000 to measure it")
    show(f"History listing ({args.sessions:,} sessions)", table, rows, notes, args.json)


if __name__ == "__main__":
    main()
