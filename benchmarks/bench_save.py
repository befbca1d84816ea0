"""Saving one finished session (with fsync) against a bare open/write/fsync of the same bytes.

Run: ``python -m benchmarks.bench_save [--count 50] [--json]``.
Storage.save_session serialises the session to TOML, writes a temp file, fsyncs it, links it
to its final name, removes the temp name and fsyncs the folder. The reference writes the same
bytes to a new file with open/write/fsync/close. Saves and reference writes alternate in one
temporary folder (on the same file system); the result is the median of the per-pair ratios.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from time import perf_counter

import tomli_w

from benchmarks._common import median, parser, ratios, row, show, valid_profiles


def bare_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def main(argv: list[str] | None = None) -> None:
    cli = parser(__doc__)
    cli.add_argument("--count", type=int, default=50, help="saves (and reference writes) to time")
    args = cli.parse_args(argv)

    from nutri_tui.content import load_content
    from nutri_tui.engine import assess
    from nutri_tui.storage import Storage, make_session

    content = load_content()
    answers = valid_profiles(1)[0]
    session = make_session(answers, assess(answers, content), content.version, label="benchmark")
    ours: list[float] = []
    reference: list[float] = []
    with tempfile.TemporaryDirectory(prefix="nutri-bench-") as temp:
        storage = Storage(Path(temp))
        data = storage.save_session(session).read_bytes()  # also the warm-up
        folder = storage.sessions_dir
        for n in range(args.count):
            for which in ("nutri", "ref") if n % 2 == 0 else ("ref", "nutri"):
                start = perf_counter()
                if which == "nutri":
                    storage.save_session(session)
                else:
                    bare_write(folder / f"reference-{n}.toml", data)
                (ours if which == "nutri" else reference).append(perf_counter() - start)
    start = perf_counter()
    for _ in range(args.count):
        tomli_w.dumps(session.model_dump(mode="json", exclude_none=True))
    dump_ms = (perf_counter() - start) / args.count * 1000
    ratio = median(ratios(ours, reference))
    ours_ms, ref_ms = median(ours) * 1000, median(reference) * 1000
    table = [
        ["measure", "median"],
        ["Storage.save_session", f"{ours_ms:.2f} ms"],
        ["open/write/fsync (reference)", f"{ref_ms:.2f} ms"],
        ["median ratio", f"{ratio:.2f}x"],
        ["of which serialising (model_dump + tomli_w)", f"{dump_ms:.2f} ms"],
    ]
    rows = [row("Save one session (with fsync)", f"{ours_ms:.2f} ms", f"{ref_ms:.2f} ms", f"{ratio:.2f}x", "", None)]
    notes = [f"{args.count} saves, {len(data):,} bytes each, in {tempfile.gettempdir()} (same file system for both)"]
    show("Save one session", table, rows, notes, args.json)


if __name__ == "__main__":
    main()
