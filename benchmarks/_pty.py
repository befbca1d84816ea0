"""An app in a real pseudo-terminal (pexpect), its screen read back with pyte, for the pty benchmarks.

Everything the app writes is read as it arrives (``read_nonblocking`` in a tight loop, draining what
is there before feeding pyte), and each chunk is stamped with ``time.perf_counter()`` when the read
returned, before pyte parses it. "Drawn" is the stamp of the chunk after which the wanted text is on
the pyte screen: pyte's own parsing time (a few ms for a full 80x24 frame) is not counted, except
where it delays reading the next chunk.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from time import perf_counter

import pexpect
import pyte

COLUMNS, LINES = 80, 24
ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(__file__).resolve().parent / "pty_reference.py"
KEYS = {"ctrl+n": b"\x0e", "ctrl+q": b"\x11", "f1": b"\x1bOP", "escape": b"\x1b", "enter": b"\r"}


class NeverDrawn(RuntimeError):
    pass


def nutri_command() -> str:
    """The installed console script beside this Python (as a person runs it)."""
    found = shutil.which("nutri-tui", path=str(Path(sys.executable).parent)) or shutil.which("nutri-tui")
    if found is None:
        raise SystemExit("nutri-tui is not installed beside this Python")
    return found


PYCACHE = Path(tempfile.gettempdir()) / "nutri-tui-bench-pycache"


def env(home: Path) -> dict[str, str]:
    result = {k: v for k, v in os.environ.items() if not k.startswith(("NUTRI_TUI_", "TEXTUAL", "PYTEST"))}
    result.pop("NO_COLOR", None)
    # As after `pip install`, which compiles every module: with PYTHONDONTWRITEBYTECODE (set in some sandboxes)
    # each run compiled nutri_tui's sixty-odd modules again, while Textual's came compiled from its wheel,
    # which charged nutri-tui alone about 55 ms a start. The first (warm-up) run writes them here.
    result.pop("PYTHONDONTWRITEBYTECODE", None)
    result["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    result.update(NUTRI_TUI_HOME=str(home), TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
    return result


class PtyApp:
    """One process in an 80x24 pseudo-terminal. ``started`` is perf_counter() just before the spawn."""

    def __init__(self, argv: list[str], home: Path) -> None:
        self.started = perf_counter()
        self.child = pexpect.spawn(
            argv[0], argv[1:], env=env(home), cwd=str(ROOT), dimensions=(LINES, COLUMNS), encoding=None, timeout=30
        )
        self.child.delaybeforesend = None  # pexpect sleeps 50 ms before each send by default
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.ended = False

    @classmethod
    def nutri(cls, home: Path, *args: str) -> PtyApp:
        return cls([nutri_command(), *args], home)

    @classmethod
    def reference(cls, mode: str, home: Path) -> PtyApp:
        return cls([sys.executable, str(REFERENCE), mode], home)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def _read(self, timeout: float) -> float | None:
        """Wait up to ``timeout`` for output and drain it into pyte; when the last chunk was read, or None."""
        if self.ended:
            return None
        try:
            data = self.child.read_nonblocking(1 << 20, timeout=max(timeout, 0))
        except pexpect.TIMEOUT:
            return None
        except pexpect.EOF:
            self.ended = True
            return None
        stamp = perf_counter()
        chunks = [data]
        while True:  # whatever else is already there, before pyte's (slow) parsing
            try:
                chunks.append(self.child.read_nonblocking(1 << 20, timeout=0))
            except (pexpect.TIMEOUT, pexpect.EOF):
                break
            stamp = perf_counter()
        self.stream.feed(b"".join(chunks))
        return stamp

    def until(self, drawn: Callable[[str], bool], seconds: float = 20.0, what: str = "") -> float:
        """Read until ``drawn(screen text)`` holds; returns when the chunk that made it hold was read."""
        if drawn(self.text):
            return perf_counter()
        end = perf_counter() + seconds
        while (left := end - perf_counter()) > 0:
            stamp = self._read(min(left, 0.05))
            if stamp is not None and drawn(self.text):
                return stamp
            if self.ended:
                break
        raise NeverDrawn(f"{what or 'the expected text'} never drawn; screen:\n{self.text}")

    def shows(self, text: str, seconds: float = 20.0) -> float:
        return self.until(lambda screen: text in screen, seconds, repr(text))

    def pump_until(self, moment: float) -> None:
        """Keep reading (so the app is never blocked writing) until perf_counter() reaches ``moment``."""
        while (left := moment - perf_counter()) > 0:
            self._read(min(left, 0.05))

    def quiet(self, quiet: float = 0.3, longest: float = 10.0) -> None:
        """Read until nothing has come for ``quiet`` seconds (or ``longest`` passed)."""
        end = perf_counter() + longest
        last = perf_counter()
        while (now := perf_counter()) < end and now - last < quiet:
            if self._read(min(quiet, end - now)) is not None:
                last = perf_counter()

    def send(self, key: str) -> float:
        """Send a key (a name from KEYS, or text); returns perf_counter() just before the write."""
        data = KEYS.get(key, key.encode())
        sent = perf_counter()
        self.child.send(data)
        return sent

    def peak_mib(self) -> float:
        """The process's peak resident memory so far (VmHWM in /proc/<pid>/status)."""
        with open(f"/proc/{self.child.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM")

    def close(self) -> None:
        """Ctrl+Q (and "y" if it asks), then the process is waited for; killed, by its pid, if it does not end."""
        for key in (KEYS["ctrl+q"], b"y"):
            if not self.child.isalive():
                break
            self.child.send(key)
            end = perf_counter() + 1.0
            while self.child.isalive() and perf_counter() < end:
                self._read(0.02)
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def spread(values: list[float], scale: float = 1000.0, unit: str = "ms", digits: int = 1) -> str:
    """``min-max`` of a series, for the tables."""
    return f"{min(values) * scale:.{digits}f}-{max(values) * scale:.{digits}f} {unit}"
