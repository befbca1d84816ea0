"""Answer tests (``When``) compiled once per content into plain functions of the answer row.

``When.holds`` with ``field_value`` splits the dotted path and walks it on every call;
``assess`` runs about forty such tests per profile. A compiled check reads each answer from
the row (:mod:`nutri_tui.engine.answer_row`: every answer fetched once per profile, one tuple)
by its slot and tests it with a predicate fixed at compile time. It returns the values it read,
because the reason a rule gives quotes them and the reasons are cached by them.

Groups (``any``, ``all``, ``none``) compile to one step that tests the whole row, which is
then the "value" it read (no reason quotes a group: nutrient rules may not use them). ``classes`` maps each
medicine the person named to its class with the content's name table.

Most nutrient rules are one ``in`` test. For those the caller tests ``row[slot] in accepted`` itself,
which saves a function call per rule (see :func:`compile_rule`).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from nutri_tui.engine.answer_row import SLOTS, flag_answer, reader
from nutri_tui.models.answer_tests import When

Row = tuple[Any, ...]
"""A person's answers as :func:`~nutri_tui.engine.answer_row.read_row` gives them."""
Check = Callable[[Row], tuple[Any, ...] | None]
"""The values the tests read (in order) when all of them hold, else None. No tests: ``()`` (always holds)."""
Names = dict[str, tuple[str, ...]]
"""Casefolded medicine name or class id -> class ids (``ContentIndex.medicine_by_name``)."""


def _reader(test: When) -> Callable[[Row], Any]:
    """How a field test reads its answer from the row."""
    how = reader(test.field or "")
    return itemgetter(how) if isinstance(how, int) else how


def _step(test: When, names: Names) -> tuple[Callable[[Row], Any], Callable[[Any], bool]]:
    """(read, holds) for one test: ``holds(read(row))`` says whether it holds."""
    if test.group is None:
        return _reader(test), _predicate(test, names)
    return _itself, _group(test, names)


def _group(test: When, names: Names) -> Callable[[Row], bool]:
    """Whether a group (``any``, ``all``, ``none``) holds for the answers.

    A plain loop over the members, which stops where ``any``/``all`` would: cheaper than a generator per call.
    """
    members = tuple(_holds(member, names) for member in test.members)
    if test.group == "all":

        def every(row: Row) -> bool:
            for member in members:  # noqa: SIM110 (a loop: all() would make a generator per call)
                if not member(row):
                    return False
            return True

        return every

    def some(row: Row) -> bool:
        for member in members:  # noqa: SIM110 (a loop: any() would make a generator per call)
            if member(row):
                return True
        return False

    if test.group == "any":
        return some
    return lambda row: not some(row)


def _itself(row: Row) -> Row:
    return row


def _holds(test: When, names: Names) -> Callable[[Row], bool]:
    """Whether one test (a group's member) holds for the answers; for ``in``, one call instead of two."""
    if test.group is not None:
        return _group(test, names)
    read, holds = _reader(test), _predicate(test, names)
    slot = SLOTS.get(test.field or "")
    flag = flag_answer(test.field or "")
    if test.in_:
        accepted = test.in_
        if slot is not None:
            return lambda row: row[slot] in accepted
        if flag is not None:
            flags, flag_id = flag
            return lambda row: row[flags].get(flag_id) in accepted
        return lambda row: read(row) in accepted
    kind = _kind(test)
    if slot is None:
        return lambda row: holds(read(row))
    # A plain answer: read and tested in one call (each call saved is a Python frame per test per profile).
    if kind == "includes":
        wanted = frozenset(test.includes)
        return lambda row: not wanted.isdisjoint(row[slot])
    if kind == "blank":
        return lambda row: row[slot] is None
    if kind == "at_least":
        least = test.at_least

        def at_least(row: Row) -> bool:
            value = row[slot]
            return value is not None and value >= least

        return at_least
    if kind == "at_most":
        most = test.at_most

        def at_most(row: Row) -> bool:
            value = row[slot]
            return value is not None and value <= most  # type: ignore[operator]

        return at_most
    return lambda row: holds(row[slot])


