"""Profiles in a real 80x24 terminal: the installed ``nutri-tui --profile NAME``, used by keyboard.

Like the other test_terminal_* tests, each fails on any traceback, on a process that does not end
after ctrl+q, and on a non-zero exit status.
"""

from __future__ import annotations

from pathlib import Path

from nutri_tui.profiles import list_profiles
from tests.terminal import Terminal


def test_a_new_client_profile_from_the_command_line_then_the_picker(tmp_path: Path) -> None:
    """`nutri-tui --profile "Anna K"` makes Anna's profile and says so; every header names her; p lists the
    profiles, n makes Ben's, and the header follows the switch; the data folder holds both, apart."""
    term = Terminal(["--profile", "Anna K"], tmp_path)
    assert term.wait_for("profile: Anna K"), term.screen
    assert term.wait_for('New profile "Anna K"'), term.screen
    assert "Profile: Anna K" in term.screen
    term.press("p")
    assert term.wait_for("● Anna K (current) · no saved results"), term.screen  # drawn late on a busy machine
    assert "○ Default · no saved results" in term.screen, term.screen
    term.press("n")
    term.press("Ben", "enter")
    assert term.wait_for("profile: Ben"), term.screen
    run = term.quit()
    assert run.problems() == []
    assert run.status == 0
    assert [p.name for p in list_profiles(tmp_path)] == ["Default", "Anna K", "Ben"]
