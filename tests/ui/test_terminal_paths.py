"""The README's paths, run as a person runs them: the installed ``nutri-tui`` in an 80x24 pseudo-terminal.

Each test fails on any traceback the terminal received, on a process that does not end after
ctrl+q, and on a non-zero exit status. These are the tests that would have caught the two crashes
Pilot missed (``nutri-tui open`` at start, and key 3 on a result with no foods).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.terminal import Terminal, saved_session

EXAMPLES = REPO / "examples"


def test_start_help_and_quit(tmp_path: Path) -> None:
    """`nutri-tui`: the welcome screen, F1 help, Escape, then ctrl+q."""
    term = Terminal([], tmp_path)
    assert term.wait_for("Welcome to nutri-tui"), term.screen
    assert "Help:" in term.press("f1")
    assert "Welcome to nutri-tui" in term.press("escape")
    run = term.quit()
    assert run.problems() == []
    assert run.status == 0


@pytest.mark.parametrize("example", ["emergency-red-flag.toml"])  # no foods: key 3 once crashed here
def test_open_a_saved_result_and_visit_every_tab(tmp_path: Path, example: str) -> None:
    """`nutri-tui open SESSION.toml`, then the result tabs 1 to 6 by their number keys."""
    session = saved_session(EXAMPLES / example, tmp_path)
    term = Terminal(["open", str(session)], tmp_path)
    assert term.wait_for("A saved result from"), term.screen
    titles = ("Summary", "Deficiencies", "Foods", "Supplement cautions", "Exercises", "Sources")
    for key, title in zip("123456", titles, strict=True):
        screen = term.press(key)
        assert title in screen, (key, screen)
    run = term.quit()
    assert run.problems() == []
    assert run.status == 0


def test_open_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    term = Terminal(["open", str(tmp_path / "nope.toml")], tmp_path)
    run = term.quit()
    assert "no such file" in run.raw
    assert run.problems() == []
    assert run.status == 2


@pytest.mark.parametrize("start", [b"n", b"\r"], ids=["n", "enter"])
def test_keys_typed_at_once_after_start_are_kept(tmp_path: Path, start: bytes) -> None:
    """``n`` (or Enter: the first button has focus) and an age typed in the same breath (type-ahead, no
    pause for the step to open) arrive whole. Posting navigation as a message once lost such keys to
    the screen being left, and focusing the form before its first question lost the next ones."""
    term = Terminal([], tmp_path)
    assert term.wait_for("Welcome to nutri-tui"), term.screen
    term.child.send(start + b"44")
    assert term.wait_for("Step 1 of 7"), term.screen
    term.settle(2.0)
    age = next(line for line in term.screen.splitlines() if "Age in years" in line)
    assert "44" in age, term.screen
    run = term.quit()
    assert run.problems() == []
    assert run.status == 0


@pytest.mark.parametrize(
    ("example", "first_screen"),
    [
        ("housebound-older-woman.toml", "10 mcg (400 IU) of vitamin D a day"),
        ("emergency-red-flag.toml", "EMERGENCY: Get help now. You said you have numbness"),
        ("pregnant-vegetarian.toml", "best avoided in pregnancy"),
    ],
)
def test_each_walkthrough_persona_reads_what_to_do_first_on_the_first_screen(
    tmp_path: Path, example: str, first_screen: str
) -> None:
    """The three walkthrough personas (issue 13), opened in a real 80x24 terminal: the first screen, before
    any key, says what to do first for this person. PageDown then reaches the rest of the plan."""
    session = saved_session(EXAMPLES / example, tmp_path)
    term = Terminal(["open", str(session)], tmp_path)
    assert term.wait_for("What to do first"), term.screen
    term.settle(1.0)
    flat = " ".join(term.screen.replace("▌", " ").replace("█", " ").split())  # without the focus and line bars
    assert first_screen in flat, term.screen
    term.press("pagedown", "pagedown", "pagedown", "pagedown")
    assert any("5. If things change" in shown for shown in term.screens), term.screen
    run = term.quit()
    assert run.problems() == []
    assert run.status == 0


OLDER_SMOKER = """format = 1
[about]
age = 72
sex = "male"
pregnancy = "no"
diet = "omnivore"
[lifestyle]
smoking = "current"
[back_pain]
areas = ["lower"]
duration = "acute"
cause = "gradual"
[back_pain.red_flags]
sudden_severe_pain = "yes"
"""


def test_an_older_smoker_with_sudden_severe_back_pain_reads_emergency_first(tmp_path: Path) -> None:
    """`nutri-tui assess FILE` in a real terminal (issue 18's first case): a 72-year-old smoker whose severe back
    pain came on suddenly is told, before anything else, that it is an emergency and why it may be."""
    answers = tmp_path / "older-smoker.toml"
    answers.write_text(OLDER_SMOKER, encoding="utf-8")
    term = Terminal(["assess", str(answers)], tmp_path)
    term.pump(10)  # returns as soon as the command has ended
    run = term.quit()
    text = " ".join(run.raw.split())
    assert text.index("EMERGENCY: Get help now.") < text.index("2. Safety first")
    assert "aortic aneurysm" in text
    assert run.problems() == []
    assert run.status == 0
