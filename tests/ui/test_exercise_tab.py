"""The Exercises tab (issue 18): a doctor's check first when it is called for, what the person's situation means,
the exercises, the stop signs said once (not under every card), then NICE's "do not offer" list with staying active.

Driven with Pilot from a saved session, as ``nutri-tui open`` starts: the number key 5 opens the tab.
"""

from __future__ import annotations

from textual.widgets import Static

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.reports.phrases import FIT_WORD
from nutri_tui.reports.result_text import FOR_YOU_HEADING, STOP_HEADING
from nutri_tui.storage import make_session
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.result import ResultScreen

PERSONA = {
    "about": {"age": 70, "sex": "female"},
    "lifestyle": {"chest_pain_on_activity": "dont_know", "dizzy_or_faint": "no", "falls_past_year": "more"},
    "back_pain": {"areas": ["lower"], "duration": "acute", "intensity": 4},
}


async def test_the_exercises_tab_says_the_check_first_and_the_stop_signs_once(content: Content) -> None:
    answers = Answers.model_validate(PERSONA, context={"content": content})
    session = make_session(answers, assess(answers, content), content.version)
    advice = {rule.id: rule.text for rule in content.rules.advice}
    app = NutriTuiApp(open_session=session)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResultScreen)
        await pilot.press("5")
        await pilot.pause()
        texts = [str(s.render()) for s in screen.query_one("#exercises").query(Static)]
    assert texts[0].startswith(f"! {advice['check_before_exercise']}")
    assert texts[1] == session.result.exercise_note
    headings = [FOR_YOU_HEADING, STOP_HEADING, "Looking after your back"]
    assert [t for t in texts if t in headings] == headings  # in this order, each once
    assert sum(advice["stop_signs"] in t for t in texts) == 1
    assert sum(advice["chest_pain_while_active"] in t for t in texts) == 1
    cards = [
        t for t in texts if any(f"{words}, " in t for words in FIT_WORD.values())
    ]  # "★★★ a first choice for you, ..."
    assert cards and not any(advice["stop_signs"] in card or "Stop if:" in card for card in cards)
    below = texts[texts.index("Looking after your back") :]
    assert any(advice["not_recommended_for_back_pain"] in t and t.rstrip().endswith("]") for t in below)
    assert any("Bed rest is bad for your back" in t for t in below)
    assert any(advice["falls_assessment"] in t for t in texts[: texts.index(STOP_HEADING)])
