"""The History adds rows to its table a page at a time, a page being a few screen heights (a filter key refills the
table, and Textual measures every cell added). Paging must be invisible: Page Down, Ctrl+End, the mouse wheel
and the arrows reach every row, in the order a single page of everything shows, and a row kept highlighted
after a relabel or a delete may be pages down. Here a page is two screens (48 rows at 80x24: the next is added
once the cursor or the rows scrolled to are within a screen of the end) and there are 150 results.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Input

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.storage import Storage, make_session
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens import history_filter
from nutri_tui.tui.screens.history import HistoryScreen
from tests.ui.test_history_screen import SIZE, open_history

RESULTS = 150
PAGE = 2 * SIZE[1]  # PAGE_SCREENS = 2 below


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 150 results, saved and indexed once for the module (each save ends with fsyncs)."""
    content = load_content()
    store = Storage(tmp_path_factory.mktemp("paging") / "data")
    answers = Answers.model_validate({"back_pain": {"areas": ["lower"], "intensity": 4}})
    result = assess(answers, content)
    start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)  # durability is not what this module tests
        for n in range(RESULTS):
            label = f"{'even' if n % 2 == 0 else 'odd'} {n:03d}"
            store.save_session(make_session(answers, result, content.version, label, start + timedelta(hours=n)))
    store.list_sessions()  # the index made, as after a first visit
    return store.root


@pytest.fixture
def storage(saved: Path, tmp_path: Path) -> Storage:
    """A copy of them for one test (a relabel or a delete changes the folder)."""
    return Storage(shutil.copytree(saved, tmp_path / "data"))


def pages_of(monkeypatch: pytest.MonkeyPatch, screens: int, least: int) -> None:
    monkeypatch.setattr(history_filter, "PAGE_SCREENS", screens)
    monkeypatch.setattr(history_filter, "PAGE_MIN", least)


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    pages_of(monkeypatch, 2, 1)


def table_of(screen: HistoryScreen) -> DataTable:
    return screen.query_one("#history-table", DataTable)


def keys(screen: HistoryScreen) -> list[str]:
    return [Path(row.key.value or "").name for row in table_of(screen).ordered_rows]


def highlighted(screen: HistoryScreen) -> str:
    table = table_of(screen)
    return Path(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or "").name


def row_of(screen: HistoryScreen, name: str) -> list[object]:
    return table_of(screen).get_row(str(screen.storage.sessions_dir / name))


async def every_row(storage: Storage, monkeypatch: pytest.MonkeyPatch, query: str = "") -> list[str]:
    """The rows in order as one page holding everything shows them."""
    pages_of(monkeypatch, 1, RESULTS * 10)
    async with NutriTuiApp(storage=storage).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        if query:
            await pilot.press("shift+tab", *query, "enter")
            await pilot.pause()
        assert screen.shown.done
        return keys(screen)


async def moves(storage: Storage, presses: list[str]) -> list[tuple[int, str]]:
    """The cursor's row and the row highlighted after each key (pages as set)."""
    found = []
    async with NutriTuiApp(storage=storage).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        for key in presses:
            await pilot.press(key)
            await pilot.pause()
            found.append((table_of(screen).cursor_row, highlighted(screen)))
    return found


