"""Run the installed ``nutri-tui`` in a real pseudo-terminal, as a person does, and read its screen.

Pilot drives the app inside the test's own process; two crashes on README paths (``nutri-tui open``
and the Foods tab of a result with no foods) slipped past it because the real start-up path never
ran. These helpers start the console script that ``pip install`` put next to this Python, in an
80x24 pseudo-terminal (pexpect), send keys as bytes, and keep every byte the terminal received, which
pyte turns back into the 24 lines a person would see.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pyte

COLUMNS, LINES = 80, 24
KEYS = {
    "enter": b"\r",
    "escape": b"\x1b",
    "tab": b"\t",
    "ctrl+q": b"\x11",
    "ctrl+n": b"\x0e",
    "ctrl+p": b"\x10",
    "f1": b"\x1bOP",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "space": b" ",
    "pagedown": b"\x1b[6~",
    "pageup": b"\x1b[5~",
}
ANSI = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]")
QUIET = 0.15
"""Seconds without output after which a key's redraw counts as done."""
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|\b\w+(Error|Exception): |NoMatches")


def installed_command() -> str:
    """The console script installed beside this interpreter (the tests must run the real thing)."""
    found = shutil.which("nutri-tui", path=str(Path(sys.executable).parent)) or shutil.which("nutri-tui")
    if found is None:
        raise AssertionError("nutri-tui is not installed beside this Python: run `pip install .` first")
    return found


def terminal_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NUTRI_TUI_", "PYTEST", "TEXTUAL"))}
    env.update(NUTRI_TUI_HOME=str(home), TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
    env.pop("NO_COLOR", None)
    return env


def saved_session(example: Path, home: Path) -> Path:
    """Save an example answers file as a session with ``nutri-tui --data-dir HOME assess EXAMPLE --save``; its
    path is the last line printed.

    The command runs in this process (the same ``main`` the console script calls): a second interpreter only to
    save a file cost a second of start-up per test. What is tested in the terminal is what comes after, the
    installed command opening the file; ``assess`` itself runs in a terminal in test_terminal_paths.py.
    """
    from nutri_tui.cli import main

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["--data-dir", str(home), "assess", str(example), "--save"]) == 0
    return Path(printed.getvalue().strip().splitlines()[-1])


@dataclass
class Run:
    """What one run left behind: every byte received, the screen as last drawn, the exit status."""

    raw: str
    screens: list[str]
    """The screen after each key (and once before the first), as plain text lines joined by newlines."""
    status: int | None
    """The exit status, or None if it was still running after ctrl+q and had to be killed."""

    def problems(self) -> list[str]:
        text = ANSI.sub("", self.raw)
        found = [line.strip() for line in text.splitlines() if TRACEBACK.search(line)]
        if self.status is None:
            found.append("still running after ctrl+q")
        return found


class Terminal:
    """One ``nutri-tui`` process in an 80x24 pseudo-terminal."""

    def __init__(self, args: list[str], home: Path) -> None:
        self.child = pexpect.spawn(
            installed_command(),
            args,
            env=terminal_env(home),
            dimensions=(LINES, COLUMNS),
            encoding=None,
            timeout=30,
        )
        self.stream = pyte.ByteStream(pyte.Screen(COLUMNS, LINES))
        self.raw = b""
        self.screens: list[str] = []

    @property
    def screen(self) -> str:
        return "\n".join(line.rstrip() for line in self.stream.listener.display)

    def _read(self, timeout: float) -> bool | None:
        """Read what the app drew within ``timeout``: True if something, False if nothing, None once it ended."""
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return False
        except pexpect.EOF:
            return None
        self.raw += data
        self.stream.feed(data)
        return True

    def pump(self, seconds: float) -> None:
        """Read whatever the app draws for ``seconds``."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self._read(0.05) is None:
                return

    def wait_for(self, text: str, seconds: float = 15) -> bool:
        """Read until ``text`` is on the screen (True) or the time is up (False)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if text in self.screen:
                return True
            self.pump(0.1)
        return text in self.screen

    def settle(self, longest: float, quiet: float = QUIET) -> None:
        """Read until the app has drawn something and then been quiet for ``quiet`` seconds, or ``longest`` passed.

        A key that changes nothing draws nothing, and then this waits the whole of ``longest``.
        """
        end = time.monotonic() + longest
        drawn = False
        last = time.monotonic()
        while (now := time.monotonic()) < end:
            if drawn and now - last >= quiet:
                return
            got = self._read(0.02)
            if got is None:
                return
            if got:
                drawn, last = True, time.monotonic()

    def press(self, *keys: str, settle: float = 0.5) -> str:
        """Send each key (a name from KEYS or literal text), let the app draw, and return the screen."""
        for key in keys:
            self.child.send(KEYS.get(key, key.encode()))
            self.settle(settle)
            self.screens.append(self.screen)
        return self.screen

    def quit(self) -> Run:
        """ctrl+q (and "y" if it asks), then the exit status; kills the process if it does not end."""
        if self.child.isalive():
            self.child.send(KEYS["ctrl+q"])
            self.pump(1.0)
        if self.child.isalive():
            self.child.send(b"y")
            self.pump(1.0)
        status: int | None
        try:
            self.child.expect(pexpect.EOF, timeout=5)
            self.raw += self.child.before or b""
        except pexpect.TIMEOUT:
            pass
        if self.child.isalive():
            self.child.terminate(force=True)
            status = None
        else:
            self.child.close()
            status = self.child.exitstatus if self.child.exitstatus is not None else -(self.child.signalstatus or 0)
        return Run(self.raw.decode("utf-8", "replace"), self.screens, status)
