"""The hidden step forms are laid out and rendered ahead of time (screens/steps/warm.py), and that changes
nothing anyone sees: the screen is the same before and after, Next shows the right step, a form that
scrolls has its scrollbar in the first frame, and keys pressed while it happens still land."""

from __future__ import annotations

from nutri_tui.flow import STEP_IDS
from nutri_tui.storage import Storage
from nutri_tui.tui.screens import wizard as wizard_module
from nutri_tui.tui.screens.help import HelpScreen
from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.screens.wizard import WizardScreen
from tests.pilot_helpers import app_at, example_sections, until

SIZE = (80, 24)
ALL_STEPS = 7


def all_warm(app) -> bool:
    screen = app.screen
    return isinstance(screen, WizardScreen) and len(screen._warm) == ALL_STEPS


def forms_shown(app) -> list[str]:
    return [form.id for form in app.screen.query(StepForm) if form.display]


async def test_warming_changes_nothing_on_screen(tmp_path, monkeypatch) -> None:
    """The screen looks the same just before and just after each hidden form is warmed behind it."""
    real_warm, shots = wizard_module.warm, []

    def watched_warm(screen, hidden, shown) -> bool:
        before = screen.app.export_screenshot()
        warmed = real_warm(screen, hidden, shown)
        shots.append((hidden.id, before, screen.app.export_screenshot()))
        return warmed

    monkeypatch.setattr(wizard_module, "warm", watched_warm)
    app = app_at("about", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: all_warm(app), "every form warmed")
        assert forms_shown(app) == ["step-about"]
    assert [hidden for hidden, _, _ in shots] == [f"step-{step}" for step in STEP_IDS[1:]]  # the next ones first
    assert all(before == after for _, before, after in shots)


async def test_next_shows_a_warmed_form_laid_out_from_its_first_frame(tmp_path) -> None:
    """A hidden form's widgets already have their sizes (and a long form its scrollbar) before it is shown,
    so the step Next shows needs no second layout."""
    app = app_at("about", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: all_warm(app), "every form warmed")
        screen = app.screen
        lifestyle = screen.query_one("#step-lifestyle", StepForm)
        assert not lifestyle.display
        assert all(widget.outer_size.width > 0 for widget in lifestyle.children if widget.display)
        assert lifestyle.show_vertical_scrollbar  # the lifestyle step is longer than the screen
        sizes = {widget: widget.outer_size for widget in lifestyle.children}
        for _ in range(3):  # about -> sun -> diet -> lifestyle
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert screen.step_id == "lifestyle" and forms_shown(app) == ["step-lifestyle"]
        assert {widget: widget.outer_size for widget in lifestyle.children} == sizes
        assert app.focused is not None and app.focused.parent is lifestyle


