"""Echo off while the app starts, the terminal's settings restored after (cli/quiet_terminal.py), on a real
pseudo-terminal pair and on streams that are no terminal."""

from __future__ import annotations

import io
import os

import pytest

termios = pytest.importorskip("termios")

from nutri_tui.cli.quiet_terminal import keys_wait_for_app  # noqa: E402 - after the skip where there is no termios


def echoing(fd: int) -> bool:
    return bool(termios.tcgetattr(fd)[3] & termios.ECHO)


@pytest.fixture
def pseudo_terminal():
    """The program's side of a pseudo-terminal, as a file, with echo on (as a shell leaves it), and the other side
    (where a person types)."""
    leader, follower = os.openpty()
    stream = os.fdopen(follower, "r", closefd=True)
    assert echoing(follower)
    yield stream, leader
    stream.close()
    os.close(leader)


@pytest.fixture
def terminal(pseudo_terminal):
    return pseudo_terminal[0]


def test_inside_the_input_is_as_textuals_raw_mode_has_it_but_ctrl_c_and_every_setting_is_back_after(terminal) -> None:
    fd = terminal.fileno()
    before = termios.tcgetattr(fd)
    assert before[0] & termios.IXON and before[0] & termios.ICRNL and before[3] & termios.ICANON  # a shell's
    with keys_wait_for_app(terminal):
        iflag, lflag = termios.tcgetattr(fd)[0], termios.tcgetattr(fd)[3]
        assert not echoing(fd)
        assert not iflag & (termios.IXON | termios.IXOFF)  # ctrl+q and ctrl+s are keys, not flow control
        assert not iflag & (termios.ICRNL | termios.INLCR | termios.IGNCR)  # Enter stays Enter
        assert not lflag & (termios.ICANON | termios.IEXTEN)  # no line to edit: every key is held as typed
        assert lflag & termios.ISIG  # ctrl+c still stops a start
        assert termios.tcgetattr(fd)[1] == before[1]  # output as it was: the app's first lines print as before
    assert termios.tcgetattr(fd) == before


def test_keys_typed_inside_are_held_as_typed(pseudo_terminal) -> None:
    """What the app reads once it starts: the bytes as typed (Enter a carriage return, ctrl+q there, backspace
    too), where the line discipline had changed, swallowed or used them."""
    terminal, leader = pseudo_terminal
    with keys_wait_for_app(terminal):
        os.write(leader, b"n\x7f\r\x11\x13")
        held = os.read(terminal.fileno(), 64)
    assert held == b"n\x7f\r\x11\x13"


def test_the_settings_are_back_however_the_app_ended(terminal) -> None:
    before = termios.tcgetattr(terminal.fileno())
    with pytest.raises(KeyboardInterrupt), keys_wait_for_app(terminal):
        # Textual saves the settings it finds (echo off) and puts them back as it ends: this must undo that.
        raise KeyboardInterrupt
    assert termios.tcgetattr(terminal.fileno()) == before


@pytest.mark.parametrize("stream", [io.StringIO("no terminal"), None], ids=["a string", "the test's stdin"])
def test_a_stream_that_is_no_terminal_is_left_alone(stream) -> None:
    with keys_wait_for_app(stream):  # the tests' stdin is a stand-in with no file number at all
        pass
