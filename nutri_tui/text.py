"""Text from files, made safe for a terminal: the one place that decides which characters never reach it.

Anything read from a file (a session, a draft, an answers file, the index, a file's own name) may hold
characters that a terminal obeys instead of showing: ESC and the C1 controls start escape sequences
(a new window title, a cleared screen, colours), a carriage return or backspace overwrites what is
shown, the bidi overrides and isolates reorder it, and the Unicode line separators break it. Textual
passes ESC through to the terminal as it is, so a widget showing file text is not safe by itself.

- :data:`UNSAFE` is that set. Files that nutri-tui reads back (sessions, drafts) are refused when a
  string in them holds one (:func:`find_unsafe`), so what the app shows from them is clean already.
- :func:`clean_text` makes one line of plain text: unsafe and invisible characters dropped, whitespace
  made single spaces. Labels, one-line errors and notifications go through it.
- :func:`escaped` shows unsafe and unprintable characters as ``\\x1b``-style escapes instead of
  dropping them: for paths, which a person must still be able to find.

Nothing here imports pydantic or Textual: the CLI and the welcome screen use it before either loads.
"""

from __future__ import annotations

import re
from typing import Any

LINE_MAX = 200
"""What :func:`clean_text` keeps by default (a label's limit)."""

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BREAKS = "\u2028\u2029"
# Zero-width characters that hide text but do not steer the terminal: dropped from what is shown, allowed
# inside files. The zero-width joiner and non-joiner are kept: emoji sequences and several scripts need them.
_INVISIBLE = "\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff"

_UNSAFE_SET = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + _BIDI + _BREAKS + "]"
"""Characters a file's text must not hold (:data:`UNSAFE`): C0 controls except tab and line feed (which a
terminal and a Textual widget lay out as text), DEL, the C1 controls, lone surrogates, bidi controls, line
separators."""
_DROPPED_SET = r"[\x00-\x1f\x7f-\x9f\ud800-\udfff" + _BIDI + _INVISIBLE + "]"
# The two sets are compiled when first used, not on import: the welcome screen uses neither before its first
# paint, and compiling them took 1.6 ms of it. `UNSAFE` is still this module's name for the pattern.
_unsafe: re.Pattern[str] | None = None
_dropped: re.Pattern[str] | None = None


def _unsafe_pattern() -> re.Pattern[str]:
    global _unsafe
    if _unsafe is None:
        _unsafe = re.compile(_UNSAFE_SET)
    return _unsafe


def _dropped_pattern() -> re.Pattern[str]:
    global _dropped
    if _dropped is None:
        _dropped = re.compile(_DROPPED_SET)
    return _dropped


def __getattr__(name: str) -> re.Pattern[str]:
    """``UNSAFE``: the compiled pattern of those characters (compiled on first use)."""
    if name == "UNSAFE":
        return _unsafe_pattern()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_SPACES = re.compile(r"\s+")


def find_unsafe(text: str) -> str | None:
    """The first character of :data:`UNSAFE` in ``text``, or None."""
    found = (_unsafe or _unsafe_pattern()).search(text)
    return None if found is None else found.group()


def describe(char: str) -> str:
    """``U+001B`` for a character, as reasons name one."""
    return f"U+{ord(char):04X}"


def clean_text(text: str, limit: int = LINE_MAX) -> str:
    """One line of plain text: whitespace runs (line breaks too) made one space, unsafe and invisible
    characters dropped, trimmed, at most ``limit`` characters.

    Used for labels (before they reach a session) and for every message that may quote a file.
    """
    # Whitespace first (\s covers tabs, line breaks and U+2028/9), so "a\nb" reads "a b", not "ab".
    kept = (_dropped or _dropped_pattern()).sub("", _SPACES.sub(" ", str(text)))
    return _SPACES.sub(" ", kept).strip()[:limit].rstrip()


def escaped(text: object) -> str:
    """``text`` unchanged when every character is printable, else with the others as visible escapes.

    For paths and file names: ``a\\x1b]0;x\\x07.toml`` can still be found, and changes nothing on screen.
    """
    text = str(text)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


def number(value: float) -> str:
    """An amount for reading, the one way every output writes one: thousands separated, at most two
    decimals, no trailing zeros (``1,200``, ``2.4``, ``0.25``). Two decimals, not one: a quarter of a
    gram of EPA+DHA must not read as 0.2."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# Patterns below are compiled where first used (``re`` keeps them): compiled on import, they were part of the
# welcome screen's first paint, which uses none of them (issue 15).
_WHOLE = r"\d+"
_DECIMAL = r"\d*\.?\d*"


def typed_number(text: str, minimum: float, maximum: float, decimals: bool = False) -> int | float | None:
    """A typed number as the wizard reads it: a whole number (or, with ``decimals``, one with a decimal point)
    from ``minimum`` to ``maximum``; None when blank or anything else (``abc``, ``-3``, ``1,000``, out of range).

    The app's number box lets only digits (and one point where allowed) be typed; plain mode reads a line, so
    both read the same characters the same way."""
    text = text.strip()
    if not re.fullmatch(_DECIMAL if decimals else _WHOLE, text) or not text.strip("."):
        return None
    value = float(text)
    if not minimum <= value <= maximum:
        return None
    return value if decimals else int(value)


def number_problem(name: str, minimum: float, maximum: float, decimals: bool = False) -> str:
    """What is allowed, when a number question holds something else: every front end says it this way."""
    kind = "a number" if decimals else "a whole number"
    return f"{name}: enter {kind} from {minimum:g} to {maximum:g}, or leave it blank."


def matches(query: str, search: str) -> bool:
    """Whether every word typed is in a list row's search text (``"ome pp"`` finds "omeprazole (a PPI)")."""
    found = search.casefold()
    return all(word in found for word in query.casefold().split())


def validation_message(error: Any, docs: str = "`nutri-tui schema` or docs/answers.md") -> str:
    """A pydantic ValidationError's first problem as ``field.path: what is wrong``, plus how many more (one line).

    ``docs`` names where the allowed fields are described, for an unknown field. (Typed loosely so this
    module never imports pydantic: the CLI and the first screen use it before pydantic loads.)
    """
    problems = error.errors(include_url=False)
    first = problems[0]
    location = ".".join(str(part) for part in first["loc"]) or "(top level)"
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] in ("extra_forbidden", "unexpected_keyword_argument"):  # the latter from dataclasses
        message = f"unknown field (see {docs})"
    elif first["type"] == "missing":
        message = "required field is missing"
    more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else ""
    return f"{location}: {message}{more}".replace("\n", " ")


def shortened(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for a column that must fit 80 columns."""
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip(" ,;") + "…"


_IMPERIAL_THEN_METRIC = r"^(?P<imperial>[^()]+?) \((?P<metric>\d[\d.,]* ?(?:g|kg|ml|mL|l|L))\)$"


def metric_first(serving: str) -> str:
    """``85 g (3 oz)`` for ``3 oz (85 g)``: the metric amount first where the knowledge base gives one."""
    match = re.match(_IMPERIAL_THEN_METRIC, serving)
    return f"{match['metric']} ({match['imperial']})" if match else serving
