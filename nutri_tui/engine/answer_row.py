"""A person's answers as one flat tuple, read once per assessment: every compiled test reads it by position.

Reading an answer from the pydantic models costs far more than it looks: ``BaseModel`` defines ``__getattr__``,
so CPython cannot specialise the attribute read and takes the slow path (``slot_tp_getattr_hook``) for every
``answers.about.diet``; ``assess`` did about two hundred such reads a profile (measured with callgrind). The
models keep their field values in their instance ``__dict__`` (pydantic's documented storage), so here each
section's values are fetched with one C ``itemgetter`` call from that dict, and the engine indexes a tuple.

``ROW[SLOTS["diet.oily_fish"]]`` is ``answers.diet.oily_fish``, for every field of every section; the layout is
taken from the models when this module loads, and checked against them (``tests/unit/test_engine_speed_row.py``
compares every slot with ``getattr`` over generated answers).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import Any

from nutri_tui.models.answers import Answers

SECTIONS = ("about", "sun", "diet", "lifestyle", "health", "back_pain")
"""The sections of :class:`Answers`, in their order (``format`` is not an answer)."""
if tuple(Answers.model_fields) != ("format", *SECTIONS):
    raise TypeError("Answers changed: update engine/answer_row.py, which reads its sections one by one")

FIELDS: tuple[str, ...] = tuple(
    f"{section}.{name}" for section in SECTIONS for name in Answers.model_fields[section].annotation.model_fields
)
"""Every answer's dotted path, in row order."""
SLOTS: dict[str, int] = {field: slot for slot, field in enumerate(FIELDS)}

_getters = tuple(
    itemgetter(*Answers.model_fields[section].annotation.model_fields) for section in SECTIONS
)  # each section has several fields, so each getter gives a tuple
_about, _sun, _diet, _lifestyle, _health, _back_pain = _getters


def read_row(answers: Answers) -> tuple[Any, ...]:
    """Every answer, in :data:`FIELDS` order: six C calls instead of a model attribute read per answer."""
    sections = answers.__dict__
    return (
        *_about(sections["about"].__dict__),
        *_sun(sections["sun"].__dict__),
        *_diet(sections["diet"].__dict__),
        *_lifestyle(sections["lifestyle"].__dict__),
        *_health(sections["health"].__dict__),
        *_back_pain(sections["back_pain"].__dict__),
    )


FLAG_ANSWERS = "back_pain.red_flags."
"""Paths under this prefix are one warning sign's answer, read from the dict of answers by flag id."""


def flag_answer(path: str) -> tuple[int, str] | None:
    """For one warning sign's answer (``back_pain.red_flags.<id>``): the dict's slot and the flag id; else None."""
    if not path.startswith(FLAG_ANSWERS) or path in SLOTS:
        return None
    return SLOTS["back_pain.red_flags"], path.removeprefix(FLAG_ANSWERS)


def reader(path: str) -> int | Callable[[tuple[Any, ...]], Any]:
    """How a test reads ``path`` from a row: its slot, or (a path into an answer, such as one warning sign's answer
    ``back_pain.red_flags.<id>``) a function of the row."""
    slot = SLOTS.get(path)
    if slot is not None:
        return slot
    section, name, rest = path.split(".", 2)
    base = SLOTS[f"{section}.{name}"]
    if base == SLOTS["back_pain.red_flags"]:  # the dict of answers by flag id
        return lambda row: row[base].get(rest)
    inner = attrgetter(rest)
    return lambda row: inner(row[base])
