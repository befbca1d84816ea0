"""A wizard step's form, built from :mod:`nutri_tui.questionnaire` by one loop: prefill, collect, check.

A step is a form (a scrolling container), not a screen: :class:`~nutri_tui.tui.screens.wizard.WizardScreen`
holds all seven and shows one at a time, with the progress line, Back/Next and the problems line.
Each question's ``kind`` says which widget asks it; a step with a question no loop can ask (the
supplement amounts, the warning signs) or a rule between answers (pregnancy is asked only of those it
can apply to) is a small subclass in this folder. A question an earlier step's answer settles
(``Question.known``: a vegetarian's meat is "never") needs none: this form hides it, answers it, and says why.
The rules themselves (what applies, what is required, what a step stores) are headless, in
:mod:`nutri_tui.engine.steps` and :mod:`nutri_tui.questionnaire`, which plain mode asks by too: a form only
reads its widgets and hands the values to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from nutri_tui.content.choices import list_choices, medicine_rows
from nutri_tui.engine.instruments import asked_here
from nutri_tui.engine.steps import answers_so_far, required, step_answers, still_to_answer
from nutri_tui.models.answers import Answers
from nutri_tui.questionnaire import Question, Step, as_asked, known_answer, not_asked
from nutri_tui.reports.instruments import instrument_status
from nutri_tui.tui.screens.steps.instrument import instrument_block
from nutri_tui.tui.widgets.choice import Choice
from nutri_tui.tui.widgets.filtered_selection import FilteredSelection
from nutri_tui.tui.widgets.number import NumberField

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.flow import WizardFlow

W = TypeVar("W", bound=Widget)

LISTS = ("ticks", "medicines", "conditions", "symptoms")
"""Question kinds answered by ticking items in a list."""
ANSWER_WIDGETS = "Input, Choice, NumberField, SelectionList, OptionRow"
"""The widgets a person answers with (the first one shown gets focus when the step is shown)."""


class StepForm(VerticalScroll):
    """One wizard step's questions, asked in the questionnaire's order."""

    def __init__(self, step: Step, flow: WizardFlow) -> None:
        super().__init__(id=f"step-{step.id}", classes="form")
        self.step = step
        self.flow = flow
        self.content: Content = flow.content
        self._found: dict[tuple[int, object], tuple[Any, ...]] = {}

    def descendants(self, selector: str | type[W]) -> tuple[W, ...]:
        """What ``self.query(selector)`` finds, in the same order, looked for again only once the form's widgets change.

        Why: a query walks every widget of the form and matches the selector against each (the back-pain form has
        about 60: 1 ms a query), and a step switch or a key ran a dozen. A form's widgets are made once, in
        ``compose``, so the answer seldom changes; it is keyed, as Textual keys its own ``query_one`` cache, on
        the count of changes to the widgets below this one (``_nodes._updates``, which mounting, removing, showing
        or hiding any of them raises: a hidden question is found again once shown). Where a Textual lacks that
        count, every call queries.
        """
        updates = getattr(self._nodes, "_updates", None)
        key = (updates, selector)
        found = self._found.get(key) if updates is not None else None
        if found is None:
            found = tuple(self.query(selector))
            if updates is not None:
                self._found = {k: v for k, v in self._found.items() if k[0] == updates}  # what holds now
                self._found[key] = found
        return found

    @property
    def saved(self) -> dict[str, Any]:
        """This step's section as saved so far (prefills the form)."""
        return self.flow.section(self.step.section)

    # --- building -------------------------------------------------------------------------

    @property
    def follows(self) -> bool:
        """Whether an earlier answer can settle or reword one of this step's questions (a diet pattern)."""
        return any(question.follows for question in self.step.questions)

    def compose(self) -> ComposeResult:
        saved = self.saved
        if self.follows:  # says what is not asked and why ("You said you are vegetarian, so ...")
            yield Static("", id=f"known-{self.step.id}", classes="note known", markup=False)
        for question in self.step.questions:
            yield from self.ask(as_asked(question, self.flow.state.sections), saved)

    def ask(self, question: Question, saved: dict[str, Any]) -> ComposeResult:
        """The widgets that ask one question, prefilled from what was saved."""
        value = saved.get(question.name, question.default)
        if question.kind == "choice":
            if question.yes_no_flag:
                value = "yes" if value else "no"
            yield Choice(question.text, question.field, question.choices, value, id=question.name)
        elif question.kind == "number":
            yield NumberField(
                question.text, question.name, value, question.minimum, question.maximum, question.placeholder
            )
        elif question.kind in LISTS:
            yield Static(question.text, classes="question", markup=False)
            selected = set(saved.get(question.name, ()))
            if question.kind == "medicines":  # "Losec" or "ppi" in an answers file: the row that ticks it
                selected = set(medicine_rows(selected, self.content))
            if question.kind == "ticks":
                items = [(key, text, text) for key, text in question.choices.items()]
                yield FilteredSelection(items, selected, filterable=False, id=question.name)
            else:
                items = [tuple(row) for row in list_choices(question.kind, self.content)]
                yield FilteredSelection(items, selected, question.placeholder, id=question.name)  # type: ignore[arg-type]
        elif question.kind == "instrument":  # a validated questionnaire, in its own words (optional)
            instrument = self.content.instrument_asking(question.field)
            if instrument is not None:
                yield instrument_block(question, instrument, saved.get(question.name) or {})
        else:
            raise NotImplementedError(f"{type(self).__name__} must ask {question.field} ({question.kind})")

    # --- reading the answers ----------------------------------------------------------------

    def collect(self) -> dict[str, Any]:
        """The values on the form; None for a question not yet answered."""
        return {question.name: self.answer(question) for question in self.step.questions}

    def answer(self, question: Question) -> Any:
        known = known_answer(question, self.flow.state.sections)
        if known is not None:  # not asked: an earlier answer settles it (a vegetarian's meat is "never")
            return known
        if question.kind == "choice":
            value = self.query_one(f"#{question.name}", Choice).value
            return value == "yes" if question.yes_no_flag else value
        if question.kind == "number":
            return self.query_one(f"#{question.name}", NumberField).value
        if question.kind in LISTS:
            selected = self.query_one(f"#{question.name}", FilteredSelection).selected
            if question.kind == "ticks":
                return [key for key in question.choices if key in selected]  # in the order they are offered
            return sorted(selected)
        if question.kind == "instrument":  # only the questions answered; none while it is not asked
            block = self.query_one_optional(f"#{question.name}")
            if block is None or not block.display:
                return {}
            rows = self.descendants(f"#{question.name} ScaleQuestion")
            return {row.key: row.value for row in rows if row.value is not None}
        raise NotImplementedError(f"{type(self).__name__} must read {question.field} ({question.kind})")

    def sync(self) -> None:
        """Show or hide questions that depend on other answers (called before every check, and when the step
        is shown): a question an earlier step's answer settles is hidden, and one it rewords is asked anew;
        a questionnaire is shown only to those it applies to, with how much of it is answered."""
        self.sync_instruments()
        if not self.follows:
            return
        sections = self.flow.state.sections
        for question in self.step.questions:
            if not question.follows:
                continue
            widget = self.query_one(f"#{question.name}")
            show(widget, known_answer(question, sections) is None)
            text = as_asked(question, sections).text
            if isinstance(widget, Choice | NumberField) and widget.question != text:
                widget.question = text
                widget.refresh(layout=True)
        note = self.query_one(f"#known-{self.step.id}", Static)
        words = not_asked(self.step.questions, sections)
        if str(note.content) != words:
            note.update(words)
        show(note, bool(words))

    def sync_instruments(self) -> None:
        """Show a questionnaire only to those it applies to (``ask_when``), and say how much of it is answered."""
        for question in self.step.questions:
            if question.kind != "instrument":
                continue
            instrument = self.content.instrument_asking(question.field)
            block = self.query_one_optional(f"#{question.name}", Vertical)
            if instrument is None or block is None:
                continue
            show(block, not instrument.ask_when or asked_here(instrument, self.answers_now()))
            status = self.descendants(f"#{question.name} .instrument-status")[0]
            words = instrument_status(instrument, self.answer(question))
            if str(status.content) != words:
                status.update(words)

    def answers_now(self) -> Answers:
        """Every answer so far with this step's as they stand on the form (what decides whether a questionnaire
        applies); the answers without this step's if they do not validate yet."""
        return answers_so_far(self.flow.state.sections, self.step.section, self.collect(), self.content)

    def first_question(self) -> Widget | None:
        return next((widget for widget in self.descendants(ANSWER_WIDGETS) if widget.display), None)

    # --- checking ---------------------------------------------------------------------------

    def shown(self, question: Question) -> bool:
        """Whether the question is asked now (a question that cannot apply is hidden)."""
        widget = self.query_one_optional(f"#{question.name}")
        return widget is None or widget.display

    def problems(self) -> list[str]:
        """What stops Next, in the words every front end uses (:mod:`nutri_tui.engine.steps`)."""
        values = self.collect()
        missing = still_to_answer(self.step, values, self.shown)
        found = [missing] if missing else []
        for question in self.step.questions:
            if question.kind == "number":
                found += self.query_one(f"#{question.name}", NumberField).problem(question.review)
        found += self.extra_problems(values)
        if not found:
            try:
                self.validated(values)
            except ValueError as error:
                found.append(str(error))
        return found

    def extra_problems(self, values: dict[str, Any]) -> list[str]:
        return []

    def first_unanswered(self) -> Widget | None:
        """The first question still to answer, or holding a number that cannot be right: where Next takes
        the person when the step is not complete."""
        values = self.collect()
        needed = required(self.step, values)
        for question in self.step.questions:
            widget = self.query_one_optional(f"#{question.name}")
            if widget is None or not widget.display:
                continue
            if question.name in needed and values.get(question.name) is None:
                return widget
            if isinstance(widget, NumberField) and widget.problem(question.review):
                return widget
        return self.extra_unanswered(values)

    def extra_unanswered(self, values: dict[str, Any]) -> Widget | None:
        """A form with its own checks names the first question they are about."""
        return None

    def validated(self, values: dict[str, Any]) -> dict[str, Any]:
        """Check this step's values with the section's model; returns what to store."""
        return step_answers(self.step, self.saved, values, self.content)


def show(widget: Widget, shown: bool) -> None:
    """Show or hide a widget, laying the form out again only when that changes (sync runs on every key)."""
    if widget.display != shown:
        widget.display = shown
