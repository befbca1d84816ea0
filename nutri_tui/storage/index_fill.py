"""A first listing's index, made where no other process can see it, then put in place whole.

When a sessions folder has no index yet (or its index was found foreign, older or damaged and deleted),
every file is read and every row written. Written into the live index (WAL, ``synchronous=NORMAL``), those
rows went through the WAL and a checkpoint: about 5,400 ``pwrite`` and 4,000 ``pread`` calls and 8
``fdatasync`` at 10,000 sessions. :class:`FirstFill` writes them instead into a private file beside it
(``.index.sqlite.<12 hex digits>.tmp``, 0600, named as our other temp files so that a listing sweeps one
a crash left behind), with no journal on disk, no syncs and a cache the size of the index, and then
:meth:`FirstFill.publish` makes it the index:

- the file is switched to WAL (only its header changes: later updates are made as in any index), closed,
  fsynced, and only then linked to ``.index.sqlite``: the live index never holds a row that is not on disk,
  so a power cut can leave no index (made again next time) or a whole one, never one that claims files it
  has lost. Until then a crash leaves only the temp file, which nothing reads;
- the link never replaces a file: if another process put an index there first (it was listing at the same
  time), that one is kept and this listing is compared with it as with any index (a replaced index that
  another process still had open would have shared its ``-wal`` with the new one);
- anything that fails on the way leaves the rows where they are, and the index is made in place as before.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from nutri_tui.safe_read import O_CLOEXEC, O_NOFOLLOW
from nutri_tui.storage.index import FileKey, SessionEntry
from nutri_tui.storage.index_db import (
    INDEX_NAME,
    SessionDB,
    _connect,
    _create_private,
    _in_one_transaction,
    create_schema,
)
from nutri_tui.storage.private_files import TEMP_SUFFIX

Looked = tuple[str, FileKey, SessionEntry] | tuple[str, FileKey, SessionEntry, "str | None"]
"""A file's name, the key it was read with, its entry, and maybe its moment's ``isoformat`` text (None or left out:
made from the entry; see ``index_row.row_values``)."""

FILL_PRAGMAS = (
    "journal_mode = MEMORY",  # rolls back a failed transaction without a journal file (nothing else reads it)
    "synchronous = OFF",  # made durable once, by the fsync before it is linked
    "locking_mode = EXCLUSIVE",  # no -shm file, no lock taken again for each statement
    "cache_size = -65536",  # 64 MiB at most: the orders' indexes are made without reading pages back
)


_NOT_FOLLOWED = {"follow_symlinks": False} if os.link in os.supports_follow_symlinks else {}


class FirstFill(SessionDB):
    """The index of one folder for a whole listing: as :class:`SessionDB`, except that an index made new is filled
    in a private file until :meth:`publish` (one listed with an index already in place is that index)."""

    def __init__(self, folder: Path) -> None:
        self.temp: str | None = None
        """The private file the rows go into until :meth:`publish`; None: the index in place (or in memory)."""
        self._asked_once = False
        super().__init__(folder)

    def _made_elsewhere(self) -> sqlite3.Connection | None:
        if self._asked_once:  # once: an index made again later (found damaged) is made in place
            return None
        self._asked_once = True
        temp = str(self.folder / f"{INDEX_NAME}.{os.urandom(6).hex()}{TEMP_SUFFIX}")
        db = None
        try:
            _create_private(Path(temp))
            db = _connect(temp)
            for pragma in FILL_PRAGMAS:
                db.execute(f"PRAGMA {pragma}")
            _in_one_transaction(db, create_schema)
        except (sqlite3.Error, OSError):
            if db is not None:
                db.close()
            _remove(temp)
            return None
        self.temp = temp
        return db

    def publish(self) -> bool:
        """The private file made the index (see the module's docstring). True if the index now open is not the
        one just filled (another process's was there first; or this one could not be put in place, or opened
        there): the caller then compares the files with it, as with any index."""
        temp, self.temp = self.temp, None
        if temp is None:
            return False
        with self._lock:
            if not self.on_disk or self.closed:  # the rows went to memory (a disk that refused them): they stay
                _remove(temp)
                return False
            filled = None
            try:
                with contextlib.suppress(sqlite3.Error):  # no WAL here: the index keeps a rollback journal
                    self._db.execute("PRAGMA journal_mode = WAL")
                self._db.close()
                filled = _fsync(temp)
                os.link(temp, self.path, **_NOT_FOLLOWED)
            except (sqlite3.Error, OSError):  # another's first (FileExistsError); no hard links here, say
                filled = None
            finally:
                _remove(temp)
            self._db = self._open()  # the index in place: this one, another process's, or a new one
            with contextlib.suppress(OSError):
                return not (self.on_disk and filled is not None and os.lstat(self.path).st_ino == filled)
            return True

    def _start_again(self, damaged: bool) -> None:
        if self.temp is None:
            super()._start_again(damaged)
            return
        self.restarts += 1  # the private file: given up, this process carries on in memory
        self._disconnect()
        _remove(self.temp)
        self.temp = None
        self._db = self._in_memory()

    def close(self) -> None:
        super().close()
        if self.temp is not None:
            _remove(self.temp)
            self.temp = None


class Fresh(dict[str, SessionEntry]):
    """The entries a whole listing read from files, by name, and the moment each row was written with (its
    ``created`` column: ``isoformat``'s text, about a microsecond each to make, made once for the row and the list)."""

    def __init__(self) -> None:
        super().__init__()
        self.created: dict[str, str] = {}


def put(db: SessionDB, looked_at: list[Looked], fresh: dict[str, SessionEntry] | None) -> list[Looked]:
    """``looked_at`` recorded in the index (one transaction), and given to ``fresh``; an empty list to go on with."""
    rows = db.put_many(looked_at)
    if fresh is not None:
        fresh.update((item[0], item[2]) for item in looked_at)
    if isinstance(fresh, Fresh):
        fresh.created.update((row[0], row[6]) for row in rows if row[6] is not None)
    return []


def _fsync(path: str) -> int:
    """The file at ``path`` made durable; its inode."""
    fd = os.open(path, os.O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    try:
        os.fsync(fd)
        return os.fstat(fd).st_ino
    finally:
        os.close(fd)


def _remove(path: str) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(path + suffix)
