"""What a history row holds, without pydantic: the listing path (``nutri-tui sessions``, the History
screen) checks index rows and file heads with these and must not pay for building model classes.

:mod:`nutri_tui.models.session` re-exports every name here; the pydantic models there use them.
"""

from __future__ import annotations

from typing import Annotated, Any, NamedTuple

from nutri_tui.models.bounds import FEW, Count, Id, Longest
from nutri_tui.text import LINE_MAX, find_unsafe

NUTRIENT_IDS: tuple[str, ...] = (
    "vitamin_d",
    "calcium",
    "magnesium",
    "potassium",
    "omega_3",
    "vitamin_b12",
    "iron",
    "zinc",
    "selenium",
    "folate",
)
"""The scored nutrients' ids, in the knowledge base's order (``models.content.NutrientId`` is built from it)."""

SESSION_SCHEMA_VERSION = 4
"""The version of the session and draft file formats that this nutri-tui writes (and the newest it reads)."""
LABEL_MAX = LINE_MAX
TOP_NUTRIENTS = 10
"""How many nutrients rated high or moderate a summary names: all ten, so that the history's filter finds
a result by any nutrient it flagged (it used to keep three, and "iron" found nothing when iron was 4th).
The list itself shows the first three. Files written before keep their three."""

MIN_YEAR, MAX_YEAR = 1970, 9000
"""The years a ``created`` or ``updated`` time may fall in (in UTC). Before 1970 some systems cannot
convert a time to local time at all; after 9000 every time zone still leaves room below year 9999,
where Python's dates end. Nothing outside is a real session, and such a date crashed every listing."""


def label_fault(label: str) -> str | None:
    """The first character a label must not hold, or None. A label is one line: none of the characters
    :data:`nutri_tui.text.UNSAFE` refuses, and no tab, line feed or byte-order mark either
    (:func:`clean_text` turns those into spaces or drops them)."""
    return find_unsafe(label) or next((char for char in label if char in "\t\n\ufeff"), None)


def _subscale_table(value: Any) -> Any:
    """``{ anxiety = 3, depression = 1 }`` as ``(("anxiety", 3), ("depression", 1))``."""
    if not isinstance(value, dict):
        raise ValueError("must be a table of subscale id = score")
    return tuple(value.items())


class _TableAsPairs:
    """A pydantic marker (built only when pydantic asks): a table is read as its ``(key, value)`` pairs."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(_subscale_table, handler(source))


class ScoreSummary(NamedTuple):
    """A complete questionnaire's score as the history keeps it: what the progress over time needs.

    Ids only: the words (its name, the band's name) come from the result, or from today's knowledge base
    where only the summary is read. An incomplete questionnaire has no score, so it has no summary.
    """

    id: Id
    total: Count
    band: Id
    subscales: Annotated[tuple[tuple[Id, Count], ...], Longest(FEW), _TableAsPairs()] = ()
    """``(subscale id, score)`` in the questionnaire's order."""

    def subscale(self, subscale_id: str) -> int | None:
        return next((score for sub, score in self.subscales if sub == subscale_id), None)