def compile_check(tests: tuple[When, ...], names: Names | None = None) -> Check:
    """One function for "all these tests hold", with short-circuit order; ``names`` resolves ``classes``.

    One or two tests (nearly all of them) get a function without a loop; ``in`` tests, the most common, are tested
    inline rather than through their predicate.
    """
    names = names or {}
    if len(tests) == 1:  # most rules test one answer; skip the loop
        return _check_one(tests[0], names)
    steps = tuple(_step(test, names) for test in tests)
    if len(steps) == 2 and _plain_in(tests[0]) and (_plain_in(tests[1]) or _plain_at_least(tests[1])):
        return _check_in_then(tests[0], tests[1])
    if len(steps) == 2:
        (read_first, holds_first), (read_second, holds_second) = steps

        def check_two(row: Row) -> tuple[Any, ...] | None:
            first = read_first(row)
            if not holds_first(first):
                return None
            second = read_second(row)
            return (first, second) if holds_second(second) else None

        return check_two

    def check_all(row: Row) -> tuple[Any, ...] | None:
        values = []
        for read, holds in steps:
            value = read(row)
            if not holds(value):
                return None
            values.append(value)
        return tuple(values)

    return check_all


def _plain_in(test: When) -> bool:
    return test.group is None and bool(test.in_) and test.field in SLOTS


def _plain_at_least(test: When) -> bool:
    return test.group is None and _kind(test) == "at_least" and test.field in SLOTS


def _check_in_then(first_test: When, second_test: When) -> Check:
    """Two tests of plain answers, the first an ``in`` (``diet.diet in [vegan]`` and ``diet.eggs in [never]``,
    ``about.sex in [female]`` and ``about.age at_least 50``): read and tested inline, without a call per test."""
    first_slot, first_accepted = SLOTS[first_test.field or ""], first_test.in_
    second_slot = SLOTS[second_test.field or ""]
    if second_test.in_:
        second_accepted = second_test.in_

        def check_in_in(row: Row) -> tuple[Any, ...] | None:
            first = row[first_slot]
            if first not in first_accepted:
                return None
            second = row[second_slot]
            return (first, second) if second in second_accepted else None

        return check_in_in
    least = second_test.at_least

    def check_in_at_least(row: Row) -> tuple[Any, ...] | None:
        first = row[first_slot]
        if first not in first_accepted:
            return None
        second = row[second_slot]
        return (first, second) if second is not None and second >= least else None

    return check_in_at_least


def _check_one(test: When, names: Names) -> Check:
    """One test: the common kinds (``in``, ``includes``, ``classes``) read and test in one call, not two."""
    read, holds = _step(test, names)
    if test.group is not None:  # the whole row is the value a group read

        def check_group(row: Row) -> tuple[Any, ...] | None:
            return (row,) if holds(row) else None

        return check_group
    # A plain answer is read as row[slot] inline (most tests); a path into one (a warning sign's answer) by ``read``.
    slot = SLOTS.get(test.field or "")
    if test.in_:
        accepted = test.in_
        if slot is not None:

            def check_in_slot(row: Row) -> tuple[Any, ...] | None:
                value = row[slot]
                return (value,) if value in accepted else None

            return check_in_slot

        def check_in(row: Row) -> tuple[Any, ...] | None:
            value = read(row)
            return (value,) if value in accepted else None

        return check_in
    kind = _kind(test)
    if kind == "at_least" and slot is not None:
        least = test.at_least

        def check_at_least(row: Row) -> tuple[Any, ...] | None:
            value = row[slot]
            return (value,) if value is not None and value >= least else None

        return check_at_least
    if kind == "includes" and slot is not None:
        wanted = frozenset(test.includes)

        def check_includes(row: Row) -> tuple[Any, ...] | None:
            value = row[slot]
            return None if wanted.isdisjoint(value) else (value,)

        return check_includes
    if kind == "classes" and slot is not None:
        classes = frozenset(test.classes)

        def check_classes(row: Row) -> tuple[Any, ...] | None:
            value = row[slot]
            last_names, last_medicines, resolved = _last_classes  # as _classes_of does, without a call
            if last_names is not names or last_medicines is not value:
                resolved = _classes_of(names, value)
            return None if classes.isdisjoint(resolved) else (value,)

        return check_classes

    def check_one(row: Row) -> tuple[Any, ...] | None:
        value = read(row)
        return (value,) if holds(value) else None

    return check_one


CompiledRule = tuple[int, tuple[Any, ...], Check | None]
"""``(slot, accepted, None)``: holds when ``row[slot] in accepted`` (read values: ``(row[slot],)``);
``(-1, (), check)``: holds when ``check(row)`` is not None (read values: its result)."""


def compile_rule(tests: tuple[When, ...], names: Names | None = None) -> CompiledRule:
    if len(tests) == 1 and tests[0].in_ and tests[0].field in SLOTS:
        return SLOTS[tests[0].field], tests[0].in_, None
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
