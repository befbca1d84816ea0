"""The history's index as an embedded database: ``sessions/.index.sqlite``, one row per session file.

The TOML session files stay the truth and the format people see; this is only a cache of what the
list shows, so that a history of 100,000 results opens, sorts, pages and updates quickly:

- each row keeps a file's summary with the file's size, modification time and inode at the time it
  was read; a row is used only while all three still match, and anything else is read again;
- a delete or a relabel changes one row (the JSON index it replaces was rewritten whole: seconds at
  100,000 sessions), and orders are queries on indexed columns;
- rows are checked as strictly as a session head when they are shown (:func:`from_record`), not when
  they are listed, so opening a long history does not build and check 100,000 objects.

It is ours, but it is a file on disk, so it is opened with care: only a regular file (a link, a FIFO or
a folder with its name is neither used nor replaced), created 0600 before SQLite opens it (SQLite gives
its ``-wal`` and ``-shm`` files the same mode), and its schema must be exactly the one written here,
with no triggers or views of anyone else's, and ``trusted_schema`` off. A corrupt, foreign or older
index is deleted and built again from the files; if it cannot be, an index in memory does the job for
this process. A failure to write it is never an error.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from nutri_tui import __version__
from nutri_tui.storage.index import FileKey, SessionEntry
from nutri_tui.storage.index_row import COLUMNS, KEYED, UPSERT, row_values
from nutri_tui.storage.index_search import search_key

INDEX_NAME = ".index.sqlite"
INDEX_FORMAT = 5
"""Bumped when a row changes meaning (1-3 were the JSON index ``.index.json``, which older versions keep
using: it is left where it is; 5 added the filter's search texts)."""
SORTS = ("newest", "oldest", "pain")
_CREATE = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
    "CREATE TABLE files (name TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
    " inode INTEGER NOT NULL, sort_utc TEXT, pain INTEGER, created TEXT, label TEXT, red_flag INTEGER,"
    " top TEXT, content_version TEXT, instruments TEXT, reason TEXT, search TEXT, nutrients INTEGER)",
    # Partial indexes of the readable rows, in the orders the history asks for: an order is then a walk
    # along one index that never touches the table (0.43 s at 100,000 rows without, 0.03 s with), and the
    # filter's query (index_query.py) reads the search text and nutrients from the same index. ``reason`` is
    # in each because the queries name it (``WHERE reason IS NULL``): without it, SQLite before 3.45 reads
    # the table for every row (a quarter of a second for a filter that finds nothing in 100,000).
    "CREATE INDEX files_by_time ON files (sort_utc, name, search, nutrients, reason) WHERE reason IS NULL",
    "CREATE INDEX files_by_pain ON files (COALESCE(pain, -1), sort_utc, name, search, nutrients, reason, pain)"
    " WHERE reason IS NULL",
    "CREATE INDEX files_unreadable ON files (name, search, reason) WHERE reason IS NOT NULL",
    "CREATE INDEX files_unsearched ON files (name) WHERE search IS NULL",
    # The time zone and nutrient list the search texts were made for (index_search.search_key).
    "CREATE TABLE searched (key TEXT NOT NULL)",
)
_INDEXES = tuple(statement for statement in _CREATE if statement.startswith("CREATE INDEX"))
FIRST_FILL_MIN = 1_000
"""From this many rows written at once into an empty index, its indexes are made after them (see ``put_many``)."""
_OURS = {(statement.split()[1].lower(), statement.split()[2]) for statement in _CREATE} | {
    ("index", "sqlite_autoindex_meta_1"),  # the UNIQUE and PRIMARY KEY constraints' own
    ("index", "sqlite_autoindex_files_1"),
}
ORDER = {
    "newest": "sort_utc DESC, name DESC",
    "oldest": "sort_utc ASC, name ASC",
    "pain": "COALESCE(pain, -1) DESC, sort_utc DESC, name DESC",
}
"""The readable rows in each order: by time, ties by file name (oldest is newest reversed); by pain, ties
newest first."""
BATCH = 900
"""Rowids asked for in one query (SQLite allows 999 parameters by default in older builds)."""
_DAMAGE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
"""What SQLite says of a page it cannot make sense of (opening reads only the first one and the schema)."""
_UNAVAILABLE = (
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_NOMEM,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PROTOCOL,
)
"""What SQLite says when the disk, not the index, fails a read."""


