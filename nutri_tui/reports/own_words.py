"""What the person answered, in the words the wizard used: never the answer's field code.

A reason records the answer behind it as ``sun.outdoor_minutes = under_15`` (stable, so saved results
and ``--json`` can be read by programs). A person reads it as the review screen says it:
``you said: Outdoors uncovered a day: Under 15 minutes``. Medicines, conditions and symptoms are named
by the knowledge base; a medicine the person typed by its brand keeps their word ("Nurofen").
"""

from __future__ import annotations

from nutri_tui.content import Content
from nutri_tui.questionnaire import QUESTIONS

LIST_NAMES = {"medicines": "medicines", "conditions": "conditions", "symptoms": "symptoms"}


def said(answer: str, content: Content) -> str:
    """``you said: Question: Answer; Question: Answer`` for a recorded answer (as given when not recognised)."""
    parts = [_one(part, content) for part in answer.split("; ") if part]
    return f"you said: {'; '.join(parts)}" if parts else ""


def _one(part: str, content: Content) -> str:
    field, _, value = part.partition(" = ")
    question = QUESTIONS.get(field)
    if question is None or not value:
        return part.replace("_", " ")
    if question.kind in LIST_NAMES:
        catalogue = getattr(content, LIST_NAMES[question.kind])
        known = catalogue.get(value)
        return f"{question.review}: {known.name if known is not None else value}"
    if question.kind == "number":
        return f"{question.review}: {value}"
    if value.lower() in ("true", "false"):
        return f"{question.review}: {'Yes' if value.lower() == 'true' else 'No'}"
    return f"{question.review}: {question.label(value)}"
