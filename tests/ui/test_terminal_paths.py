"""The README's paths, run as a person runs them: the installed ``nutri-tui`` in an 80x24 pseudo-terminal.

Each test fails on any traceback the terminal received, on a process that does not end after
ctrl+q, and on a non-zero exit status. These are the tests that would have caught the two crashes
Pilot missed (``nutri-tui open`` at start, and key 3 on a result with no foods).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.terminal import Terminal, saved_session

EXAMPLES = REPO / "examples"


def flat(screen: str) -> str:
    """The screen's words on one line, without the focus and line bars."""
    return " ".join(screen.replace("▌", " ").replace("█", " ").split())


def first_screen_then_the_rest_of_the_plan(term: Terminal, first_screen: str) -> None:
    """The first screen, before any key, says ``first_screen``; PageDown (at most four times) reaches the plan's end."""
    assert term.wait_for("What to do first"), term.screen
    # Until the whole of it is drawn (a fixed settle of a second was waited out in full: nothing more is drawn).
    end = time.monotonic() + 15
    while first_screen not in flat(term.screen) and time.monotonic() < end:
        term.pump(0.1)
    assert first_screen in flat(term.screen), term.screen
    for _ in range(4):  # stop once it shows: a PageDown at the bottom draws nothing, and settle would wait it out
        if "5. If things change" in term.press("pagedown"):
            break
    assert any("5. If things change" in shown for shown in term.screens), term.screen


def test_open_a_saved_result_read_it_first_and_visit_every_tab(tmp_path: Path) -> None:
    """`nutri-tui open SESSION.toml` for the emergency walkthrough persona (issue 13), a result with no foods
    (key 3 once crashed here): the first screen, before any key, says the emergency first, PageDown reaches
    the rest of the plan, then the result tabs 1 to 6 by their number keys. (The persona's first screen and
    the tabs were two terminal sessions of the same path; one start-up serves both.)"""
    session = saved_session(EXAMPLES / "emergency-red-flag.toml", tmp_path)
    term = Terminal(["open", str(session)], tmp_path)
    assert term.wait_for("A saved result from"), term.screen
    first_screen_then_the_rest_of_the_plan(term, "EMERGENCY: Get help now. You said you have numbness")
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


def _age_line(screen: str) -> str:
    return next((line for line in screen.splitlines() if "Age in years" in line), "")


def _age_kept(term: Terminal, start: bytes) -> None:
    """``start`` and an age sent in one write (type-ahead, no pause for the step to open): both arrive whole."""
    term.child.send(start + b"44")
    assert term.wait_for("Step 1 of 7"), term.screen
    # Held keys are handed on once the step has been painted; on a busy machine that can be after a quiet
    # moment, so wait for the digits themselves (a lost key never arrives: the test then fails).
    end = time.monotonic() + 10
    while "44" not in _age_line(term.screen) and time.monotonic() < end:
        term.pump(0.1)
    assert "44" in _age_line(term.screen), term.screen


def test_start_help_then_n_and_an_age_typed_at_once(tmp_path: Path) -> None:
    """`nutri-tui`: the welcome screen, F1 help, Escape; then ``n`` and an age typed in the same breath arrive
    whole. Posting navigation as a message once lost such keys to the screen being left, and focusing the form
    before its first question lost the next ones. Then ctrl+q (and y: the age is not saved yet)."""
    term = Terminal([], tmp_path)
    assert term.wait_for("Welcome to nutri-tui"), term.screen
    assert "Help:" in term.press("f1")
    assert "Welcome to nutri-tui" in term.press("escape")
    _age_kept(term, b"n")
    run = term.quit()
    assert run.problems() == []
    assert run.status == 0


def test_enter_and_an_age_typed_at_once_after_start_are_kept(tmp_path: Path) -> None:
    """Enter at once after start (the first button has focus) and an age in the same breath, as with ``n``."""
    term = Terminal([], tmp_path)
    assert term.wait_for("Welcome to nutri-tui"), term.screen
    _age_kept(term, b"\r")
    run = term.quit()
    assert run.problems() == []
    assert run.status == 0


@pytest.mark.parametrize(
    ("example", "first_screen"),
    [
        ("housebound-older-woman.toml", "10 mcg (400 IU) of vitamin D a day"),
        ("pregnant-vegetarian.toml", "best avoided in pregnancy"),
        # emergency-red-flag.toml: in test_open_a_saved_result_read_it_first_and_visit_every_tab
    ],
)
def test_each_walkthrough_persona_reads_what_to_do_first_on_the_first_screen(
    tmp_path: Path, example: str, first_screen: str
) -> None:
    """The walkthrough personas (issue 13), opened in a real 80x24 terminal: the first screen, before
    any key, says what to do first for this person. PageDown then reaches the rest of the plan."""
    session = saved_session(EXAMPLES / example, tmp_path)
    term = Terminal(["open", str(session)], tmp_path)
    first_screen_then_the_rest_of_the_plan(term, first_screen)
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
