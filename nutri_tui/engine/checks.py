"""Answer tests (``When``) compiled once per content into plain functions.

``When.holds`` with ``field_value`` splits the dotted path and walks it on every call;
``assess`` runs about forty such tests per profile. A compiled check reads each answer
with ``operator.attrgetter`` (same ``getattr`` chain, done in C) and tests it with a
predicate fixed at compile time. It returns the values it read, because the reason a
rule gives quotes them and the reasons are cached by them.

Most nutrient rules are one ``in`` test. For those, :class:`AnswerRow` reads every answer
they look at in one call per profile, and the caller tests ``row[slot] in accepted`` itself,
which saves a function call per rule (see :func:`compile_rule`).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from nutri_tui.models.answers import Answers
from nutri_tui.models.content import When

Check = Callable[[Answers], tuple[Any, ...] | None]
"""The values the tests read (in order) when all of them hold, else None. No tests: ``()`` (always holds)."""


def compile_check(tests: tuple[When, ...]) -> Check:
    """One function for "all these tests hold", with ``When.holds``'s meaning and short-circuit order."""
    steps = tuple((attrgetter(test.field), _predicate(test)) for test in tests)
    if len(steps) == 1:  # most rules test one answer; skip the loop
        ((read, holds),) = steps

        def check_one(answers: Answers) -> tuple[Any, ...] | None:
            value = read(answers)
            return (value,) if holds(value) else None

        return check_one

    def check_all(answers: Answers) -> tuple[Any, ...] | None:
        values = []
        for read, holds in steps:
            value = read(answers)
            if not holds(value):
                return None
            values.append(value)
        return tuple(values)

    return check_all


class AnswerRow:
    """The answers that one-``in``-test rules read, fetched together once per profile."""

    def __init__(self) -> None:
        self._slots: dict[str, int] = {}

    def slot(self, field: str) -> int:
        return self._slots.setdefault(field, len(self._slots))

    def reader(self) -> Callable[[Answers], tuple[Any, ...]]:
        """Call after every :meth:`slot`: a function from answers to their values, in slot order."""
        fields = list(self._slots)
        if len(fields) > 1:
            return attrgetter(*fields)  # several paths: attrgetter gives a tuple
        read_one = attrgetter(*fields) if fields else None
        return lambda answers: (read_one(answers),) if read_one else ()


CompiledRule = tuple[int, tuple[Any, ...], Check | None]
"""``(slot, accepted, None)``: holds when ``row[slot] in accepted`` (read values: ``(row[slot],)``);
``(-1, (), check)``: holds when ``check(answers)`` is not None (read values: its result)."""


def compile_rule(tests: tuple[When, ...], row: AnswerRow) -> CompiledRule:
    if len(tests) == 1 and tests[0].in_:
        return row.slot(tests[0].field), tests[0].in_, None
    return -1, (), compile_check(tests)


def _predicate(test: When) -> Callable[[Any], bool]:
    """``test.holds`` without looking at which kind of test it is on every call."""
    if test.in_:
        return test.in_.__contains__
    if test.includes:
        wanted = frozenset(test.includes)
        return lambda value: not wanted.isdisjoint(value)
    if test.at_least is not None:
        least = test.at_least
        return lambda value: value is not None and value >= least
    most = test.at_most
    return lambda value: value is not None and value <= most  # type: ignore[operator]