class SessionDB:
    """The index of one sessions folder, open for this process (safe to use from a worker thread)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / INDEX_NAME
        self._lock = threading.RLock()
        self.on_disk = True
        """False when the index lives in memory for this process (see the module's docstring)."""
        self.closed = False
        self.restarts = 0
        """How many times the index had to start again, empty, since it was opened (see :meth:`read`)."""
        self._db = self._open()

    # -- opening -----------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            info = os.lstat(self.path)
        except FileNotFoundError:
            info = None
        except OSError:
            return self._in_memory()
        if info is not None and not stat.S_ISREG(info.st_mode):  # not ours to read or to replace
            return self._in_memory()
        for _ in range(2):
            try:
                if info is None and (made := self._made_elsewhere()) is not None:
                    return made  # a first fill's index, put in place when full (index_fill.py)
                if info is None:
                    _create_private(self.path)
                db = _connect(str(self.path))
                if _schema_is_ours(db):
                    self._upgrade(db)
                    return db
                db.close()
            except (sqlite3.Error, OSError):
                pass
            info = None  # corrupt, foreign or older: made again
            with contextlib.suppress(OSError):
                remove_index(self.path)
        return self._in_memory()

    def _made_elsewhere(self) -> sqlite3.Connection | None:
        """A new index made somewhere else first (see :class:`.index_fill.FirstFill`); None: made in place."""
        return None

    def _in_memory(self) -> sqlite3.Connection:
        self.on_disk = False
        db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        _schema_is_ours(db)
        self._upgrade(db)
        return db

    def _upgrade(self, db: sqlite3.Connection) -> None:
        """A new index gets its tables; another app version's keeps its summaries of files that read fine,
        but looks again at every file that could not be read (a fixed bug, a newer schema)."""
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") not in (None, str(INDEX_FORMAT)):
            raise sqlite3.DatabaseError("another index format")
        if meta.get("app") != __version__:
            with db:
                db.execute("DELETE FROM files WHERE reason IS NOT NULL")
                db.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('format', ?), ('app', ?)", (str(INDEX_FORMAT), __version__)
                )

    def close(self) -> None:
        """Closed for good: what is asked of it afterwards (a thread finishing late) finds nothing, writes nothing."""
        with self._lock:
            self.closed = True
            self._disconnect()

    def _disconnect(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._db.close()

    def write(self, action: Callable[[sqlite3.Connection], object]) -> None:
        """One transaction. If the disk refuses it (full, read-only, locked by another nutri-tui for too
        long), this process carries on with a copy of the index in memory; a damaged index is made again
        (see :meth:`read`); never an error."""
        with self._lock:
            if self.closed:
                return
            try:
                _in_one_transaction(self._db, action)
                return
            except sqlite3.Error as error:
                if _damaged(error):
                    self._start_again(damaged=True)
                elif not self.on_disk:
                    return
                else:
                    self._to_memory()
            with contextlib.suppress(sqlite3.Error):
                _in_one_transaction(self._db, action)

    def read(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        """The rows a query finds; never an error. SQLite finds a damaged page only when it reads it (opening
        reads the first page and the schema): the index is then deleted and made again, empty, so the files
        are read again. If the disk fails it (locked out for too long, an I/O error), this process carries on
        with an empty index in memory. Either way :attr:`restarts` counts it (a mistake in a query raises)."""
        with self._lock:
            if self.closed:
                return []
            try:
                return self._db.execute(sql, parameters).fetchall()
            except sqlite3.Error as error:
                if not _damaged(error) and _code(error) not in _UNAVAILABLE:
                    raise
                self._start_again(_damaged(error))
                return []

    def _start_again(self, damaged: bool) -> None:
        """An empty index: a damaged one is deleted and made again on disk; otherwise one in memory."""
        self.restarts += 1
        self._disconnect()
        if damaged and self.on_disk:
            with contextlib.suppress(OSError):
                remove_index(self.path)
            self._db = self._in_memory() if os.path.lexists(self.path) else self._open()  # not removed: not again
        else:
            self._db = self._in_memory()

    def _to_memory(self) -> None:
        memory = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        try:
            self._db.backup(memory)
        except sqlite3.Error:
            memory.close()
            memory = self._in_memory()
        self._disconnect()
        self._db, self.on_disk = memory, False

    # -- reading -----------------------------------------------------------------------------------

    def file_keys(self) -> dict[str, FileKey]:
        """Every row's file name, with the key of the file as it was read."""
        rows = self.read("SELECT name, size, mtime_ns, inode FROM files")
        return {name: (size, mtime, inode) for name, size, mtime, inode in rows}

    def keys_of(self, names: Sequence[str]) -> dict[str, FileKey]:
        """The key each of ``names`` (at most :data:`BATCH`) was read with, for those the index has a row of."""
        rows = self.read(
            f"SELECT name, size, mtime_ns, inode FROM files WHERE name IN ({','.join('?' * len(names))})", names
        )
        return {name: (size, mtime, inode) for name, size, mtime, inode in rows}

    def names_not_in(self, there: set[str], batch: int = BATCH) -> list[str]:
        """The rows' names not in ``there`` (the folder's: files deleted by hand), read ``batch`` names at a time."""
        gone: list[str] = []
        after = ""
        query = "SELECT name FROM files WHERE name > ? ORDER BY name LIMIT ?"
        while names := [name for (name,) in self.read(query, (after, batch))]:
            gone += (name for name in names if name not in there)
            after = names[-1]
        return gone

    def count(self) -> int:
        rows = self.read("SELECT count(*) FROM files")
        return rows[0][0] if rows else 0

    def rowid_of(self, name: str) -> int | None:
        """The rowid of one file's row (an indexed lookup, not a scan)."""
        rows = self.read("SELECT rowid FROM files WHERE name = ?", (name,))
        return rows[0][0] if rows else None

    def order(self, sort: str) -> tuple[list[int], list[int]]:
        """The rowids of the readable files in ``sort`` order, and of the unreadable ones by name."""
        readable = self.read(f"SELECT rowid FROM files WHERE reason IS NULL ORDER BY {ORDER[sort]}")
        broken = self.read("SELECT rowid FROM files WHERE reason IS NOT NULL ORDER BY name")
        return [r for (r,) in readable], [r for (r,) in broken]

    def all_rows(self, *, keyed: bool = False) -> list[tuple[Any, ...]]:
        """Every raw row (:data:`.index_row.COLUMNS`, or with ``keyed`` :data:`.index_row.KEYED`): the readable ones
        newest first, then the unreadable ones by name (one walk along each index, not a look-up per row: what a
        whole listing needs)."""
        columns = KEYED if keyed else COLUMNS
        readable = self.read(f"SELECT {columns} FROM files WHERE reason IS NULL ORDER BY {ORDER['newest']}")
        return readable + self.read(f"SELECT {columns} FROM files WHERE reason IS NOT NULL ORDER BY name")

    def rows(self, rowids: Iterable[int]) -> dict[int, tuple[Any, ...]]:
        """The raw rows (:data:`.index_row.COLUMNS`, then ``search, nutrients``) for ``rowids``; a rowid no
        longer there is left out."""
        wanted = list(rowids)
        found: dict[int, tuple[Any, ...]] = {}
        for start in range(0, len(wanted), BATCH):
            part = wanted[start : start + BATCH]
            query = f"SELECT {COLUMNS}, search, nutrients FROM files WHERE rowid IN ({','.join('?' * len(part))})"
            found.update((row[0], row) for row in self.read(query, part))
        return found

    def counts(self) -> tuple[int, int]:
        """How many rows are of readable files, and how many of unreadable ones."""
        # Two counts each SQLite answers from an index (count(reason) in one query read the whole table: 20 ms)
        everything = self.read("SELECT count(*) FROM files")
        broken = self.read("SELECT count(*) FROM files WHERE reason IS NOT NULL")
        return (everything[0][0] - broken[0][0], broken[0][0]) if everything and broken else (0, 0)

    # -- writing -----------------------------------------------------------------------------------

    def put_many(self, items: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """Record each file's entry (one transaction) and return its rows; never an error (see :meth:`write`). Each
        item is ``index_fill.Looked``. Search texts are made only if the index's are of this process's time zone."""
        listed, rows = list(items), list[tuple[Any, ...]]()
        key = search_key()

        def put(db: sqlite3.Connection) -> None:
            searchable = db.execute("SELECT key FROM searched").fetchall() == [(key,)]
            rows[:] = [row_values(*item, searchable=searchable) for item in listed]
            # Into an empty table (a first listing), the rows go in before the orders' indexes are made again (in the
            # same transaction): a third of the time of keeping each index up to date row by row, at 10,000 rows.
            first = len(rows) >= FIRST_FILL_MIN and not db.execute("SELECT 1 FROM files LIMIT 1").fetchall()
            for statement in _INDEXES if first else ():
                db.execute(f"DROP INDEX {statement.split()[2]}")
            db.executemany(UPSERT, rows)
            for statement in _INDEXES if first else ():
                db.execute(statement)

        if listed:
            self.write(put)
        return rows

    def put(self, name: str, key: FileKey, entry: SessionEntry) -> int | None:
        """Record one file's entry and return its rowid (None if the index could not take it)."""
        self.put_many([(name, key, entry)])
        return self.rowid_of(name)

    def remove(self, names: Iterable[str]) -> None:
        gone = [(name,) for name in names]
        if gone:
            self.write(lambda db: db.executemany("DELETE FROM files WHERE name = ?", gone))


def _in_one_transaction(db: sqlite3.Connection, action: Callable[[sqlite3.Connection], object]) -> None:
    """``action`` as one transaction. The connection is in autocommit mode (``isolation_level=None``), where
    ``with db:`` begins nothing, so 10,000 rows were 10,000 transactions: 0.44 s, against 0.03 s in one."""
    # IMMEDIATE: the write lock first. A deferred transaction that reads, then writes, fails at once (not after
    # the busy timeout) if another process wrote in between, and that failure would send the index to memory.
    db.execute("BEGIN IMMEDIATE")
    try:
        action(db)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _code(error: sqlite3.Error) -> int:
    """SQLite's primary result code for an error (its extended code without the detail)."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF


def _damaged(error: sqlite3.Error) -> bool:
    return _code(error) in _DAMAGE


def _create_private(path: Path) -> None:
    """An empty 0600 file for SQLite to fill (it would otherwise make one with the process's umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    os.close(fd)


def _connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=0.5)
    db.execute("PRAGMA trusted_schema = OFF")  # nothing in the file may run functions on its own
    return db


def _schema_is_ours(db: sqlite3.Connection) -> bool:
    """Create the tables in an empty database; otherwise whether its schema is exactly ours."""
    found = {(kind, name) for kind, name in db.execute("SELECT type, name FROM sqlite_master")}
    if not found:
        # WAL, then the schema in one transaction (one a statement was 40 fsyncs, and another app saw it half made).
        with contextlib.suppress(sqlite3.Error):  # a file system without shared memory keeps its journal
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        _in_one_transaction(db, create_schema)
        found = {(kind, name) for kind, name in db.execute("SELECT type, name FROM sqlite_master")}
    if found != _OURS:
        return False
    sql = {name: text for name, text in db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    expected = {statement.split()[2]: statement for statement in _CREATE}
    if sql != expected:
        return False
    db.execute("PRAGMA synchronous = NORMAL")
    return True


def create_schema(db: sqlite3.Connection) -> None:
    """The tables, indexes and meta rows of an empty index (in the caller's transaction)."""
    if db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall():
        return  # another nutri-tui made it while this one waited for the lock: checked by the caller
    for statement in _CREATE:
        db.execute(statement)
    db.execute("INSERT INTO searched VALUES (?)", (search_key(),))
    db.execute("INSERT INTO meta VALUES ('format', ?), ('app', ?)", (str(INDEX_FORMAT), __version__))


def remove_index(path: Path) -> None:
    """Delete our index and its journal files (only regular files: a link is left alone)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        target = Path(f"{path}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISREG(os.lstat(target).st_mode):
                os.unlink(target)


def is_index_file(name: str) -> bool:
    """Whether a name in the sessions folder is the index or one of its journal files."""
    return name == INDEX_NAME or name.startswith(INDEX_NAME + "-")
