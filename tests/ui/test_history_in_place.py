"""Relabelling or deleting one past result updates that row in place (issue 15): no listing of every file.

With a long history (a physiotherapist's years of clients) listing every file again took seconds after
each relabel or delete. The row changes, the filter, the marks and the trend follow, and what is on disk
afterwards is what a fresh listing shows.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.local_time import shown_time
from nutri_tui.models.answers import Answers
from nutri_tui.storage import SavedSession, Storage, make_session
from nutri_tui.storage.listing import SessionRows
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.widgets.sparkline import ProgressChart
from tests.index_rows import forge
from tests.ui.test_history_screen import SIZE, forge_read, open_history, rows


@pytest.fixture
def storage(tmp_path: Path) -> Storage:
    content = load_content()
    store = Storage(tmp_path / "data")
    start = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
    for day, (label, pain) in enumerate((("first visit", 7), ("week two", 5), ("week three", 3))):
        answers = Answers.model_validate({"back_pain": {"areas": ["lower"], "intensity": pain}})
        result = assess(answers, content)
        store.save_session(make_session(answers, result, content.version, label, start + timedelta(days=day)))
    return store


def count_listings(storage: Storage, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the index was brought up to date with every file (SessionRows.catch_up)."""
    calls = [0]
    real = SessionRows.catch_up

    def counted(rows: SessionRows) -> bool:
        calls[0] += 1
        return real(rows)

    monkeypatch.setattr(SessionRows, "catch_up", counted)
    return calls


async def test_a_relabel_changes_its_row_without_listing_again(storage: Storage, monkeypatch) -> None:
    """l on the newest result, a new label, Enter: the row shows it, nothing else moved, and the files
    were not listed again; a fresh listing afterwards agrees with the row."""
    calls = count_listings(storage, monkeypatch)
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert calls[0] == 1
        await pilot.press("l", "ctrl+u", *"after the walk", "enter")
        await pilot.pause()
        assert [row[3] for row in rows(screen)] == ["after the walk", "week two", "first visit"]
        assert calls[0] == 1
        await pilot.press("shift+tab", *"walk", "enter")  # the filter searches the new label
        await pilot.pause()
        assert [row[3] for row in rows(screen)] == ["after the walk"]
    fresh = [e.label for e in Storage(storage.root).list_sessions() if isinstance(e, SavedSession)]
    assert fresh == ["after the walk", "week two", "first visit"]


async def test_a_delete_removes_its_row_without_listing_again(storage: Storage, monkeypatch) -> None:
    """d then y on the middle result: its row goes, the highlight moves to the next one, the pain trend
    counts two results, and the files were not listed again."""
    calls = count_listings(storage, monkeypatch)
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("down", "d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [row[3] for row in rows(screen)] == ["week three", "first visit"]
        assert calls[0] == 1
        assert "2 result(s)" in str(screen.query_one("#history-status").content)
        await pilot.pause()
        [pain, *_] = screen.query_one("#history-progress", ProgressChart).series
        assert pain.values == (7, 3)  # the trend over what is left, oldest first
    assert len(Storage(storage.root).list_sessions()) == 2


def test_entry_of_is_what_a_listing_shows(storage: Storage) -> None:
    [newest, *_] = storage.list_sessions()
    storage.relabel_session(newest.path, "  relabelled \x1b[31m ")
    one = storage.entry_of(newest.path)
    assert isinstance(one, SavedSession) and one.label == "relabelled [31m"
    assert storage.list_sessions()[0] == one


async def test_a_long_history_is_shown_from_its_index_then_caught_up(storage: Storage, monkeypatch) -> None:
    """With CATCH_UP_LATER_FROM results indexed, the list opens from the index as last left, and files changed
    since are found in a thread: a label edited by hand (same length) changes its row, a deleted file goes."""
    import nutri_tui.tui.screens.history as history

    monkeypatch.setattr(history, "CATCH_UP_LATER_FROM", 2)
    listed = [e for e in storage.list_sessions() if isinstance(e, SavedSession)]  # the index knows all three
    newest, middle = listed[0], listed[1]
    newest.path.write_text(newest.path.read_text().replace('label = "week three"', 'label = "moved here"'))
    middle.path.unlink()
    calls = count_listings(storage, monkeypatch)
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        for _ in range(50):  # the thread's answer arrives on the screen's thread
            if [row[3] for row in rows(screen)] == ["moved here", "first visit"]:
                break
            await pilot.pause(0.05)
        assert [row[3] for row in rows(screen)] == ["moved here", "first visit"]
        assert calls[0] == 1
        assert "2 result(s)" in str(screen.query_one("#history-status").content)


def test_catching_up_says_whether_anything_changed(storage: Storage) -> None:
    storage.list_sessions()
    rows = storage.history(up_to_date=False)
    try:
        assert rows.count() == 3 and rows.catch_up() is False  # nothing changed since the last listing
        [entry, *_] = rows.all()
        entry.path.unlink()
        assert rows.catch_up() is True and rows.count() == 2
    finally:
        rows.close()


async def test_search_texts_of_another_time_zone_are_made_again_while_the_list_is_shown(
    storage: Storage, monkeypatch
) -> None:
    """A long history whose index was filtered in another time zone: the texts are made again in a thread; a
    filter typed meanwhile never lists a row the words do not find, and is run again once they are made."""
    import nutri_tui.tui.screens.history as history

    monkeypatch.setattr(history, "CATCH_UP_LATER_FROM", 2)
    storage.list_sessions()
    forge(storage, "UPDATE searched SET key = 'another zone'")
    forge(storage, "UPDATE files SET search = 'elsewhere', nutrients = 0")
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("shift+tab", *"week")
        for _ in range(50):
            if [row[3] for row in rows(screen)] == ["week three", "week two"]:
                break
            await pilot.pause(0.05)
        assert [row[3] for row in rows(screen)] == ["week three", "week two"]
        await pilot.press("ctrl+u", *"elsewhere")
        assert rows(screen) == []
    assert {text for (text,) in forge_read(storage, "SELECT search FROM files")} == {
        f"{shown_time(e.created)} {e.label}" for e in storage.list_sessions() if isinstance(e, SavedSession)
    }
