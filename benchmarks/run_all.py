"""Run every benchmark with modest settings and write the results into docs/performance.md.

Run: ``python -m benchmarks.run_all [--with-100k]`` (about five minutes on 2 cores; the
100,000-session history runs add several more). Only the part of docs/performance.md between the
``results`` markers is replaced; the rest (how we measure, findings) is kept. If the file does not
exist it is created from the benchmarks' docstrings.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import platform
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks._common import format_table, row

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
ASSESS_TARGET = 10_000

RUNS: list[tuple[str, list[str]]] = [
    ("bench_startup", ["--rounds", "5", "--sessions", "0"]),
    ("bench_startup", ["--rounds", "5", "--sessions", "1000"]),
    ("bench_startup", ["--rounds", "5", "--sessions", "10000"]),
    ("bench_step_switch", ["--rounds", "3"]),
    ("bench_filter_key", ["--rounds", "3"]),
    ("bench_history", ["--sessions", "10000", "--rounds", "3", "--no-parse-reference"]),
    ("bench_history_screen", ["--sessions", "10000", "--rounds", "3"]),
    ("bench_save", ["--count", "30"]),
    ("bench_pty", ["--rounds", "5", "--sessions", "1000"]),
    ("bench_cli", ["--rounds", "5", "--sessions", "10000"]),
]
LARGE_RUNS: list[tuple[str, list[str]]] = [
    ("bench_history", ["--sessions", "100000", "--rounds", "3", "--no-parse-reference"]),
    ("bench_history_screen", ["--sessions", "100000", "--rounds", "3"]),
]
"""Issue 15's 100,000-session history: several minutes, so only with ``--with-100k``."""


def run(module: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", f"benchmarks.{module}", *args]
    print(f"$ python -m benchmarks.{module} {' '.join(args)}", file=sys.stderr, flush=True)
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)


def failure(done: subprocess.CompletedProcess[str]) -> str:
    """The exception line of a traceback (with pydantic's message line after it), else the last line."""
    lines = [line.strip() for line in (done.stderr or done.stdout).strip().splitlines()]
    errors = [i for i, line in enumerate(lines) if re.match(r"[\w.]*Error\b", line)]
    if not errors:
        return lines[-1][:200] if lines else f"exit code {done.returncode}"
    found = lines[errors[-1] : errors[-1] + 2]
    return " ".join(found).split("[type=")[0].strip()[:240]


def assess_rows(details: list[str]) -> list[dict[str, Any]]:
    """bench_assess prints its rate and the host reference timed in the same rounds."""
    rows = []
    done = run("bench_assess", [])
    note = ""
    match = re.search(r"median ([\d,]+) profiles/s", done.stdout)
    if done.returncode != 0 or match is None:
        rows.append(row("assess() throughput" + note, "failed", "", failure(done), "", False))
        return rows
    rate = int(match.group(1).replace(",", ""))
    reference = re.search(r"median ([\d,]+) units/s; one profile costs ([\d.]+) units", done.stdout)
    spread = re.search(r"\(rounds ([\d,]+-[\d,]+)[;)]", done.stdout)
    rows.append(
        row(
            f"assess() throughput{note}",
            f"{rate:,}/s",
            f"{reference.group(1)} units/s (host reference)" if reference else "",
            f"{rate:,} profiles/s"
            + (f" ({spread.group(1)})" if spread else "")
            + (f"; a profile costs {reference.group(2)} units" if reference else ""),
            f"≥ {ASSESS_TARGET:,}/s",
            rate >= ASSESS_TARGET,
        )
    )
    details.append(f"### bench_assess{note}\n\n```\n{done.stdout.strip()}\n```")
    return rows


def machine() -> str:
    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "nutri_tui"], cwd=ROOT, capture_output=True, text=True)
    cpu = platform.processor() or platform.machine()
    if Path("/proc/cpuinfo").exists():
        names = re.findall(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = names[0] if names else cpu
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    state = " (nutri_tui/ has uncommitted changes)" if dirty.stdout.strip() else ""
    return "\n".join(
        [
            f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs ({cpu}); load average before the run: {load}",
            f"- Python {platform.python_version()}, Textual {version('textual')}, nutri-tui {version('nutri-tui')}",
            f"- Code: commit {commit.stdout.strip() or '?'}{state}",
        ]
    )


def table(rows: list[dict[str, Any]]) -> str:
    def met(value: bool | None) -> str:
        return "—" if value is None else ("yes" if value else "**no**")

    lines = ["| Benchmark | nutri-tui | Reference | Ratio or value | Target | Met? |", "|---|---|---|---|---|---|"]
    for r in rows:
        cells = [r["benchmark"], r["nutri"], r["reference"], r["result"], r["target"], met(r["met"])]
        lines.append("| " + " | ".join(c.replace("|", "\\|") or " " for c in cells) + " |")
    return "\n".join(lines)


def template() -> str:
    sections = []
    for name in [
        "bench_startup",
        "bench_step_switch",
        "bench_filter_key",
        "bench_history",
        "bench_history_screen",
        "bench_save",
        "bench_assess",
        "bench_pty",
        "bench_cli",
    ]:
        doc = (importlib.import_module(f"benchmarks.{name}").__doc__ or "").strip()
        sections.append(f"### {name}\n\n{doc}")
    return "\n\n".join(
        [
            "# Performance",
            "Run `python -m benchmarks.run_all` to refresh the results below.",
            f"## Results\n\n{START}\n{END}",
            "## What we measured and how\n\n" + "\n\n".join(sections),
            "## Findings\n\n(To be written after a run.)\n",
        ]
    )


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--with-100k", action="store_true", help="also run the 100,000-session history benchmarks")
    options = cli.parse_args()
    began = time.perf_counter()
    header = machine()
    details: list[str] = []
    rows = assess_rows(details)
    runs = RUNS + (LARGE_RUNS if options.with_100k else [])
    if not options.with_100k:
        rows.append(row("History at 100,000 sessions", "not run", "", "run_all --with-100k", "see issue 15", None))
    for module, args in runs:
        done = run(module, [*args, "--json"])
        if done.returncode != 0:
            rows.append(row(f"{module} {' '.join(args)}", "failed", "", failure(done), "", False))
            details.append(f"{module} {' '.join(args)} failed: {failure(done)}")
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        rows += result["rows"]
        body = format_table(result["table"])
        notes = "\n".join(f"note: {note}" for note in result["notes"])
        details.append(
            f"### {result['title']}\n\n`python -m benchmarks.{module} {' '.join(args)}`\n\n```\n{body}\n{notes}\n```"
        )
    elapsed = time.perf_counter() - began
    results = "\n\n".join(
        [
            header + f"\n- Total run time: {elapsed:.0f} s",
            table(rows),
            "<details><summary>Each benchmark's own output</summary>\n\n" + "\n\n".join(details) + "\n\n</details>",
        ]
    )
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else template()
    if START not in text or END not in text:
        text += f"\n## Results\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    text = f"{before}{START}\n{results}\n{END}{rest.split(END, 1)[1]}"
    DOC.write_text(text, encoding="utf-8")
    print(table(rows))
    print(f"\nwrote {DOC.relative_to(ROOT)} in {elapsed:.0f} s")


if __name__ == "__main__":
    main()
