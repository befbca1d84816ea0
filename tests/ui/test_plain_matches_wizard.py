"""Plain mode saves what the full-screen wizard saves for the same answers.

For two personas the app is started on the first step with the example's answers in its forms (as the
other persona tests start it) and Next is pressed through every step to the review: what the forms collect
is what the session holds. The run is then finished as the review's Next finishes it (``flow.finish``, which
assesses and saves), without drawing the result: the keyboard walk in test_wizard.py presses that Next. Plain
mode is then given the same answers, typed, and must save equal answers. The keyboard walk in test_wizard.py
is compared the same way there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nutri_tui.storage import Storage
from nutri_tui.tui.screens.review import ReviewScreen
from tests.pilot_helpers import app_at, example_sections
from tests.plain_replies import plain_answers

SIZE = (80, 24)


@pytest.mark.parametrize("persona", ["older-several-medicines", "pregnant-vegetarian"])
async def test_plain_mode_saves_what_the_wizards_forms_save(tmp_path: Path, persona: str) -> None:
    """Medicines named by generic (stored as the rows the app ticks, in its order), a supplement with its amount,
    a pregnancy, a vegetarian's answers the diet settles: the same in both."""
    sections = example_sections(persona)
    storage = Storage(tmp_path / "app")
    app = app_at("about", sections, storage)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(7):  # every step is complete from the example: Next through all seven
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.flow is not None and app.flow.finish().path is not None
    [entry] = storage.list_sessions()
    assert plain_answers(sections, tmp_path / "plain") == storage.load_session(entry.path).answers
