"""Which parts of the questionnaire a person left unanswered, so a result never claims more than it knows.

A section counts as unanswered when every answer in it still has its default ("don't know", "prefer
not to say", blank). A result built from few answers then says what was left out, instead of "your
answers do not point to any gap". Medicines, conditions and symptoms are lists whose default (none)
is also a real answer, so they are not judged here.
"""

from __future__ import annotations

from functools import lru_cache

from nutri_tui.engine.answer_row import SLOTS, read_row
from nutri_tui.engine.checks import Row
from nutri_tui.models.answers import Answers
from nutri_tui.questionnaire import known_answers

SECTION_TITLES = {
    "about": "about you",
    "sun": "sun exposure",
    "diet": "diet",
    "lifestyle": "stress and lifestyle",
    "back_pain": "back pain",
}
NOT_JUDGED = frozenset({"red_flags"})
"""Answered (or not) one by one: the result counts the warning-sign questions separately."""
DIET = SLOTS["about.diet"]


_JUDGED: tuple[tuple[str, str, tuple[tuple[str, int, object], ...]], ...] = tuple(
    (
        name,
        title,
        tuple(
            (key, SLOTS[f"{name}.{key}"], value)
            for key, value in vars(getattr(Answers(), name)).items()
            if key not in NOT_JUDGED
        ),
    )
    for name, title in SECTION_TITLES.items()
)
"""Each section with the answers an empty answers file gives it, as (field, its slot in the row, default)."""


@lru_cache(maxsize=8)
def _settled_by(diet: str) -> dict[str, dict[str, object]]:
    return known_answers({"about": {"diet": diet}})


def unanswered(answers: Answers, row: Row | None = None) -> tuple[str, ...]:
    """The titles of the sections in which nothing was answered, in questionnaire order (``row``: the answers as
    :func:`~nutri_tui.engine.answer_row.read_row` gives them, when the caller has them)."""
    if row is None:
        row = read_row(answers)
    empty = []
    # An answer the diet pattern settles (a vegetarian's meat: never) was not given by the person.
    settled = _settled_by(row[DIET])
    for name, title, defaults in _JUDGED:
        known = settled.get(name, {})
        for key, slot, default in defaults:
            if row[slot] != default and key not in known:
                break
        else:
            empty.append(title)
    return tuple(empty)
