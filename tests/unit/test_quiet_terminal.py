"""Echo off while the app starts, the terminal's settings restored after (cli/quiet_terminal.py), on a real
pseudo-terminal pair and on streams that are no terminal."""

from __future__ import annotations

import io
import os

import pytest

termios = pytest.importorskip("termios")

from nutri_tui.cli.quiet_terminal import no_echo  # noqa: E402 - after the skip where there is no termios


def echoing(fd: int) -> bool:
    return bool(termios.tcgetattr(fd)[3] & termios.ECHO)


@pytest.fixture
def terminal():
    """The program's side of a pseudo-terminal, as a file, with echo on (as a shell leaves it)."""
    leader, follower = os.openpty()
    stream = os.fdopen(follower, "r", closefd=True)
    assert echoing(follower)
    yield stream
    stream.close()
    os.close(leader)


def test_echo_is_off_inside_and_every_setting_is_back_after(terminal) -> None:
    before = termios.tcgetattr(terminal.fileno())
    with no_echo(terminal):
        assert not echoing(terminal.fileno())
        assert termios.tcgetattr(terminal.fileno())[3] & termios.ICANON  # line editing untouched
    assert termios.tcgetattr(terminal.fileno()) == before


def test_the_settings_are_back_however_the_app_ended(terminal) -> None:
    before = termios.tcgetattr(terminal.fileno())
    with pytest.raises(KeyboardInterrupt), no_echo(terminal):
        # Textual saves the settings it finds (echo off) and puts them back as it ends: this must undo that.
        raise KeyboardInterrupt
    assert termios.tcgetattr(terminal.fileno()) == before


@pytest.mark.parametrize("stream", [io.StringIO("no terminal"), None], ids=["a string", "the test's stdin"])
def test_a_stream_that_is_no_terminal_is_left_alone(stream) -> None:
    with no_echo(stream):  # the tests' stdin is a stand-in with no file number at all
        pass
