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
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from nutri_tui.models.summary_fields import ScoreSummary
from nutri_tui.storage.heads import HINTS, open_session, opened_ahead, read_head
from nutri_tui.storage.index import (
    PREFETCH_MIN,
    FileKey,
    SavedSession,
    SessionEntry,
    UnreadableSession,
    child,
    file_key,
    scores_of,
)
from nutri_tui.storage.index_db import BATCH, SessionDB
from nutri_tui.storage.index_fill import FirstFill, Fresh, Looked, put
from nutri_tui.storage.index_query import HistoryQueries, mend_search, scores_after
from nutri_tui.storage.index_row import entry_from_row
from nutri_tui.storage.index_search import entry_search
from nutri_tui.storage.private_files import (
    TEMP_SUFFIX,
    StorageError,
    Unreadable,
    message,
    os_reason,
    read_rest,
    remove_if_stale,
    unexpected,
)

SUFFIX = ".toml"
T = TypeVar("T")
Quick = Callable[[tuple[Any, ...]], T | None]
FreshAs = Callable[[str, SessionEntry, str | None], T]
KEYS_AT_ONCE = 20_000  # up to this many rows, catching up reads every file's key from the index in one query
CHART_BATCH = 5_000
"""Rows the chart's scores are read in at a time."""
NEVER_MATCHES: FileKey = (-1, -1, -1)
"""The key kept for a file that could not even be looked at: it is looked at again every time."""


class SessionRows(HistoryQueries):
    """The results of one sessions folder, read from its index: brought up to date with the files when made by
    :func:`synced`, or later by :meth:`catch_up` when made by :func:`opened`."""

    def __init__(self, folder: Path, db: SessionDB | None) -> None:
        self.folder = folder
        self.db = db
        """None when there is no sessions folder yet: nothing to list."""
        self.closed = False
        self.searchable = False
        """Whether the index's search texts are this process's (see :meth:`search_ready`)."""
        self.fresh: dict[str, SessionEntry] | None = None
        """With :func:`synced`: the entries read from files while catching up, which :meth:`all` then uses rather
        than checking their rows again (a first listing of 10,000 files checked every head twice)."""
        self.listed: list[tuple[Any, ...]] | None = None
        """With :func:`synced`, when catching up changed no row: every row, as read to compare the files' keys with,
        which :meth:`all` then uses rather than reading the whole index a second time."""

    def _asked(self, question: Callable[[], T]) -> T:
        """``question``'s answer; if the index was found damaged on the way (and made again empty), it is
        filled from the files again and asked once more."""
        assert self.db is not None
        restarts = self.db.restarts
        found = question()
        if self.db.restarts != restarts:
            with contextlib.suppress(OSError), os.scandir(self.folder) as files:
                _bring_up_to_date(self.folder, files, self.db)
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
        found = []
        wrong = []
        for rowid in wanted:
            row = rows.get(rowid)
            entry = None if row is None else entry_from_row(self.folder, row)
            if entry is None and row is not None:
                entry = self._read_again(row)  # its row is written again, search text and all
            elif entry is not None and self.searchable and entry_search(entry) != row[-2:]:
                wrong.append((*entry_search(entry), rowid))
            if entry is not None:
                found.append((rowid, entry))
        if wrong:  # a search text not this row's (changed behind nutri-tui's back): put right
            mend_search(self.db, wrong)
        return found

    def all(self, quick: Quick[T] | None = None, fresh_as: FreshAs[T] | None = None) -> list[SessionEntry | T]:
        """Every entry: the readable ones newest first, then the unreadable ones by name. ``quick`` may give a row
        of the index as it stands (:data:`.index_row.COLUMNS`) as something else, checked as its entry would be
        (see :func:`.index_row.readable_row`), instead of that entry; None: the entry (``sessions --json`` writes
        10,000 rows in half the time without making their entries first). When every entry was just read from its
        file, ``fresh_as`` gives each from its file's name, the entry and its row's ``created`` text (or None)."""
        if self.db is None:
            return []
        db = self.db
        fresh, self.fresh = self.fresh or {}, None
        listed, self.listed = self.listed, None
        if fresh and len(fresh) == db.count():  # every file was just read (a first listing): in the index's order
            # By moment, then name: what sort_key's text orders by (making it again for each was a twentieth).
            readable = [(e.created, name, e) for name, e in fresh.items() if isinstance(e, SavedSession)]
            readable.sort(key=lambda item: item[:2], reverse=True)
            broken = sorted((name, e) for name, e in fresh.items() if not isinstance(e, SavedSession))
            if fresh_as is None:
                return [*(e for *_, e in readable), *(e for _, e in broken)]
            texts = fresh.created if isinstance(fresh, Fresh) else {}
            return [*(fresh_as(n, e, texts.get(n)) for _, n, e in readable), *(fresh_as(*b, None) for b in broken)]
        found: list[SessionEntry | T] = []
        for row in listed if listed is not None else self._asked(db.all_rows):
            entry = fresh.get(str(row[1])) if fresh else None
            if entry is None and quick is not None and (shown := quick(row)) is not None:
                found.append(shown)
                continue
            if entry is None:
                entry = self._checked(row)
            if entry is not None:
                found.append(entry)
        return found

    def _checked(self, row: tuple[object, ...]) -> SessionEntry | None:
        """A row's entry, checked. A row that is not as nutri-tui writes it (edited, or damaged) is read again
        from its file, which says what it is; one whose name is not a session file's is left out."""
        entry = entry_from_row(self.folder, row)
        return entry if entry is not None else self._read_again(row)

    def _read_again(self, row: tuple[object, ...]) -> SessionEntry | None:
        name = row[1]
        if not _session_name(name):  # never a path outside the folder
            return None
        return self.refresh(self.folder / str(name))

    def scores_by_time(self) -> Iterator[tuple[int | None, tuple[ScoreSummary, ...]]]:
        """Each readable result's pain score and questionnaires' scores, oldest first, read a batch at a time (for
        the History's chart of 100,000 results: nothing is kept for each). A row whose pain or scores are off
        is left out, as :meth:`scored` leaves it out."""
        if self.db is None:
            return
        after = ("", "")
        while not self.closed and (rows := scores_after(self.db, after, CHART_BATCH)):
            for _, _, pain, text in rows:
                scores = scores_of(text)
                if scores is not None:
                    yield pain, scores
            after = rows[-1][:2]

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
        db = self.db
        restarts = db.restarts
        changed = self._compared(db)
        if db.restarts != restarts and not self.closed:  # found damaged, made again empty: every file read into it
            changed = self._compared(db) or True
        return changed

    def _compared(self, db: SessionDB) -> bool:
        listed: list[tuple[Any, ...]] | None = None if self.fresh is None else []
        try:
            with os.scandir(self.folder) as files:
                changed = _bring_up_to_date(self.folder, files, db, lambda: self.closed, self.fresh, listed)
        except FileNotFoundError:
            return False
        except OSError as error:
            raise StorageError(message(self.folder, f"cannot list it ({os_reason(error)})")) from error
        self.listed = listed if listed and not changed else None
        return changed

    def close(self) -> None:
        self.closed = True
        if self.db is not None:
            self.db.close()


