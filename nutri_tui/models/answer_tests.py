"""Answer tests: the small language content uses to say "when the person's answers are like this".

A rule, a note, a food rule or a red flag holds when **all** of its tests hold. A test names one
answer by its dotted path and gives exactly one condition. Three groups combine tests: ``any``
(at least one holds), ``all`` (every one holds, for use inside ``any``) and ``none`` (not one holds).
So a red flag can be implied by "a minor fall, and osteoporosis or steroid tablets or age 70 or over",
and advice can be for "women up to 50, but not those taking an anticonvulsant".
``classes`` tests the medicines a person takes by their class in ``medicines.toml``, whatever name
they gave (``warfarin`` or ``Coumadin``), because ``includes`` on ``health.medicines`` compares the
person's own words.

The engine compiles these into plain functions (:mod:`nutri_tui.engine.checks`); the loader checks
that every field exists, that values are allowed choices and that class ids exist.
"""

# No `from __future__ import annotations`: see the note in models/content.py (forward references are quoted).
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
FieldPath = Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z0-9_]+)+$")]

FLAG_ANSWER = "back_pain.red_flags."
"""A test on ``back_pain.red_flags.<flag id>`` reads the answer to one warning sign (yes, no, dont_know, or
None when it was not asked): how a follow-up question, or a combination, depends on an earlier sign."""


def flag_answered(field: str) -> str | None:
    """The flag id a test's field names (``back_pain.red_flags.cancer_history``), or None for other answers."""
    return field.removeprefix(FLAG_ANSWER) if field.startswith(FLAG_ANSWER) else None


class When(BaseModel):
    """One test on one answer, or ``any`` of several groups of tests."""

    # defer_build: built when content is first validated, not on import (see ``content.Strict``).
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    field: FieldPath | None = None
    in_: tuple[str | int | bool, ...] = Field(default=(), alias="in")
    at_least: float | None = None
    at_most: float | None = None
    includes: tuple[str, ...] = ()
    """For list answers: true when the list holds any of these."""
    classes: tuple[Id, ...] = ()
    """For ``health.medicines``: true when any medicine given belongs to one of these classes."""
    blank: bool = False
    """True: holds when the answer was left blank (no age given, drinks not said)."""
    any: tuple["When", ...] = ()
    """Alternatives: true when at least one of these tests holds."""
    all: tuple["When", ...] = ()
    """True when every one of these holds (a group inside ``any``)."""
    none: tuple["When", ...] = ()
    """True when not one of these holds."""

    @property
    def group(self) -> str | None:
        """``any``, ``all`` or ``none`` for a group of tests; None for a field test."""
        return next((name for name in ("any", "all", "none") if getattr(self, name)), None)

    @property
    def members(self) -> tuple["When", ...]:
        return self.any or self.all or self.none

    @model_validator(mode="after")
    def _one_test(self) -> "When":
        groups = [name for name in ("any", "all", "none") if getattr(self, name)]
        if groups:
            if len(groups) > 1 or self.field is not None or self.conditions():
                raise ValueError("a group ('any', 'all' or 'none') takes no 'field' and nothing else")
            return self
        if self.field is None:
            raise ValueError("give a 'field', or a group of tests ('any', 'all' or 'none')")
        if len(self.conditions()) != 1:
            raise ValueError("give exactly one of 'in', 'at_least', 'at_most', 'includes', 'classes' or 'blank'")
        if self.classes and self.field != "health.medicines":
            raise ValueError("'classes' works only on health.medicines")
        return self

    def conditions(self) -> list[str]:
        """The names of the conditions given (exactly one for a valid field test)."""
        given = {
            "in": bool(self.in_),
            "at_least": self.at_least is not None,
            "at_most": self.at_most is not None,
            "includes": bool(self.includes),
            "classes": bool(self.classes),
            "blank": self.blank,
        }
        return [name for name, present in given.items() if present]


def walk(tests: tuple[When, ...]) -> list[When]:
    """Every field test in ``tests``, looking inside groups (for the loader's checks)."""
    found: list[When] = []
    for test in tests:
        found.extend(walk(test.members) if test.group else [test])
    return found


def uses_groups(tests: tuple[When, ...]) -> bool:
    return any(test.group for test in tests)


def value_holds(test: When, value: Any) -> bool:
    """Whether a field test (not ``any``, not ``classes``) holds for one answer value."""
    if test.in_:
        return value in test.in_
    if test.includes:
        return any(item in test.includes for item in value)
    if test.blank:
        return value is None
    if value is None:
        return False
    if test.at_least is not None:
        return value >= test.at_least
    return value <= test.at_most  # type: ignore[operator]