async def test_the_first_page_is_a_screen_and_the_rows_are_those_of_one_page(storage: Storage, monkeypatch) -> None:
    everything = await every_row(storage, monkeypatch)
    assert len(everything) == RESULTS
    found_all = await every_row(storage, monkeypatch, "odd")
    pages_of(monkeypatch, 2, 1)
    async with NutriTuiApp(storage=storage).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert table_of(screen).row_count == PAGE
        await pilot.press(*["pagedown"] * (RESULTS // SIZE[1] + 3))  # a screen at a time, to the end
        await pilot.pause()
        assert keys(screen) == everything  # the same rows, in the same order, once each
        await pilot.press("shift+tab", *"odd", "enter")
        await pilot.pause()
        assert table_of(screen).row_count == PAGE
        await pilot.press(*["pagedown"] * (RESULTS // SIZE[1] + 3))
        await pilot.pause()
        assert keys(screen) == found_all and len(found_all) == RESULTS // 2


async def test_page_down_and_up_move_as_with_every_row_there(storage: Storage, monkeypatch) -> None:
    presses = ["pagedown"] * 7 + ["pageup"] * 2 + ["pagedown"] * 3 + ["down"] * 5
    pages_of(monkeypatch, 1, RESULTS * 10)  # every row at once
    expected = await moves(storage, presses)
    assert expected[-1][0] > 2 * PAGE  # well past the first pages
    pages_of(monkeypatch, 2, 1)
    assert await moves(storage, presses) == expected


async def test_ctrl_end_pages_more_in_until_the_last_row(storage: Storage, small_pages: None) -> None:
    """Ctrl+End is the table's key for its last row (End scrolls to its last column)."""
    async with NutriTuiApp(storage=storage).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = table_of(screen)
        seen = []
        for _ in range(RESULTS // PAGE + 3):
            await pilot.press("ctrl+end")
            await pilot.pause()
            seen.append(table.cursor_row)
            assert table.cursor_row == table.row_count - 1 or table.row_count > table.cursor_row + 1
        assert seen == sorted(seen) and seen[0] >= PAGE - 1
        assert table.cursor_row == RESULTS - 1 and screen.shown.done
        assert highlighted(screen) == keys(screen)[-1]


async def test_the_mouse_wheel_pages_more_in(storage: Storage, small_pages: None) -> None:
    async with NutriTuiApp(storage=storage).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = table_of(screen)
        assert table.row_count == PAGE
        for _ in range(60):  # the wheel scrolls without moving the cursor
            table.post_message(events.MouseScrollDown(table, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert table.cursor_row == 0
        assert table.row_count > 2 * PAGE
        assert table.scroll_y > PAGE


async def test_a_taller_screen_gets_rows_to_fill_it(storage: Storage, small_pages: None) -> None:
    async with NutriTuiApp(storage=storage).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.resize_terminal(80, 60)
        await pilot.pause()
        await pilot.pause()
        table = table_of(screen)
        assert table.row_count >= table.size.height


async def test_a_relabel_beyond_the_first_page_keeps_its_row_highlighted(storage: Storage, small_pages: None) -> None:
    async with NutriTuiApp(storage=storage).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press(*["pagedown"] * 6, "down", "down")
        await pilot.pause()
        row, key = table_of(screen).cursor_row, highlighted(screen)
        assert row > 2 * PAGE
        await pilot.press("l", "ctrl+u", *"moved on", "enter")
        await pilot.pause()
        await pilot.pause()
        assert highlighted(screen) == key and table_of(screen).cursor_row == row
        assert str(row_of(screen, key)[3]) == "moved on"


async def test_a_delete_beyond_the_first_page_highlights_its_neighbour(storage: Storage, small_pages: None) -> None:
    async with NutriTuiApp(storage=storage).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press(*["pagedown"] * 6)
        await pilot.pause()
        row, before = table_of(screen).cursor_row, keys(screen)
        assert row > 2 * PAGE
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert highlighted(screen) == before[row + 1] and table_of(screen).cursor_row == row
        assert before[row] not in keys(screen)


async def test_a_space_typed_after_a_word_refills_nothing(storage: Storage, small_pages: None) -> None:
    async with NutriTuiApp(storage=storage).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        refills = []
        real = screen.refill

        def counted(*args, **kwargs):
            refills.append(screen.query_one("#history-filter", Input).value)
            return real(*args, **kwargs)

        screen.refill = counted
        await pilot.press("shift+tab", *"odd  ", "0")
        await pilot.pause()
        assert refills == ["o", "od", "odd", "odd  0"]  # "odd " and "odd  " find what "odd" found
        assert all("odd" in str(row_of(screen, key)[3]) for key in keys(screen))
        await pilot.press("backspace", "backspace")  # "odd  " changes the words ("0" gone), "odd " does not
        await pilot.pause()
        assert refills[-2:] == ["odd  0", "odd  "]
