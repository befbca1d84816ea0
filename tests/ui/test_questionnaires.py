"""The optional questionnaires by keyboard (issue 16): Keele STarT Back in the back-pain step, the PHQ-4 in the
stress and lifestyle step.

Each question is answered by a key that moves on to the next (A or D, the first letter of question 9's answer;
0 to 3 for the PHQ-4), as the warning signs are; Left and Right change an answer without moving. Next works
with none answered and with some: the result then says the score is incomplete. STarT Back is asked only once
back pain is ticked (test_warning_sign_questions.py, with the warning signs that follow the same answers).
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from nutri_tui.storage import Storage
from nutri_tui.tui.screens.result import ResultScreen
from nutri_tui.tui.screens.review import ReviewScreen
from nutri_tui.tui.screens.wizard import WizardScreen
from nutri_tui.tui.widgets.choice import ScaleQuestion
from tests.pilot_helpers import app_at, example_sections, tab_to

SIZE = (80, 24)


def texts(widget) -> str:
    return "\n".join(str(s.content) for s in widget.query(Static))


def rows(app, name: str) -> list[ScaleQuestion]:
    return list(app.screen.query_one(f"#{name}").query(ScaleQuestion))


async def test_phq4_then_start_back_by_keyboard_to_the_scores_to_show_a_clinician(tmp_path: Path) -> None:
    """The healthy adult's answers from the lifestyle step on: the PHQ-4 partly answered by digits (allowed, and
    said to be incomplete), then STarT Back after the warning signs (all answered already, the example's), nine
    keys answering it, through the review to the result's plan."""
    app = app_at("lifestyle", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        block = app.screen.query_one("#phq4")
        assert "Keys: 0 Not at all, 1 Several days, 2 More than half the days, 3 Nearly every day." in texts(block)
        questions = rows(app, "phq4")
        await tab_to(pilot, questions[0], "3", "1")  # two answers: each moves on
        assert app.focused is questions[2]
        await pilot.press("right", "right")  # the arrows change an answer without moving on
        assert app.focused is questions[2] and questions[2].value == "several_days"
        assert "3 of 4 answered. The score needs all 4" in texts(block)
        await pilot.press("ctrl+n")  # optional: Next goes on with one left blank
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen) and app.screen.step_id == "medicines"
        assert app.flow.state.sections["lifestyle"]["phq4"] == {
            "nervous": "nearly_every_day",
            "worrying": "several_days",
            "interest": "several_days",
        }
        for step in ("symptoms", "back_pain"):
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert isinstance(app.screen, WizardScreen) and app.screen.step_id == step

        block = app.screen.query_one("#start_back")
        assert block.display  # lower back pain ticked
        assert "Keele STarT Back Screening Tool (optional)" in texts(block)
        assert "Keys: D Disagree, A Agree (questions 1 to 8); N Not at all" in texts(block)
        questions = rows(app, "start_back")
        await tab_to(pilot, questions[0], "a", "a", "d", "d", "a", "a", "a", "d", "v")
        yes, no = "agree", "disagree"
        assert [q.value for q in questions] == [yes, yes, no, no, yes, yes, yes, no, "very_much"]
        assert app.focused is not questions[-1]  # the last answer moved on, as each did
        assert "All 9 answered" in texts(block)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        review = texts(app.screen)
        assert "Back-pain questionnaire (STarT Back): all 9 answered" in review
        assert "  5. It's not really safe for a person with a condition like mine to be physically active: Agree" in (
            review
        )
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        plan = texts(app.screen.query_one("#summary"))
        assert "5. Scores to show your GP or physiotherapist" in plan and "6. If things change" in plan
        assert "Total score 6 out of 9; psychosocial subscale (questions 5 to 9) 4 out of 5: High risk." in plan
        assert "not a treatment plan" in plan
        assert "Keele STarT Back Screening Tool: Copyright (©2021) University of Keele." in plan
        [phq4] = [score for score in app.screen.result.instruments if score.id == "phq4"]
        assert not phq4.complete and phq4.summary.startswith("Incomplete: 3 of its 4 questions answered.")
