"""The history's rows in the order chosen, narrowed by the words typed: queries on the index, a page at a time.

Filtering every result again on each key took 0.5 s a key at 100,000 results, and holding every result's
search text in Python (to narrow what earlier keys found) about 15 MB. Here a key is one query on the
index (:mod:`nutri_tui.storage.index_query`): it walks the index of the order chosen, which holds each
row's search text, and stops once it has the rows the table shows. More are asked for as the list is
scrolled. Nothing is held for each result but the rowids of the rows read so far.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from nutri_tui.storage.index_db import SORTS as SORTS
from nutri_tui.storage.index_search import entry_search, terms

if TYPE_CHECKING:
    from nutri_tui.storage import SessionEntry
    from nutri_tui.storage.index_search import Terms
    from nutri_tui.storage.listing import SessionRows

CHUNK = 5_000
"""Rowids read at a time while looking for where one row is in the list (to keep it highlighted)."""
PAGE_SCREENS = 3
"""Rows added to the table at a time, in screen heights. Each key typed in the filter refills the table, and
Textual measures every cell added (five ``measure`` calls a row) before painting, so a page of 200 rows cost
about 20 ms of a key's 60 at 80x24, where 18 rows can be seen; more are added before the end is reached."""
PAGE_MIN = 30
"""The fewest rows added at a time, however short the screen."""


def page_size(screen_height: int) -> int:
    """How many rows to add to the table at a time on a screen ``screen_height`` lines tall."""
    return max(PAGE_MIN, PAGE_SCREENS * screen_height)


def near_end(loaded: int, cursor: int, scrolled_to: int, screen_height: int) -> bool:
    """Whether the next page is wanted: the cursor (``cursor``, a row) or the last row that can be seen
    (``scrolled_to``) is within a screen's height of the last row added. A screen ahead, not at the last row:
    Page Down, which scrolls and moves by a screen, then never stops short at the end of a page, and neither
    does the mouse wheel (which scrolls without moving the cursor)."""
    return max(cursor, scrolled_to) >= loaded - screen_height


class Searchable:
    """The index's search texts made ready for this process, once per list (see ``SessionRows.search_ready``)."""

    def __init__(self, rows: SessionRows | None) -> None:
        self.rows = rows
        self._lock = threading.Lock()
        self._ready = rows is None

    def ready(self) -> bool:
        """Made ready (from any thread; another waits for the first); whether any text changed."""
        with self._lock:
            if self._ready or self.rows is None or self.rows.closed:
                return False
            self._ready = True
            return self.rows.search_ready()


class RowFilter:
    """The results in one order (readable ones, then the unreadable files by name), and the rows words find."""

    def __init__(self, rows: SessionRows | None, sort: str, names: dict[str, str]) -> None:
        self.rows = rows
        self.sort = sort
        self.names = names
        self.readable, self.broken = rows.counts() if rows is not None else (0, 0)
        """How many results could be read, and how many files could not (listed last)."""

    def matching(self, query: str) -> Matches:
        """The rows whose search text holds every word of ``query`` (any case), in order, read as needed (the
        texts are made ready first: see :class:`Searchable`)."""
        return Matches(self.rows, self.sort, terms(query, self.names))

    def gone(self, readable: bool) -> None:
        """One row was deleted."""
        if readable:
            self.readable -= 1
        else:
            self.broken -= 1


class Matches:
    """The rowids one query finds, in order: the readable results, then the unreadable files."""

    def __init__(self, rows: SessionRows | None, sort: str, found: Terms) -> None:
        self.rows = rows
        self.sort = sort
        self.terms = found
        self.words = [word for word, _ in found]
        """The words typed (casefolded, each once); none: every row."""
        self.ids: list[int] = []
        """The rowids read so far, in order."""
        self.taken = 0
        """How many of them :meth:`more` has given."""
        self.read_all = rows is None
        """Whether every row found has been read."""
        self._readable = 0  # rowids of readable rows read so far (-1: all of them)
        self._broken = 0

    @property
    def done(self) -> bool:
        """Whether :meth:`more` has given every row found."""
        return self.read_all and self.taken >= len(self.ids)

    def more(self, count: int) -> list[int]:
        """The next ``count`` rowids (fewer only at the end)."""
        self._read(self.taken + count - len(self.ids))
        given = self.ids[self.taken : self.taken + count]
        self.taken += len(given)
        return given

    def _read(self, count: int) -> None:
        """``count`` more rowids from the index, or as many as are left."""
        while count > 0 and not self.read_all and self.rows is not None:
            if self._readable >= 0:
                part = self.rows.matching(self.sort, self.terms, self._readable, count)
                self._readable = self._readable + len(part) if len(part) == count else -1
            else:
                part = self.rows.matching(self.sort, self.terms, self._broken, count, broken=True)
                self._broken += len(part)
                self.read_all = len(part) < count
            self.ids += part
            count -= len(part)

    def finds(self, entry: SessionEntry) -> bool:
        """Whether the words find ``entry`` in its own search text (what ``search_text`` holds, in the two parts the
        index keeps: see ``index_search``), for a row read from the index, whose text may be out of date."""
        text, bits = entry_search(entry)
        return all(word in text or bits & found for word, found in self.terms)

    def position(self, rowid: int) -> int | None:
        """Where ``rowid`` is in the list (reading rowids up to it), or None if the words do not find it."""
        while rowid not in self.ids:
            if self.read_all:
                return None
            self._read(CHUNK)
        return self.ids.index(rowid)
