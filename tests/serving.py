"""``nutri-tui serve`` started in a subprocess for a test: its printed address, and stopping it with ctrl+c."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ADDRESS = re.compile(r"(http://\S+/\?token=\S+)")


@contextlib.contextmanager
def served(data_dir: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Run ``python -m nutri_tui serve --no-browser --port 0`` and yield (the printed address, the process)."""
    environ = {**os.environ, "NUTRI_TUI_HOME": str(data_dir)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nutri_tui",
            "--data-dir",
            str(data_dir),
            "serve",
            "--no-browser",
            "--port",
            "0",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environ,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # the first line is the address, printed once the port is open
        found = ADDRESS.search(line)
        assert found, f"no address in {line!r}; stderr: {process.stderr.read() if process.poll() is not None else ''}"
        yield found.group(1), process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def without_token(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}/"


def stop(process: subprocess.Popen[str], timeout: float = 15) -> tuple[int, str, str]:
    """ctrl+c, then its exit status, the rest of its stdout and its stderr."""
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err
