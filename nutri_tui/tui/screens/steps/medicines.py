"""Step 5: medicines, health conditions, and the supplements already taken, each with its amount and form."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from nutri_tui.content.choices import supplement_form_choices, supplement_kinds
from nutri_tui.content.supplements import supplement_unit
from nutri_tui.engine.steps import MAX_SUPPLEMENT, supplement_amounts_problem, supplement_problems
from nutri_tui.questionnaire import Question
from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.widgets.choice import Choice
from nutri_tui.tui.widgets.number import NumberField

CHOOSE_FORM = "Choose it in the box below the amount."


class MedicinesStep(StepForm):
    def ask(self, question: Question, saved: dict[str, Any]) -> ComposeResult:
        if question.kind != "supplements":
            yield from super().ask(question, saved)
            return
        yield Static(question.text, classes="question", markup=False)
        taken = {s["nutrient"]: s for s in saved.get(question.name, ()) if isinstance(s, dict)}
        for supplement_id, name in supplement_kinds(self.content):
            given = taken.get(supplement_id, {})
            forms = supplement_form_choices(supplement_id, self.content)
            unit = "" if len(forms) > 1 else f" ({supplement_unit(supplement_id, self.content)})"
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

    def answer(self, question: Question) -> Any:
        if question.kind != "supplements":
            return super().answer(question)
        supplements = []
        for nutrient_id, _ in supplement_kinds(self.content):
            amount = self.query_one(f"#supplement-{nutrient_id}", NumberField).value
            if not amount:
                continue
            entry: dict[str, Any] = {"nutrient": nutrient_id, "amount": amount}
            chooser = self.query_one_optional(f"#form-{nutrient_id}", Choice)
            form = chooser.value if chooser is not None else ""
            if form:
                entry["form"] = form
            supplements.append(entry)
        return supplements

    def extra_unanswered(self, values: dict[str, Any]) -> Widget | None:
        return next(
            (
                field
                for supplement_id, _ in supplement_kinds(self.content)
                if not (field := self.query_one(f"#supplement-{supplement_id}", NumberField)).is_valid
            ),
            None,
        )

    def extra_problems(self, values: dict[str, Any]) -> list[str]:
        bad = supplement_amounts_problem(
            name
            for supplement_id, name in supplement_kinds(self.content)
            if not self.query_one(f"#supplement-{supplement_id}", NumberField).is_valid
        )
        if bad:
            return [bad]
        return supplement_problems(values["supplements"], self.content, CHOOSE_FORM)
