"""Ctrl+E by keyboard: the name offered is free, and an existing file is replaced only when the person says so."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.session import Session
from nutri_tui.storage import Storage, make_session
from nutri_tui.storage.answers_file import read_answers
from nutri_tui.storage.export_path import export_name
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.export_modal import ExportModal
from nutri_tui.tui.screens.result import ResultScreen
from tests.pilot_helpers import paste

REPO = Path(__file__).resolve().parents[2]
SIZE = (80, 24)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def session(tmp_path: Path) -> tuple[Storage, Session, Path]:
    content = load_content()
    storage = Storage(tmp_path / "data")
    answers = read_answers(REPO / "examples" / "vegan.toml", content)
    path = storage.save_session(make_session(answers, assess(answers, content), content.version, "first visit"))
    return storage, storage.load_session(path), path


@pytest.fixture
def app(session: tuple[Storage, Session, Path]) -> NutriTuiApp:
    storage, saved, path = session
    return NutriTuiApp(storage=storage, open_session=saved, open_path=path)


async def open_export(pilot) -> ExportModal:
    await pilot.pause()
    assert isinstance(pilot.app.screen, ResultScreen)
    await pilot.press("ctrl+e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportModal)
    return pilot.app.screen


def problem(screen: ExportModal) -> str:
    return str(screen.query_one("#export-problem", Static).content)


def asking(screen: ExportModal) -> bool:
    return screen.query_one("#export-replace").display


async def ask_about(pilot, target: Path) -> ExportModal:
    """Open the export, paste the name of an existing file and press Enter: the dialog asks."""
    screen = await open_export(pilot)
    await pilot.press("home", "ctrl+k")
    await paste(pilot, str(target))
    await pilot.press("enter")
    await pilot.pause()
    assert "already exists" in problem(screen) and asking(screen)
    assert pilot.app.focused is screen.query_one("#export-keep")
    return screen


def existing(folder: Path) -> Path:
    """``folder/report.md`` holding "keep me": a file the export is pointed at."""
    folder.mkdir()
    target = folder / "report.md"
    target.write_text("keep me")
    return target


async def test_ctrl_e_offers_a_free_name_and_replaces_a_file_only_when_told(
    app: NutriTuiApp, session, tmp_path: Path, home: Path
) -> None:
    """One result, exported four times: the name offered is free and Enter writes it; a held Enter never
    replaces; changing the name stops the question; an existing file is kept unless Replace is chosen."""
    created = session[1].created
    first = home / export_name(created)
    first.write_text("an earlier export of this result")
    held, renamed, replaced = (existing(tmp_path / name) for name in ("held", "renamed", "replaced"))
    replaced.chmod(0o644)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        offered = Path(screen.query_one("#export-path", Input).value)
        assert offered == home / export_name(created, 2)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert first.read_text() == "an earlier export of this result"
        assert "first visit" in offered.read_text(encoding="utf-8")
        assert stat.S_IMODE(offered.stat().st_mode) == 0o600

        # A held Enter (one batch, as a held key or a fast typist delivers it) never replaces.
        screen = await ask_about(pilot, held)
        await pilot.press(*["enter"] * 9)
        await pilot.pause()
        assert isinstance(app.screen, ExportModal) and screen.query_one("#export-path", Input).value == str(held)
        assert held.read_text() == "keep me"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)

        # Changing the name stops the question.
        screen = await ask_about(pilot, renamed)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is screen.query_one("#export-path", Input)
        await pilot.press("end", "backspace", "backspace", "t", "x", "t")  # report.md -> report.txt
        await pilot.pause()
        assert not asking(screen) and problem(screen) == ""
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert renamed.read_text() == "keep me"
        assert (renamed.parent / "report.txt").is_file()

        # Kept unless Replace is chosen.
        screen = await ask_about(pilot, replaced)
        await pilot.press("enter")  # Keep it
        await pilot.pause()
        assert not asking(screen) and "Not overwritten" in problem(screen)
        assert app.focused is screen.query_one("#export-path", Input)
        assert replaced.read_text() == "keep me"
        await pilot.press("enter")  # asked again
        await pilot.pause()
        assert asking(screen)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is screen.query_one("#export-overwrite")
        await pilot.press("enter")  # Replace
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
    assert held.read_text() == "keep me"
    assert "first visit" in replaced.read_text(encoding="utf-8")
    assert stat.S_IMODE(replaced.stat().st_mode) == 0o600
    assert sorted(p.name for p in replaced.parent.iterdir()) == ["report.md"]  # no temp file left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "held", "home", "renamed", "replaced"]


async def test_the_report_exported_from_the_app_shows_progress_over_time(tmp_path: Path, home: Path) -> None:
    """Ctrl+E on the second of two saved results: the report has the progress section `nutri-tui report` gives
    (pain 7 then 4: a change that matters), not only this one result."""
    from datetime import UTC, datetime

    content = load_content()
    storage = Storage(tmp_path / "data")
    answers = read_answers(REPO / "examples" / "vegan.toml", content)
    for day, pain in ((2, 7), (9, 4)):
        scored = answers.model_copy(update={"back_pain": answers.back_pain.model_copy(update={"intensity": pain})})
        moment = datetime(2026, 11, day, 9, 0, tzinfo=UTC)
        path = storage.save_session(make_session(scored, assess(scored, content), content.version, now=moment))
    app = NutriTuiApp(storage=storage, open_session=storage.load_session(path), open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        written = Path(screen.query_one("#export-path", Input).value)
        await pilot.press("enter")
        await pilot.pause()
    report = written.read_text(encoding="utf-8")
    assert "## Progress over time" in report
    assert "Pain: 7, 4" in report and "a change that matters" in report
