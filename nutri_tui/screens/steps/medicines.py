"""Step 5: medicines, health conditions and supplements already taken."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static

from nutri_tui.screens.steps.base import StepForm
from nutri_tui.widgets.filtered_selection import FilteredSelection
from nutri_tui.widgets.number import NumberField

# Conditions the wizard asks about elsewhere (pregnancy, breastfeeding, drinking), so not listed here.
ASKED_ELSEWHERE = {"pregnancy", "breastfeeding", "alcohol_use"}
MAX_SUPPLEMENT = 100_000
"""A typing-error guard only: the answers model and the upper limits judge real amounts."""


class MedicinesStep(StepForm):
    STEP_ID = "medicines"
    HELP = (
        "Tick the medicines you take, by name if it is listed (so your result can name it), or by kind. "
        "Type in the box above a list to narrow it, then Tab into the list; Space ticks an item. "
        "Supplements: the amount you take a day, in the unit shown (vitamin D in mcg: 1 mcg = 40 IU). "
        "Leave blank if you take none."
    )

    def compose_form(self) -> ComposeResult:
        content = self.app.content
        saved = self.saved
        medicine_items: list[tuple[str, str, str]] = []
        for medicine in content.medicines.values():
            kind = medicine.name
            for example in medicine.examples:
                shown = example if example.casefold() == medicine.short.casefold() else f"{example} ({medicine.short})"
                medicine_items.append((example, shown, f"{example} {kind} {medicine.short}"))
            medicine_items.append((medicine.id, f"Other: {kind}", f"{kind} {medicine.short} other"))
        yield Static("Medicines you take regularly:", classes="question", markup=False)
        yield FilteredSelection(
            medicine_items, set(saved.get("medicines", ())), "Type a medicine name, e.g. omeprazole", id="medicines"
        )
        condition_items = [
            (c.id, c.name, f"{c.name} {c.id.replace('_', ' ')}")
            for c in content.conditions.values()
            if c.id not in ASKED_ELSEWHERE
        ]
        yield Static("Health conditions you have:", classes="question", markup=False)
        yield FilteredSelection(
            condition_items, set(saved.get("conditions", ())), "Type to filter, e.g. kidney", id="conditions"
        )
        yield Static("Supplements you take, amount a day (blank if none):", classes="question", markup=False)
        taken = {s["nutrient"]: s["amount"] for s in saved.get("supplements", ()) if isinstance(s, dict)}
        for nutrient in content.nutrients.values():
            unit = "mcg folic acid" if nutrient.id == "folate" else nutrient.unit
            yield NumberField(
                f"{nutrient.name} ({unit})",
                f"supplement-{nutrient.id}",
                taken.get(nutrient.id),
                0,
                MAX_SUPPLEMENT,
                decimals=True,
            )

    def collect(self) -> dict[str, Any]:
        supplements = []
        for nutrient_id in self.app.content.nutrients:
            amount = self.query_one(f"#supplement-{nutrient_id}", NumberField).value
            if amount:
                supplements.append({"nutrient": nutrient_id, "amount": amount})
        medicines = self.query_one("#medicines", FilteredSelection).selected
        conditions = self.query_one("#conditions", FilteredSelection).selected
        return {"medicines": sorted(medicines), "conditions": sorted(conditions), "supplements": supplements}

    def extra_problems(self, values: dict[str, Any]) -> list[str]:
        bad = [
            nutrient.name
            for nutrient in self.app.content.nutrients.values()
            if not self.query_one(f"#supplement-{nutrient.id}", NumberField).is_valid
        ]
        return [f"Supplement amounts must be numbers of 0 or more: check {', '.join(bad)}."] if bad else []
