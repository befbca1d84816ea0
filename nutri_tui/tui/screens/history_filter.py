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
from nutri_tui.storage.index_search import terms

if TYPE_CHECKING:
    from nutri_tui.storage.index_search import Terms
    from nutri_tui.storage.listing import SessionRows

CHUNK = 5_000
"""Rowids read at a time while looking for where one row is in the list (to keep it highlighted)."""


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

    def position(self, rowid: int) -> int | None:
        """Where ``rowid`` is in the list (reading rowids up to it), or None if the words do not find it."""
        while rowid not in self.ids:
            if self.read_all:
                return None
            self._read(CHUNK)
        return self.ids.index(rowid)
