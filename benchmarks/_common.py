"""Shared helpers for the benchmarks: session fixtures, a paint spy, medians and output."""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from time import perf_counter
from typing import Any

LABELS = ["", "check-up", "after holiday", "winter", "new medicine", "", "physio week 2", "holiday return"]
TEMPLATES = 16


def valid_profiles(count: int) -> list[Any]:
    from benchmarks.bench_assess import generate

    return generate(count)


def _templates(root: Path, count: int) -> list[bytes]:
    """The bytes of ``count`` real session files (different profiles and labels), saved with Storage."""
    from nutri_tui.content import load_content
    from nutri_tui.engine import assess
    from nutri_tui.storage import Storage, make_session

    storage = Storage(root)
    content = load_content()
    templates = []
    for i, answers in enumerate(valid_profiles(count)):
        session = make_session(answers, assess(answers, content), content.version, label=LABELS[i % len(LABELS)])
        path = storage.save_session(session)
        templates.append(path.read_bytes())
        path.unlink()
    return templates


def fill_sessions(root: Path, count: int) -> Path:
    """Give ``root`` (a NUTRI_TUI_HOME) ``count`` saved sessions; returns the sessions folder.

    A few real sessions are saved with Storage (different profiles and labels), then their files
    are copied under new unique names in the storage naming scheme, one minute apart.
    """
    from nutri_tui.storage import Storage

    storage = Storage(root)
    storage.sessions_dir.mkdir(parents=True, exist_ok=True)
    if count == 0:
        return storage.sessions_dir
    templates = _templates(root, min(count, TEMPLATES))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(count):
        stamp = (start + timedelta(minutes=i)).strftime("%Y-%m-%dT%H-%M-%SZ")
        (storage.sessions_dir / f"{stamp}-{i:08x}.toml").write_bytes(templates[i % len(templates)])
    return storage.sessions_dir


CREATED = re.compile(rb'^created = "([^"]+)"$', re.MULTILINE)
DISTINCT = 10_000
"""Distinct session files fill_sessions_linked writes; the other names are hard links to them."""


def retimed(template: bytes, created: datetime) -> bytes:
    """``template`` with its ``created`` set to ``created``, as long as before (the summary records the size)."""
    match = CREATED.search(template)
    if match is None:
        raise ValueError("a session file without created")
    old = match.group(1)
    value = created.strftime("%Y-%m-%dT%H:%M:%S.%fZ" if b"." in old else "%Y-%m-%dT%H:%M:%SZ").encode()
    if len(value) != len(old):
        raise ValueError(f"cannot keep the length of created = {old!r}")
    return template[: match.start(1)] + value + template[match.end(1) :]


def fill_sessions_linked(root: Path, count: int, distinct: int = DISTINCT) -> Path:
    """Like fill_sessions, fast for 100,000 and more: ``distinct`` files, the rest hard links to them.

    Each distinct file is a real session with its own ``created`` (one minute apart, set in the file at
    the same length, so the size its summary records still holds); its links are further names with the
    same time stamp and other suffixes, as Storage names sessions saved in the same second. Hard links
    share an inode, size and mtime: the index is by name, so each name is listed and indexed on its own,
    but a cold-cache read touches only ``distinct`` files' pages.
    """
    from nutri_tui.storage import Storage

    storage = Storage(root)
    folder = storage.sessions_dir
    folder.mkdir(parents=True, exist_ok=True)
    if count == 0:
        return folder
    templates = _templates(root, min(count, TEMPLATES))
    distinct = max(1, min(distinct, count))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for d in range(distinct):
        created = start + timedelta(minutes=d, microseconds=123_456)
        stamp = created.strftime("%Y-%m-%dT%H-%M-%SZ")
        first = folder / f"{stamp}-{d:08x}.toml"
        first.write_bytes(retimed(templates[d % len(templates)], created))
        for n in range(d + distinct, count, distinct):
            os.link(first, folder / f"{stamp}-{n:08x}.toml")
    return folder


class PaintSpy:
    """Records when each screen is painted (Screen -> App._display with a real update).

    In headless mode Textual still lays out and renders the compositor update; only the write
    to the terminal is skipped, so this is the moment a real terminal would have been written.
    """

    def __init__(self, app: Any) -> None:
        self.paints: dict[int, list[float]] = {}
        display = app._display

        def spy(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                self.paints.setdefault(id(screen), []).append(perf_counter())
            display(screen, renderable)

        app._display = spy

    def painted(self, screen: Any, after: float = 0.0) -> float | None:
        """When the screen was first painted (after the moment ``after``, if given)."""
        return next((t for t in self.paints.get(id(screen), ()) if t > after), None)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def ratios(ours: Sequence[float], reference: Sequence[float]) -> list[float]:
    """Per-round ratios (rounds are paired, so each ratio compares runs made close in time)."""
    return [a / b for a, b in zip(ours, reference, strict=True)]


def parser(doc: str | None) -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0])
    result.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    return result


def row(benchmark: str, ours: str, reference: str, result: str, target: str, met: bool | None) -> dict[str, Any]:
    """One line of the summary table in docs/performance.md."""
    return {
        "benchmark": benchmark,
        "nutri": ours,
        "reference": reference,
        "result": result,
        "target": target,
        "met": met,
    }


def format_table(table: list[list[str]]) -> str:
    """Columns aligned (first to the left, the rest to the right), a rule under the header."""
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    lines = []
    for n, line in enumerate(table):
        cells = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def show(title: str, table: list[list[str]], rows: list[dict[str, Any]], notes: list[str], as_json: bool) -> None:
    """Print the table and notes (or, with --json, the same plus the summary rows for run_all)."""
    if as_json:
        print(json.dumps({"title": title, "table": table, "rows": rows, "notes": notes}))
        return
    print(title)
    print(format_table(table))
    for note in notes:
        print(f"note: {note}")
