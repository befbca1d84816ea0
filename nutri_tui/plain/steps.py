"""One wizard step in plain mode: which of its questions are asked, in what order, and what the step stores.

The rules are the app's, from the headless layers: a question an earlier answer settles is not asked
(:func:`nutri_tui.questionnaire.not_asked_answer`: a vegetarian's meat, pregnancy for a man), the warning signs
that apply to this person are asked in their wording for them, a follow-up as soon as the answer it depends
on is given (:mod:`nutri_tui.engine.steps`), an optional questionnaire only to those it applies to. One rule
is plain mode's own: with no pain ticked, the back-pain profile (how far it spreads, how long, what started it,
the pain score) cannot apply and is not asked; the app shows it, optional, and stores the same answers.
What a step stores is built as the app's form collects it, so both save the same answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from nutri_tui.content.choices import medicine_rows
from nutri_tui.engine.steps import (
    ASKED_WITH_PAIN,
    answers_so_far,
    flag_questions,
    flags_still_to_answer,
    instrument_applies,
    required,
    step_answers,
    still_to_answer,
)
from nutri_tui.models.answers import Answers
from nutri_tui.plain.asking import Asking, ask_choice, ask_number
from nutri_tui.plain.console import Console
from nutri_tui.plain.lists import ask_list, ask_supplements, rows_for
from nutri_tui.questionnaire import Question, Step, answer_keys, as_asked, not_asked_answer
from nutri_tui.reports.instruments import instrument_status
from nutri_tui.reports.plan import interruption

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.flow import WizardFlow

FLAG_KEYS = {"y": "yes", "n": "no", "s": "dont_know"}
"""A warning sign's answer by its letter, as the app's keys give it."""
START = {"yes": "Yes", "no": "No"}
LISTS = ("ticks", "medicines", "conditions", "symptoms")


class Ask(NamedTuple):
    """One line asked: a question, one warning sign (``part``: its id), or an optional questionnaire (whether to
    answer it, then each of its items: ``part`` the item's id)."""

    key: str
    question: Question
    part: str = ""
    text: str = ""


class StepAnswers:
    """One step being answered: its answers so far (``here``, by question name), and asking its questions."""

    def __init__(self, console: Console, flow: WizardFlow, step: Step) -> None:
        self.console, self.flow, self.step = console, flow, step
        self.content: Content = flow.content
        saved = flow.state.sections.get(step.section, {})  # read only: counting a later step must not add it
        self.here: dict[str, Any] = {q.name: saved[q.name] for q in step.questions if q.name in saved}
        self.answering: set[str] = {q.name for q in step.questions if q.kind == "instrument" and self.here.get(q.name)}
        """The optional questionnaires the person chose to answer."""

    # --- what is asked ------------------------------------------------------------------------------

    @property
    def sections(self) -> dict[str, dict[str, Any]]:
        return self.flow.state.sections

    def answers_now(self) -> Answers:
        """The answers so far with this step's, a warning sign that no longer applies left out."""
        here = dict(self.here)
        given = here.get("red_flags")
        answers = answers_so_far(self.sections, self.step.section, here, self.content)
        if isinstance(given, dict) and given:
            asked = flag_questions(answers, self.content)
            here["red_flags"] = {flag: answer for flag, answer in given.items() if flag in asked}
            answers = answers_so_far(self.sections, self.step.section, here, self.content)
        return answers

    def asks(self) -> list[Ask]:
        """Every line this step asks now, given the answers so far, in order."""
        found: list[Ask] = []
        answers = Answers()
        read = False  # the answers so far are validated once, and only on a step that needs them
        for question in self.step.questions:
            if not_asked_answer(question, self.sections, self.here) is not None:
                continue
            if self.step.id == "back_pain" and question.name in ASKED_WITH_PAIN and not self.here.get("areas"):
                continue  # no pain now: how far it spreads, how long, what started it and how much cannot apply
            if question.kind in ("red_flags", "instrument") and not read:
                answers, read = self.answers_now(), True
            if question.kind == "red_flags":
                found += [
                    Ask(f"red_flags.{flag}", question, flag, text)
                    for flag, text in flag_questions(answers, self.content).items()
                ]
            elif question.kind == "instrument":
                instrument = self.content.instrument_asking(question.field)
                if instrument is None or not instrument_applies(question, answers, self.content):
                    continue
                found.append(Ask(question.name, question))
                if question.name in self.answering:
                    found += [Ask(f"{question.name}.{i.id}", question, i.id, i.text) for i in instrument.item]
            else:
                found.append(Ask(question.name, question, text=as_asked(question, self.sections).text))
        return found

    def unanswered(self, ask: Ask) -> bool:
        """Whether a line asked must still be answered: a warning sign, or a required question, not answered."""
        if ask.question.kind == "red_flags":
            return ask.part not in (self.here.get("red_flags") or {})
        if ask.part or ask.question.kind == "instrument":
            return False
        return ask.question.name in required(self.step, self.here) and self.here.get(ask.question.name) is None

    def answered(self, ask: Ask) -> bool:
        return not self.unanswered(ask)

    # --- what is stored ------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """This step's answers as the app's form collects them (None: not answered)."""
        values: dict[str, Any] = {}
        asked = {ask.key for ask in self.asks()}
        for question in self.step.questions:
            settled = not_asked_answer(question, self.sections, self.here)
            value = self.here.get(question.name)
            if settled is not None:
                values[question.name] = settled
            elif question.kind == "red_flags":
                values[question.name] = {
                    flag: answer for flag, answer in (value or {}).items() if f"red_flags.{flag}" in asked
                }
            elif question.kind == "instrument":
                values[question.name] = dict(value or {}) if question.name in asked else {}
            elif question.kind == "ticks":
                values[question.name] = [key for key in question.choices if key in (value or ())]
            elif question.kind in LISTS:
                values[question.name] = sorted(value or ())
            elif question.kind == "supplements":
                values[question.name] = list(value or ())
            elif question.name not in asked:
                values[question.name] = None
            elif question.kind == "choice":  # the app's form holds a choice's default until it is changed
                value = self.here.get(question.name, question.default)
                values[question.name] = bool(value) if question.yes_no_flag else value
            else:
                values[question.name] = value
        return values

    def stored(self) -> dict[str, Any]:
        """What the step stores; ValueError (one line) if the section's model refuses it."""
        saved = self.flow.state.sections.get(self.step.section, {})
        return step_answers(self.step, saved, self.values(), self.content)

    def partial(self) -> dict[str, Any]:
        """What is answered so far, for a draft when input ends mid-step."""
        return {name: value for name, value in self.here.items() if value is not None}

    # --- asking ---------------------------------------------------------------------------------------

    def run(self, prefix: Callable[[int], str], skip: Callable[[Ask], bool] = lambda ask: False) -> None:
        """Ask every line that applies, in order, as earlier answers on the step decide; ``skip`` leaves out lines
        that were already there when asking began (a change in the review asks only its question and what it
        brings in). ``prefix(lines still to ask)`` introduces each line ("Question 4 of 38: ")."""
        done = {ask.key for ask in self.asks() if skip(ask)}
        while True:
            pending = [ask for ask in self.asks() if ask.key not in done]
            if not pending:
                return
            ask = pending[0]
            self.ask(ask, prefix(len(pending)))
            done.add(ask.key)

    def ask(self, ask: Ask, prefix: str) -> None:
        question = ask.question
        if question.kind == "red_flags":
            self._flag(ask, prefix)
        elif question.kind == "instrument":
            self._instrument(ask, prefix)
        elif question.kind == "choice":
            self._choice(ask, prefix)
        elif question.kind == "number":
            missing = still_to_answer(self.step, {**self.here, question.name: None}, lambda q: q is question)
            self.here[question.name] = ask_number(
                self.console,
                Asking(prefix, self.step.help),
                ask.text,
                question.review,
                (question.minimum, question.maximum),
                self.here.get(question.name),
                missing,
            )
        elif question.kind in LISTS:
            current = list(self.here.get(question.name) or ())
            if question.kind == "medicines":  # a brand in an answers file is ticked as its row
                current = medicine_rows(current, self.content)
            rows = rows_for(question, self.content)
            self.here[question.name] = ask_list(
                self.console, Asking(prefix, self.step.help), question, rows, current, self.content
            )
        elif question.kind == "supplements":
            given = list(self.here.get(question.name) or ())
            asking = Asking(prefix, self.step.help)
            self.here[question.name] = ask_supplements(self.console, asking, question, given, self.content)
        else:
            raise NotImplementedError(f"plain mode must ask {question.field} ({question.kind})")

    def _choice(self, ask: Ask, prefix: str) -> None:
        question = ask.question
        current = self.here.get(question.name, question.default)
        if question.yes_no_flag:
            current = "yes" if current else "no"
        missing = still_to_answer(self.step, {**self.here, question.name: None}, lambda q: q is question)
        answer = ask_choice(self.console, Asking(prefix, self.step.help), ask.text, question.choices, current, missing)
        self.here[question.name] = (answer == "yes") if question.yes_no_flag else answer

    def _flag(self, ask: Ask, prefix: str) -> None:
        """A warning sign; an emergency answered yes or not sure is said at once, in the app's dialog's words."""
        flag = self.content.red_flags[ask.part]
        given = dict(self.here.get("red_flags") or {})
        answer = ask_choice(
            self.console,
            Asking(prefix, flag.meaning),
            f"Warning sign: {ask.text}",
            ask.question.choices,
            given.get(ask.part),
            flags_still_to_answer(1),
            also=FLAG_KEYS,
        )
        assert answer is not None  # a warning sign must be answered: ask_choice asks until it is
        given[ask.part] = answer
        self.here["red_flags"] = given
        words = interruption(flag, answer, ask.text)
        if words is not None:
            lines = (words.said, words.preface, words.advice, words.why, words.after)
            self.console.say(f"{words.title}.", *(line for line in lines if line))
            self.console.say("Press Enter when you have read this.")
            self.console.read()

    def _instrument(self, ask: Ask, prefix: str) -> None:
        question = ask.question
        instrument = self.content.instrument_asking(question.field)
        assert instrument is not None  # asks() lists only questionnaires the content has
        given = dict(self.here.get(question.name) or {})
        asking = Asking(prefix, instrument.purpose)
        if not ask.part:
            text = f"{instrument.name}. {question.text} Answer them now?"
            start = ask_choice(
                self.console, asking, text, START, "yes" if given else "no", also={"y": "yes", "n": "no"}
            )
            if start == "yes":
                self.answering.add(question.name)
            else:
                self.answering.discard(question.name)
                given = {}
            self.here[question.name] = given
            return
        item = next(i for i in instrument.item if i.id == ask.part)
        options = {a.id: a.text for a in instrument.answers_to(item)}
        text = f"{instrument.stem} {item.number} of {len(instrument.item)}: {item.text}"
        answer = ask_choice(
            self.console, asking, text, options, given.get(item.id), keys=answer_keys(options), blank="leave it blank"
        )
        if answer is None:
            given.pop(item.id, None)
        else:
            given[item.id] = answer
        self.here[question.name] = given
        if item is instrument.item[-1]:
            mark = " †" if instrument.attribution_unverified else ""
            self.console.say(instrument_status(instrument, given), f"{instrument.name}: {instrument.attribution}{mark}")
