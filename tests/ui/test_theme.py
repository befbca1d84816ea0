"""The chosen theme is remembered across runs, and the high-contrast screens show every text at 4.5:1 or more.

The contrast check here looks at what is rendered, cell by cell, so it also catches colours that no theme
variable reaches (Textual draws an unselected tab in "$foreground 50%"); ``tests/unit/test_high_contrast.py``
checks the theme's variables themselves.
"""

from __future__ import annotations

from pathlib import Path

from textual.screen import ModalScreen
from textual.widgets import Tabs

from nutri_tui.storage import Storage
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.result import ResultScreen
from nutri_tui.tui.screens.review import ReviewScreen
from nutri_tui.tui.screens.wizard import WizardScreen
from nutri_tui.tui.themes import HIGH_CONTRAST, SETTINGS_FILE
from tests.pilot_helpers import app_at, choose, example_sections, paste
from tests.unit.test_high_contrast import AA, contrast, in_256_colours

SIZE = (100, 32)
HC = HIGH_CONTRAST.name


async def choose_command(pilot, words: str) -> None:
    """Ctrl+P, the words pasted into the command palette, Enter. Pasted: each letter typed there runs a search
    (and Pilot waits for it), and what these tests check is what the chosen theme does; the palette is
    used letter by letter in test_app_smoke.py."""
    await pilot.press("ctrl+p")
    await paste(pilot, words)
    await pilot.press("enter")


def settings(root: Path) -> str:
    return (root / SETTINGS_FILE).read_text(encoding="utf-8")


async def test_high_contrast_is_remembered_for_the_next_run(tmp_path: Path) -> None:
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not (tmp_path / SETTINGS_FILE).exists()  # starting writes nothing
        await choose_command(pilot, "high contrast")
        await pilot.pause()
        assert app.theme == HC
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert settings(tmp_path) == f'format = 1\ntheme = "{HC}"\n'
    written = (tmp_path / SETTINGS_FILE).stat().st_mtime_ns

    again = NutriTuiApp(storage=Storage(tmp_path))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == HC
        assert again.current_theme is HIGH_CONTRAST
        assert again.screen.styles.background.hex == "#000000"  # applied to the first screen, not only named
        assert list(again._notifications) == []
    assert (tmp_path / SETTINGS_FILE).stat().st_mtime_ns == written  # applying it rewrote nothing


async def test_textuals_own_theme_command_is_remembered(tmp_path: Path) -> None:
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await choose_command(pilot, "theme")
        await pilot.pause()
        await paste(pilot, "nord")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    assert settings(tmp_path) == 'format = 1\ntheme = "nord"\n'
    again = NutriTuiApp(storage=Storage(tmp_path))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_broken_settings_file_is_one_notice_and_kept_until_the_theme_changes(tmp_path: Path) -> None:
    broken = b'theme = "solarized-pink"\n'
    (tmp_path / SETTINGS_FILE).write_bytes(broken)
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        [note] = [n.message for n in app._notifications]
        assert "solarized-pink" in note and str(tmp_path / SETTINGS_FILE) in note and "\n" not in note
        await pilot.pause(0.3)
        assert [n.message for n in app._notifications] == [note]  # once
        assert (tmp_path / SETTINGS_FILE).read_bytes() == broken
        await choose_command(pilot, "high contrast")
        await pilot.pause()
    assert settings(tmp_path) == f'format = 1\ntheme = "{HC}"\n'


async def test_a_folder_in_place_of_the_file_never_stops_the_app(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).mkdir()
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert any("is a folder" in n.message for n in app._notifications)
        await choose_command(pilot, "high contrast")
        await pilot.pause()
        assert app.theme == HC  # the theme changes; only remembering it failed, and says so
        assert any("not remembered" in n.message for n in app._notifications)
    assert (tmp_path / SETTINGS_FILE).is_dir()


# --- contrast as rendered ------------------------------------------------------------------------------


def low_contrast_text(app: NutriTuiApp, where: str) -> list[str]:
    """Every run of text on the screen below 4.5:1, in true colour or 256 colours.

    Skipped: cells without a letter or digit (borders, bars, the check box's edges), disabled widgets,
    and what shows through behind a dialog (dimmed on purpose: it is not what the person is reading).
    """
    compositor = app.screen._compositor
    found = []
    for y, strip in enumerate(compositor.render_strips()):
        x = 0
        for segment in strip:
            start, x = x, x + segment.cell_length
            text, style = segment.text, segment.style
            if style is None or style.color is None or style.bgcolor is None:
                continue
            if not any(char.isalnum() for char in text):
                continue
            widget, _ = compositor.get_widget_at(start + len(text) - len(text.lstrip()), y)
            if isinstance(widget, ModalScreen) or widget.is_disabled:
                continue
            fg, bg = (textual_colour(c) for c in (style.color, style.bgcolor))
            if style.reverse:
                fg, bg = bg, fg
            ratio, ratio_256 = contrast(fg, bg), contrast(in_256_colours(fg), in_256_colours(bg))
            if min(ratio, ratio_256) < AA or style.dim:
                found.append(
                    f"{where}: {type(widget).__name__} {text.strip()[:30]!r} {fg.hex} on {bg.hex}: "
                    f"{ratio:.2f}:1, {ratio_256:.2f}:1 in 256 colours{', dim' if style.dim else ''}"
                )
    return found


def textual_colour(colour):
    from textual.color import Color

    triplet = colour.get_truecolor()
    return Color(triplet.red, triplet.green, triplet.blue)


async def test_every_text_on_the_high_contrast_screens_meets_aa(tmp_path: Path) -> None:
    """The theme chosen before (in the settings file), so each screen is drawn in it from the start."""
    found: list[str] = []
    (tmp_path / SETTINGS_FILE).write_text(f'theme = "{HC}"\n', encoding="utf-8")
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        found += low_contrast_text(app, "welcome")
        await pilot.press("ctrl+p", *"hel")  # the palette: its input, a highlighted command and its help
        await pilot.pause()
        found += low_contrast_text(app, "palette")

    # The vegan example's answers, Next from step to step: each step as it opens, and with the focus moved on.
    app = app_at("about", example_sections("vegan"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == HC
        for step in ("about", "sun", "diet", "lifestyle", "medicines", "symptoms", "back_pain"):
            assert isinstance(app.screen, WizardScreen) and app.screen.step_id == step
            if step in ("about", "medicines"):
                found += low_contrast_text(app, step)  # placeholders, a focused number, the Next button
                await pilot.press("tab")
                await pilot.pause()
                found += low_contrast_text(app, f"{step}, focus moved")  # a focused choice, list
            if step == "about":
                await choose(pilot, "pregnancy", "no")  # the one answer the example leaves out
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        found += low_contrast_text(app, "review")

    app = app_at("review", example_sections("older-several-medicines"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.navigate(nav.Finish())
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen) and app.theme == HC
        for tab in "123":
            await pilot.press(tab)
            await pilot.pause()
            found += low_contrast_text(app, f"result tab {tab}")  # unselected tabs, lists, the food table
        app.screen.query_one(Tabs).focus()
        await pilot.pause()
        found += low_contrast_text(app, "result, tabs focused")
    assert not found, "\n".join(found)
