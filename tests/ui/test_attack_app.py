"""The attack on the app (issue 14): hostile but valid sessions, broken drafts, markup in every text, random keys.

Everything is driven by keyboard with Pilot, as a person would. Any exception inside the app fails the
test (``run_test`` re-raises what made the app stop).
"""

from __future__ import annotations

import copy
import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from textual import events

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.session import Session
from nutri_tui.storage import Storage, make_draft, make_session
from nutri_tui.storage.answers_file import read_answers
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.confirm import ConfirmModal
from nutri_tui.tui.screens.history import HistoryScreen
from nutri_tui.tui.screens.result import ResultScreen
from nutri_tui.tui.screens.wizard import WizardScreen
from tests.conftest import REPO

MARKUP = "[/] [b]x[/b] [@click=app.quit]q[/] [$primary]"
"""Text that crashes or misbehaves if anything parses it as Textual or Rich markup."""
MONKEY_KEYS = int(os.environ.get("NUTRI_TUI_MONKEY_KEYS", "200"))
"""Random keys per seed and terminal size; raise it to look harder (the CI default stays fast)."""
MONKEY_SEEDS = [int(s) for s in os.environ.get("NUTRI_TUI_MONKEY_SEEDS", "14").split(",")]


def marked_up(session: Session) -> Session:
    """The session with markup in every name and text the screens show: valid, so it must open."""
    data = copy.deepcopy(session.model_dump(mode="python"))
    result = data["result"]
    result["summary"] = [f"{MARKUP} {line}" for line in result["summary"]]
    for finding in result["nutrients"]:
        finding["name"] = f"{MARKUP} {finding['name']}"
        for food in finding["foods"]:
            food["name"] = f"[/]{food['name']}"
            food["serving"] = "[b]1 cup[/]"
        for reason in finding["reasons"]:
            reason["text"] = f"{MARKUP} {reason['text']}"
    for exercise in result["exercises"]:
        exercise["name"] = f"[/] {exercise['name']}"
    for source in result["sources"]:
        source["title"] = f"{MARKUP} {source['title']}"
    data["label"] = "[/] my [b]label"
    return Session.model_validate(data)


@pytest.fixture
def store(tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch) -> Storage:
    """Two good sessions (one full of markup), and a file that cannot be read with markup and an ESC in its name,
    all in a folder whose path holds markup too."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # Ctrl+E writes reports there
    monkeypatch.chdir(tmp_path)
    (tmp_path / "home").mkdir()
    store = Storage(tmp_path / "data [b][")  # so every path holds "[b][/" (a name cannot hold a "/")
    start = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
    for day, example in enumerate(("older-several-medicines", "vegan")):
        answers = read_answers(REPO / "examples" / f"{example}.toml", content)
        session = make_session(answers, assess(answers, content), content.version, "", start + timedelta(days=day))
        store.save_session(marked_up(session) if day == 0 else session)
    (store.sessions_dir / "[b]bad[i] \x1b]0;pwned\x07.toml").write_bytes(b"label = '[/]' \x00")
    return store


def broken_draft(store: Storage, answers: dict[str, Any]) -> bytes:
    store.root.mkdir(parents=True, exist_ok=True)
    body = tomli_w.dumps(make_draft("diet", {}).model_dump(mode="json") | {"answers": answers}).encode()
    store.draft_path.write_bytes(body)
    return body


async def test_a_session_full_of_markup_opens_and_takes_a_markup_label(store: Storage) -> None:
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("down", "enter")  # the older one, with markup everywhere
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen) and app.screen.session.label == "[/] my [b]label"
        # The Summary is shown; the tabs with lists and tables built from the file (the others hold only
        # Static text, markup=False): Deficiencies and its why dialog, then a row of the Foods table.
        await pilot.press("2", "w")
        await pilot.pause()
        await pilot.press("escape", "3", "down", "w", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        # ctrl+s with the label "[/]": the label was saved, then the notification about it crashed the app.
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+u", *"[/]", "enter")  # ctrl+u: clear the box first
        await pilot.pause()
        assert app.screen.session.label == "[/]"
        assert [n.message for n in app._notifications] == ["Saved with the label '[/]'."]


async def test_history_reasons_and_paths_with_markup_are_plain_text(store: Storage) -> None:
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the unreadable file, last
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        [note] = list(app._notifications)
        assert note.message.startswith("This file cannot be opened: ") and not note.markup
        assert "\x1b" not in note.message
        # Compare a result with one that broke after it was listed: the error quotes a path with "[/".
        first = next(iter(app.screen.by_key.values())).path  # the first row shown
        await pilot.press("up", "up", "space", "down")
        first.write_bytes(b"[/] broken since")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert any("not valid TOML" in n.message for n in app._notifications), [n.message for n in app._notifications]


@pytest.mark.parametrize(
    "answers",
    [
        {"health": {"supplements": [{}]}},
        {"about": {"sex": "[/]"}},
    ],
    ids=["supplement-empty", "markup-value"],  # the other types: tests/test_broken_files.py (no app needed)
)
async def test_a_draft_that_cannot_be_resumed_offers_start_again(store: Storage, answers: dict[str, Any]) -> None:
    body = broken_draft(store, answers)
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and "cannot be resumed" in app.screen.question
        await pilot.press("escape")  # Cancel leaves it exactly as it is
        await pilot.pause()
        assert store.draft_path.read_bytes() == body
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
    [aside] = store.root.glob("draft.broken-*.toml")
    assert aside.read_bytes() == body  # kept, never deleted


async def test_a_draft_nested_too_deeply_does_not_stop_the_app(store: Storage) -> None:
    store.root.mkdir(parents=True, exist_ok=True)
    store.draft_path.write_bytes(b'step = "diet"\na = ' + b"[" * 600 + b"]" * 600 + b"\n")
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and "nested too deeply" in app.screen.question


# -- monkey test ---------------------------------------------------------------------------------------

# (key, character) as a terminal sends them; navigation weighs more, so the walk gets past the first screen.
NAVIGATION = [("tab", "\t"), ("shift+tab", None), ("enter", "\r"), ("escape", "\x1b"), ("space", " ")] + [
    (name, None) for name in ("up", "down", "left", "right")
]
KEYS = (
    NAVIGATION * 4
    + [(name, None) for name in ("home", "end", "pageup", "pagedown", "f1", "ctrl+s", "ctrl+e", "ctrl+n", "ctrl+u")]
    + [("backspace", "\x7f"), ("left_square_bracket", "["), ("slash", "/"), ("right_square_bracket", "]")]
    + [(char, char) for char in "nrhwaldsc123456y7x"]
)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
@pytest.mark.parametrize("seed", MONKEY_SEEDS)
async def test_random_keys_never_crash_the_app(store: Storage, size: tuple[int, int], seed: int) -> None:
    """Random keys on every screen they reach, ten at a time as a fast typist sends them (Pilot's press
    waits for the app to idle after each key, which made a few hundred keys take a minute). ctrl+q and
    the command palette are left out: they end the walk. Fixed seeds keep CI repeatable;
    NUTRI_TUI_MONKEY_KEYS and NUTRI_TUI_MONKEY_SEEDS (comma-separated) look harder."""
    broken_draft(store, {"about": {"age": "52"}})
    rng = random.Random(seed * 1000 + size[0])
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(0, MONKEY_KEYS, 10):
            for key, char in (rng.choice(KEYS) for _ in range(10)):
                app.post_message(events.Key(key, char))
            await pilot.pause()
            if not app.is_running:
                break
