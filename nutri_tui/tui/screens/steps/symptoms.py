"""Step 6: symptoms, each of which has many possible causes."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static

from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.widgets.filtered_selection import FilteredSelection


class SymptomsStep(StepForm):
    STEP_ID = "symptoms"
    HELP = (
        "Tick any symptom you have had regularly over the last few weeks. Each one has many possible "
        "causes; low levels of a nutrient are only one, so symptoms count for less than risk factors. "
        "Type to narrow the list, Tab into it, Space to tick."
    )

    def compose_form(self) -> ComposeResult:
        items = [
            (s.id, s.name + (" (muscles, bones or nerves)" if s.musculoskeletal else ""), s.name)
            for s in self.app.content.symptoms.values()
        ]
        yield Static("Symptoms you have had regularly (leave all unticked if none):", classes="question", markup=False)
        yield FilteredSelection(items, set(self.saved.get("symptoms", ())), "Type to filter, e.g. cramp", id="symptoms")

    def collect(self) -> dict[str, Any]:
        return {"symptoms": sorted(self.query_one("#symptoms", FilteredSelection).selected)}
