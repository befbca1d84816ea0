"""Bounds for the values of a result read back from a session file, as ``Annotated`` field types.

The engine builds results that are in range by construction; a hand-edited or received file need not
be. Each alias here turns a value the screens cannot show (a score of ``nan`` or ``1e308`` breaks the
level bar, an exercise ``fit`` of 2**63 the star string, 40,000 sources take minutes to lay out) into
a validation error with a reason, so the file is listed as unreadable instead of opened into a crash.

The bounds are far beyond anything the knowledge base produces (ten nutrients, under a hundred
sources, fits of 0-3) and only guard against the absurd. Like :mod:`nutri_tui.models.assessment`,
this module does not import pydantic: each marker builds its schema when pydantic first asks for it.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from nutri_tui.frozen import Frozen

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,59}$"
"""Nutrient, food, exercise, red-flag and source ids: what content ids look like (lower case, digits, ``_``, ``-``)."""
VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$"
"""A content or app version such as ``1.0.0`` or ``0.2.0.dev3+g1a2b``."""


class Number(Frozen):
    """A number between ``low`` and ``high``: a finite float (an integer is accepted, a boolean is not),
    or with ``integer`` an int (not a float, not a boolean)."""

    __slots__ = __match_args__ = ("low", "high", "integer")
    low: float
    high: float
    integer: bool

    def __init__(self, low: float, high: float, integer: bool = False) -> None:
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        object.__setattr__(self, "integer", integer)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        if self.integer:
            return core_schema.int_schema(strict=True, ge=int(self.low), le=int(self.high))
        return core_schema.float_schema(strict=True, allow_inf_nan=False, ge=self.low, le=self.high)


class Pattern(Frozen):
    """A string matching ``pattern`` (which also bounds its length)."""

    __slots__ = __match_args__ = ("pattern",)
    pattern: str

    def __init__(self, pattern: str) -> None:
        object.__setattr__(self, "pattern", pattern)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(pattern=self.pattern)


class Longest(Frozen):
    """A tuple of at most ``items`` items: the schema ``annotated_types.MaxLen`` gives, without importing it (with
    ``typing_extensions``, 11 ms of ``nutri-tui sessions``, which lists the history and builds no model)."""

    __slots__ = __match_args__ = ("items",)
    items: int

    def __init__(self, items: int) -> None:
        object.__setattr__(self, "items", items)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        if schema.get("type") not in ("tuple", "list"):  # elsewhere the bound would be ignored, not applied
            raise TypeError(f"Longest bounds a tuple or a list, not a {schema.get('type')} schema")
        return {**schema, "max_length": self.items}


Score = Annotated[float, Number(0, 1_000)]
"""A nutrient's score or a reason's weight (the sum of a few weights of at most 20 each)."""
Amount = Annotated[float, Number(0, 1e9)]
"""An amount, a percentage or a count of servings: never negative, never absurd."""
Fit = Annotated[int, Number(0, 3, integer=True)]
"""How well an exercise fits, as in the content (0-3 stars)."""
Count = Annotated[int, Number(0, 1_000, integer=True)]
"""A count of questions (asked, answered)."""
Id = Annotated[str, Pattern(ID_PATTERN)]
Version = Annotated[str, Pattern(VERSION_PATTERN)]

FEW = 20
"""Short lists: the notes, one nutrient's blood tests, one exercise's cautions."""
MANY = 200
"""Every other list a screen shows: nutrients, red flags, summary lines, reasons, foods, cautions, exercises,
advice, the source ids one item cites (the knowledge base has 10 nutrients and 21 red flags)."""
CITED = 500
"""The sources of a whole result, each one a line on the Sources tab (the knowledge base has under 100)."""

T = TypeVar("T")
Few = Annotated[tuple[T, ...], Longest(FEW)]
Many = Annotated[tuple[T, ...], Longest(MANY)]
Cited = Annotated[tuple[T, ...], Longest(CITED)]
