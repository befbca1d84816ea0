"""Answer tests (``When``) compiled once per content into plain functions.

``When.holds`` with ``field_value`` splits the dotted path and walks it on every call;
``assess`` runs about forty such tests per profile. A compiled check reads each answer
with ``operator.attrgetter`` (same ``getattr`` chain, done in C) and tests it with a
predicate fixed at compile time. It returns the values it read, because the reason a
rule gives quotes them and the reasons are cached by them.

Groups (``any``, ``all``, ``none``) compile to one step that tests the whole answers object, which is
then the "value" it read (no reason quotes a group: nutrient rules may not use them). ``classes`` maps each
medicine the person named to its class with the content's name table.

Most nutrient rules are one ``in`` test. For those, :class:`AnswerRow` reads every answer
they look at in one call per profile, and the caller tests ``row[slot] in accepted`` itself,
which saves a function call per rule (see :func:`compile_rule`).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from nutri_tui.models.answer_tests import When, flag_answered
from nutri_tui.models.answers import Answers

Check = Callable[[Answers], tuple[Any, ...] | None]
"""The values the tests read (in order) when all of them hold, else None. No tests: ``()`` (always holds)."""
Names = dict[str, tuple[str, ...]]
"""Casefolded medicine name or class id -> class ids (``ContentIndex.medicine_by_name``)."""


def _reader(test: When) -> Callable[[Answers], Any]:
    """How a field test reads its answer."""
    flag = flag_answered(test.field or "")
    if flag is not None:  # one warning sign's answer, from the dict of answers by flag id
        return lambda answers: answers.back_pain.red_flags.get(flag)
    return attrgetter(test.field or "")


def _step(test: When, names: Names) -> tuple[Callable[[Answers], Any], Callable[[Any], bool]]:
    """(read, holds) for one test: ``holds(read(answers))`` says whether it holds."""
    if test.group is None:
        return _reader(test), _predicate(test, names)
    return _itself, _group(test, names)


def _group(test: When, names: Names) -> Callable[[Answers], bool]:
    """Whether a group (``any``, ``all``, ``none``) holds for the answers.

    A plain loop over the members, which stops where ``any``/``all`` would: cheaper than a generator per call.
    """
    members = tuple(_holds(member, names) for member in test.members)
    if test.group == "all":

        def every(answers: Answers) -> bool:
            for member in members:  # noqa: SIM110 (a loop: all() would make a generator per call)
                if not member(answers):
                    return False
            return True

        return every

    def some(answers: Answers) -> bool:
        for member in members:  # noqa: SIM110 (a loop: any() would make a generator per call)
            if member(answers):
                return True
        return False

    if test.group == "any":
        return some
    return lambda answers: not some(answers)


def _itself(answers: Answers) -> Answers:
    return answers


def _holds(test: When, names: Names) -> Callable[[Answers], bool]:
    """Whether one test (a group's member) holds for the answers; for ``in``, one call instead of two."""
    if test.group is not None:
        return _group(test, names)
    read, holds = _reader(test), _predicate(test, names)
    if test.in_:
        accepted = test.in_
        return lambda answers: read(answers) in accepted
    kind = _kind(test)
    if kind == "includes":
        wanted = frozenset(test.includes)
        return lambda answers: not wanted.isdisjoint(read(answers))
    if kind == "at_least":
        least = test.at_least

        def at_least(answers: Answers) -> bool:
            value = read(answers)
            return value is not None and value >= least

        return at_least
    return lambda answers: holds(read(answers))


def compile_check(tests: tuple[When, ...], names: Names | None = None) -> Check:
    """One function for "all these tests hold", with short-circuit order; ``names`` resolves ``classes``.

    One or two tests (nearly all of them) get a function without a loop; ``in`` tests, the most common, are tested
    inline rather than through their predicate.
    """
    names = names or {}
    if len(tests) == 1:  # most rules test one answer; skip the loop
        return _check_one(tests[0], names)
    steps = tuple(_step(test, names) for test in tests)
    if len(steps) == 2:
        (read_first, holds_first), (read_second, holds_second) = steps

        def check_two(answers: Answers) -> tuple[Any, ...] | None:
            first = read_first(answers)
            if not holds_first(first):
                return None
            second = read_second(answers)
            return (first, second) if holds_second(second) else None

        return check_two

    def check_all(answers: Answers) -> tuple[Any, ...] | None:
        values = []
        for read, holds in steps:
            value = read(answers)
            if not holds(value):
                return None
            values.append(value)
        return tuple(values)

    return check_all


def _check_one(test: When, names: Names) -> Check:
    """One test: the common kinds (``in``, ``includes``, ``classes``) read and test in one call, not two."""
    read, holds = _step(test, names)
    if test.group is None and test.in_:
        accepted = test.in_

        def check_in(answers: Answers) -> tuple[Any, ...] | None:
            value = read(answers)
            return (value,) if value in accepted else None

        return check_in
    kind = _kind(test) if test.group is None else None
    if kind == "includes":
        wanted = frozenset(test.includes)

        def check_includes(answers: Answers) -> tuple[Any, ...] | None:
            value = read(answers)
            return None if wanted.isdisjoint(value) else (value,)

        return check_includes
    if kind == "classes":
        classes = frozenset(test.classes)

        def check_classes(answers: Answers) -> tuple[Any, ...] | None:
            value = read(answers)
            last_names, last_medicines, resolved = _last_classes  # as _classes_of does, without a call
            if last_names is not names or last_medicines is not value:
                resolved = _classes_of(names, value)
            return None if classes.isdisjoint(resolved) else (value,)

        return check_classes

    def check_one(answers: Answers) -> tuple[Any, ...] | None:
        value = read(answers)
        return (value,) if holds(value) else None

    return check_one


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


def compile_rule(tests: tuple[When, ...], row: AnswerRow, names: Names | None = None) -> CompiledRule:
    if len(tests) == 1 and tests[0].in_ and tests[0].field:
        return row.slot(tests[0].field), tests[0].in_, None
    return -1, (), compile_check(tests, names)


_last_classes: tuple[object, object, frozenset[str]] = (None, None, frozenset())
"""The last (names, medicines, their classes) resolved. Every ``classes`` test of one assessment reads the
same medicines tuple (about a hundred tests), so resolving the names once instead of in each test made
``assess`` about a third faster. One tuple, swapped whole, so a thread never sees half of it."""


def _classes_of(names: Names, medicines: tuple[str, ...]) -> frozenset[str]:
    """The medicine classes that the names in ``medicines`` resolve to (brand and generic names alike)."""
    global _last_classes
    last_names, last_medicines, classes = _last_classes
    if last_names is names and last_medicines is medicines:
        return classes
    classes = frozenset(c for name in medicines for c in names.get(name.casefold(), ()))
    _last_classes = (names, medicines, classes)
    return classes


def medicine_classes(names: Names, medicines: tuple[str, ...]) -> frozenset[str]:
    """The classes the person's medicines (``health.medicines``) resolve to, as every ``classes`` test sees them."""
    return _classes_of(names, medicines)


def needed_classes(tests: tuple[When, ...]) -> frozenset[str] | None:
    """The classes of the first ``classes`` test among ``tests`` (not inside a group), else None.

    All of ``tests`` must hold, so a check compiled from them holds only for a person taking a medicine of one of
    these classes: a caller may skip it for anyone else without calling it (the result is the same: None).
    """
    for test in tests:
        if test.group is None and test.classes and test.field == "health.medicines":
            return frozenset(test.classes)
    return None


def _kind(test: When) -> str:
    """Which of :func:`_predicate`'s tests a field test is (in the order it decides them)."""
    if test.in_:
        return "in"
    if test.field == "health.supplements":
        return "supplements"
    if test.includes:
        return "includes"
    if test.blank:
        return "blank"
    if test.classes:
        return "classes"
    return "at_least" if test.at_least is not None else "at_most"


def _predicate(test: When, names: Names) -> Callable[[Any], bool]:
    """What one field test checks, decided once rather than on every call (its kind: :func:`_kind`)."""
    kind = _kind(test)
    if kind == "in":
        return test.in_.__contains__
    if kind == "supplements":  # includes = nutrient or topic ids
        wanted = frozenset(test.includes)
        return lambda value: any(supplement.nutrient in wanted for supplement in value)
    if kind == "includes":
        wanted = frozenset(test.includes)
        return lambda value: not wanted.isdisjoint(value)
    if kind == "blank":
        return lambda value: value is None
    if kind == "classes":
        classes = frozenset(test.classes)

        def takes_one(value: tuple[str, ...]) -> bool:
            last_names, last_medicines, resolved = _last_classes  # as _classes_of does, without a call
            if last_names is not names or last_medicines is not value:
                resolved = _classes_of(names, value)
            return not classes.isdisjoint(resolved)

        return takes_one
    if kind == "at_least":
        least = test.at_least
        return lambda value: value is not None and value >= least
    most = test.at_most
    return lambda value: value is not None and value <= most  # type: ignore[operator]
