"""Plain mode from start to finish: resume or start, the seven steps, the review, the result.

The course is the app's (:class:`nutri_tui.flow.WizardFlow`): the same draft is written after every step, the
same session when the result is worked out, and the draft is gone once it is saved. Input that ends early
(Ctrl+D, or the end of a piped file) or Ctrl+C keeps every answer given so far in the draft, says so in one
line, and ends with a non-zero status.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from nutri_tui.flow import DraftProblem, WizardFlow
from nutri_tui.paths import peek_draft_step, read_disclaimer
from nutri_tui.plain.asking import Asking, ask_choice, read_answer
from nutri_tui.plain.console import Console
from nutri_tui.plain.steps import Ask, StepAnswers
from nutri_tui.questionnaire import REVIEW, STEPS, not_asked, not_asked_answer, step, step_index
from nutri_tui.reports.answers_summary import answer_lines
from nutri_tui.reports.text import plain_lines
from nutri_tui.text import escaped

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.questionnaire import Question, Step
    from nutri_tui.storage import Storage

EXIT_OK = 0
EXIT_UNFINISHED = 1
"""Input ended before the result, or the result could not be saved."""
EXIT_INTERRUPTED = 130
"""Ctrl+C, as a shell reports it."""

WELCOME = (
    "nutri-tui, plain mode: the questions one line at a time, for a screen reader or a braille display.",
    "Type an answer and press Enter; type ? for why a question is asked. Your answers are saved after every step: "
    "stop at any time with Ctrl+D and run nutri-tui --plain again to carry on.",
)
REVIEW_HELP = (
    "Every answer is listed with its number. Changing one asks that question again, and any question the new "
    "answer brings in. Nothing is worked out until you press Enter here."
)


RESUMING = Asking("", "Your answers are saved after every step, so you can carry on where you stopped.")


def _nothing(ask: Ask) -> bool:
    return False


def _titled(each: Step) -> Callable[[int], str]:
    """Introduces a question by its step's name (where "Question 4 of 38" would not mean anything)."""
    return lambda pending: f"{each.title}: "


