"""The back-pain step asks a warning sign only where it can apply, by keyboard, as the answers on the step change.

Neck signs appear when Neck is ticked; the signs after a spine operation when one is reported; a follow-up
(nerve symptoms after a cancer) appears just below its question and the keys go to it next. The optional STarT
Back questionnaire follows the same answers: asked once low back pain is ticked.
"""

from __future__ import annotations

from pathlib import Path

from nutri_tui.storage import Storage
from nutri_tui.tui.widgets.choice import YesNoQuestion
from tests.pilot_helpers import app_at, choose, example_sections, tab_to, tick

SIZE = (80, 24)


def shown(app, flag_id: str) -> bool:
    return app.screen.query_one(f"#flag-{flag_id}", YesNoQuestion).display


async def test_signs_and_the_questionnaire_follow_the_answers_on_the_step(tmp_path: Path) -> None:
    """Nothing ticked: no neck sign, no sign after a spine operation, no follow-up, no STarT Back. Neck alone brings
    the neck signs (STarT Back is for low back pain: still not asked); Lower back brings STarT Back (optional:
    none answered is no problem) and one sentence of what is missing; a spine operation its sign; a cancer its
    follow-up, just below and asked next."""
    app = app_at("back_pain", example_sections("healthy-adult", "back_pain"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start_back = app.screen.query_one("#start_back")
        assert not start_back.display  # no pain ticked: not asked
        assert not shown(app, "neck_cord_gradual") and not shown(app, "after_spinal_procedure")
        assert not shown(app, "cancer_nerve_signs")
        await tick(pilot, "areas", "Neck")
        assert shown(app, "neck_sudden_clumsy_or_walking") and shown(app, "neck_cord_gradual")
        assert not start_back.display  # neck pain alone: not asked

        await tick(pilot, "areas", "Lower back")
        assert start_back.display
        problems = app.screen.form.problems()
        assert not any("questionnaire" in problem for problem in problems)  # none answered: fine
        assert problems[0] == (
            "Still to answer: does the pain spread into your legs, how long have you had this pain, what started "
            "it, pain score, recent spine operation or injection."
        )
        assert sum(p.startswith("Still to answer") for p in problems) == 1
        assert app.screen.form.first_unanswered() is app.screen.query_one("#leg_spread")

        await choose(pilot, "recent_procedure", "yes")
        assert shown(app, "after_spinal_procedure")
        await choose(pilot, "recent_procedure", "no")
        assert not shown(app, "after_spinal_procedure")

        await tab_to(pilot, app.screen.query_one("#flag-cancer_history"), "y")
        await pilot.pause()
        follow_up = app.screen.query_one("#flag-cancer_nerve_signs", YesNoQuestion)
        assert follow_up.display and app.focused is follow_up
        await pilot.press("n")  # answered, and on to the next sign
        await pilot.pause()
        assert follow_up.value == "no" and app.focused is not follow_up
        # Changing the first answer to No hides the follow-up again, and its answer is not kept.
        await tab_to(pilot, app.screen.query_one("#flag-cancer_history"), "n")
        await pilot.pause()
        assert not follow_up.display
        answers = app.screen.form.collect()["red_flags"]
        assert answers["cancer_history"] == "no" and "cancer_nerve_signs" not in answers
