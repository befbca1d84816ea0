"""Step 2: sun exposure, the main source of vitamin D."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.widgets.choice import Choice, choice

QUESTIONS = {
    "outdoor_minutes": "On a typical day, time outdoors with face and arms uncovered",
    "covering_clothing": "Do you wear clothes that cover most of your skin outdoors?",
    "sunscreen": "Do you use sunscreen when outdoors?",
    "skin_tone": "Your natural skin tone",
    "season": "What season is it where you live now?",
    "far_from_equator": "Do you live far from the equator (e.g. most of Europe, Canada)?",
}


class SunStep(StepForm):
    STEP_ID = "sun"
    HELP = (
        "Skin makes most of the body's vitamin D in sunlight. Little time outdoors, covering clothes, "
        "darker skin, winter far from the equator and being housebound all mean less is made. "
        'Choose "Don\'t know" where you are not sure.'
    )

    def compose_form(self) -> ComposeResult:
        saved = self.saved
        for field, question in QUESTIONS.items():
            default = "prefer_not" if field == "skin_tone" else "dont_know"
            yield choice(question, f"sun.{field}", saved.get(field, default), id=field)
        housebound = "yes" if saved.get("housebound") else "no"
        yield choice("Are you housebound or living in a care home?", "sun.housebound", housebound, id="housebound")

    def collect(self) -> dict[str, Any]:
        values: dict[str, Any] = {field: self.query_one(f"#{field}", Choice).value for field in QUESTIONS}
        values["housebound"] = self.query_one("#housebound", Choice).value == "yes"
        return values
