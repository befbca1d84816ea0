"""What the history's filter searches, kept in the index, and the filter as a query on it.

The filter finds a result when every word typed (any case) is in its date and label as the list shows them,
or in the id or the name of a nutrient it flagged (an unreadable file: in its name and reason). Holding that
text for 100,000 results in Python took about 15 MB and a second to make each time the History opened; here
each row keeps it, made once when the row is written:

- ``search``: the date as shown (local time, ``2026-11-26 07:40``) and the label, casefolded; for an
  unreadable file ``unreadable <name> <reason>``, casefolded;
- ``nutrients``: the nutrients the result flagged, one bit each (:data:`NUTRIENT_IDS`' order).

Nutrient names are the knowledge base's, so they are not kept: a word is turned into the bits of the
nutrients whose id or name holds it (:func:`terms`), and a row matches the word when its ``search`` holds
it or it flagged one of those nutrients. A word holds no space, so this finds exactly what testing the
whole text (``date label nutrient-id nutrient-name ...``) finds.

The date shown depends on the time zone, and the bits on the list of nutrients, so the index's table
``searched`` names the zone and list its texts were made for (:func:`search_key`). A process whose key is
another writes no texts (NULL); the History, before its first query, makes every text again if the key is
not its own, and fills in any missing (``index_query.make_searchable``). A text is only ever used to choose rows:
the rows shown are read and checked as always, and the History tests each against the words again.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from nutri_tui.local_time import shown_time
from nutri_tui.models.summary_fields import NUTRIENT_IDS
from nutri_tui.storage.index import SavedSession, SessionEntry, moment_of, top_pairs

Terms = Sequence[tuple[str, int]]
"""Each word typed (casefolded) with the bits of the nutrients it finds by id or name."""
WORDS_MAX = 64
"""Words put in one query (each is one parameter); a longer query's other words are tested on the rows shown."""
ZONE_FILE_MAX = 1 << 20
_BIT = {nutrient: 1 << n for n, nutrient in enumerate(NUTRIENT_IDS)}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)


def shown(moment: datetime) -> str:
    """:func:`nutri_tui.local_time.shown_time`, the same text at a third of the cost: what ``astimezone()``
    does (the system's offset at that second, added to UTC) without building a time zone object. The day's text
    is made once per day (:func:`_day`), the hour and minute by arithmetic: ``gmtime`` and ``strftime`` for each of
    10,000 rows were 70 M instructions of a first listing."""
    try:
        seconds = (moment - _EPOCH) // _SECOND
        day, second = divmod(seconds + time.localtime(seconds).tm_gmtoff, 86_400)
        return f"{_day(day)} {second // 3600:02d}:{second % 3600 // 60:02d}"
    except (OverflowError, OSError, ValueError, TypeError):
        return shown_time(moment)


@functools.lru_cache(maxsize=1024)
def _day(day: int) -> str:
    """The date of ``day`` days after 1970-01-01 as ``strftime`` writes it (its ``%Y``, whatever the year)."""
    return time.strftime("%Y-%m-%d", time.gmtime(day * 86_400))


@functools.lru_cache(maxsize=1024)
def nutrient_bits(pairs: tuple[tuple[str, str], ...]) -> int:
    """The bits of the nutrients in ``(nutrient id, level)`` pairs (cached: a history repeats a few lists)."""
    bits = 0
    for nutrient, _ in pairs:
        bits |= _BIT.get(nutrient, 0)
    return bits


def entry_search(entry: SessionEntry) -> tuple[str, int]:
    """A list entry's ``(search, nutrients)`` (see the module's docstring)."""
    if isinstance(entry, SavedSession):
        return f"{shown(entry.created)} {entry.label}".casefold(), nutrient_bits(entry.top_nutrients)
    return f"unreadable {entry.path.name} {entry.reason}".casefold(), 0


def raw_search(name: object, created: object, label: object, top: object, reason: object) -> tuple[str, int]:
    """:func:`entry_search` from a row's stored values, unchecked (filling in; a row is checked when shown):
    anything odd only makes the text shorter."""
    if reason is not None:
        return f"unreadable {name} {reason}".casefold(), 0
    moment = moment_of(created)
    pairs = top_pairs(top) if type(top) is str else None
    when = shown(moment) if moment is not None else ""
    text = f"{when} {label if type(label) is str else ''}".casefold()
    return text, nutrient_bits(pairs or ())


def query_words(query: str) -> list[str]:
    """The words of ``query`` a filter searches for: casefolded, each once, in order."""
    return list(dict.fromkeys(query.casefold().split()))


def terms(query: str, names: dict[str, str]) -> list[tuple[str, int]]:
    """The words of ``query`` (:func:`query_words`), each with the bits of the nutrients whose id (``omega 3``)
    or name (``Omega-3 fatty acids``, from ``names``) holds it."""
    found = []
    for word in query_words(query):
        bits = 0
        for nutrient, bit in _BIT.items():
            if word in nutrient.replace("_", " ") or word in names.get(nutrient, nutrient).casefold():
                bits |= bit
        found.append((word, bits))
    return found


def where(terms: Terms) -> tuple[str, list[Any]]:
    """The SQL condition for ``terms`` (the longest :data:`WORDS_MAX` words: the rarest) and its parameters."""
    chosen = sorted(terms, key=lambda term: -len(term[0]))[:WORDS_MAX]
    parts, parameters = [], []
    for word, bits in chosen:
        parts.append(f"(instr(search, ?) > 0 OR nutrients & {int(bits)} != 0)" if bits else "instr(search, ?) > 0")
        parameters.append(word)
    return "".join(f" AND {part}" for part in parts), parameters


# -- the key of the texts --------------------------------------------------------------------------------


def search_key() -> str:
    """What the texts depend on: the time zone (its rules, as the system reads them) and the nutrient ids."""
    environment = (os.environ.get("TZ"), os.environ.get("TZDIR"), time.tzname, time.timezone, time.altzone)
    return _key(environment)


@functools.lru_cache(maxsize=4)
def _key(environment: tuple[object, ...]) -> str:
    try:  # CPython's own SHA-256: the same digest as hashlib's without loading OpenSSL (a first listing's 2%)
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:  # another Python (3.12 and later name it _sha2): hashlib's, imported only here
        from hashlib import sha256

    digest = sha256(repr((environment, NUTRIENT_IDS)).encode())
    rules = _zone_file(os.environ.get("TZ"), os.environ.get("TZDIR"))
    if rules is None:  # no file of rules (Windows, a rule in TZ itself): the offsets, week by week
        rules = repr([time.localtime(t).tm_gmtoff for t in range(0, 4_102_444_800, 7 * 86_400)]).encode()
    digest.update(rules)
    return digest.hexdigest()[:32]


def _zone_file(zone: str | None, folder: str | None) -> bytes | None:
    """The time zone file the C library reads (``/etc/localtime``, or the one TZ names), or None."""
    if zone is None:
        path = "/etc/localtime"
    else:
        name = zone.removeprefix(":")
        if not name:
            return None
        path = name if name.startswith("/") else os.path.join(folder or "/usr/share/zoneinfo", name)
    try:
        with open(path, "rb") as handle:
            return handle.read(ZONE_FILE_MAX)
    except (OSError, ValueError):
        return None
