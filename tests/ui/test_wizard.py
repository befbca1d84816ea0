"""The wizard driven by keyboard only, from welcome to the tabbed result, for several personas."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static, TabbedContent

from nutri_tui.content import load_content
from nutri_tui.storage import Storage
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.red_flag_modal import RedFlagModal
from nutri_tui.tui.screens.result import ResultScreen
from nutri_tui.tui.screens.review import ReviewScreen
from nutri_tui.tui.screens.welcome import WelcomeScreen
from nutri_tui.tui.screens.wizard import WizardScreen
from tests.pilot_helpers import answer_flags, app_at, choose, example_sections, tab_to, tick, type_into, until
from tests.plain_replies import plain_answers

SIZE = (80, 24)


def on_step(app, step_id: str) -> bool:
    """The wizard is showing ``step_id``."""
    return isinstance(app.screen, WizardScreen) and app.screen.step_id == step_id


def texts(screen, selector: str = "Static") -> str:
    return "\n".join(str(widget.content) for widget in screen.query(selector) if isinstance(widget, Static))


async def next_step(pilot) -> None:
    await pilot.press("ctrl+n")
    await pilot.pause()


async def fill_about(pilot, age: str, sex: str, diet: str, pregnancy: str | None = "no") -> None:
    assert on_step(pilot.app, "about")
    await type_into(pilot, "age", age)
    await choose(pilot, "sex", sex)
    if pregnancy is not None:
        await choose(pilot, "pregnancy", pregnancy)
    await choose(pilot, "diet", diet)
    await next_step(pilot)


async def fill_back_pain(pilot, flags: dict[str, str] | None = None, duration: str = "chronic") -> None:
    assert on_step(pilot.app, "back_pain")
    await tick(pilot, "areas", "Lower back")
    await choose(pilot, "leg_spread", "none")
    await choose(pilot, "duration", duration)
    await choose(pilot, "cause", "gradual")
    await type_into(pilot, "intensity", "5")
    await choose(pilot, "recent_procedure", "no")
    await answer_flags(pilot, flags or {})


async def start(pilot) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, WelcomeScreen)
    await pilot.press("n")
    await pilot.pause()


async def to_result(pilot) -> ResultScreen:
    await next_step(pilot)  # back pain -> review
    assert isinstance(pilot.app.screen, ReviewScreen)
    await next_step(pilot)  # review -> result
    assert isinstance(pilot.app.screen, ResultScreen)
    return pilot.app.screen


async def test_vegan_office_worker_by_keyboard(tmp_path: Path) -> None:
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await fill_about(pilot, "31", "male", "vegan", pregnancy=None)
        await choose(pilot, "outdoor_minutes", "under_15")
        await choose(pilot, "season", "winter")
        await choose(pilot, "far_from_equator", "yes")
        await next_step(pilot)
        # Vegan: oily fish, meat and eggs are known (never) and not asked; dairy is asked as plant drinks.
        assert "You said you are vegan" in texts(app.screen, ".known")
        await choose(pilot, "dairy_or_fortified", "rarely")
        await next_step(pilot)
        await choose(pilot, "chest_pain_on_activity", "no")
        await choose(pilot, "dizzy_or_faint", "no")
        await next_step(pilot)  # lifestyle: the rest left as they are
        await next_step(pilot)  # medicines: none
        await tick(pilot, "symptoms", "Tiredness or low energy", filter_text="tired")
        await next_step(pilot)
        await fill_back_pain(pilot)
        screen = await to_result(pilot)
        levels = {n.id: n.level for n in screen.result.nutrients}
        assert levels["vitamin_b12"] == "high" and levels["vitamin_d"] == "high"
        summary = texts(screen.query_one("#summary"))
        assert "▲ Vitamin B12, strong reason to check." in summary  # the plan's nutrients: level as shape and word
        assert "not medical advice" in summary
        await pilot.press("3")  # Foods tab
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "foods"
        foods = screen.query_one("#food-table", DataTable)
        names = [str(foods.get_row_at(i)[1]).lower() for i in range(foods.row_count)]
        assert names and not any(word in name for name in names for word in ("salmon", "beef", "milk", "egg,"))
        assert len(Storage(tmp_path).list_sessions()) == 1
        assert Storage(tmp_path).load_draft() is None  # finished: the draft is gone
    # The same answers typed into plain mode are saved the same (test_plain_matches_wizard.py compares more).
    [entry] = Storage(tmp_path).list_sessions()
    assert plain_answers(WALK, tmp_path / "plain") == Storage(tmp_path).load_session(entry.path).answers


WALK = {
    "about": {"age": 31, "sex": "male", "diet": "vegan"},
    "sun": {"outdoor_minutes": "under_15", "season": "winter", "far_from_equator": "yes"},
    "diet": {"dairy_or_fortified": "rarely"},
    "lifestyle": {"chest_pain_on_activity": "no", "dizzy_or_faint": "no"},
    "health": {"symptoms": ["fatigue"]},
    "back_pain": {
        "areas": ["lower"],
        "leg_spread": "none",
        "duration": "chronic",
        "cause": "gradual",
        "intensity": 5,
        "recent_procedure": "no",
    },
}
"""What the keyboard walk above answers (every warning sign No, everything else left as it is)."""


async def test_older_person_on_ppi_and_metformin(tmp_path: Path) -> None:
    """From the medicines step, the example's other answers given: omeprazole found by its brand name, by keyboard.
    The review and the result then survive the terminal shrinking and growing, and at 60 columns the Sources tab
    shows each address as one short line linking to the whole of it (issue 18)."""
    sections = example_sections("older-several-medicines")
    sections["health"]["medicines"] = ["metformin", "hydrochlorothiazide", "alendronate"]
    app = app_at("medicines", sections, Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert on_step(app, "medicines")
        await tick(pilot, "medicines", "omeprazole (a PPI)", filter_text="Losec")  # a brand name finds its generic
        await next_step(pilot)
        await next_step(pilot)
        assert on_step(app, "back_pain")  # prefilled from the example: every warning sign answered
        await next_step(pilot)  # back pain -> review
        assert isinstance(app.screen, ReviewScreen)
        await pilot.resize_terminal(30, 10)  # tiny, then back: the review keeps working
        await pilot.resize_terminal(*SIZE)
        await next_step(pilot)  # review -> result
        screen = app.screen
        assert isinstance(screen, ResultScreen)
        await pilot.press("4")  # Supplement cautions
        await pilot.pause()
        cautions = texts(screen.query_one("#cautions"))
        assert "You take omeprazole (a PPI)" in cautions
        assert "You take metformin" in cautions
        b12 = next(n for n in screen.result.nutrients if n.id == "vitamin_b12")
        assert b12.level == "high"
        assert any("medicines" in reason.answer for reason in b12.reasons)
        await pilot.press("2", "w")  # Deficiencies, then W: why, for the nutrient highlighted
        await pilot.pause()
        assert "you said: Outdoors uncovered a day:" in texts(app.screen)  # its reasons, each with the answer behind it
        await pilot.press("escape")
        await pilot.pause()
        for width, height in ((30, 10), (120, 40)):  # tiny, then wide: the result keeps working
            await pilot.resize_terminal(width, height)
            await pilot.press("2")
            await pilot.pause()
        assert app.screen is screen
        # The Sources tab at 60 columns: a long address wrapped at the edge broke mid-word, unreadable and
        # unopenable; each is a short label on one line, and terminals that know hyperlinks open the whole address.
        await pilot.resize_terminal(60, 24)
        await pilot.press("6")
        await pilot.pause()
        links = list(screen.query(".source-link").results(Static))
        assert len(links) == len(screen.result.sources)
        # The tab is built when first shown: its links are laid out on the next frame.
        await until(pilot, lambda: all(link.size.height for link in links), "the Sources tab laid out")
        for link, source in zip(links, screen.result.sources, strict=True):
            label = link.visual
            assert link.size.height == 1  # never wrapped, whatever the width
            assert {span.style.link for span in label.spans} == {source.url}  # the label opens the whole address
            assert len(label.plain) <= 60 and "://" not in label.plain


async def test_emergency_red_flag_interrupts_and_leads(tmp_path: Path) -> None:
    """The back-pain step by keyboard (earlier steps from an example): Yes to an emergency sign interrupts at once."""
    sections = example_sections("healthy-adult", "back_pain")
    others = {flag: "no" for flag in load_content().red_flags if flag != "saddle_numbness"}
    sections["back_pain"] = {"red_flags": others}  # the other warning signs answered already: only this one by hand
    app = app_at("back_pain", sections, Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert on_step(app, "back_pain")
        await tick(pilot, "areas", "Lower back")
        await tab_to(pilot, screen.query_one("#flag-saddle_numbness"), "y")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagModal)
        assert "emergency" in texts(app.screen).lower()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        await choose(pilot, "leg_spread", "none")
        await choose(pilot, "duration", "acute")
        await choose(pilot, "cause", "lifting_or_strain")
        await type_into(pilot, "intensity", "7")
        await choose(pilot, "recent_procedure", "no")
        result_screen = await to_result(pilot)
        assert result_screen.result.emergency
        assert "‼ EMERGENCY" in texts(result_screen.query_one("#summary"))
        assert result_screen.result.summary[0].startswith("Get help now")
        await pilot.press("5")
        await pilot.pause()
        assert "withheld" in texts(result_screen.query_one("#exercises"))


async def test_editing_a_step_from_the_review_comes_back_to_it(tmp_path: Path) -> None:
    app = app_at("review", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Diet: I eat meat and fish" in texts(app.screen)
        await tab_to(pilot, app.screen.query_one("#edit-about"), "enter")
        await pilot.pause()
        assert on_step(app, "about") and app.screen.return_to_review
        await choose(pilot, "diet", "vegan")
        await next_step(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "Diet: Vegan" in texts(app.screen)
        await pilot.press("escape")  # Back from the review: the last step, then Next returns
        await pilot.pause()
        assert on_step(app, "back_pain")


async def test_next_on_an_incomplete_step_goes_to_what_is_missing_and_says_so(tmp_path: Path) -> None:
    """Ctrl+N on an incomplete step is never silently nothing: the step stays, the keys go to the first
    question still to answer (or holding a wrong number), and a notice says what is missing. On the way: the
    welcome screen and the step survive a tiny, a wide and a narrow terminal; F1 opens the step's help; and
    ctrl+q with an answer typed asks first (Escape stays, y quits)."""
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for width, height in ((20, 8), (200, 60), (80, 24)):  # the welcome screen
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        await start(pilot)  # the first step
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert on_step(app, "about") and app.screen.query_one("#next").region.height >= 0
        await pilot.resize_terminal(*SIZE)
        await pilot.press("f1")
        await pilot.pause()
        assert "Help: About you" in texts(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert on_step(app, "about")

        await type_into(pilot, "age", "9")
        await pilot.pause()
        problems = str(app.screen.query_one("#problems", Static).content)
        assert "Age: enter a whole number from 14 to 120" in problems and "sex" in problems
        await pilot.press("tab", "tab")  # away from the age
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert on_step(app, "about")  # still here
        assert app.focused is not None and app.focused.id == "age"  # the wrong number first
        assert any("sex" in n.message for n in app._notifications)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        assert len(app._notifications) == 1  # one notice, however often Next is pressed
        await pilot.press("backspace", "4", "2", "ctrl+n")
        await pilot.pause()
        assert on_step(app, "about") and app.focused is not None and app.focused.id == "sex"

        await pilot.press("ctrl+q")  # the age typed is not saved yet
        await pilot.pause()
        assert "not saved" in texts(app.screen)
        await pilot.press("escape")  # cancel: still answering
        await pilot.pause()
        assert on_step(app, "about")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_back_keeps_the_answers_and_a_new_launch_resumes_them(tmp_path: Path) -> None:
    """Escape goes back a step and Next forward again, the answers of both steps kept; then the run ends without
    finishing (as after a closed terminal) and a new launch offers to resume where it was left."""
    storage = Storage(tmp_path)
    first = NutriTuiApp(storage=storage)
    async with first.run_test(size=SIZE) as pilot:
        await start(pilot)
        await fill_about(pilot, "38", "female", "pescatarian")
        await choose(pilot, "skin_tone", "dark")
        await choose(pilot, "outdoor_minutes", "over_60")
        await pilot.press("escape")  # back to About: answers kept
        await pilot.pause()
        assert on_step(first, "about")
        assert first.screen.form.collect()["age"] == 38 and first.screen.form.collect()["diet"] == "pescatarian"
        await next_step(pilot)
        assert first.screen.form.collect()["outdoor_minutes"] == "over_60"  # kept when going back
        await next_step(pilot)  # draft saved on the diet step
    second = NutriTuiApp(storage=storage)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Each choice with its key, as drawn: a Button reads its label as markup, where "[r]" is a tag and vanished.
        drawn = [str(button.render()) for button in second.screen.query("#choices CompactButton")]
        assert drawn == ["Resume where you left off (Diet)  [r]", "Start a new assessment  [n]"]
        await pilot.press("r")
        await pilot.pause()
        assert on_step(second, "diet")
        assert second.flow is not None
        assert second.flow.state.sections["about"]["diet"] == "pescatarian"
        assert second.flow.state.sections["sun"]["skin_tone"] == "dark"
        assert second.flow.state.sections["sun"]["outdoor_minutes"] == "over_60"


async def test_quit_without_unsaved_work_does_not_ask(tmp_path: Path) -> None:
    """Nothing typed on a step just opened, nor on the next one after Next (its pre-filled choices are not
    changes): ctrl+q quits at once."""
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert not app.dirty
        await fill_about(pilot, "40", "female", "omnivore")
        await pilot.pause()
        assert on_step(app, "sun") and not app.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_review_scrolls_with_the_page_keys_while_see_my_result_has_focus(tmp_path: Path) -> None:
    """The review is longer than 24 lines: PageDown, PageUp, End and Home scroll it from the button."""
    from textual.containers import VerticalScroll

    app = app_at("review", example_sections("vegan"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.focused is not None and app.focused.id == "result"
        form = app.screen.query_one("#form", VerticalScroll)
        assert form.max_scroll_y > 0
        await pilot.press("pagedown")
        assert form.scroll_y > 0
        await pilot.press("end")
        assert form.scroll_y == form.max_scroll_y
        await pilot.press("pageup", "home")
        assert form.scroll_y == 0
