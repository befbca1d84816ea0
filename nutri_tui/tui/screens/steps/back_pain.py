"""Step 7: the back-pain profile and every red-flag question in the content.

An emergency answer interrupts at once with a modal that says what to do now;
the person may then finish, and the flag leads the result.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from nutri_tui.engine.guidance import questions_for
from nutri_tui.labels import CHOICES
from nutri_tui.models.answers import Answers
from nutri_tui.tui.screens.red_flag_modal import RedFlagModal
from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.widgets.answer_row import AnswerRow
from nutri_tui.tui.widgets.choice import Choice, YesNoQuestion, choice
from nutri_tui.tui.widgets.filtered_selection import FilteredSelection
from nutri_tui.tui.widgets.number import NumberField

QUESTIONS = {
    "leg_spread": "Does the pain spread into your legs?",
    "duration": "How long have you had this pain?",
    "cause": "What started it?",
}


class BackPainStep(StepForm):
    STEP_ID = "back_pain"
    HELP = (
        "Where it hurts, for how long and how much shape the exercise advice. The questions below "
        "them are warning signs (red flags): please answer every one, with Y (yes), N (no) or S (not sure), "
        "or the left and right arrows. Most back pain is not serious, "
        "but these signs need a doctor, some of them at once. If you answer Yes to an emergency sign, "
        "you will be told what to do straight away."
    )

    def compose_form(self) -> ComposeResult:
        saved = self.saved
        yield Static("Where is your pain? (space to tick; none ticked = no pain now)", classes="question", markup=False)
        yield FilteredSelection(
            [(value, text, text) for value, text in CHOICES["back_pain.areas"].items()],
            set(saved.get("areas", ())),
            filterable=False,
            id="areas",
        )
        for field, question in QUESTIONS.items():
            yield choice(question, f"back_pain.{field}", saved.get(field), id=field)
        yield NumberField(
            "Pain now, 0 (none) to 10 (worst imaginable)", "intensity", saved.get("intensity"), 0, 10, "0-10"
        )
        yield Static("Warning signs: please answer each one.", classes="question heading", markup=False)
        answers = saved.get("red_flags", {})
        for flag in self.app.content.red_flags.values():
            yield YesNoQuestion(flag.question, flag.id, answers.get(flag.id))

    def collect(self) -> dict[str, Any]:
        return {
            "areas": [
                a for a in CHOICES["back_pain.areas"] if a in self.query_one("#areas", FilteredSelection).selected
            ],
            **{field: self.query_one(f"#{field}", Choice).value for field in QUESTIONS},
            "intensity": self.query_one("#intensity", NumberField).value,
            "red_flags": {q.key: q.value for q in self.query(YesNoQuestion) if q.value is not None and q.display},
        }

    def _wordings(self) -> dict[str, str | None]:
        """Each warning sign's question for this person (None: it cannot apply), from the steps answered so far."""
        sections = {name: values for name, values in self.app.wizard.sections.items() if name != "back_pain"}
        key = repr(sorted((name, sorted(values.items(), key=str)) for name, values in sections.items()))
        if key != getattr(self, "_wordings_key", None):
            try:
                answers = Answers.model_validate(sections, context={"content": self.app.content})
            except ValidationError:
                # Earlier steps are checked before anyone reaches this one; if they cannot be read, ask everything.
                answers = Answers()
            self._wordings_key, self._wordings_cache = key, questions_for(answers, self.app.content)
        return self._wordings_cache

    def sync(self) -> None:
        """Ask only the warning signs that can apply to this person, in the wording that fits them."""
        wordings = self._wordings()
        for question in self.query(YesNoQuestion):
            wording = wordings.get(question.key, question.question)
            question.display = wording is not None
            if wording is not None and wording != question.question:
                question.question = wording
                question.refresh(layout=True)

    def extra_problems(self, values: dict[str, Any]) -> list[str]:
        problems = []
        has_pain = bool(values["areas"])
        if has_pain:
            missing = [QUESTIONS[f].rstrip("?").lower() for f in QUESTIONS if values.get(f) is None]
            if values.get("intensity") is None:
                missing.append("pain score")
            if missing:
                problems.append(f"Still to answer: {', '.join(missing)}.")
        problems += self.query_one("#intensity", NumberField).problem("Pain score")
        unanswered = sum(1 for q in self.query(YesNoQuestion) if q.display and q.value is None)
        if unanswered:
            problems.append(f"{unanswered} warning-sign question{'s' if unanswered > 1 else ''} still to answer.")
        return problems

    def validated(self, values: dict[str, Any]) -> dict[str, Any]:
        if not values["areas"]:
            values = {**values, "leg_spread": values.get("leg_spread") or "none"}
        return super().validated(values)

    @on(AnswerRow.Changed)
    def _red_flag_answered(self, event: AnswerRow.Changed) -> None:
        """Yes, or "not sure", to an emergency sign: say what to do at once (not sure is acted on as yes)."""
        flag_id = (event.row.id or "").removeprefix("flag-")
        flag = self.app.content.red_flags.get(flag_id)
        if flag is not None and flag.urgency == "emergency" and event.value in ("yes", "dont_know"):
            self.app.push_screen(RedFlagModal(flag, unsure=event.value == "dont_know"))
