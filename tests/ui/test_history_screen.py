"""Past results in the app: open, filter, compare, relabel, delete with confirmation, export."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.local_time import shown_time
from nutri_tui.storage import SavedSession, Storage, make_session
from nutri_tui.storage.answers_file import read_answers
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.compare import CompareScreen
from nutri_tui.tui.screens.confirm import ConfirmModal
from nutri_tui.tui.screens.history import HistoryScreen
from nutri_tui.tui.screens.result import ResultScreen
from nutri_tui.tui.screens.welcome import WelcomeScreen
from nutri_tui.tui.widgets.sparkline import ProgressChart
from tests.index_rows import forge, index_path
from tests.pilot_helpers import paste

REPO = Path(__file__).resolve().parents[2]
NO_SCORES = "Pain: no pain scores yet: no trend"
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


def drawn(widget) -> list[str]:
    """The widget's lines as drawn on the screen (what a person sees of it, cut at the screen's edge)."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def save(store: Storage, example: str, label: str, day: int, **changes) -> None:
    """Save an example's result; ``no_pain=True`` leaves out the pain score, ``top=`` rates only that nutrient high."""
    content = load_content()
    answers = read_answers(REPO / "examples" / f"{example}.toml", content)
    if changes.get("no_pain"):
        answers = answers.model_copy(update={"back_pain": answers.back_pain.model_copy(update={"intensity": None})})
    result = assess(answers, content)
    if "top" in changes:
        levels = tuple(
            dataclasses.replace(n, level="high" if n.id == changes["top"] else "low") for n in result.nutrients
        )
        result = dataclasses.replace(result, nutrients=levels)
    when = datetime(2026, 9, 1, 9, 0, tzinfo=UTC) + timedelta(days=day)
    store.save_session(make_session(answers, result, content.version, label, when))


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
        await pilot.press("l")  # nor does labelling it: it says why instead of doing nothing
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert any("cannot be labelled" in n.message for n in app._notifications)
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
        await pilot.resize_terminal(120, 30)  # wide enough for the whole label (at 80 columns it is cut)
        screen = await open_history(pilot)
        labels = [r[3] for r in rows(screen)]
        assert "[/]" in labels and "[bold red]loud[/bold red]" in labels


async def test_filter_finds_nutrients_by_the_names_shown(storage: Storage) -> None:
    """The filter looks in the nutrients' names: "Omega-3 fatty acids" is found by "fatty", though its id is
    omega_3, and in every nutrient a result flagged, not only the three its row shows."""
    save(storage, "vegan", "fish oil?", 5, top="omega_3")
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        # Each filter is pasted into the box (Ctrl+U clears it): this test is about what a filter finds; letters
        # typed into the box one by one are test_letters_typed_in_the_filter_never_reach_the_list's.
        await pilot.press("shift+tab")
        await paste(pilot, "fatty")
        assert {r[3] for r in rows(screen)} == {"fish oil?", "mum", "first visit"}
        for words, found in (
            ("omega-3 fish", ["fish oil?"]),
            ("vitamin b12", ["mum", "first visit"]),
            ("magnesium mum", ["mum"]),  # words in any column, all of them
        ):
            await pilot.press("ctrl+u")
            await paste(pilot, words)
            assert [r[3] for r in rows(screen)] == found, words


async def test_letters_typed_in_the_filter_never_reach_the_list(storage: Storage) -> None:
    """Every key the list binds (Space, C, L, D, S) is plain text in the filter box: no Delete dialog, no
    mark, the order unchanged. Down (or Enter) then moves into the list, where the same keys act."""
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("shift+tab", *"d c l s D")
        box = screen.query_one("#history-filter", Input)
        assert app.screen is screen and app.focused is box
        assert box.value == "d c l s D"
        assert screen.marked is None and screen.sort == "newest"
        await pilot.press("ctrl+u", *"zzz", "d", "space", "s")  # no rows shown: still text
        assert box.value == "zzzd s" and app.screen is screen
        await pilot.press("ctrl+u", *"vitamin d", "down")
        assert isinstance(app.focused, DataTable) and [r[3] for r in rows(screen)] == ["mum", "first visit"]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)  # in the list, D deletes (after asking)
        await pilot.press("escape")


