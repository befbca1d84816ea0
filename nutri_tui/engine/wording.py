"""How the engine words what it found: answers quoted as ``field = value``, names mid-sentence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

UL_SCOPE = {
    "all_sources": "from food and supplements together",
    "supplements_and_medicines": "from supplements and medicines only (food does not count)",
    "folic_acid": "as folic acid from supplements and fortified foods (food folate does not count)",
}


def describe(fields: Iterable[str], values: Iterable[Any]) -> str:
    """The answers a rule looked at, as ``field = value`` pairs."""
    return "; ".join(f"{field} = {_format(value)}" for field, value in zip(fields, values, strict=True))


def _format(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "none"
    return str(value)


def lower_first(text: str) -> str:
    """Lower-case the first letter for use mid-sentence, leaving acronyms (PPIs) and names (B12) alone."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
