"""Plain mode as a person meets it: the installed ``nutri-tui`` in a pseudo-terminal, and on a pipe.

Each test fails on any traceback the terminal received. A whole persona is typed into ``nutri-tui --plain``
(the replies worked out first, in this process, from the same example), and the saved session must hold what
the in-process run saved; plain mode must also start by itself on a dumb terminal and on a pipe, and stop
cleanly, its answers kept, on Ctrl+D and Ctrl+C. No escape sequence reaches the terminal.
"""

from __future__ import annotations

import io
import signal
import subprocess
from pathlib import Path

import pexpect
import pytest

from nutri_tui.content import load_content
from nutri_tui.models.answers import Answers
from nutri_tui.plain import run
from nutri_tui.storage import Storage
from tests.plain_replies import Replies, example
from tests.terminal import COLUMNS, LINES, TRACEBACK, installed_command, saved_session, terminal_env

ESCAPE = "\x1b"
REPO = Path(__file__).resolve().parents[2]


def spawn(args: list[str], home: Path, **env: str) -> pexpect.spawn:
    """``nutri-tui ARGS`` in a pseudo-terminal, with Ctrl+C interrupting it as in a person's terminal.

    A test run started in the background by a script (``pytest &``, nohup, some CI runners) inherits SIGINT
    ignored, and an ignored signal stays ignored across exec: Ctrl+C then did nothing and the Ctrl+C test
    waited out its minute. The child's SIGINT is set back to the default before it starts."""
    return pexpect.spawn(
        installed_command(),
        args,
        env={**terminal_env(home), **env},
        dimensions=(LINES, COLUMNS),
        encoding="utf-8",
        timeout=30,
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def finished(child: pexpect.spawn) -> tuple[str, int]:
    """Everything the terminal received until the process ended, and its exit status."""
    child.expect(pexpect.EOF, timeout=60)
    said = child.before or ""
    child.close()
    return said, child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0)


def saved(home: Path) -> Answers:
    storage = Storage(home)
    [entry] = storage.list_sessions()
    return storage.load_session(entry.path).answers


def test_a_whole_assessment_typed_into_plain_mode_in_a_terminal(tmp_path: Path) -> None:
    content = load_content()
    said = io.StringIO()
    replies = Replies(example("older-several-medicines"), said, content)
    assert run(content, Storage(tmp_path / "here"), replies, said) == 0
    child = spawn(["--plain"], tmp_path / "terminal")
    child.send("".join(f"{reply}\r" for _, reply in replies.typed))
    text, status = finished(child)
    assert not [line for line in text.splitlines() if TRACEBACK.search(line)]
    assert ESCAPE not in text
    assert "Question 1 of " in text and "Saved to your past results: " in text
    assert status == 0
    assert saved(tmp_path / "terminal") == saved(tmp_path / "here")


def test_a_dumb_terminal_gets_plain_mode_and_ctrl_d_keeps_the_answers(tmp_path: Path) -> None:
    child = spawn([], tmp_path, TERM="dumb")
    child.expect("Question 1 of ")
    child.send("38\r")
    child.expect("Question 2 of ")
    child.sendeof()
    text, status = finished(child)
    assert "your answers so far are saved" in text
    assert not [line for line in text.splitlines() if TRACEBACK.search(line)] and ESCAPE not in text
    assert status == 1
    assert Storage(tmp_path).load_draft().answers == {"about": {"age": 38}}


@pytest.mark.parametrize(
    ("after", "term"), [((), "dumb"), (("--plain",), "xterm-256color")], ids=["dumb-terminal", "plain-after-open"]
)
def test_a_saved_result_opened_in_plain_mode_is_said_as_plain_text(tmp_path: Path, after: tuple, term: str) -> None:
    """``nutri-tui open FILE`` where the full-screen app cannot work (TERM=dumb), or ``open FILE --plain`` as the
    README reads (refused as an unknown argument before): the app's first note, then the result a sentence a line
    with the warning signs first, no escape sequence, exit 0 (it started the full-screen app before, which a dumb
    terminal or a screen reader cannot use)."""
    session = saved_session(REPO / "examples" / "emergency-red-flag.toml", tmp_path)
    child = spawn(["open", str(session), *after], tmp_path, TERM=term)
    text, status = finished(child)
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0].startswith("A saved result from ") and lines[0].endswith("(read-only).")
    assert next(line for line in lines if line.startswith("1. ")).startswith("1. Warning signs: EMERGENCY")
    assert "not medical advice" in text
    assert not [line for line in text.splitlines() if TRACEBACK.search(line)] and ESCAPE not in text
    assert status == 0


def test_ctrl_c_in_plain_mode_stops_cleanly(tmp_path: Path) -> None:
    child = spawn(["--plain"], tmp_path)
    child.expect("Question 1 of ")
    child.sendintr()
    text, status = finished(child)
    assert "Stopped: nothing was answered, so nothing was saved." in text
    assert not [line for line in text.splitlines() if TRACEBACK.search(line)]
    assert status == 130


def test_input_from_a_pipe_gets_plain_mode(tmp_path: Path) -> None:
    done = subprocess.run(
        [installed_command()], input="45\n", env=terminal_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert done.stdout.startswith("nutri-tui, plain mode:")
    assert done.stdout.splitlines()[-1].startswith("Input ended before the result: your answers so far are saved")
    assert done.stderr == "" and ESCAPE not in done.stdout
    assert done.returncode == 1