def _session_name(name: object) -> bool:
    plain = type(name) is str and not any(c in name for c in "/\\\0")
    return plain and name.endswith(SUFFIX) and not name.startswith(".")  # type: ignore[union-attr]


def synced(folder: Path) -> SessionRows:
    """The folder's index, brought up to date with its files (a new one filled aside: :mod:`.index_fill`);
    :class:`StorageError` if it cannot be listed."""
    rows = opened(folder, FirstFill)
    try:
        rows.fresh = Fresh()
        rows.catch_up()
        if isinstance(rows.db, FirstFill) and rows.db.publish():  # another's index was there first: compared with it
            rows.fresh = Fresh()
            rows.catch_up()
    except BaseException:
        rows.close()  # a private file left half filled is removed
        raise
    return rows


def opened(folder: Path, kind: type[SessionDB] = SessionDB) -> SessionRows:
    """The folder's index as it was last left, not yet compared with the files (see :meth:`SessionRows.catch_up`):
    a long history can be shown at once and brought up to date in the background. :class:`StorageError` if
    the folder cannot be listed."""
    try:
        os.scandir(folder).close()  # opens the folder only: what a listing would meet, without the listing
    except FileNotFoundError:
        return SessionRows(folder, None)
    except OSError as error:
        raise StorageError(message(folder, f"cannot list it ({os_reason(error)})")) from error
    return SessionRows(folder, kind(folder))


