"""The History's filter as queries on the index: the rows whose search text holds every word, a page at a time.

Each query walks one partial index in the order chosen (``files_by_time``, ``files_by_pain`` or
``files_unreadable``), which holds the search text and the nutrients' bits too, so the table itself is
never read, and it stops once it has the page: typing a word common to thousands of results reads a few
hundred index entries, and even a word that finds nothing in 100,000 results is one walk of one index in
SQLite (without Python's lock held), not a test of 100,000 strings in Python. See
:mod:`nutri_tui.storage.index_search` for what the texts hold and how they are kept right.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from nutri_tui.models.summary_fields import ScoreSummary
from nutri_tui.storage.index import moment_of, pain_ok, scores_of
from nutri_tui.storage.index_db import ORDER, SessionDB
from nutri_tui.storage.index_search import Terms, raw_search, search_key, where

T = TypeVar("T")
FILL_BATCH = 2_000
"""Rows given their search text in one transaction when the History fills them in."""


def page(db: SessionDB, sort: str, terms: Terms, offset: int, limit: int, *, broken: bool = False) -> list[int]:
    """The rowids of up to ``limit`` rows matching ``terms`` from the ``offset``-th on: of the readable files in
    ``sort`` order, or with ``broken`` of the unreadable ones by name."""
    condition, parameters = where(terms)
    if broken:
        query = f"SELECT rowid FROM files WHERE reason IS NOT NULL{condition} ORDER BY name LIMIT ? OFFSET ?"
    else:
        query = f"SELECT rowid FROM files WHERE reason IS NULL{condition} ORDER BY {ORDER[sort]} LIMIT ? OFFSET ?"
    return [rowid for (rowid,) in db.read(query, (*parameters, limit, offset))]


def count(db: SessionDB, terms: Terms) -> tuple[int, int]:
    """How many readable rows, and how many unreadable ones, match ``terms``."""
    condition, parameters = where(terms)
    found = []
    for kind in ("reason IS NULL", "reason IS NOT NULL"):
        rows = db.read(f"SELECT count(*) FROM files WHERE {kind}{condition}", parameters)
        found.append(rows[0][0] if rows else 0)
    return found[0], found[1]


class HistoryQueries:
    """The History's questions of one folder's index, for :class:`.listing.SessionRows` (which holds the index as
    ``db``, None without a folder, and asks through ``_asked``: a damaged index is filled again, then asked again)."""

    db: SessionDB | None
    searchable: bool

    def _asked(self, question: Callable[[], T]) -> T:
        raise NotImplementedError

    def order(self, sort: str) -> tuple[list[int], list[int]]:
        """The rowids of the readable results in ``sort`` order, and of the unreadable files by name."""
        db = self.db
        return ([], []) if db is None else self._asked(lambda: db.order(sort))

    def scored(self) -> list[Scored]:
        """Each readable result's date and scores, oldest first (for the progress over time)."""
        return scored(self.db) if self.db is not None else []

    def counts(self) -> tuple[int, int]:
        """How many results are readable, and how many files are not."""
        db = self.db
        return (0, 0) if db is None else self._asked(db.counts)

    def search_ready(self) -> bool:
        """Every row's search text made for this process (see :func:`make_searchable`), and whether any changed;
        from then on, a row read for the list whose text is not its own is put right."""
        changed = self.db is not None and make_searchable(self.db)
        self.searchable = True
        return changed

    def matching(self, sort: str, terms: Terms, offset: int, limit: int, *, broken: bool = False) -> list[int]:
        """Up to ``limit`` rowids of the results matching ``terms`` from the ``offset``-th on (see :func:`page`)."""
        db = self.db
        return [] if db is None else self._asked(lambda: page(db, sort, terms, offset, limit, broken=broken))

    def count_matching(self, terms: Terms) -> tuple[int, int]:
        return count(self.db, terms) if self.db is not None else (0, 0)


class Scored(NamedTuple):
    """A readable result as the progress over time reads it (see ``reports.progress.Scored``)."""

    created: Any
    pain_intensity: int | None
    instruments: tuple[ScoreSummary, ...]


def scored(db: SessionDB) -> list[Scored]:
    """Every readable result's date, pain score and questionnaire scores, oldest first (for Compare and the
    list of every score). Each value is checked as :func:`.index.from_record` checks it, without building a
    whole entry for each result; a row with any value off is left out."""
    query = "SELECT created, pain, instruments FROM files WHERE reason IS NULL ORDER BY sort_utc ASC, name ASC"
    found = []
    for created, pain, instruments in db.read(query):
        moment = moment_of(created)
        scores = scores_of(instruments) if type(instruments) is str else None
        if moment is None or scores is None or not pain_ok(pain):
            continue
        found.append(Scored(moment, pain, scores))
    return found


