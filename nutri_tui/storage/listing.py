"""Listing a sessions folder: the index brought up to date with the files, then read a page at a time.

:func:`synced` looks at every ``*.toml`` file's size, modification time and inode (one ``lstat`` each, no
read) and reads only the files the index does not know as they are now: their head where it can be
trusted, else the whole file (see :mod:`nutri_tui.storage.heads`). Rows of files that have gone are
dropped. :class:`SessionRows` then gives the history what it shows: the order of the results as rowids,
and the entries for the rows on screen, each checked as it is read (a row that fails is read again
from its file).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from nutri_tui.storage.heads import prefetch_heads, read_head
from nutri_tui.storage.index import PREFETCH_MIN, FileKey, SavedSession, SessionEntry, UnreadableSession, file_key
from nutri_tui.storage.index_db import Scored, SessionDB
from nutri_tui.storage.index_row import entry_from_row
from nutri_tui.storage.private_files import (
    TEMP_SUFFIX,
    StorageError,
    Unreadable,
    message,
    open_file,
    os_reason,
    read_rest,
    remove_if_stale,
    unexpected,
)

SUFFIX = ".toml"
T = TypeVar("T")
NEVER_MATCHES: FileKey = (-1, -1, -1)
"""The key kept for a file that could not even be looked at: it is looked at again every time."""


class SessionRows:
    """The results of one sessions folder, read from its index: brought up to date with the files when made by
    :func:`synced`, or later by :meth:`catch_up` when made by :func:`opened`."""

    def __init__(self, folder: Path, db: SessionDB | None) -> None:
        self.folder = folder
        self.db = db
        """None when there is no sessions folder yet: nothing to list."""
        self.closed = False

    def order(self, sort: str) -> tuple[list[int], list[int]]:
        """The rowids of the readable results in ``sort`` order, and of the unreadable files by name."""
        if self.db is None:
            return [], []
        db = self.db
        return self._asked(lambda: db.order(sort))

    def _asked(self, question: Callable[[], T]) -> T:
        """``question``'s answer; if the index was found damaged on the way (and made again empty), it is
        filled from the files again and asked once more."""
        assert self.db is not None
        restarts = self.db.restarts
        found = question()
        if self.db.restarts != restarts:
            with contextlib.suppress(OSError):
                _bring_up_to_date(self.folder, list(os.scandir(self.folder)), self.db)
            found = question()
        return found

    def entries(self, rowids: Iterable[int]) -> list[SessionEntry]:
        """The checked entries for ``rowids``, in the same order; a row gone since is left out."""
        return [entry for _, entry in self.entries_by_id(rowids)]

    def entries_by_id(self, rowids: Iterable[int]) -> list[tuple[int, SessionEntry]]:
        """Each rowid still there with its checked entry, in the order asked (see :meth:`_checked`)."""
        wanted = list(rowids)
        if self.db is None or not wanted:
            return []
        rows = self.db.rows(wanted)
        found = ((rowid, self._checked(rows[rowid])) for rowid in wanted if rowid in rows)
        return [(rowid, entry) for rowid, entry in found if entry is not None]

    def all(self) -> list[SessionEntry]:
        """Every entry: the readable ones newest first, then the unreadable ones by name."""
        if self.db is None:
            return []
        db = self.db
        found = (self._checked(row) for row in self._asked(db.all_rows))
        return [entry for entry in found if entry is not None]

    def _checked(self, row: tuple[object, ...]) -> SessionEntry | None:
        """A row's entry, checked. A row that is not as nutri-tui writes it (edited, or damaged) is read again
        from its file, which says what it is; one whose name is not a session file's is left out."""
        entry = entry_from_row(self.folder, row)
        if entry is not None:
            return entry
        name = row[1]
        if not _session_name(name):  # never a path outside the folder
            return None
        return self.refresh(self.folder / str(name))

    def scored(self) -> list[Scored]:
        """Each readable result's date and scores, oldest first (for the progress over time)."""
        return self.db.scored() if self.db is not None else []

    def texts_rows(self, rowids: list[int]) -> list[tuple[object, ...]]:
        """What the filter searches, unchecked, for each rowid (see :meth:`SessionDB.texts_rows`)."""
        return self.db.texts_rows(rowids) if self.db is not None else []

    def refresh(self, path: Path) -> SessionEntry:
        """One file's entry read again and recorded in its row (after a relabel: one row, not a relisting)."""
        entry, key = entry_and_key(path)
        if self.db is not None and path.parent == self.folder:
            self.db.put(path.name, key, entry)
        return entry

    def rowid_of(self, path: Path) -> int | None:
        return None if self.db is None or Path(path).parent != self.folder else self.db.rowid_of(Path(path).name)

    def forget(self, path: Path) -> None:
        """A deleted file's row goes (the next listing would drop it anyway)."""
        if self.db is not None:
            self.db.remove([path.name])

    def count(self) -> int:
        """How many rows the index holds (readable or not)."""
        return self.db.count() if self.db is not None else 0

    def catch_up(self) -> bool:
        """Bring the index up to date with the files (one ``lstat`` each; a file not known as it is now is
        read); whether anything changed. :class:`StorageError` if the folder cannot be listed."""
        if self.db is None:
            return False
        try:
            found = list(os.scandir(self.folder))
        except FileNotFoundError:
            return False
        except OSError as error:
            raise StorageError(message(self.folder, f"cannot list it ({os_reason(error)})")) from error
        db = self.db
        restarts = db.restarts
        changed = _bring_up_to_date(self.folder, found, db, lambda: self.closed)
        if db.restarts != restarts and not self.closed:  # found damaged, made again empty: every file read into it
            changed = _bring_up_to_date(self.folder, found, db, lambda: self.closed) or True
        return changed

    def close(self) -> None:
        self.closed = True
        if self.db is not None:
            self.db.close()


