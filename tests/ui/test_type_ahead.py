"""Keys typed while a screen opens reach it, in order (nutri_tui/tui/type_ahead.py).

A person who presses Enter (or ``n``) and types their age at once sends three keys in one read; the app
reads them all before the wizard has mounted. These tests hand the keys to the app exactly as its
terminal reader does, one after another with no pause between them, which is what a busy machine does
to the timing (CI once lost the digits this way, while a quiet one never did).
"""

from __future__ import annotations

from pathlib import Path

from textual import events

from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.confirm import ConfirmModal
from nutri_tui.tui.screens.wizard import WizardScreen
from nutri_tui.tui.widgets.number import NumberField


def _key(name: str) -> events.Key:
    character = {"enter": "\r"}.get(name, name if len(name) == 1 else None)
    return events.Key(name, character)


async def _read_at_once(app: NutriTuiApp, *names: str) -> None:
    """The app reads each key as its terminal reader posts it, with no other work in between."""
    for name in names:
        await app.on_event(_key(name))


async def _age_after(start: str, tmp_path: Path) -> tuple[type, str]:
    app = NutriTuiApp(root=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _read_at_once(app, start, "4", "4")
        for _ in range(10):
            await pilot.pause(0.02)
        field = app.screen.query_one("#age", NumberField) if isinstance(app.screen, WizardScreen) else None
        return type(app.screen), "" if field is None else field.text


async def test_enter_then_an_age_typed_at_once_reaches_the_age_question(tmp_path: Path) -> None:
    """Enter opens the wizard within its own key's handling; the digits read straight after it reach the
    age box once the step has mounted, instead of the half-built screen that had nothing focused."""
    assert await _age_after("enter", tmp_path) == (WizardScreen, "44")


async def test_n_then_an_age_typed_at_once_reaches_the_age_question(tmp_path: Path) -> None:
    """``n`` is handed to the welcome screen's button first; the digits behind it come back unused from the
    screen being left and are handed to the step once it has mounted, in the order they were typed."""
    assert await _age_after("n", tmp_path) == (WizardScreen, "44")


async def test_a_key_meant_for_the_app_is_still_the_apps_while_keys_are_held(tmp_path: Path) -> None:
    """ctrl+q typed in the same burst is still the app's priority key, taken in its turn: after the digit,
    so it asks before quitting an answer not yet saved."""
    app = NutriTuiApp(root=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _read_at_once(app, "enter", "4", "ctrl+q")
        for _ in range(10):
            await pilot.pause(0.02)
        assert isinstance(app.screen, ConfirmModal)
        assert app.screen_stack[-2].query_one("#age", NumberField).text == "4"
