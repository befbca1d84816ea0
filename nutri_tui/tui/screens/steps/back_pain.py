"""Step 7: the back-pain profile, every warning sign (red flag) that can apply to this person, and, for someone
with back pain, the optional Keele STarT Back questionnaire (``base`` asks it; it is shown once pain is ticked).

An emergency answer interrupts at once with a modal that says what to do now; the person may then
finish, and the flag leads the result.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from nutri_tui.engine.guidance import questions_for
from nutri_tui.engine.steps import answers_so_far, flags_still_to_answer
from nutri_tui.models.answers import Answers
from nutri_tui.questionnaire import Question
from nutri_tui.reports.plan import interruption
from nutri_tui.tui.screens.red_flag_modal import RedFlagModal
from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.widgets.answer_row import AnswerRow
from nutri_tui.tui.widgets.choice import YesNoQuestion


class BackPainStep(StepForm):
    def ask(self, question: Question, saved: dict[str, Any]) -> ComposeResult:
        if question.kind != "red_flags":
            yield from super().ask(question, saved)
            return
        yield Static(question.text, classes="question heading", markup=False)
        answers = saved.get(question.name, {})
        for flag in self.content.red_flags.values():
            yield YesNoQuestion(flag.question, flag.id, question.choices, answers.get(flag.id))

    def answer(self, question: Question) -> Any:
        if question.kind != "red_flags":
            return super().answer(question)
        return {q.key: q.value for q in self.descendants(YesNoQuestion) if q.value is not None and q.display}

    def _wordings(self) -> dict[str, str | None]:
        """Each warning sign's question for this person (None: it cannot apply), from the steps answered so far
        and this step's own answers (neck pain ticked, a recent spine operation, a sign a follow-up depends on)."""
        self.answers_now()
        return self._wordings_cache

    def answers_now(self) -> Answers:
        """The answers so far with this step's (read once per change of them): what decides which warning signs
        apply, and whether the back-pain questionnaire is asked (back pain ticked)."""
        sections = {name: values for name, values in self.flow.state.sections.items() if name != "back_pain"}
        here = self._answered_here()
        key = repr((sorted((name, sorted(values.items(), key=str)) for name, values in sections.items()), here))
        if key != getattr(self, "_wordings_key", None):
            answers = answers_so_far(self.flow.state.sections, "back_pain", here, self.content)
            self._wordings_key, self._answers_now = key, answers
            self._wordings_cache = questions_for(answers, self.content)
        return self._answers_now

    def _answered_here(self) -> dict[str, Any]:
        """The answers on this step that decide which warning signs apply, as the answers file holds them."""
        here: dict[str, Any] = {
            "red_flags": {q.key: q.value for q in self.descendants(YesNoQuestion) if q.value is not None and q.display}
        }
        for question in self.step.questions:
            if question.kind not in ("red_flags", "instrument"):  # the questionnaire decides nothing here
                value = super().answer(question)
                if value is not None and question.name != "intensity":
                    here[question.name] = value
        return here

    def sync(self) -> None:
        """Ask only the warning signs that can apply to this person, in the wording that fits them."""
        wordings = self._wordings()
        for question in self.descendants(YesNoQuestion):
            wording = wordings.get(question.key, question.question)
            question.display = wording is not None
            if wording is not None and wording != question.question:
                question.question = wording
                question.refresh(layout=True)
        self.sync_instruments()  # the back-pain questionnaire: asked once back pain is ticked

    def extra_unanswered(self, values: dict[str, Any]) -> Widget | None:
        return next((q for q in self.descendants(YesNoQuestion) if q.display and q.value is None), None)

    def extra_problems(self, values: dict[str, Any]) -> list[str]:
        problem = flags_still_to_answer(
            sum(1 for q in self.descendants(YesNoQuestion) if q.display and q.value is None)
        )
        return [problem] if problem else []

    @on(AnswerRow.Changed)
    def _red_flag_answered(self, event: AnswerRow.Changed) -> None:
        """Yes, or "not sure", to an emergency sign: say what to do at once (not sure is acted on as yes)."""
        if not isinstance(event.row, YesNoQuestion):  # a questionnaire's answer: no warning sign to act on
            return
        flag_id = (event.row.id or "").removeprefix("flag-")
        flag = self.content.red_flags.get(flag_id)
        self._ask_follow_up(event.row)
        words = interruption(flag, event.value, event.row.question) if flag is not None else None
        if words is not None:
            self.app.push_screen(RedFlagModal(words))

    def _ask_follow_up(self, answered: AnswerRow) -> None:
        """A sign whose question follows from this answer (cancer, then nerve symptoms) appears just below it;
        the keys go there next. Answering has already moved on past it (it was hidden then), so focus comes
        back to it, unless the person has already answered the question they moved on to."""
        rows = self.descendants(YesNoQuestion)
        hidden = {row.key for row in rows if not row.display}
        self.sync()
        if answered not in rows:
            return
        below = next((row for row in rows[rows.index(answered) + 1 :] if row.display), None)
        if below is None or below.key not in hidden or below.value is not None:
            return
        focused = self.screen.focused
        if focused is answered or not isinstance(focused, YesNoQuestion) or focused.value is None:
            self.screen.set_focus(below)  # at once: a key read next is for the follow-up, not the sign after it
