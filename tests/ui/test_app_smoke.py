"""The app starts on its welcome screen and quits cleanly with ctrl+q."""

from __future__ import annotations

from textual.command import CommandList

from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.welcome import WelcomeScreen
from tests.pilot_helpers import until


def highlighted_command(app: NutriTuiApp) -> str:
    """The command the palette has highlighted (Enter runs it), or "" before its search has found any."""
    listing = app.screen.query_one(CommandList)
    if listing.highlighted is None:
        return ""
    return str(listing.get_option_at_index(listing.highlighted).prompt)


async def test_starts_f1_opens_help_with_its_own_keys_and_ctrl_q_quits(tmp_path) -> None:
    """The welcome screen first. F1 opens help; the bottom line then says what Escape does there, not the welcome
    screen's keys, and the help tells a screen-reader user about ``nutri-tui --plain`` and a low-vision user about
    the themes, no colour and no movement, where a person looks for help. Escape closes it; ctrl+q quits cleanly."""
    from textual.widgets import Static

    from nutri_tui.storage import Storage
    from nutri_tui.tui.screens.help import HelpScreen
    from nutri_tui.tui.widgets.key_bar import KeyBar

    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        line = str(app.screen.query_one(KeyBar).render())
        assert "Close" in line and "New assessment" not in line
        shown = " ".join(str(widget.content) for widget in app.screen.query(Static))
        assert "run nutri-tui --plain" in shown and "TERM=dumb" in shown
        assert "High contrast" in shown and "Your terminal's colours" in shown
        assert "NO_COLOR=1" in shown and "TEXTUAL_ANIMATIONS=none" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_broken_content_ends_the_app_with_one_line(content_copy, monkeypatch) -> None:
    """Content is checked just after the first paint; a broken file ends the app with check's message."""
    (content_copy / "symptoms.toml").write_text("[[symptom]\n", encoding="utf-8")
    monkeypatch.setenv("NUTRI_TUI_CONTENT", str(content_copy))
    app = NutriTuiApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.return_code is not None, "the app to end itself")
    assert app.return_code == 1
    assert app.startup_error.startswith("content/symptoms.toml: (file): not valid TOML")


def test_importing_the_app_does_not_load_pydantic_or_content() -> None:
    """The first screen paints before the heavy parts load (see docs/performance.md)."""
    import subprocess
    import sys

    # Nor the questionnaire and the "Start again?" dialog, which only a draft needs (about 3.5 ms of the first paint),
    # nor the TOML parser, which only a draft, a settings file or a profile file needs (9 M instructions of 1,190 M).
    later = ("pydantic", "nutri_tui.content", "nutri_tui.questionnaire", "nutri_tui.tui.screens.confirm", "tomllib")
    code = f"import sys, nutri_tui.tui.app; print(sorted(m for m in {later!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]"


async def test_the_palette_by_keyboard_high_contrast_then_the_terminals_own_colours(tmp_path) -> None:
    """Ctrl+P and the words typed letter by letter (each letter runs the palette's search): "high contrast" applies
    our high-contrast theme; "terminal's colours (light)" then Textual's ansi-light theme, kept for next time."""
    from nutri_tui.storage import Storage
    from nutri_tui.storage.settings import SETTINGS_FILE

    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"New assessment", "Past results", "High contrast", "Theme"} <= set(titles)
        await pilot.press("ctrl+p", *"high contrast", "enter")
        await pilot.pause()
        assert app.theme == "nutri-high-contrast"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"terminal's colours (light)")
        await until(pilot, lambda: "(light)" in highlighted_command(app), "the search to offer the light colours")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "ansi-light"
    assert 'theme = "ansi-light"' in (app.root / SETTINGS_FILE).read_text(encoding="utf-8")


async def test_every_theme_the_palette_offers_applies_without_an_error(tmp_path) -> None:
    """Our styles name theme variables; one that a theme lacks ($foreground-disabled in the ANSI themes) once
    crashed the app when the person chose that theme. Each theme is applied and the screen drawn."""
    from nutri_tui.storage import Storage

    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause()
            assert app.theme == name


async def test_what_start_up_made_is_frozen_before_the_warm_up_so_an_early_key_meets_no_full_collection(
    tmp_path, monkeypatch
) -> None:
    """Shortly after the first paint (the warm-up held back here), start-up's objects are out of the collector's
    reach: its first full collection had walked them inside an early F1, 80 ms against 43 ms later."""
    import gc

    import nutri_tui.tui.app as app_module
    from nutri_tui.storage import Storage

    monkeypatch.setattr(app_module, "WARM_UP_DELAY", 60.0)
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: gc.get_freeze_count() > 0, "start-up's freeze")
        assert app._content is None  # frozen by the start-up, not by the warm-up
        await pilot.press("f1")
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help")
    assert gc.get_freeze_count() == 0


async def test_what_the_warm_up_made_is_left_out_of_full_collections_until_the_app_ends(tmp_path) -> None:
    """Once the warm-up has loaded the content, the objects that live as long as the app are frozen, so no full
    garbage collection walks them during a key; when the app ends they are collectable again."""
    import gc

    from nutri_tui.storage import Storage

    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(
            pilot,
            lambda: app._content is not None and all(w.is_finished for w in app.workers if w.group == "warm-up"),
            "the warm-up",
        )
        assert gc.get_freeze_count() > 0
        assert all(found is not app._content for found in gc.get_objects())  # frozen objects are not listed
    assert gc.get_freeze_count() == 0


async def test_an_app_that_ends_the_process_leaves_what_it_froze_frozen(tmp_path) -> None:
    """``ends_process`` (set by the command line, tests/unit/test_cli_sessions.py): nothing is unfrozen as it ends."""
    import gc

    from nutri_tui.storage import Storage

    app = NutriTuiApp(storage=Storage(tmp_path))
    app.ends_process = True
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: gc.get_freeze_count() > 0, "start-up's freeze")
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # this process goes on: the other tests' apps must not inherit it
