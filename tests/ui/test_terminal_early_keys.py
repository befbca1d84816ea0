"""A key typed while the installed app is still starting (before Textual's raw mode) reaches the app unchanged and is
not printed on the normal screen; ctrl+c still stops the start; after the app, the terminal echoes again
(cli/quiet_terminal.py)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pexpect
import pytest

from tests.terminal import ANSI, Terminal, installed_command, terminal_env

termios = pytest.importorskip("termios")
ALT_SCREEN = b"\x1b[?1049h"


def starting_app(tmp_path: Path) -> Terminal:
    """The installed app as it starts: the command line holds keys for it (echo goes off, before Textual is even
    imported) and it has drawn nothing yet; its first screen comes a few hundred milliseconds later."""
    term = Terminal([], tmp_path)
    end = time.monotonic() + 15
    while termios.tcgetattr(term.child.child_fd)[3] & termios.ECHO:
        assert term.child.isalive() and time.monotonic() < end, "echo never went off"
        time.sleep(0.002)
    term._read(0.0)  # whatever it has printed by now
    assert ALT_SCREEN not in term.raw  # before the app draws anything (Textual's raw mode comes with that)
    return term


def before_the_app(raw: str) -> str:
    """What the run printed on the normal screen, before the app switched to its own, without escape sequences."""
    return ANSI.sub("", raw.split(ALT_SCREEN.decode())[0])


@pytest.mark.parametrize(
    "key",
    [b"n", b"\r"],
    ids=['"n" for a new assessment', "Enter on the first button (the line discipline made it ctrl+j)"],
)
def test_a_key_typed_as_the_app_starts_reaches_it_and_is_not_printed(tmp_path: Path, key: bytes) -> None:
    term = starting_app(tmp_path)
    term.child.send(key)  # before the welcome screen is there
    assert term.wait_for("Step 1 of 7"), term.screen
    run = term.quit()
    assert run.problems() == [] and run.status == 0
    assert "n" not in before_the_app(run.raw)  # escape sequences at most, never the key


def test_ctrl_q_typed_as_the_app_starts_quits_it(tmp_path: Path) -> None:
    """The line discipline took ctrl+q as flow control ("resume output") and the app never saw it."""
    term = starting_app(tmp_path)
    term.child.send(b"\x11")
    term.child.expect(pexpect.EOF, timeout=15)
    term.child.close()
    assert term.child.exitstatus == 0


def test_ctrl_c_as_the_app_starts_stops_it_without_a_traceback(tmp_path: Path) -> None:
    """Before Textual's raw mode, ctrl+c is still the terminal's interrupt: the start ends with 130, as Unix
    commands end (it ended with a traceback and killed by the signal)."""
    term = starting_app(tmp_path)
    term.child.send(b"\x03")
    term.child.expect(pexpect.EOF, timeout=15)
    output = (term.raw + (term.child.before or b"")).decode("utf-8", "replace")
    term.child.close()
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
    assert term.child.exitstatus == 130, (term.child.exitstatus, term.child.signalstatus)


def test_the_terminal_echoes_again_after_the_app(tmp_path: Path) -> None:
    shell = pexpect.spawn(
        "sh",
        ["-c", f"'{installed_command()}'; stty -a"],
        env=terminal_env(tmp_path),
        dimensions=(24, 80),
        encoding=None,
        timeout=30,
    )
    shell.expect(b"Start a new")
    shell.send(b"\x11")  # ctrl+q
    shell.expect(pexpect.EOF)
    after = (shell.before or b"").decode("utf-8", "replace").split("\x1b[?1049l")[-1]
    assert re.search(r"(?<![-\w])echo(?![\w])", after), after  # "echo", not "-echo"
