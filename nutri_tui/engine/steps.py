"""A wizard step's rules between answers, for every front end: the app's step forms and plain mode.

Which questions apply to this person now (pregnancy, each warning sign, an optional questionnaire), which
are required with the answers given so far (the back-pain profile once pain is ticked), what "Still to
answer" says, a step's answers checked with its section's model, and what a step stores. A front end asks
its questions its own way (widgets, or one line at a time) and calls these, so a rule is written once and
the two cannot drift apart. Answers are the step's values as section dicts (``{"sex": "male"}``), None for a
question not answered yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from nutri_tui.content import Content
from nutri_tui.content.supplements import implausible
from nutri_tui.engine.guidance import questions_for
from nutri_tui.engine.instruments import asked_here
from nutri_tui.models.answers import About, Answers, BackPain, Diet, Health, Lifestyle, Sun, Supplement
from nutri_tui.questionnaire import Question, Step
from nutri_tui.text import validation_message

SECTION_MODELS: dict[str, type[BaseModel]] = {
    "about": About,
    "sun": Sun,
    "diet": Diet,
    "lifestyle": Lifestyle,
    "health": Health,
    "back_pain": BackPain,
}
ASKED_WITH_PAIN = ("leg_spread", "duration", "cause", "intensity")
"""Back-pain questions that must be answered when the person has pain now (none ticked: no pain)."""
MAX_SUPPLEMENT = 100_000
"""A typing-error guard on a supplement's amount only: the answers model and the upper limits judge real ones."""


def answers_so_far(
    sections: Mapping[str, Mapping[str, Any]], section: str, here: Mapping[str, Any], content: Content
) -> Answers:
    """Every answer so far, with this step's section as ``here`` holds it: what decides whether a warning sign or
    a questionnaire applies. Without this step's answers if they do not validate yet; no answers if neither does
    (then everything is asked)."""
    others = {name: dict(values) for name, values in sections.items() if name != section}
    given = {key: value for key, value in here.items() if value is not None}
    for candidate in ({**others, section: given}, others):
        try:
            return Answers.model_validate(candidate, context={"content": content})
        except ValidationError:
            continue
    return Answers()


def flag_questions(answers: Answers, content: Content) -> dict[str, str]:
    """The warning signs asked of this person, in content order, each as worded for them (by flag id)."""
    return {flag_id: text for flag_id, text in questions_for(answers, content).items() if text is not None}


def instrument_applies(question: Question, answers: Answers, content: Content) -> bool:
    """Whether an optional questionnaire is asked of this person (STarT Back: only with back pain ticked)."""
    instrument = content.instrument_asking(question.field)
    return instrument is not None and asked_here(instrument, answers)


def required(step: Step, values: Mapping[str, Any]) -> frozenset[str]:
    """The questions (by name) these answers make required: those always required, and on the back-pain step the
    profile once pain is ticked."""
    needed = {question.name for question in step.questions if question.required}
    if step.id == "back_pain" and values.get("areas"):
        needed.update(ASKED_WITH_PAIN)
    return frozenset(needed)


def missing_label(question: Question) -> str:
    """How "Still to answer" names a question: its review wording, or the back-pain profile's own question."""
    if question.field == "back_pain.intensity":
        return "pain score"
    if question.section == "back_pain" and question.name in ASKED_WITH_PAIN:
        return question.text.rstrip("?").lower()
    return question.review.lower()


def still_to_answer(step: Step, values: Mapping[str, Any], asked: Callable[[Question], bool]) -> str:
    """ "Still to answer: sex, diet." for the required questions asked (``asked``) and not answered; "" if none."""
    needed = required(step, values)
    missing = [
        missing_label(question)
        for question in step.questions
        if question.name in needed and asked(question) and values.get(question.name) is None
    ]
    return f"Still to answer: {', '.join(missing)}." if missing else ""


def flags_still_to_answer(count: int) -> str:
    """Warning signs asked and not answered yet (every one must be answered); "" for none."""
    if not count:
        return ""
    return f"{count} warning-sign question{'s' if count > 1 else ''} still to answer."


def step_answers(step: Step, saved: Mapping[str, Any], values: Mapping[str, Any], content: Content) -> dict[str, Any]:
    """This step's answers as they are stored (questions not answered left out), checked with the section's model
    together with what the section already holds; ValueError with a one-line message if they do not validate.

    With no pain ticked, pain that spreads into the legs counts as "none" unless it was answered."""
    if step.id == "back_pain" and not values.get("areas"):
        values = {**values, "leg_spread": values.get("leg_spread") or "none"}
    kept = {key: value for key, value in values.items() if value is not None}
    try:
        SECTION_MODELS[step.section].model_validate({**saved, **kept}, context={"content": content})
    except ValidationError as error:
        raise ValueError(f"{step.section}.{validation_message(error)}") from None
    return kept


def supplement_amounts_problem(names: Iterable[str]) -> str:
    """Supplements whose amount is not a number of 0 or more; "" if none."""
    bad = list(names)
    return f"Supplement amounts must be numbers of 0 or more: check {', '.join(bad)}." if bad else ""


def supplement_problems(entries: Iterable[Mapping[str, Any]], content: Content, choose_form: str) -> list[str]:
    """An amount that is probably a unit mix-up, for each supplement given (``{"nutrient", "amount", "form"}``), with
    the unit it was likely given in; ``choose_form`` says where this front end chooses it ("Choose it in the box
    below the amount.")."""
    problems = []
    for entry in entries:
        found = implausible(Supplement.model_validate(entry), content)
        if found is None:
            continue
        hint = f" Did you mean {found.likely.entered_in}? {choose_form}" if found.likely else ""
        problems.append(f"{found.question()}.{hint or ' Please check the amount on the pack.'}")
    return problems