async def test_marks_and_the_highlighted_row_survive_compare(storage: Storage) -> None:
    save(storage, "vegan", "later", 4)
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("shift+tab", *"2026", "enter", "s")  # filter (the unreadable file goes), oldest first
        await pilot.press("down", "space", "down", "down")  # mark "mum", highlight "later"
        table = screen.query_one("#history-table", DataTable)
        assert table.cursor_row == 3, "marking moved the highlight"
        marked = screen.marked
        assert [r[0].startswith("» ") for r in rows(screen)] == [False, True, False, False]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await pilot.pause()
        back = app.screen
        assert isinstance(back, HistoryScreen) and back is not screen
        table = back.query_one("#history-table", DataTable)
        assert back.marked == marked and back.sort == "oldest"
        assert back.query_one("#history-filter", Input).value == "2026"
        assert table.cursor_row == 3 and rows(back)[3][3] == "later"
        assert [r[0].startswith("» ") for r in rows(back)] == [False, True, False, False]
        await pilot.press("up", "c")  # compare again from where it was left
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


async def test_delete_asks_with_the_date_and_label_shown(storage: Storage) -> None:
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        for keys, entry, label in ((["down"], 1, "labelled 'mum'"), (["up"], 0, "(no label)")):
            await pilot.press(*keys, "d")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            question = str(app.screen.query_one(Static).content)
            assert shown_time(list(screen.by_key.values())[entry].created) in question and label in question  # type: ignore[union-attr]
            assert ".toml" not in question
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+end", "d")
        await pilot.pause()
        assert "the unreadable file 'broken.toml'" in str(app.screen.query_one(Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert len(rows(screen)) == 4


async def test_pain_trend_needs_two_scores(tmp_path: Path) -> None:
    """No score: words, not a flat line; one score: words, not a full bar; two: bars on the 0-10 scale."""
    store = Storage(tmp_path / "data")
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        trend = screen.query_one("#history-progress", ProgressChart)
        assert drawn(trend)[0].strip() == NO_SCORES
    save(store, "vegan", "first", 0)
    save(store, "vegan", "no score", 1, no_pain=True)
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        trend = screen.query_one("#history-progress", ProgressChart)
        assert drawn(trend)[0].strip() == "Pain: 5 of 10, one score so far: no trend yet"
        assert "█" not in drawn(trend)[0]
        await pilot.press("space", "down", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        compare_trend = app.screen.query_one("#compare-progress", ProgressChart)
        assert drawn(compare_trend)[0].strip() == "Pain: 5 of 10, one score so far: no trend yet"
    save(store, "older-several-medicines", "second", 2)
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        trend = screen.query_one("#history-progress", ProgressChart)
        line = drawn(trend)[0].strip()
        # On the 0-10 scale: pain 5 then 6 are two middling bars, not "none" then "the worst".
        assert line == "Pain ▅▅ 5, 6 of 10: 1 point higher than the first: about the same", line


async def test_worth_checking_stays_on_an_80_column_screen(storage: Storage) -> None:
    """A long label is cut (with an ellipsis) before "Worth checking" is pushed off the screen."""
    save(storage, "older-several-medicines", "after the long walk to the village and back again", 5)
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("down", "space")  # a mark makes the date column wider
        await pilot.pause()
        header, newest, *_ = lines = drawn(screen.query_one("#history-table", DataTable))
        assert "Worth checking" in header
        assert "after the lon…" in newest and "▲ Vitamin D, ▲ Magnesium" in newest
        assert sum("▲ Vitamin D, ▲ " in line for line in lines) == 3
        await pilot.resize_terminal(120, 24)  # wider: the label has room again
        await pilot.pause()
        assert "after the long walk to the village" in drawn(screen.query_one("#history-table", DataTable))[1]


async def test_escape_from_a_result_opened_here_returns_to_the_list_as_it_was(storage: Storage) -> None:
    """Open a past result from History, then Escape: back to History (filter and highlighted row kept), not Home."""
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("shift+tab", *"2026", "enter", "down")  # filter, then highlight the second row
        await pilot.pause()
        chosen = rows(screen)[1][3]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen) and app.screen.session.label == chosen
        await pilot.press("escape")
        await pilot.pause()
        back = app.screen
        assert isinstance(back, HistoryScreen)
        assert back.query_one("#history-filter", Input).value == "2026"
        assert back.query_one("#history-table", DataTable).cursor_row == 1


async def test_escape_in_the_filter_clears_it_before_leaving(storage: Storage) -> None:
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("shift+tab", *"mum")
        await pilot.pause()
        assert len(rows(screen)) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#history-filter", Input).value == ""
        assert len(rows(screen)) > 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


async def test_the_filter_finds_a_result_by_its_fourth_or_fifth_nutrient(storage: Storage) -> None:
    """A result flagging six nutrients: its row shows three (+3), and the filter finds it by the others."""
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await open_history(pilot)
        shown = [r for r in rows(screen) if r[3] == "mum"]
        assert shown and shown[0][4].endswith(" +3") and "Omega" not in shown[0][4]
        await pilot.press("shift+tab", *"omega")
        await pilot.pause()
        assert "mum" in [r[3] for r in rows(screen)]  # found by a nutrient its row does not show


async def test_a_search_text_forged_in_the_index_never_lists_a_row_the_words_do_not_find(storage: Storage) -> None:
    """The index keeps each row's search text (issue 15); anyone who can write the folder can change it. A text
    that is not its row's only ever chooses rows: each row listed is tested against the words again, and a
    row's text is put right when its row is read; a missing one is made when the list opens."""
    storage.list_sessions()
    forge(storage, "UPDATE files SET search = 'zzz holiday', nutrients = 1023 WHERE label = 'mum'")
    forge(storage, "UPDATE files SET search = X'00ff7a7a7a', nutrients = 'x' WHERE label = 'first visit'")
    forge(storage, "UPDATE files SET search = NULL, nutrients = NULL WHERE label = ''")
    forge(storage, "UPDATE files SET search = 9, nutrients = -1 WHERE reason IS NOT NULL")
    app = NutriTuiApp(storage=storage)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)  # every row read for the list: their texts put right
        assert [r[3] for r in rows(screen)] == ["-", "mum", "first visit", "broken.toml"]
        await pilot.press("shift+tab")
        for words, found in (
            ("zzz", []),
            ("holiday", []),
            ("zinc", []),  # no result flagged zinc, whatever the forged bits said
            ("mum", ["mum"]),
            ("first", ["first visit"]),
            ("2026-09-03", ["-"]),  # the one whose text was missing: made when the list opened
            ("toml", ["broken.toml"]),
        ):
            await pilot.press("ctrl+u")
            await paste(pilot, words)
            assert [r[3] for r in rows(screen)] == found, words
        forge(storage, "UPDATE files SET search = 'zzz' WHERE label = 'mum'")  # behind the open list's back
        await pilot.press("ctrl+u")
        await paste(pilot, "zzz")
        assert rows(screen) == []  # found by its forged text, tested, not listed (and its text put right)
        await pilot.press("ctrl+u")
        await paste(pilot, "mum")
        assert [r[3] for r in rows(screen)] == ["mum"]
    texts = dict(forge_read(storage, "SELECT label, typeof(search) FROM files WHERE reason IS NULL"))
    assert texts == {"mum": "text", "first visit": "text", "": "text"}


def forge_read(store: Storage, sql: str) -> list[tuple]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(index_path(store))) as db:
        return db.execute(sql).fetchall()
