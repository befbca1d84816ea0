"""Issue 16, progress over time in the app, by keyboard at 80x24: the chart and its words on the past results
and on Compare, every score as numbers with P, and the change between two results weighed in words."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from nutri_tui.content import Content, load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.storage import Storage, make_session
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.compare import CompareScreen
from nutri_tui.tui.screens.history import HistoryScreen
from nutri_tui.tui.screens.progress import ProgressModal
from nutri_tui.tui.widgets.sparkline import ProgressChart
from tests.questionnaire_answers import PHQ_AFTER, PHQ_BEFORE, SB_HIGH, SB_MEDIUM
from tests.ui.test_history_screen import open_history

SIZE = (80, 24)
DATA = Path(__file__).resolve().parents[1] / "data"
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
CHART = [
    "Pain ▆▄ 7, 4 of 10: 3 points lower than the first: a change that matters",
    "PHQ-4 ▄▃ 5, 3 of 12: mild, as at the first",
    "PHQ-4 anxiety ▆▂ 4, 1 of 6: 3 points lower than the first, now under 3",
    "PHQ-4 depression ▂▃ 1, 2 of 6: 1 point higher than the first",
    "Keele STarT Back Screening Tool ▆▅ 7, 5 of 9: from high risk to medium risk",
]


def save(store: Storage, content: Content, day: int, label: str, pain: int | None, sb: dict, phq: dict) -> None:
    back_pain = {"areas": ["lower"], "start_back": sb, **({"intensity": pain} if pain is not None else {})}
    answers = Answers.model_validate({"back_pain": back_pain, "lifestyle": {"phq4": phq}}, context={"content": content})
    store.save_session(make_session(answers, assess(answers, content), content.version, label, MONDAY + timedelta(day)))


@pytest.fixture
def store(tmp_path: Path) -> Storage:
    """A first visit, a call in between (no pain score, no questionnaire), a visit a week later."""
    content = load_content()
    store = Storage(tmp_path / "data")
    save(store, content, 0, "first visit", 7, SB_HIGH, PHQ_BEFORE)
    save(store, content, 3, "[b]call[/b]", None, {}, {})  # a label that looks like markup: shown as typed
    save(store, content, 7, "a week later", 4, SB_MEDIUM, PHQ_AFTER)
    return store


def drawn(widget) -> list[str]:
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


async def test_the_past_results_chart_every_score_with_its_numbers_and_words(store: Storage) -> None:
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        chart = screen.query_one("#history-progress", ProgressChart)
        assert [line.strip() for line in drawn(chart)] == CHART  # whole at 80 columns: nothing cut
        assert chart.region.bottom <= SIZE[1] - 1 and screen.query_one("#history-table", DataTable).size.height >= 8
        status = str(screen.query_one("#history-status", Static).content)
        assert status == "3 result(s), sorted newest. Over time, oldest first (P: every score):"


async def test_p_lists_every_score_and_escape_comes_back(store: Storage) -> None:
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("p")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ProgressModal)
        table = modal.query_one("#progress-table", DataTable)
        assert [str(c.label) for c in table.columns.values()] == [
            "Date",
            "Pain",
            "PHQ-4",
            "anxiety",
            "depression",
            "Keele STarT Bac…",
        ]
        assert [row[1:] for row in modal.rows] == [
            ["4", "3 mild", "1", "2", "5 medium risk"],
            ["-", "-", "-", "-", "-"],  # no pain score, no questionnaire: nothing made up
            ["7", "5 mild", "4", "1", "7 high risk"],
        ]
        assert table.has_focus and all(region.right <= SIZE[0] for region in [table.region])
        await pilot.press("down", "down", "escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("shift+tab", "p")  # in the filter box a "p" is typed, not a command
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#history-filter", Input).value == "p"


async def test_compare_by_keyboard_weighs_the_change_and_charts_every_result(store: Storage) -> None:
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("space", "down", "down", "c")  # the latest, marked, against the first
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        text = str(compare.query_one("#form Static", Static).content)
        assert "Pain score: 7 → 4, 3 points lower (43% less): a change that matters." in text
        assert "Keele STarT Back Screening Tool: from high risk to medium risk" in text
        assert "anxiety 4 → 1 of 6, 3 points lower, now under 3" in " ".join(text.split())
        assert "Ostelo et al., 2008" in " ".join(text.split())
        chart = compare.query_one("#compare-progress", ProgressChart)
        assert len(chart.series) == 5 and chart.lines[0].startswith("Pain ▆▄ 7, 4 of 10: ")
        await pilot.press("end")  # the chart is at the bottom: the keyboard reaches it
        await pilot.pause()
        assert chart.region.bottom <= SIZE[1] - 1 and chart.region.height == 5
        assert [line.strip() for line in drawn(chart)][:4] == CHART[:4]
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressModal) and len(app.screen.rows) == 3
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is compare
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.marked is not None  # as it was left


async def test_a_compare_label_that_looks_like_markup_is_shown_as_typed(store: Storage) -> None:
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("down", "space", "down", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        text = str(app.screen.query_one("#form Static", Static).content)
        assert "Later:   2026-11-05 09:00  [b]call[/b]\n" in text  # markup=False: the brackets as typed
        assert "Pain score: 7 → not given: nothing is known about a change." in text


async def test_a_long_history_keeps_the_words_and_the_latest_numbers_at_80_columns(tmp_path: Path) -> None:
    content = load_content()
    store = Storage(tmp_path / "data")
    save(store, content, 0, "", 8, {}, {})
    store.list_sessions()
    [first] = store.sessions_dir.glob("*.toml")
    for day in range(1, 40):  # copies under other names: 40 results, pain 8 each time
        shutil.copyfile(first, store.sessions_dir / f"2026-11-{day:02d}T09-00-00Z-{day:08x}.toml")
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        [line] = drawn(screen.query_one("#history-progress", ProgressChart))
        assert "…, 8, 8" in line and line.strip().endswith(", 8 of 10: the same as the first")
        assert len(line) <= SIZE[0] - 2  # the oldest numbers gave way, the words stayed


async def test_a_history_saved_before_the_scores_were_summarised_still_charts_them(tmp_path: Path) -> None:
    store = Storage(tmp_path / "data")
    store.sessions_dir.mkdir(parents=True)
    shutil.copyfile(DATA / "session-schema-4.toml", store.sessions_dir / "2026-12-01T14-51-23Z-9e1316c1.toml")
    shutil.copyfile(DATA / "session-schema-3.toml", store.sessions_dir / "2026-12-01T14-12-15Z-3a3a3a3a.toml")
    app = NutriTuiApp(storage=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        lines = [line.strip() for line in drawn(screen.query_one("#history-progress", ProgressChart))]
        assert lines[0] == "Pain ▅▅ 5, 5 of 10: the same as the first"
        assert "Keele STarT Back Screening Tool: 7 of 9, high risk, one score so far" in lines
