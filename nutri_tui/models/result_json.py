"""An assessment as the plain data ``assess --json`` prints, without building pydantic's serializer for it.

``result_adapter().dump_python(result, mode="json")`` first builds a serializer for the thirty-odd result
types (about 12-15 ms, measured), more than assessing and printing take. The result types hold nothing but
strings, booleans, numbers, None, tuples and other result types, so :func:`result_data` gives the same data
directly: each result as a dict of its fields in declaration order, a tuple as a list, a number in a
``float`` field as a float (pydantic writes ``0`` there as ``0.0``). Any other value (of a type its field
does not declare, a float that is not finite) raises :class:`NotPlain`, and the caller uses pydantic's
serializer. ``tests/unit/test_cli_assess_speed.py`` checks that both give the same JSON for every example
and every persona of the tests.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, Union, get_args, get_origin

from nutri_tui.models.assessment import Assessment

Convert = Callable[[Any], Any]


class NotPlain(Exception):
    """A value this module does not write exactly as pydantic would; use ``result_adapter`` instead."""


def result_json(result: Assessment) -> dict[str, Any]:
    """``result`` as ``result_adapter().dump_python(result, mode="json")`` gives it: by :func:`result_data`,
    or by pydantic where that cannot."""
    try:
        return result_data(result)
    except NotPlain:
        from nutri_tui.models.assessment import result_adapter

        return result_adapter().dump_python(result, mode="json")


def result_data(result: Assessment) -> dict[str, Any]:
    """``result`` as ``result_adapter().dump_python(result, mode="json")`` gives it, or :class:`NotPlain`."""
    return _converter(Assessment)(result)


_made: dict[type, Convert] = {}


def _converter(cls: type) -> Convert:
    found = _made.get(cls)
    if found is not None:
        return found
    fields: list[tuple[str, Convert]] = []

    def convert(value: Any) -> dict[str, Any]:
        if type(value) is not cls:
            raise NotPlain(f"a {type(value).__name__} where a {cls.__name__} belongs")
        return {name: each(getattr(value, name)) for name, each in fields}

    _made[cls] = convert  # before its fields: a result type may hold its own kind
    hints = typing.get_type_hints(cls)
    fields.extend((field.name, _kind(hints[field.name])) for field in dataclasses.fields(cls))  # type: ignore[arg-type]
    return convert


def _kind(hint: Any) -> Convert:
    origin, args = get_origin(hint), get_args(hint)
    if origin is Literal:
        allowed = frozenset((type(a), a) for a in args)
        return lambda value: value if (type(value), value) in allowed else _refuse(value)
    if origin is Union or origin is types.UnionType:
        kinds = [_kind(arg) for arg in args if arg is not type(None)]
        if len(kinds) != 1 or len(args) != 2:
            raise NotPlain(f"cannot write {hint!r}")
        inner = kinds[0]
        return lambda value: None if value is None else inner(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _kind(args[0])
        return lambda value: [item(each) for each in value] if type(value) is tuple else _refuse(value)
    if hint is float:
        return _float
    if hint in (str, int, bool):
        return lambda value: value if type(value) is hint else _refuse(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _converter(hint)
    raise NotPlain(f"cannot write {hint!r}")


def _float(value: Any) -> float:
    if type(value) not in (float, int) or not math.isfinite(value):
        _refuse(value)
    return float(value)


def _refuse(value: Any) -> Any:
    raise NotPlain(f"cannot write {value!r} as pydantic would")
