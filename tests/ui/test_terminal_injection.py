"""A poisoned session, file name, index and draft, opened in a real pseudo-terminal: nothing from them is obeyed.

Issue 14 found one hand-edited session sending 119 window-title changes, 119 screen clears and 112
right-to-left overrides to the terminal. Every payload here carries a marker (PWNED-...) right after
its escape sequence, so the test can tell the file's sequences from Textual's own: none may arrive as
sent, and no bidi control may arrive at all (nutri-tui's own output has none).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import tomli_w

from nutri_tui.cli import main
from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.storage import Storage, make_session
from nutri_tui.storage.answers_file import read_answers
from nutri_tui.storage.index_db import is_index_file
from tests.conftest import REPO
from tests.index_rows import forge_row, index_rows
from tests.terminal import Terminal

TITLE = "\x1b]0;PWNED-TITLE\x07"
CLEAR = "\x1b[2JPWNED-CLEAR"
RED = "\x1b[31mPWNED-RED"
C1 = "\x9b2JPWNED-C1"
BIDI = "\u202ePWNED-RLO\u2066"
PAYLOADS = (TITLE, CLEAR, RED, C1, BIDI)
SENT = ("\x1b]0;PWNED", "\x1b]2;PWNED", "\x1b[2JPWNED", "\x1b[31mPWNED", "\x9b", "\u202e", "\u2066")
"""What must never reach the terminal: each payload's sequence as the file holds it."""


def poisoned(good: Path, target: Path) -> None:
    """A copy of a good session with every payload in the strings the screens and the list show."""
    data = tomllib.loads(good.read_text())
    del data["summary"]
    data["content_version"] = "1.0.0" + TITLE
    data["label"] = BIDI
    result = data["result"]
    result["summary"] = [*PAYLOADS, *result["summary"]]
    for finding in result["nutrients"]:
        finding["id"] = finding["id"] + CLEAR
        finding["name"] = RED + finding["name"]
    target.write_bytes(tomli_w.dumps(data).encode())


def leaked(raw: str) -> list[str]:
    return [sequence for sequence in SENT if sequence in raw]


def test_poisoned_files_reach_the_terminal_only_as_plain_text(
    tmp_path: Path, content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Storage(tmp_path)
    answers = read_answers(REPO / "examples" / "vegan.toml", content)
    good = store.save_session(make_session(answers, assess(answers, content), content.version))
    folder = good.parent
    poisoned(good, folder / "poisoned.toml")
    poisoned(good, folder / f"{TITLE}{BIDI}.toml")  # the file's own name, too
    store.list_sessions()  # writes the index, to be forged
    forged = {"label": TITLE, "top": json.dumps([["vitamin_d" + CLEAR, "high"]])}  # its key still matches the file
    forge_row(store, good.name, **forged)
    (tmp_path / "draft.toml").write_bytes(
        b'schema_version = 2\napp_version = "0.1.0"\nupdated = "2026-11-26T06:40:12Z"\nstep = "diet"\n'
        b'[answers.about]\n"\\u001b]0;PWNED-DRAFT\\u0007" = 1\n'
    )
    before = {p.name: p.read_bytes() for p in folder.iterdir() if not is_index_file(p.name)}

    # The command line (in this process: the same bytes a terminal would get), then the app in a terminal.
    assert main(["--data-dir", str(tmp_path), "sessions"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and leaked(out) == [] and "2 files that cannot be read" in out
    assert main(["--data-dir", str(tmp_path), "open", str(folder / "poisoned.toml")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and leaked(err) == []
    assert index_rows(store)[good.name]["label"] == ""  # the listing read the file again and put its row right
    forge_row(store, good.name, **forged)  # forged again, for the app

    # The app: the history (the poisoned files listed with their reasons), opening one, then Resume.
    term = Terminal([], tmp_path)
    assert term.wait_for("Welcome to nutri-tui"), term.screen
    term.press("h", settle=0.1)
    assert term.wait_for("unreadable"), term.screen
    term.press("down", "enter", "up", settle=0.2)  # "This file cannot be opened: ..." as a notification
    term.press("enter", settle=0.1)  # the good session opens with its true label and values
    assert term.wait_for("A saved result from"), term.screen
    term.press("escape", "escape", "r", settle=0.2)  # back to History, Home, then Resume: cannot, and says why
    assert term.wait_for("cannot be resumed"), term.screen
    term.press("escape", settle=0.2)
    run = term.quit()
    assert run.problems() == [] and run.status == 0
    assert leaked(run.raw) == []
    assert "PWNED" in run.raw  # the text itself was shown (cleaned), so the payloads were on screen
    assert {p.name: p.read_bytes() for p in folder.iterdir() if not is_index_file(p.name)} == before