class Course:
    def __init__(self, console: Console, content: Content, storage: Storage) -> None:
        self.console, self.content, self.storage = console, content, storage
        self.flow: WizardFlow | None = None
        self.answering: StepAnswers | None = None
        """The step being answered, whose answers a draft keeps if input ends."""
        self.asked = 0
        """Questions asked so far (what "Question N of M" counts)."""
        self.finished = False
        """The result is worked out (and saved, or said why not): nothing is left for a draft."""

    # --- start -------------------------------------------------------------------------------------

    def run(self) -> int:
        self.console.say(*WELCOME, read_disclaimer())
        flow = self._start()
        if isinstance(flow, int):
            return flow
        self.flow = flow
        self.asked = sum(len(StepAnswers(self.console, flow, s).asks()) for s in STEPS[: self._position()])
        while flow.step != REVIEW:
            here = step(flow.step)
            self._say_step(here)
            stored = self._answer(here, self._numbered)
            flow.done(here.id, stored, back_to_review=False)
            self._save()
        return self._review()

    def _start(self) -> WizardFlow | int:
        """A new run, or the unfinished one; an exit status when there is none to run (a draft that cannot be
        resumed, left as it is; one that cannot be set aside)."""
        stopped = peek_draft_step(self.storage.root)
        if stopped is None or not self._resume_wanted(stopped):
            return self._new(keep=False)
        try:
            flow = WizardFlow.resume(self.content, self.storage)
        except DraftProblem as problem:
            options = {"new": "Start again (the file is kept, renamed draft.broken-<date>.toml)", "quit": "Quit"}
            text = f"Your unfinished answers cannot be resumed: {problem}."
            if ask_choice(self.console, RESUMING, text, options, "quit", also={"s": "new", "q": "quit"}) == "quit":
                self.console.say("Your unfinished answers are left as they are.")
                return EXIT_OK
            return self._new(keep=True)
        return flow if flow is not None else self._new(keep=False)

    def _resume_wanted(self, stopped: str) -> bool:
        where = "the review" if stopped == REVIEW else next((s.title for s in STEPS if s.id == stopped), "the start")
        options = {"resume": "Resume them", "new": "Start again (they are discarded)"}
        text = f"You have unfinished answers (stopped at {where})."
        return ask_choice(self.console, RESUMING, text, options, "resume", also={"r": "resume", "n": "new"}) == "resume"

    def _new(self, keep: bool) -> WizardFlow | int:
        """A fresh run; an unfinished draft is set aside as the app does (``keep``: renamed, not deleted)."""
        from nutri_tui.storage import StorageError

        try:
            return WizardFlow.start(self.content, self.storage, keep_draft=keep)
        except (OSError, StorageError) as error:
            self.console.say(f"Your unfinished answers could not be set aside: {error}")
            return EXIT_UNFINISHED

    def _position(self) -> int:
        assert self.flow is not None
        return len(STEPS) if self.flow.step == REVIEW else step_index(self.flow.step)

    # --- the steps ---------------------------------------------------------------------------------

    def _say_step(self, here: Step) -> None:
        assert self.flow is not None
        number = step_index(here.id) + 1
        known = not_asked(here.questions, self.flow.state.sections, where=False)
        self.console.say("", f"Step {number} of {len(STEPS)}: {here.title}.", *([known] if known else []))

    def _numbered(self, pending: int) -> str:
        """ "Question 4 of 38: ": those asked, this one, those left on this step and the steps after it."""
        assert self.flow is not None
        later = sum(len(StepAnswers(self.console, self.flow, s).asks()) for s in STEPS[self._position() + 1 :])
        self.asked += 1
        return f"Question {self.asked} of {self.asked + pending - 1 + later}: "

    def _answer(self, here: Step, prefix: Callable[[int], str], skip: Callable[[Ask], bool] = _nothing) -> dict:
        """Ask a step's questions until its answers can be stored (the app's checks), and return them."""
        assert self.flow is not None
        self.answering = StepAnswers(self.console, self.flow, here)
        while True:
            self.answering.run(prefix, skip)
            try:
                stored = self.answering.stored()
            except ValueError as error:
                self.console.say(f"Please check this step's answers: {error}")
                skip = _nothing  # ask the whole step again, with its answers as they are now
                continue
            self.answering = None
            return stored

    def _save(self) -> None:
        assert self.flow is not None
        problem = self.flow.write_draft(self.flow.draft())
        if problem:
            self.console.say(problem)

    def _complete(self) -> None:
        """Ask anything a later answer made necessary and left unanswered (a warning sign that now applies)."""
        assert self.flow is not None
        for each in STEPS:
            answering = StepAnswers(self.console, self.flow, each)
            if not any(answering.unanswered(ask) for ask in answering.asks()):
                continue
            self.console.say(f"{each.title}: still to answer.")
            stored = self._answer(each, _titled(each), answering.answered)
            self.flow.done(each.id, stored, back_to_review=True)
            self._save()

    # --- the review and the result ----------------------------------------------------------------

    def _entries(self) -> list[tuple[Step, Question]]:
        return [(s, q) for s in STEPS for q in s.questions]

    def _say_review(self) -> None:
        assert self.flow is not None
        self.console.say("", "Review your answers. Each is numbered; type its number to change it.")
        sections = self.flow.state.sections
        last = None
        for number, (each, question) in enumerate(self._entries(), 1):
            if each is not last:
                self.console.say(f"{each.title}:")
                last = each
            first, *more = (line.strip().removeprefix("‼ ") for line in answer_lines(question, sections, self.content))
            # One number a question: the lines after the first (the warning signs answered yes, under their
            # count) are items of it, not numbered again (43 said twice read as two answers to change).
            self.console.say(f"{number}. {first}", *(f"- {line}" for line in more))

    def _review(self) -> int:
        assert self.flow is not None
        self._complete()
        self._say_review()
        entries = self._entries()
        asking = Asking("", REVIEW_HELP)
        question = (
            f"Type a number from 1 to {len(entries)} to change that answer, list to hear them all again, or press "
            "Enter to see your result."
        )
        while True:
            reply = read_answer(self.console, question, asking).casefold()
            if not reply:
                made = self._finish()
                if made is not None:
                    return made
                continue
            if reply == "list":
                self._say_review()
            elif reply.isdigit() and 1 <= int(reply) <= len(entries):
                self._change(*entries[int(reply) - 1])
            else:
                self.console.say(f"Please type a number from 1 to {len(entries)}, list, or press Enter.")

    def _change(self, each: Step, question: Question) -> None:
        assert self.flow is not None
        sections = self.flow.state.sections
        if not_asked_answer(question, sections, sections.get(each.section, {})) is not None:
            line = answer_lines(question, sections, self.content)[0]
            self.console.say(f"{line}: this follows from another answer; change that one instead.")
            return
        key = question.name
        stored = self._answer(each, _titled(each), lambda a: not (a.key == key or a.key.startswith(f"{key}.")))
        self.flow.done(each.id, stored, back_to_review=True)
        self._save()
        self._complete()
        for line in answer_lines(question, self.flow.state.sections, self.content):
            self.console.say(f"Now: {line.strip().removeprefix('‼ ')}")

    def _finish(self) -> int | None:
        """Work out the result and save it; None (back to the review) if an answer does not validate."""
        assert self.flow is not None
        try:
            made = self.flow.finish()
        except ValueError as error:
            self.console.say(f"Please check your answers: {error}")
            return None
        self.finished = True
        self.console.say("", "Your result.", *plain_lines(made.session.result, self.content), "")
        if made.path is None:
            self.console.say(made.note)
            return EXIT_UNFINISHED
        self.console.say(f"Saved to your past results: {escaped(made.path)}")
        return EXIT_OK

    # --- stopping early ----------------------------------------------------------------------------

    def stopped(self, why: str) -> str:
        """Keep what is answered in the draft; the one line that says what happened to it."""
        flow, answering = self.flow, self.answering
        if self.finished:
            return f"{why}: your result was worked out; see Past results in the app or nutri-tui sessions."
        if flow is None:
            return f"{why}: your unfinished answers are kept as they were."
        if answering is not None and answering.partial():
            flow.keep(answering.step.id, answering.partial())
        if not flow.dirty and not any(flow.state.sections.values()):
            return f"{why}: nothing was answered, so nothing was saved."
        problem = flow.write_draft(flow.draft())
        if problem:
            return f"{why}: {problem}"
        where = "the review" if flow.step == REVIEW else step(flow.step).title
        return f"{why}: your answers so far are saved; run nutri-tui --plain again to carry on ({where})."
