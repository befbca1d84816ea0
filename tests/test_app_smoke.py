"""The app starts on its welcome screen and quits cleanly with ctrl+q."""

from __future__ import annotations

from nutri_tui.app import NutriTuiApp
from nutri_tui.screens.welcome import WelcomeScreen


async def test_starts_and_quits_with_ctrl_q() -> None:
    app = NutriTuiApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
