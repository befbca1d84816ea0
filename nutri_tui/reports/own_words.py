"""What the person answered, in the words the wizard used: never the answer's field code.

A reason records the answer behind it as ``sun.outdoor_minutes = under_15`` (stable, so saved results
and ``--json`` can be read by programs). A person reads it as the review screen says it:
``you said: Outdoors uncovered a day: Under 15 minutes``. Medicines, conditions and symptoms are named
by the knowledge base; a medicine the person typed by its brand keeps their word ("Nurofen").
Given the answers, an answer the diet pattern settled says so, as the review does:
``you said: Meat: Never (vegetarian)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nutri_tui.content import Content
from nutri_tui.questionnaire import QUESTIONS, as_asked, known_because

LIST_NAMES = {"medicines": "medicines", "conditions": "conditions", "symptoms": "symptoms"}


def said(answer: str, content: Content, sections: Mapping[str, Any] | None = None) -> str:
    """``you said: Question: Answer; Question: Answer`` for a recorded answer (as given when not recognised).

    ``sections`` (the answers as section dicts, ``answers.model_dump()``) words an answer the diet pattern
    settled with its reason, and a question by how it was asked; without them, each is worded as offered."""
    parts = [_one(part, content, sections or {}) for part in answer.split("; ") if part]
    return f"you said: {'; '.join(parts)}" if parts else ""


def _one(part: str, content: Content, sections: Mapping[str, Any]) -> str:
    field, _, value = part.partition(" = ")
    question = QUESTIONS.get(field)
    if question is None or not value:
        return part.replace("_", " ")
    because = known_because(question, sections)
    question = as_asked(question, sections)
    if because:
        return f"{question.review}: {question.label(value)} ({because})"
    if question.kind in LIST_NAMES:
        catalogue = getattr(content, LIST_NAMES[question.kind])
        known = catalogue.get(value)
        return f"{question.review}: {known.name if known is not None else value}"
    if question.kind == "number":
        return f"{question.review}: {value}"
    if value.lower() in ("true", "false"):
        return f"{question.review}: {'Yes' if value.lower() == 'true' else 'No'}"
    return f"{question.review}: {question.label(value)}"
