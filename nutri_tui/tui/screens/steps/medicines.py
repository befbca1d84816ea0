"""Step 5: medicines, health conditions and supplements already taken."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static

from nutri_tui.content.choices import medicine_choices
from nutri_tui.content.supplements import implausible, supplement_unit
from nutri_tui.models.answers import Supplement
from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.widgets.choice import Choice
from nutri_tui.tui.widgets.filtered_selection import FilteredSelection
from nutri_tui.tui.widgets.number import NumberField

# Conditions the wizard asks about elsewhere (pregnancy, breastfeeding, drinking), so not listed here.
ASKED_ELSEWHERE = {"pregnancy", "breastfeeding", "alcohol_use"}
MAX_SUPPLEMENT = 100_000
"""A typing-error guard only: the answers model and the upper limits judge real amounts."""


class MedicinesStep(StepForm):
    STEP_ID = "medicines"
    HELP = (
        "Tick the medicines you take, by name if it is listed (so your result can name it), or by kind. "
        "Type in the box above a list to narrow it, then Tab into the list; Space ticks an item. "
        "Supplements: the amount you take a day, as the pack gives it. Choose the unit or form beside it: vitamin D "
        "in mcg or IU (40 IU = 1 mcg); fish oil by the capsule's weight (about 300 mg of EPA+DHA per 1,000 mg is "
        "assumed) or, better, the EPA+DHA on the label; an iron, calcium, magnesium or zinc tablet by its salt "
        "(such as dried ferrous sulfate), or its elemental amount if the label gives one. Leave blank if you take none."
    )

    def compose_form(self) -> ComposeResult:
        content = self.app.content
        saved = self.saved
        medicine_items = [tuple(choice) for choice in medicine_choices(content)]
        yield Static("Medicines you take regularly:", classes="question", markup=False)
        yield FilteredSelection(
            medicine_items,  # type: ignore[arg-type]
            set(saved.get("medicines", ())),
            "Type a medicine or brand name, e.g. omeprazole or Nurofen",
            id="medicines",
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
        taken = {s["nutrient"]: s for s in saved.get("supplements", ()) if isinstance(s, dict)}
        for supplement_id, name in self._supplement_kinds():
            given = taken.get(supplement_id, {})
            forms = self._forms(supplement_id)
            unit = "" if len(forms) > 1 else f" ({supplement_unit(supplement_id, content)})"
            yield NumberField(
                f"{name} a day{unit}",
                f"supplement-{supplement_id}",
                given.get("amount"),
                0,
                MAX_SUPPLEMENT,
                decimals=True,
            )
            if len(forms) > 1:
                yield Choice(f"  {name}: as", "", forms, given.get("form", ""), id=f"form-{supplement_id}")

    def _supplement_kinds(self) -> list[tuple[str, str]]:
        """(id, name) of everything asked as a supplement: the ten nutrients, then the topics one can take."""
        content = self.app.content
        nutrients = [(n.id, n.name) for n in content.nutrients.values()]
        return nutrients + [(t.id, t.name) for t in content.topics.values() if t.supplement_unit]

    def _forms(self, nutrient_id: str) -> dict[str, str]:
        """The ways a pack may give this nutrient's amount: its own unit first, then the content's forms."""
        content = self.app.content
        own = supplement_unit(nutrient_id, content)
        forms = {"": f"{own}{' (elemental, from the label)' if own in ('mg',) else ''}"}
        for form in content.supplement_forms.values():
            if form.nutrient == nutrient_id:
                forms[form.id] = f"{form.entered_in} of {form.name}" if form.entered_in != "IU" else "IU"
        return forms

    def _supplements(self) -> list[dict[str, Any]]:
        supplements = []
        for nutrient_id, _ in self._supplement_kinds():
            amount = self.query_one(f"#supplement-{nutrient_id}", NumberField).value
            if not amount:
                continue
            entry: dict[str, Any] = {"nutrient": nutrient_id, "amount": amount}
            chooser = self.query(f"#form-{nutrient_id}")
            form = chooser.first(Choice).value if chooser else ""
            if form:
                entry["form"] = form
            supplements.append(entry)
        return supplements

    def collect(self) -> dict[str, Any]:
        supplements = self._supplements()
        medicines = self.query_one("#medicines", FilteredSelection).selected
        conditions = self.query_one("#conditions", FilteredSelection).selected
        return {"medicines": sorted(medicines), "conditions": sorted(conditions), "supplements": supplements}

    def extra_problems(self, values: dict[str, Any]) -> list[str]:
        bad = [
            name
            for supplement_id, name in self._supplement_kinds()
            if not self.query_one(f"#supplement-{supplement_id}", NumberField).is_valid
        ]
        if bad:
            return [f"Supplement amounts must be numbers of 0 or more: check {', '.join(bad)}."]
        problems = []
        for entry in values["supplements"]:
            found = implausible(Supplement.model_validate(entry), self.app.content)
            if found is None:
                continue
            hint = (
                f" Did you mean {found.likely.entered_in}? Choose it in the box below the amount."
                if found.likely
                else ""
            )
            problems.append(f"{found.question()}.{hint or ' Please check the amount on the pack.'}")
        return problems
