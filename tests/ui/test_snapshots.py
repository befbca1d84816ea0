"""SVG snapshots of the main screens at 80x24 (default theme, fixed answers, no clock).

Update them after an intended change with ``python -m pytest tests/test_snapshots.py --snapshot-update``
and look at the pictures before committing. They complement the state assertions elsewhere: a
Textual upgrade may change rendering without changing behaviour.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from syrupy.extensions.image import SVGImageSnapshotExtension
from textual.widgets import Input

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.flow import WizardFlow, WizardState
from nutri_tui.models.answers import Answers
from nutri_tui.storage import Storage, make_session
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.result import ResultScreen
from nutri_tui.tui.screens.review import ReviewScreen

REPO = Path(__file__).resolve().parents[2]
SIZE = (80, 24)
FIXED_TIME = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


@pytest.fixture
def svg_snapshot(snapshot):
    return snapshot.use_extension(SVGImageSnapshotExtension)


def example_sections(name: str) -> dict:
    with (REPO / "examples" / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


async def settle(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False  # a blinking cursor would make pictures differ
    await pilot.pause()
    await pilot.pause()


async def test_welcome(svg_snapshot, tmp_path: Path) -> None:
    """The welcome screen with no past results: what the app does, the disclaimer, and "Start a new
    assessment  [n]" highlighted as focused, so Enter starts (its key shown on it: "[n]" was once read as markup
    and vanished)."""
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.export_screenshot(simplify=True) == svg_snapshot


async def test_profiles(svg_snapshot, tmp_path: Path) -> None:
    """A physiotherapist's profiles (p on the welcome screen): Default with its one saved result, then Anna K
    (current, bold, highlighted) and Ben, each with how many results it holds; the header says whose
    results are in use, and the key bar offers Switch, New profile, Rename and Back."""
    from nutri_tui.storage.profile_folders import create_profile

    anna = create_profile(tmp_path, "Anna K")
    create_profile(tmp_path, "Ben")
    content = load_content()
    Storage(tmp_path).save_session(make_session(Answers(), assess(Answers(), content), content.version, now=FIXED_TIME))
    app = NutriTuiApp(root=anna.root, data=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await settle(pilot)
        assert app.export_screenshot(simplify=True) == svg_snapshot


async def test_about_step(svg_snapshot, tmp_path: Path) -> None:
    """Step 1 of 7 just opened: the age box focused, "Still to answer" naming what is left, and Next
    shown as available (pressing it takes the keys to what is missing rather than doing nothing)."""
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        assert app.export_screenshot(simplify=True) == svg_snapshot


async def test_review(svg_snapshot, tmp_path: Path) -> None:
    """The review for the vegan example: each step's answers under its title with an Edit button, "See my
    result" focused, and PgUp/PgDn in the key bar (they scroll the answers from the button)."""
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.flow = WizardFlow(app.content, app.storage, WizardState(example_sections("vegan"), step="review"))
        app.switch_screen(ReviewScreen(app.flow))
        await settle(pilot)
        assert app.export_screenshot(simplify=True) == svg_snapshot


@pytest.mark.parametrize("tab", ["1", "2", "3", "4", "5", "6"])
async def test_result_tabs(svg_snapshot, tmp_path: Path, tab: str) -> None:
    """Each result tab for the 76-year-old on four medicines. Tab 1 is the action plan: "What to do first",
    then "1. Warning signs" (none in her answers) and "2. Safety first": calcium to ask about before taking any,
    the vitamin D she already takes to ask whether to go on with, then the thiazide cautions, each line set off by
    a bar on its left; no scores as numbers. The focused pane has a bar on
    its left (visible without colour). Tab 3: the Foods table fits 80 columns (short columns, the nutrient
    named once per group; the line above says what "/day" is), with the highlighted food in full on the line
    under it, its "/day" said as what it is (servings that, with the 10 mcg of vitamin D she takes, would reach
    her target), not advice. Tab 5: at 76 with thin bones,
    what her answers mean for exercise (strength and balance from 65; what is safe with osteoporosis) comes
    before the cards, and strength training comes first. Tab 6: each source's title, then its address as a
    short label on one line (a link to the whole address), never broken mid-word."""
    content = load_content()
    answers = Answers.model_validate(example_sections("older-several-medicines"), context={"content": content})
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session = make_session(answers, assess(answers, content), content.version, now=FIXED_TIME)
        app.switch_screen(ResultScreen(session, app.storage, content))
        await pilot.pause()
        await pilot.press(tab)
        await settle(pilot)
        assert app.export_screenshot(simplify=True) == svg_snapshot
