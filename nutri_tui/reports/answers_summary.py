"""Answers in plain words, step by step, for the review screen and the Markdown report.

Every line is worded from :mod:`nutri_tui.questionnaire` (the question's review wording and its
choices), so the review says an answer exactly as the wizard offered it. Names of medicines,
conditions, symptoms and warning signs come from the knowledge base. An answer that an earlier one
settles, and so was not asked, says why: "Meat: Never (vegetarian)"; a question asked in other words
(the dairy question, for a vegan) is named as it was asked.
"""

from __future__ import annotations

from typing import Any

from nutri_tui.content import Content
from nutri_tui.content.supplements import supplement_name, supplement_unit
from nutri_tui.questionnaire import (
    NOT_ANSWERED,
    QUESTIONS,
    STEPS,
    Question,
    as_asked,
    known_answer,
    known_because,
    pregnancy_applies,
)
from nutri_tui.reports.instruments import numbered

NOT_ANSWERED = NOT_ANSWERED
"""What the review says for a question not yet answered."""
OPTIONAL_BLANK = "none answered (optional)"
"""What the review says for an optional questionnaire left blank (the report leaves it out)."""


def _supplement(given: dict[str, Any], content: Content) -> str:
    """A supplement as the person gave it: "Vitamin D 1,000 IU", "Iron 200 mg of ferrous sulfate, dried (...)"."""
    nutrient_id = given["nutrient"]
    name = supplement_name(nutrient_id, content)
    form = content.supplement_forms.get(str(given.get("form") or ""))
    amount = f"{given.get('amount', 0):g}" if isinstance(given.get("amount"), int | float) else "?"
    if form is None:
        return f"{name} {amount} {supplement_unit(nutrient_id, content)}"
    if form.entered_in == "IU":
        return f"{name} {amount} IU"
    return f"{name} {amount} {form.entered_in} of {form.name}"


def _names(question: Question, content: Content) -> dict[str, str]:
    """The names a list answer's ids are shown by."""
    if question.kind == "medicines":
        return {m.id: m.name for m in content.medicines.values()}
    if question.kind == "conditions":
        return {c.id: c.name for c in content.conditions.values()}
    if question.kind == "symptoms":
        return {s.id: s.name for s in content.symptoms.values()}
    return question.choices


def _instrument(question: Question, value: Any, content: Content) -> list[str]:
    """A questionnaire: how many questions were answered, then each answer under it ("  1. ...: Agree")."""
    given = value if isinstance(value, dict) else {}
    instrument = content.instrument_asking(question.field)
    if instrument is None or not given:
        return [f"{question.review}: {OPTIONAL_BLANK}"]
    lines = []
    for item in instrument.item:
        answer = next((a for a in instrument.answers_to(item) if a.id == given.get(item.id)), None)
        if answer is not None:
            lines.append(f"  {numbered(item.number, item.text)}{answer.text}")
    total = len(instrument.item)
    status = (
        f"all {total} answered"
        if len(lines) == total
        else f"{len(lines)} of {total} answered (incomplete, so no score)"
    )
    return [f"{question.review}: {status}", *lines]


def _lines(question: Question, section: dict[str, Any], content: Content) -> list[str]:
    value = section.get(question.name)
    if question.kind == "instrument":
        return _instrument(question, value, content)
    if question.kind == "red_flags":
        flags = value if isinstance(value, dict) else {}
        said_yes = [content.red_flags[k].question for k, v in flags.items() if v == "yes" and k in content.red_flags]
        unsure = sum(1 for v in flags.values() if v == "dont_know")
        return [
            f"{question.review} answered yes: {len(said_yes)}; not sure: {unsure}",
            *[f"  ‼ {flag}" for flag in said_yes],
        ]
    if question.kind == "supplements":
        taken = [
            _supplement(s, content)
            for s in value or ()
            if isinstance(s, dict) and (s.get("nutrient") in content.nutrients or s.get("nutrient") in content.topics)
        ]
        return [f"{question.review}: {', '.join(taken) if taken else 'none'}"]
    if question.kind in ("ticks", "medicines", "conditions", "symptoms"):
        names = _names(question, content)
        listed = (
            ", ".join(names.get(v, v) for v in value)
            if value
            else (question.blank if question.kind == "ticks" else "none")
        )
        return [f"{question.review}: {listed}"]
    if question.yes_no_flag:
        return [f"{question.review}: {question.label(bool(value))}"]
    if question.name not in section and question.kind != "number":
        return [f"{question.review}: {NOT_ANSWERED}"]
    return [f"{question.review}: {question.label(value)}"]


def summarise(sections: dict[str, Any], content: Content, blank_optional: bool = True) -> dict[str, list[str]]:
    """One list of ``Question: answer`` lines per wizard step id; ``blank_optional=False`` leaves out an optional
    questionnaire left blank (the report, whose answers in brief say nothing of what was never asked before)."""
    summary: dict[str, list[str]] = {}
    for step in STEPS:
        summary[step.id] = [
            line
            for question in step.questions
            for line in answer_lines(question, sections, content)
            if blank_optional or not line.endswith(f": {OPTIONAL_BLANK}")
        ]
    return summary


def answer_lines(question: Question, sections: dict[str, Any], content: Content) -> list[str]:
    """One question's answer as the review says it ("Diet: Vegan"); a questionnaire or the warning signs take
    more than one line. Plain mode's review numbers these by question."""
    section = sections.get(question.section, {})
    section = section if isinstance(section, dict) else {}
    known = known_answer(question, sections)
    if known is not None:
        return [f"{question.review}: {question.label(known)} ({known_because(question, sections)})"]
    if question.field == "about.pregnancy" and not pregnancy_applies(section.get("sex"), section.get("age")):
        # Not asked of a man or above the age limit, like a vegetarian's meat: say why, not just "No".
        age = section.get("age")
        why = QUESTIONS["about.sex"].label("male").lower() if section.get("sex") == "male" else f"age {age:g}"
        return [f"{question.review}: {question.label('no')} ({why}; not asked)"]
    return _lines(as_asked(question, sections), section, content)
