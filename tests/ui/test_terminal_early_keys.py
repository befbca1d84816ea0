"""A key typed while the installed app is still starting (before Textual's raw mode) reaches the app and is not
printed on the normal screen; after the app, the terminal echoes again (cli/quiet_terminal.py)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pexpect
import pytest

from tests.terminal import ANSI, Terminal, installed_command, terminal_env

termios = pytest.importorskip("termios")
ALT_SCREEN = b"\x1b[?1049h"


def test_a_key_typed_as_the_app_starts_reaches_it_and_is_not_printed(tmp_path: Path) -> None:
    """Echo goes off as the command starts the app, before Textual is even imported; the first screen comes a few
    hundred milliseconds later. A key typed in between (a fast "n") is held by the terminal and reaches the app."""
    term = Terminal([], tmp_path)
    end = time.monotonic() + 15
    while termios.tcgetattr(term.child.child_fd)[3] & termios.ECHO:
        assert term.child.isalive() and time.monotonic() < end, "echo never went off"
        time.sleep(0.002)
    term._read(0.0)  # whatever it has printed by now
    assert ALT_SCREEN not in term.raw  # quiet before the app draws anything (Textual's raw mode comes with that)
    term.child.send(b"n")  # "Start a new assessment", before the welcome screen is there
    assert term.wait_for("Step 1 of 7"), term.screen
    run = term.quit()
    assert run.problems() == [] and run.status == 0
    # On the normal screen, before the app switched to its own: escape sequences at most, never the key.
    assert "n" not in ANSI.sub("", run.raw.split(ALT_SCREEN.decode())[0])


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
