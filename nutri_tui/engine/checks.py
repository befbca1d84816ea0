"""Answer tests (``When``) compiled once per content into plain functions of the answer row.

``When.holds`` with ``field_value`` splits the dotted path and walks it on every call;
``assess`` runs about a hundred such tests per profile. A compiled check reads each answer from
the row (:mod:`nutri_tui.engine.answer_row`: every answer fetched once per profile, one tuple)
by its slot and tests it inline: the tests are written out as one Python function
(:func:`compile_check`). It returns the values it read, because the reason a rule gives quotes
them and the reasons are cached by them.

Groups (``any``, ``all``, ``none``) test the whole row, which is then the "value" they read (no
reason quotes a group: nutrient rules may not use them). ``classes`` maps each medicine the person
named to its class with the content's name table.

Most nutrient rules are one ``in`` test. For those the caller tests ``row[slot] in accepted`` itself,
which saves a function call per rule (see :func:`compile_rule`).
"""

from __future__ import annotations

import linecache
from collections.abc import Callable
from functools import cache
from itertools import count
from typing import Any

from nutri_tui.engine.answer_row import SLOTS, flag_answer, reader
from nutri_tui.models.answer_tests import When

Row = tuple[Any, ...]
"""A person's answers as :func:`~nutri_tui.engine.answer_row.read_row` gives them."""
Check = Callable[[Row], tuple[Any, ...] | None]
"""The values the tests read (in order) when all of them hold, else None. No tests: ``()`` (always holds)."""
Names = dict[str, tuple[str, ...]]
"""Casefolded medicine name or class id -> class ids (``ContentIndex.medicine_by_name``)."""


def compile_check(tests: tuple[When, ...], names: Names | None = None) -> Check:
    """One function for "all these tests hold", testing them in order and stopping at the first that fails;
    ``names`` resolves ``classes``.

    The tests are written out as Python source, one expression per test and groups inline, and compiled: a
    check is then one call, where a function per test and per group member cost a call each (about eighty
    calls a profile, 4% of the instructions of ``assess``). Values from the content (accepted answers, classes,
    limits, slots) are never written into the source; they are the arguments of the function that makes the
    check, so the source depends only on the tests' shape, and tests of one shape share one compiled code object.
    """
    names = names or {}
    source = _Source()
    lines: list[str] = []
    values: list[str] = []
    for i, test in enumerate(tests):
        if test.group is not None:  # the whole row is the value a group read
            lines.append(f"if not ({source.group(test)}): return None")
            values.append("row")
        else:
            value = f"v{i}"
            lines.append(f"{value} = {source.read(test)}")
            lines.append(f"if not ({source.holds(test, value, plain=True)}): return None")
            values.append(value)
    lines.append(f"return ({', '.join(values)},)" if values else "return ()")
    return _maker("".join(f"        {line}\n" for line in lines), len(source.constants))(names, *source.constants)


class _Source:
    """Writes tests as expressions over ``row``, collecting the content's values as constants ``k0, k1...``."""

    def __init__(self) -> None:
        self.constants: list[Any] = []
        self._temps = 0

    def const(self, value: Any) -> str:
        self.constants.append(value)
        return f"k{len(self.constants) - 1}"

    def temp(self) -> str:
        self._temps += 1
        return f"t{self._temps - 1}"

    def read(self, test: When) -> str:
        """The expression that reads a field test's answer from the row."""
        flag = flag_answer(test.field or "")
        if flag is not None:  # one warning sign's answer, from the dict of answers by flag id
            return f"row[{self.const(flag[0])}].get({self.const(flag[1])})"
        how = reader(test.field or "")
        return f"row[{self.const(how)}]" if isinstance(how, int) else f"{self.const(how)}(row)"

    def holds(self, test: When, value: str, plain: bool = False) -> str:
        """The expression for "the test holds for ``value``". ``plain``: ``value`` is a name that may be read
        twice; otherwise it is bound once (``:=``) where a test reads it twice."""
        kind = _kind(test)
        if kind == "in":
            return f"{value} in {self.const(test.in_)}"
        if kind == "includes":
            return f"not {self.const(frozenset(test.includes))}.isdisjoint({value})"
        if kind == "blank":
            return f"{value} is None"
        if kind == "supplements":  # includes = nutrient or topic ids: rare, so through a helper
            return f"{self.const(_supplement_of(frozenset(test.includes)))}({value})"
        bound = value
        if not plain:
            value = self.temp()
            bound = f"({value} := {bound})"
        if kind == "classes":
            # As _classes_of does, without its call while the medicines are the ones it resolved last. The value
            # is read (and bound) first, whatever the rest of the test finds.
            last = self.temp()
            return (
                f"not {self.const(frozenset(test.classes))}.isdisjoint(_classes_of(names, {value}) if "
                f"({last} := _last_classes)[1] is not {bound} or {last}[0] is not names else {last}[2])"
            )
        if kind == "at_least":
            return f"{bound} is not None and {value} >= {self.const(test.at_least)}"
        return f"{bound} is not None and {value} <= {self.const(test.at_most)}"

    def group(self, test: When) -> str:
        """``any``, ``all`` or ``none`` of the members, which Python's ``or``/``and`` stop at as the group would."""
        members = [
            f"({self.group(member) if member.group else self.holds(member, self.read(member))})"
            for member in test.members
        ]
        if test.group == "all":
            return " and ".join(members) or "True"
        some = " or ".join(members) or "False"
        return some if test.group == "any" else f"not ({some})"


_shape_numbers = count(1)


@cache
def _maker(body: str, constants: int) -> Callable[..., Check]:
    """The function that makes a check of one shape from its constants: compiled once per shape (about thirty
    shapes for a hundred checks), as compiling costs about 60 microseconds a shape. Its source is kept for
    tracebacks, under a name of its own. Run with this module's globals: the checks read ``_last_classes`` as it
    is rebound."""
    params = ", ".join(["names", *(f"k{i}" for i in range(constants))])
    text = f"def make({params}):\n    def check(row):\n{body}    return check\n"
    filename = f"<compiled check {next(_shape_numbers)}>"
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    made: dict[str, Any] = {}
    # The source holds only names and operators, written above from the tests' shape; no content text.
    exec(compile(text, filename, "exec"), globals(), made)
    return made["make"]


def _supplement_of(wanted: frozenset[str]) -> Callable[[Any], bool]:
    return lambda supplements: any(supplement.nutrient in wanted for supplement in supplements)


CompiledRule = tuple[int, tuple[Any, ...], Check | None]
"""``(slot, accepted, None)``: holds when ``row[slot] in accepted`` (read values: ``(row[slot],)``);
``(-1, (), check)``: holds when ``check(row)`` is not None (read values: its result)."""


def compile_rule(tests: tuple[When, ...], names: Names | None = None) -> CompiledRule:
    """Most nutrient rules are one ``in`` test, which the caller tests inline (no call at all)."""
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
    """Which test a field test is: the first of these it names (the loader allows one condition a test)."""
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