def _bring_up_to_date(
    folder: Path,
    found: Iterable[os.DirEntry[str]],
    db: SessionDB,
    stop: Callable[[], bool] = lambda: False,
    fresh: dict[str, SessionEntry] | None = None,
    listed: list[tuple[Any, ...]] | None = None,
) -> bool:
    """Whether any row changed. ``stop`` is asked while files are read (the History screen may have closed);
    ``fresh`` is given each entry read from a file, by name, and then the rows are written in one transaction
    (a whole listing: the History writes a batch at a time). ``listed`` is given every row as it was read.

    A long history's folder is compared with the index :data:`BATCH` names at a time (one indexed query
    each), never held whole: the names and keys of 100,000 files were about 40 MB while the History caught
    up. Up to :data:`KEYS_AT_ONCE` rows, every key is read in one query (quicker, and small): with ``listed``,
    the whole rows, in the listing's order (``all_rows``), which then need not be read again."""
    seen = new = 0
    to_read: list[tuple[str, str, os.stat_result | None]] = []
    looked_at: list[Looked] = []
    now = time.time()
    every_key = None
    if db.count() <= KEYS_AT_ONCE:
        if listed is None:
            every_key = db.file_keys()
        else:
            listed[:] = db.all_rows(keyed=True)
            every_key = {row[1]: row[-3:] for row in listed}

    def compare(batch: list[os.DirEntry[str]]) -> None:
        nonlocal seen, new
        known = every_key if every_key is not None else db.keys_of([item.name for item in batch])
        for item in batch:
            name = item.name
            previous = known.get(name)
            if previous is None:
                new += 1
                if item.is_file(follow_symlinks=False):  # from the listing: no lstat (see heads.open_session)
                    to_read.append((name, item.path, None))
                    continue
            else:
                seen += 1
            try:
                info = item.stat(follow_symlinks=False)
            except OSError as error:
                looked_at.append((name, NEVER_MATCHES, UnreadableSession(folder / name, os_reason(error))))
                continue
            if previous != (info.st_size, info.st_mtime_ns, info.st_ino):  # file_key, inline: 100,000 calls
                to_read.append((name, item.path, info))

    batch: list[os.DirEntry[str]] = []
    for item in found:
        name = item.name
        if name.startswith(".") and name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                remove_if_stale(item.path, item.stat(follow_symlinks=False), now)
            continue
        if not name.endswith(SUFFIX) or name.startswith("."):
            continue
        batch.append(item)
        if len(batch) == BATCH:
            compare(batch)
            batch = []
    if batch:
        compare(batch)
    changed = bool(looked_at or to_read)
    files = _read_files(folder, to_read)
    try:
        for _ in to_read:
            if stop():
                db.put_many(looked_at)
                return False
            looked_at.append(next(files))
            if fresh is None and len(looked_at) >= BATCH:
                looked_at = put(db, looked_at, fresh)
    finally:
        files.close()  # the files opened ahead are closed
    put(db, looked_at, fresh)
    if db.count() > seen + new:  # rows of files that have gone (or were added meanwhile: looked at again)
        with os.scandir(folder) as there:
            gone = db.names_not_in({item.name for item in there}, BATCH)
        db.remove(gone)
        changed = changed or bool(gone)
    return changed


def _read_files(folder: Path, to_read: list[tuple[str, str, os.stat_result | None]]) -> Iterator[Looked]:
    """Each file's row as :func:`list_file` gives it, in order; with many to read, each opened ahead (see
    :func:`.heads.opened_ahead`)."""
    if len(to_read) < PREFETCH_MIN or not HINTS:
        for name, fspath, info in to_read:
            yield (name, *list_file(child(folder, name), fspath, info))
        return
    files = opened_ahead(to_read)
    try:
        for name, fd, info in files:
            path = child(folder, name)
            if isinstance(fd, Unreadable):
                yield name, NEVER_MATCHES if info is None else file_key(info), UnreadableSession(path, str(fd))
            else:
                yield name, file_key(info), *read_open(fd, path, info, hinted=True)  # type: ignore[arg-type]
    finally:
        files.close()  # the files opened ahead are closed


def entry_and_key(path: Path) -> tuple[SessionEntry, FileKey]:
    """One file's list entry as a listing gives it, and the key of the file as read."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return UnreadableSession(path, os_reason(error)), NEVER_MATCHES
    key, entry = list_file(path, os.fspath(path), info)
    return entry, key


def list_file(path: Path, fspath: str, lstat: os.stat_result | None) -> tuple[FileKey, SessionEntry]:
    """One file's list entry, from its head when that can be trusted, else from the whole file, and the key of the
    file as it was read (it may have changed since it was listed). ``fspath`` is ``path`` as a string, ``lstat`` its
    ``os.lstat`` (both from ``os.scandir``) or None for a file the listing says is regular (see ``open_session``)."""
    fd, info = open_session(fspath, lstat)
    if isinstance(fd, Unreadable):
        return NEVER_MATCHES if info is None else file_key(info), UnreadableSession(path, str(fd))
    return file_key(info), read_open(fd, path, info)[0]  # type: ignore[arg-type]


def read_open(fd: int, path: Path, info: os.stat_result, *, hinted: bool = False) -> tuple[SessionEntry, str | None]:
    """The entry of the file open as ``fd`` (``fstat``: ``info``; then closed), its moment's text (read_head)."""
    try:
        listed, start, created = read_head(fd, path, info.st_size, hinted=hinted)
        if listed is not None:
            return listed, created
        from nutri_tui.storage.session_file import decode_session, session_summary  # pydantic: only for a whole read

        session, _ = decode_session(read_rest(fd, "session", start))
        return session_summary(path, session), None
    except Unreadable as error:
        return UnreadableSession(path, str(error)), None
    except OSError as error:
        return UnreadableSession(path, f"cannot read it ({os_reason(error)})"), None
    except Exception as error:  # one bad file must never break the list
        return UnreadableSession(path, unexpected(error)), None
    finally:
        os.close(fd)


__all__ = ["SavedSession", "SessionRows", "entry_and_key", "list_file", "synced"]
