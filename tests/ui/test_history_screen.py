"""Past results in the app: open, filter, compare, relabel, delete with confirmation, export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.storage import SavedSession, Storage, make_session
from nutri_tui.storage.answers_file import read_answers
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.compare import CompareScreen
from nutri_tui.tui.screens.history import HistoryScreen
from nutri_tui.tui.screens.result import ResultScreen
from tests.pilot_helpers import paste

REPO = Path(__file__).resolve().parents[2]
SIZE = (80, 24)
EXAMPLES = [("vegan", "first visit"), ("older-several-medicines", "mum"), ("healthy-adult", "")]


@pytest.fixture
def storage(tmp_path: Path) -> Storage:
    content = load_content()
    store = Storage(tmp_path / "data")
    start = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
    for day, (example, label) in enumerate(EXAMPLES):
        answers = read_answers(REPO / "examples" / f"{example}.toml", content)
        store.save_session(
            make_session(answers, assess(answers, content), content.version, label, start + timedelta(days=day))
        )
    (store.sessions_dir / "broken.toml").write_bytes(b"not = [valid")
    return store


def rows(screen: HistoryScreen) -> list[list[str]]:
    table = screen.query_one("#history-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_history(pilot) -> HistoryScreen:
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen


async def test_lists_newest_first_with_unreadable_last(storage: Storage) -> None:
    broken_before = (storage.sessions_dir / "broken.toml").read_bytes()
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        listed = rows(screen)
        assert [r[3] for r in listed] == ["-", "mum", "first visit", "broken.toml"]
        assert listed[-1][0] == "unreadable" and "TOML" in listed[-1][4]
        await pilot.press("down", "down", "down", "enter")  # opening the broken file explains, never crashes
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert (storage.sessions_dir / "broken.toml").read_bytes() == broken_before


async def test_filter_then_open_read_only(storage: Storage) -> None:
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("shift+tab", *"mum", "enter")  # into the filter box, type, Enter back to the list
        await pilot.pause()
        assert [r[3] for r in rows(screen)] == ["mum"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen) and app.screen.saved_earlier
        assert "read-only" in str(app.screen.query_one(".note", Static).content)
        assert app.screen.session.label == "mum"


async def test_compare_two_results(storage: Storage) -> None:
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("space", "down", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        text = "\n".join(str(s.content) for s in app.screen.query(Static))
        assert "Pain score:" in text and "Vitamin D" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_relabel(storage: Storage) -> None:
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("l", "ctrl+u", *"after walking", "enter")
        await pilot.pause()
        assert rows(screen)[0][3] == "after walking"
    labels = {e.label for e in storage.list_sessions() if isinstance(e, SavedSession)}
    assert "after walking" in labels


async def test_delete_asks_first(storage: Storage) -> None:
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")  # cancel: nothing deleted
        await pilot.pause()
        assert len(rows(screen)) == 4
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(rows(screen)) == 3
    assert len(storage.list_sessions()) == 3


async def test_export_from_a_reopened_result(storage: Storage, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("down", "enter")  # "mum": the older person on several medicines
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("home", "ctrl+k")
        await paste(pilot, str(target))  # a path is pasted more often than typed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)  # the dialog closed after writing
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("home", "ctrl+k")
        await paste(pilot, str(target))
        await pilot.press("enter")  # the same name again: refused
        await pilot.pause()
        problem = str(app.screen.query_one("#export-problem", Static).content)
        assert "already exists" in problem
    text = target.read_text(encoding="utf-8")
    assert "diagnosis" in text and "omeprazole" in text
    assert (target.stat().st_mode & 0o777) == 0o600


async def test_labels_that_look_like_markup_are_shown_as_typed(storage: Storage) -> None:
    content = load_content()
    answers = read_answers(REPO / "examples" / "vegan.toml", content)
    for label in ("[/]", "[bold red]loud[/bold red]"):
        storage.save_session(make_session(answers, assess(answers, content), content.version, label))
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        labels = [r[3] for r in rows(screen)]
        assert "[/]" in labels and "[bold red]loud[/bold red]" in labels
