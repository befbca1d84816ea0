"""The wizard screen: every step built once, one shown at a time, answers kept while moving."""

from __future__ import annotations

from pathlib import Path

from nutri_tui.flow import WizardFlow, WizardState
from nutri_tui.questionnaire import STEP_IDS
from nutri_tui.storage import Storage
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.screens.wizard import WizardScreen


async def test_the_first_step_paints_alone_and_the_others_are_built_after_it(tmp_path: Path) -> None:
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.flow = WizardFlow(app.content, app.storage)
        screen = WizardScreen(app.flow, "diet")
        await app.switch_screen(screen)
        await pilot.pause()
        forms = {form.step.id: form for form in screen.query(StepForm)}
        assert set(forms) == set(STEP_IDS)  # all seven, built once
        assert [step for step, form in forms.items() if form.display] == ["diet"]
        assert app.focused is not None and app.focused.id == "oily_fish"  # the first question
        await pilot.press("ctrl+n")
        assert screen is app.screen and screen.step_id == "lifestyle"
        assert [step for step, form in forms.items() if form.display] == ["lifestyle"]
        assert "Step 4 of 7: Stress and lifestyle" in str(screen.query_one("#progress").content)


async def test_next_pressed_before_the_other_steps_are_built_waits_for_them(tmp_path: Path) -> None:
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.flow = WizardFlow(app.content, app.storage, WizardState({"sun": {}}))
        screen = WizardScreen(app.flow, "sun")
        await app.switch_screen(screen)
        assert not screen._all_built.is_set()  # only Sun so far
        await screen.action_next()  # waits, then moves on
        assert screen.step_id == "diet" and screen.query_one("#step-diet", StepForm).display