_SCORES_AFTER = (
    "SELECT sort_utc, name, pain, instruments FROM files WHERE reason IS NULL AND (sort_utc, name) > (?, ?)"
    " AND typeof(sort_utc) = 'text' AND typeof(name) = 'text' AND typeof(created) = 'text'"
    " AND typeof(instruments) = 'text' AND (pain IS NULL OR (typeof(pain) = 'integer' AND pain BETWEEN 0 AND 10))"
    " ORDER BY sort_utc, name LIMIT ?"
)


def scores_after(db: SessionDB, after: tuple[str, str], limit: int) -> list[tuple[Any, ...]]:
    """``(sort_utc, name, pain, instruments)`` of up to ``limit`` readable rows after ``after`` (a row's
    ``(sort_utc, name)``), oldest first, unchecked but for their types and the pain score's range (the scores'
    text is checked by the caller): what the History's chart reads, a batch at a time."""
    return db.read(_SCORES_AFTER, (*after, limit))


def make_searchable(db: SessionDB) -> bool:
    """Every row with its search text as this process makes it; whether any changed. If the index's are of
    another time zone or nutrient list, each is made again (:data:`FILL_BATCH` rows a transaction, so that the
    list is never held up for long: a few seconds for 100,000 results, once, in the History's thread); then
    any missing is filled in (a row written by a process of another zone). Quick when there is nothing to
    do: one look at the key and at an index of the rows without a text. Never an error (see
    :meth:`SessionDB.write`)."""
    key = search_key()
    changed = False
    if db.read("SELECT key FROM searched") != [(key,)]:
        changed = True
        remake = _Remake()
        for _ in range(2 + db.count() // FILL_BATCH):  # bounded: a batch a transaction, the rows by rowid
            db.write(remake)
            if remake.done or db.closed:
                break
        db.write(lambda sql: _claim(sql, key))
    if not db.read("SELECT 1 FROM files WHERE search IS NULL LIMIT 1"):
        return changed
    done: list[bool] = []
    for _ in range(1 + db.count() // FILL_BATCH):  # bounded: each batch leaves FILL_BATCH fewer rows without
        done.clear()
        db.write(lambda sql: done.append(_fill(sql, key)))
        if not done or done[-1]:
            break
    return True


class _Remake:
    """One transaction's worth of texts made again (where they differ: another zone with the same offsets
    changes none), :data:`FILL_BATCH` rows at a time in rowid order."""

    QUERY = (
        "SELECT rowid, name, created, label, top, reason, search, nutrients FROM files WHERE rowid > ?"
        f" ORDER BY rowid LIMIT {FILL_BATCH}"
    )

    def __init__(self) -> None:
        self.after = -(1 << 63)
        self.done = False

    def __call__(self, sql: sqlite3.Connection) -> None:
        rows = sql.execute(self.QUERY, (self.after,)).fetchall()
        made = [(*made, row[0]) for row in rows if (made := raw_search(*row[1:6])) != row[6:]]
        sql.executemany("UPDATE files SET search = ?, nutrients = ? WHERE rowid = ?", made)
        self.done = len(rows) < FILL_BATCH
        if rows:
            self.after = rows[-1][0]


def _claim(sql: sqlite3.Connection, key: str) -> None:
    sql.execute("DELETE FROM searched")
    sql.execute("INSERT INTO searched VALUES (?)", (key,))


def _fill(sql: sqlite3.Connection, key: str) -> bool:
    """One batch of the rows without a text given theirs; whether none is left."""
    if sql.execute("SELECT key FROM searched").fetchall() != [(key,)]:
        return True  # another process claimed it meanwhile: its texts, not ours
    query = f"SELECT rowid, name, created, label, top, reason FROM files WHERE search IS NULL LIMIT {FILL_BATCH}"
    rows = sql.execute(query).fetchall()
    made = [(*raw_search(*row[1:]), row[0]) for row in rows]
    sql.executemany("UPDATE files SET search = ?, nutrients = ? WHERE rowid = ?", made)
    return len(rows) < FILL_BATCH


def mend_search(db: SessionDB, made: list[tuple[str, int, int]]) -> None:
    """Rows' texts put right: ``(search, nutrients, rowid)`` each, made from their checked entries (only while
    the index's texts are this process's)."""
    key = search_key()

    def mend(sql: sqlite3.Connection) -> None:
        if sql.execute("SELECT key FROM searched").fetchall() == [(key,)]:
            sql.executemany("UPDATE files SET search = ?, nutrients = ? WHERE rowid = ?", made)

    db.write(mend)