async def test_keys_pressed_while_warming_land_on_the_right_step(tmp_path) -> None:
    """Next pressed before the forms are warm still moves one step each time, with only that step shown."""
    app = app_at("about", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", "ctrl+n")
        await until(pilot, lambda: app.screen.step_id == "diet", "the diet step")
        await until(pilot, lambda: all_warm(app), "every form warmed")
        await pilot.pause()
        assert forms_shown(app) == ["step-diet"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.step_id == "sun" and forms_shown(app) == ["step-sun"]


async def test_warming_waits_while_a_dialog_is_on_top(tmp_path) -> None:
    """With the help open over the wizard nothing is warmed behind it; once it is closed, the rest are."""
    app = app_at("about", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        wizard = app.screen_stack[-2]
        assert isinstance(wizard, WizardScreen)
        await until(pilot, lambda: wizard._all_built.is_set(), "every form built")
        await pilot.pause(0.1)
        warmed = set(wizard._warm)
        await pilot.pause(0.1)
        assert wizard._warm == warmed  # nothing more while the help is up
        await pilot.press("escape")
        await until(pilot, lambda: all_warm(app), "every form warmed")
        assert forms_shown(app) == ["step-about"]


async def test_a_textual_without_the_internals_used_warms_nothing_and_still_switches(tmp_path, monkeypatch) -> None:
    """Warming is only a speed-up: if a Textual upgrade renames what it uses, the forms are not warmed, and
    Next works as before (no error)."""
    from nutri_tui.tui.screens.steps import warm as warm_module

    monkeypatch.setitem(warm_module.INTERNALS, "widget", ("_a_name_textual_never_had",))
    app = app_at("about", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen._all_built.is_set(), "every form built"
        )
        await pilot.pause(0.1)
        assert app.screen._warm == {"about"}
        await pilot.press("ctrl+n")
        await until(pilot, lambda: app.screen.step_id == "sun", "the sun step")
        assert forms_shown(app) == ["step-sun"]


async def test_no_form_is_warmed_while_keys_keep_coming(tmp_path, monkeypatch) -> None:
    """Warming a form holds the screen for 15-56 ms, which a key typed meanwhile waits out: it starts only once
    no key has come for a while (a second here, so that a slow machine's gaps between keys stay under it)."""
    monkeypatch.setattr(wizard_module, "WARM_AFTER_QUIET", 1.0)
    app = app_at("about", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        await until(pilot, lambda: wizard._all_built.is_set(), "every form built")
        for _ in range(12):  # moving between the questions, a key every 50 ms or so
            await pilot.press("tab")
            await pilot.pause(0.05)
        assert wizard._warm == {"about"}
        await until(pilot, lambda: all_warm(app), "every form warmed once the keys stop")
        assert forms_shown(app) == ["step-about"]


async def test_a_form_finds_a_widget_mounted_into_it_after_its_first_look(tmp_path) -> None:
    """A form remembers what it found below itself (StepForm.descendants) until its widgets change: a widget
    mounted into it later is found, one removed is no longer, each in the order a query finds them."""
    from textual.widgets import Static

    app = app_at("back_pain", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
        form = app.screen.query_one("#step-back_pain", StepForm)
        before = form.descendants(Static)
        assert before == tuple(form.query(Static)) and form.descendants(Static) is before  # remembered
        added = Static("added later")
        await form.mount(added)
        assert form.descendants(Static) == (*before, added)
        await added.remove()
        assert form.descendants(Static) == before


async def test_a_closed_wizard_is_freed_once_the_keys_pause(tmp_path, monkeypatch) -> None:
    """Its forms, all warmed, are frozen for the garbage collector (tui/long_lived.py); left for the welcome
    screen, the wizard lives on until the keys pause, and is then collected (its widgets are reference cycles
    that only the collector frees, and it never looks at frozen ones)."""
    import gc
    import weakref

    from nutri_tui.tui import long_lived
    from nutri_tui.tui.screens.welcome import WelcomeScreen

    monkeypatch.setattr(long_lived, "QUIET", 0.3)
    app = app_at("about", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: all_warm(app), "every form warmed")
        await until(pilot, lambda: app.screen._kept, "the forms kept")
        assert gc.get_freeze_count() > 0
        closed = weakref.ref(app.screen)
        await pilot.press("escape")  # Back on the first step: the welcome screen
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen), "the welcome screen")
        await pilot.pause()
        gc.collect()  # the usual collection: it cannot free what is frozen
        assert closed() is not None
        await until(pilot, lambda: closed() is None, "the closed wizard freed", seconds=5)


async def test_the_lists_of_a_warmed_form_are_shown_as_they_were_drawn(tmp_path) -> None:
    """The medicines step's lists (one far below the fold) get their lines and scrollbars while the form is
    warmed, so showing it lays nothing out again and draws no list from scratch."""
    from nutri_tui.tui.widgets.tick_list import TickList

    app = app_at("about", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: all_warm(app), "every form warmed")
        form = app.screen.query_one("#step-medicines", StepForm)
        lists = list(form.query(TickList))
        assert len(lists) >= 2 and all(ticks._line_cache.lines for ticks in lists)
        for ticks in lists:
            ticks._option_render_cache[("kept", "mark")] = []  # gone if the list forgets its drawings
        bars = {ticks: ticks.vertical_scrollbar.outer_size for ticks in lists if ticks.show_vertical_scrollbar}
        assert bars and all(size.height > 0 for size in bars.values())  # sized while hidden
        while app.screen.step_id != "medicines":
            await pilot.press("ctrl+n")
            await pilot.pause()
        await pilot.pause()
        assert all(("kept", "mark") in ticks._option_render_cache for ticks in lists)
        assert {ticks: ticks.vertical_scrollbar.outer_size for ticks in bars} == bars


async def test_the_back_pain_form_is_warmed_asking_only_the_warning_signs_that_apply(tmp_path) -> None:
    """Synced before it is warmed, the hidden back-pain form already hides the signs that cannot apply to this
    person (some cannot apply to a man of 34): showing it changes none of them."""
    from nutri_tui.tui.widgets.choice import YesNoQuestion

    app = app_at("about", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: all_warm(app), "every form warmed")
        form = app.screen.query_one("#step-back_pain", StepForm)
        warmed = {row.key: row.display for row in form.query(YesNoQuestion)}
        assert not all(warmed.values())  # some signs do not apply
        app.screen.show("back_pain")
        await pilot.pause()
        assert {row.key: row.display for row in form.query(YesNoQuestion)} == warmed
