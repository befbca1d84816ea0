"""The diet step follows the diet pattern chosen in About you: what it already answers is not asked, and the
step says so; the review shows the known answer with its reason."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from nutri_tui.storage import Storage
from nutri_tui.tui.screens.review import ReviewScreen
from nutri_tui.tui.screens.wizard import WizardScreen
from nutri_tui.tui.widgets.choice import Choice
from tests.pilot_helpers import app_at, choose, example_sections

SIZE = (80, 24)
DIET_FOODS = ("oily_fish", "dairy_or_fortified", "meat", "eggs")


def sections_with(diet: str) -> dict:
    """The healthy adult's answers, with another diet pattern and the foods it settles left out."""
    sections = example_sections("healthy-adult")
    sections["about"]["diet"] = diet
    for name in DIET_FOODS:
        sections["diet"].pop(name)
    return sections


def shown(app, name: str) -> bool:
    return app.screen.query_one(f"#{name}", Choice).display


def note(app) -> Static:
    return app.screen.query_one("#known-diet", Static)


async def next_step(pilot) -> None:
    await pilot.press("ctrl+n")
    await pilot.pause()


async def back_to_about(pilot, steps: int) -> None:
    await pilot.press(*["escape"] * steps)
    await pilot.pause()
    assert pilot.app.screen.step_id == "about"


async def to_diet(pilot, diet: str) -> None:
    """On About you: choose the diet pattern, then Next to the diet step (past the sun step)."""
    await choose(pilot, "diet", diet)
    await next_step(pilot)  # sun
    await next_step(pilot)  # diet
    assert pilot.app.screen.step_id == "diet"


async def test_each_diet_pattern_asks_only_what_it_does_not_answer_and_says_why(tmp_path: Path) -> None:
    """The diet step for each pattern in turn, going back to About you to change it: an omnivore is asked
    everything and sees no note; a vegetarian is not asked about meat or oily fish and is told why (stored as
    Never, so the rules see the truth); a pescatarian is not asked about meat; back to omnivore, meat is asked
    again; a vegan is asked about fortified plant drinks, not dairy."""
    app = app_at("about", sections_with("omnivore"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await next_step(pilot)  # sun
        await next_step(pilot)  # diet
        assert isinstance(app.screen, WizardScreen) and app.screen.step_id == "diet"
        assert all(shown(app, name) for name in DIET_FOODS)
        assert not note(app).display
        assert app.focused is not None and app.focused.id == "oily_fish"
        await back_to_about(pilot, 2)

        await to_diet(pilot, "vegetarian")
        assert not shown(app, "meat") and not shown(app, "oily_fish")
        assert shown(app, "eggs") and shown(app, "dairy_or_fortified")
        chain = app.screen.focus_chain
        assert not any(widget.id in ("meat", "oily_fish") for widget in chain)  # hidden: no focus stop
        assert app.focused is not None and app.focused.id == "dairy_or_fortified"  # the first question asked
        words = str(note(app).content)
        assert note(app).display
        assert words.startswith(
            "You said you are vegetarian, so oily fish and meat are not asked: both count as Never."
        )
        assert "go back to About you" in words
        values = app.screen.form.collect()
        assert values["meat"] == "never" and values["oily_fish"] == "never"  # stored: the rules see the truth
        await next_step(pilot)
        assert app.flow is not None
        assert app.flow.state.sections["diet"]["meat"] == "never"
        assert app.screen.step_id == "lifestyle"
        await back_to_about(pilot, 3)

        await to_diet(pilot, "pescatarian")
        assert not shown(app, "meat") and shown(app, "oily_fish")
        assert str(note(app).content).startswith("You said you are pescatarian, so meat is not asked: it counts as")
        await back_to_about(pilot, 2)

        await to_diet(pilot, "omnivore")
        assert shown(app, "meat") and not note(app).display
        assert "meat" in [widget.id for widget in app.screen.focus_chain]
        await back_to_about(pilot, 2)

        await to_diet(pilot, "vegan")
        assert not any(shown(app, name) for name in ("meat", "oily_fish", "eggs"))
        dairy = app.screen.query_one("#dairy_or_fortified", Choice)
        assert dairy.display and dairy.question == "Fortified plant drinks and yogurts"  # still asked
        words = str(note(app).content)
        assert "You said you are vegan, so oily fish, meat and eggs are not asked: each counts as Never." in words
        assert "The dairy question asks about fortified plant drinks and yogurts." in words


async def test_the_review_shows_a_known_answer_with_its_reason(tmp_path: Path) -> None:
    sections = sections_with("vegetarian")
    sections["diet"]["meat"] = "daily"  # from before the pattern was chosen: the pattern wins
    app = app_at("review", sections, Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        text = "\n".join(str(widget.content) for widget in app.screen.query(".review-answers"))
        assert "Meat: Never (vegetarian)" in text
        assert "Oily fish (salmon, sardines, mackerel): Never (vegetarian)" in text
        assert "Eggs: not answered" in text  # asked of a vegetarian, and left out of these answers
