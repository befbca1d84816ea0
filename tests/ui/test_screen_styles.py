"""screens.tcss is left out of the first paint and read, once, before the first screen after the welcome screen."""

from __future__ import annotations

from pathlib import Path

from nutri_tui.storage import Storage
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screen_styles import SCREEN_STYLES
from nutri_tui.tui.screens.wizard import WizardScreen
from tests.pilot_helpers import until


def has_screen_styles(app: NutriTuiApp) -> bool:
    return app.stylesheet.has_source(str(SCREEN_STYLES.resolve()), "")


async def test_the_welcome_screen_is_drawn_without_them_and_the_first_step_with_them(tmp_path: Path) -> None:
    app = NutriTuiApp(storage=Storage(tmp_path))
    at_first_paint: list[bool] = []
    display = app._display  # what a terminal is written from (as benchmarks/_common.PaintSpy)

    def spy(screen: object, renderable: object) -> None:
        if renderable is not None and not at_first_paint:
            at_first_paint.append(has_screen_styles(app))
        display(screen, renderable)

    app._display = spy  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: has_screen_styles(app), "the screens' styles read after the first paint")
        assert at_first_paint == [False]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen) and has_screen_styles(app)
        progress = app.screen.query_one("#progress")
        assert progress.styles.height is not None and progress.styles.height.value == 1  # a rule of screens.tcss
        sources = list(app.stylesheet.source)
        assert sources.count((str(SCREEN_STYLES.resolve()), "")) == 1
        assert sources.index((str(SCREEN_STYLES.resolve()), "")) > sources.index(
            next(key for key in sources if key[0].endswith("app.tcss"))
        )  # after app.tcss, as its rules were when they were in it
        app.theme = "textual-light"  # a theme change parses every source again: the screen's rules stay
        await pilot.pause()
        assert app.screen.query_one("#progress").styles.height.value == 1


async def test_a_dialog_from_the_welcome_screen_has_them(tmp_path: Path) -> None:
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        dialog = app.screen.query_one("#help-dialog")
        assert has_screen_styles(app) and dialog.styles.width is not None and dialog.styles.width.value == 74