def _session_name(name: object) -> bool:
    return (
        type(name) is str
        and name.endswith(SUFFIX)
        and not name.startswith(".")
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
    )


def synced(folder: Path) -> SessionRows:
    """The folder's index, brought up to date with its files; :class:`StorageError` if it cannot be listed."""
    rows = opened(folder)
    rows.catch_up()
    return rows


def opened(folder: Path) -> SessionRows:
    """The folder's index as it was last left, not yet compared with the files (see :meth:`SessionRows.catch_up`):
    a long history can be shown at once and brought up to date in the background. :class:`StorageError` if
    the folder cannot be listed."""
    try:
        os.scandir(folder).close()  # opens the folder only: what a listing would meet, without the listing
    except FileNotFoundError:
        return SessionRows(folder, None)
    except OSError as error:
        raise StorageError(message(folder, f"cannot list it ({os_reason(error)})")) from error
    return SessionRows(folder, SessionDB(folder))


def _bring_up_to_date(
    folder: Path, found: list[os.DirEntry[str]], db: SessionDB, stop: Callable[[], bool] = lambda: False
) -> bool:
    """Whether any row changed. ``stop`` is asked while files are read (the History screen may have closed)."""
    known = db.file_keys()
    unchanged = known.pop  # what is left in ``known`` at the end has gone from the folder
    to_read: list[tuple[Path, str, os.stat_result]] = []
    looked_at: list[tuple[str, FileKey, SessionEntry]] = []
    now = time.time()
    for item in found:
        name = item.name
        if name.startswith(".") and name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                remove_if_stale(item.path, item.stat(follow_symlinks=False), now)
            continue
        if not name.endswith(SUFFIX) or name.startswith("."):
            continue
        previous = unchanged(name, None)
        try:
            info = item.stat(follow_symlinks=False)
        except OSError as error:
            looked_at.append((name, NEVER_MATCHES, UnreadableSession(folder / name, os_reason(error))))
            continue
        if previous != (info.st_size, info.st_mtime_ns, info.st_ino):  # file_key, inline: 100,000 calls
            to_read.append((folder / name, item.path, info))
    if len(to_read) >= PREFETCH_MIN:
        prefetch_heads([fspath for _, fspath, info in to_read if stat.S_ISREG(info.st_mode)])
    for path, fspath, info in to_read:
        if stop():
            return False
        key, entry = list_file(path, fspath, info)
        looked_at.append((path.name, key, entry))
    db.put_many(looked_at)
    db.remove(known)
    return bool(looked_at or known)


def entry_and_key(path: Path) -> tuple[SessionEntry, FileKey]:
    """One file's list entry as a listing gives it, and the key of the file as read."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return UnreadableSession(path, os_reason(error)), NEVER_MATCHES
    key, entry = list_file(path, os.fspath(path), info)
    return entry, key


def list_file(path: Path, fspath: str, lstat: os.stat_result) -> tuple[FileKey, SessionEntry]:
    """One file's list entry, from its head when that can be trusted, else from the whole file.

    ``fspath`` is ``path`` as a string and ``lstat`` its ``os.lstat`` (both from ``os.scandir``).
    Returns the key of the file as it was read (it may have changed since it was listed).
    """
    try:
        fd, info = open_file(fspath, "session", lstat)
    except Unreadable as error:
        return file_key(lstat), UnreadableSession(path, str(error))
    key = file_key(info)
    try:
        listed, start = read_head(fd, path, info.st_size)
        if listed is not None:
            return key, listed
        from nutri_tui.storage.session_file import decode_session, session_summary  # pydantic: only for a whole read

        session, _ = decode_session(read_rest(fd, "session", start))
        return key, session_summary(path, session)
    except Unreadable as error:
        return key, UnreadableSession(path, str(error))
    except OSError as error:
        return key, UnreadableSession(path, f"cannot read it ({os_reason(error)})")
    except Exception as error:  # one bad file must never break the list
        return key, UnreadableSession(path, unexpected(error))
    finally:
        os.close(fd)


__all__ = ["SavedSession", "SessionRows", "entry_and_key", "list_file", "synced"]
