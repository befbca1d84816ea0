"""Saved sessions on disk: private, atomic, careful with broken files, and quick to list.

Layout (see docs/session-format.md)::

    <root>/                 NUTRI_TUI_HOME, else the platform's user data folder; 0700
        draft.toml          the wizard's progress, one at a time (:mod:`nutri_tui.storage.drafts`); 0600
        sessions/           0700
            .index.sqlite   a cache of what the list shows (:mod:`nutri_tui.storage.index_db`); 0600
            2026-11-26T06-40-12Z-1f2e3d4c.toml   one finished session each; 0600

Every write goes to a hidden temp file in the same folder, is flushed and fsynced, then moved into
place, so a crash or a full disk leaves the previous file as it was. Session files are never
overwritten by a save: the final name is claimed with ``os.link``, which fails if it exists.
Nothing here deletes, renames or rewrites a file it cannot read, except on an explicit request
(:meth:`Storage.delete_session`, :meth:`Storage.discard_draft`, which moves a broken draft aside).
The one exception is our own temp files left by a crash mid-save: listing (and the first save in a
process) removes those older than a few minutes (:func:`nutri_tui.storage.private_files.remove_if_stale`).
Every error is a :class:`StorageError` with a one-line message.

Listing reads, for each file it has not seen, only the head: the top-level keys and the
``[summary]`` table that a schema-2 file has before its answers. It reads the whole file when the
head cannot be trusted, and opening a session always reads the whole file.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nutri_tui.frozen import Frozen
from nutri_tui.paths import DRAFT_FILE, SESSIONS_DIR, data_dir, has_sessions
from nutri_tui.storage.index import FileKey, cyclic_gc_paused, file_key
from nutri_tui.storage.index import SavedSession as SavedSession
from nutri_tui.storage.index import SessionEntry as SessionEntry
from nutri_tui.storage.index import UnreadableSession as UnreadableSession
from nutri_tui.storage.index_db import SessionDB
from nutri_tui.storage.listing import SUFFIX, SessionRows, entry_and_key, opened, synced
from nutri_tui.storage.private_files import (
    StorageError,
    Unreadable,
    open_file,
    read_rest,
    sweep_once,
    unexpected,
    utc_stamp,
)
from nutri_tui.storage.private_files import atomic_write as _atomic_write
from nutri_tui.storage.private_files import fsync_dir as _fsync_dir
from nutri_tui.storage.private_files import message as _message
from nutri_tui.storage.private_files import os_reason as _os_reason
from nutri_tui.storage.private_files import private_dir as _private_dir

if TYPE_CHECKING:  # pydantic models: imported where a file is written or read whole, not to list the history
    from nutri_tui.models.session import Draft, Session, SessionSummary

NAME_ATTEMPTS = 20


class Where(Frozen):
    """The folders and files in use (for ``nutri-tui --where``); as a frozen dataclass (see ``frozen.Frozen``)."""

    __slots__ = __match_args__ = ("root", "sessions", "draft")
    root: Path
    sessions: Path
    draft: Path

    def __init__(self, root: Path, sessions: Path, draft: Path) -> None:
        object.__setattr__(self, "root", root)
        object.__setattr__(self, "sessions", sessions)
        object.__setattr__(self, "draft", draft)


class Storage:
    """Sessions and the draft under one root folder (default: :func:`data_dir`)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else data_dir()
        self.sessions_dir = self.root / SESSIONS_DIR
        self.draft_path = self.root / DRAFT_FILE

    def where(self) -> Where:
        return Where(root=self.root, sessions=self.sessions_dir, draft=self.draft_path)

    # -- sessions -------------------------------------------------------------------------------

    def save_session(self, session: Session) -> Path:
        """Write a new session file and return its path. Never overwrites: a taken name gets a new suffix.

        The index is left alone: the next listing reads the new file's head, a fraction of a millisecond,
        whereas adding it here meant reading and rewriting the whole index (over 0.1 s with 10,000
        sessions, measured). The same goes for a relabelled file."""
        from nutri_tui.storage.session_file import dump_session

        data = dump_session(session)
        _private_dir(self.root)
        _private_dir(self.sessions_dir)
        sweep_once(self.sessions_dir)
        stamp = utc_stamp(session.created)
        for _ in range(NAME_ATTEMPTS):
            target = self.sessions_dir / f"{stamp}-{_random_suffix()}{SUFFIX}"
            try:
                _atomic_write(target, data, exclusive=True)
            except FileExistsError:
                continue
            except OSError as error:
                raise StorageError(_message(target, f"cannot save it ({_os_reason(error)})")) from error
            return target
        raise StorageError(_message(self.sessions_dir, f"no free file name after {NAME_ATTEMPTS} attempts"))

    def has_sessions(self) -> bool:
        """Whether any session file exists, without reading one (cheap enough for start-up)."""
        return has_sessions(self.root)

    @cyclic_gc_paused()
    def list_sessions(self) -> list[SessionEntry]:
        """Every ``*.toml`` in the sessions folder: readable ones newest first, then unreadable ones by name.

        Summaries come from the session index where a file is unchanged since it was last read, else
        from the file's head where that can be trusted, else from the whole file (see
        :mod:`nutri_tui.storage.listing`); the index is then updated.
        """
        rows = self.history()
        try:
            return rows.all()
        finally:
            rows.close()

    @cyclic_gc_paused()
    def history(self, up_to_date: bool = True) -> SessionRows:
        """The sessions folder's index, to be read a page at a time (close it when done): brought up to date
        with the files, or with ``up_to_date=False`` as last left (see :meth:`SessionRows.catch_up`)."""
        return synced(self.sessions_dir) if up_to_date else opened(self.sessions_dir)

    def entry_of(self, path: Path) -> SessionEntry:
        """One session file's list entry, exactly as :meth:`list_sessions` would give it, without listing the
        rest (see :meth:`SessionRows.refresh`, which also records it in the index)."""
        return entry_and_key(Path(path))[0]

    def results_until(self, path: Path, created: datetime) -> list[SavedSession]:
        """The person's results up to and including the one at ``path`` (made at ``created``), oldest first, for
        a report's progress over time. None for a file from outside the sessions folder (it may be anyone's),
        or when the folder cannot be listed: the report then has no progress section, and nothing fails."""
        if os.path.realpath(Path(path).parent) != os.path.realpath(self.sessions_dir):
            return []
        try:
            entries = self.list_sessions()
        except StorageError:
            return []
        readable = [e for e in reversed(entries) if isinstance(e, SavedSession) and e.created <= created]
        return readable if any(e.path.name == Path(path).name for e in readable) else []

    def _index_one(self, path: Path, key: FileKey, entry: SessionEntry) -> None:
        """Record one file's list entry in the index (a file in the sessions folder only; never an error)."""
        if path.name.startswith(".") or not path.name.endswith(SUFFIX):
            return
        if os.path.realpath(path.parent) != os.path.realpath(self.sessions_dir):
            return
        db = SessionDB(self.sessions_dir)
        try:
            db.put(path.name, key, entry)
        finally:
            db.close()

    def load_session(self, path: Path) -> Session:
        """Read a whole session file from anywhere (``nutri-tui open FILE``); :class:`StorageError` if unusable.

        The file's ``[summary]`` is checked for shape only; the session's summary is derived from its
        answers and result. If the file is in the sessions folder and the list could show it wrongly
        (it reads badly, or its summary disagrees), the index is corrected; the file is never changed.
        """
        return self._read_session(Path(path))[0]

    def _read_session(self, path: Path) -> tuple[Session, bytes]:
        """:meth:`load_session`, and the bytes it was read from."""
        from nutri_tui.storage.session_file import decode_session, session_summary

        info: os.stat_result | None = None
        try:
            fd, info = open_file(path, "session")
            try:
                raw = read_rest(fd, "session")
            finally:
                os.close(fd)
            session, stored = decode_session(raw)
        except Unreadable as error:
            if info is not None:
                self._index_one(path, file_key(info), UnreadableSession(path, str(error)))
            raise StorageError(_message(path, str(error))) from None
        except Exception as error:  # reported as one line, never a traceback
            raise StorageError(_message(path, unexpected(error))) from error
        entry = session_summary(path, session)
        if stored is not None and info is not None and _shown(stored) != _shown(entry):
            self._index_one(path, file_key(info), entry)  # the list may have shown the summary's values
        return session, raw

    def delete_session(self, path: Path) -> None:
        """Remove one file from the sessions folder (readable or not). Refuses anything else, and symlinks."""
        path = self._inside_sessions(Path(path))
        try:
            os.unlink(path)
        except OSError as error:
            raise StorageError(_message(path, f"cannot delete it ({_os_reason(error)})")) from error
        _fsync_dir(path.parent)

    def relabel_session(self, path: Path, label: str) -> Path:
        """Rewrite a session in place with a new (cleaned) label; refuses files that cannot be read."""
        path = self._inside_sessions(Path(path))
        session, raw = self._read_session(path)
        from nutri_tui.storage.session_file import relabelled

        try:
            _atomic_write(path, relabelled(raw, session, label), exclusive=False)
        except OSError as error:
            raise StorageError(_message(path, f"cannot save it ({_os_reason(error)})")) from error
        return path

    def _inside_sessions(self, path: Path) -> Path:
        """``path`` if it names a regular ``*.toml`` file directly inside the sessions folder."""
        folder = os.path.realpath(self.sessions_dir)
        if os.path.realpath(path.parent) != folder or not path.name.endswith(SUFFIX) or path.name.startswith("."):
            raise StorageError(_message(path, "not a session file in " + str(self.sessions_dir)))
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            raise StorageError(_message(path, "no such session")) from None
        except OSError as error:
            raise StorageError(_message(path, f"cannot look at it ({_os_reason(error)})")) from error
        if stat.S_ISLNK(info.st_mode):
            raise StorageError(_message(path, "is a symbolic link; not followed"))
        if not stat.S_ISREG(info.st_mode):
            raise StorageError(_message(path, "not a regular file"))
        return Path(folder) / path.name

    # -- draft (see nutri_tui.storage.drafts) -----------------------------------------------------------

    def save_draft(self, draft: Draft) -> Path:
        """Replace the draft atomically. Refuses while an unreadable draft is there (see :meth:`discard_draft`)."""
        return _drafts().save_draft(self.root, self.draft_path, draft)

    def load_draft(self) -> Draft | None:
        """The saved draft, None if there is none; :class:`StorageError` if it cannot be used (it is left as is)."""
        return _drafts().load_draft(self.draft_path)

    def discard_draft(self, keep: bool = False) -> Path | None:
        """Start fresh: delete a readable draft; move an unreadable one aside and return where it went.

        ``keep`` moves a readable one aside too (its answers could not be resumed; see drafts.answers_problem)."""
        return _drafts().discard_draft(self.root, self.draft_path, keep)

    def clear_draft(self) -> None:
        """Forget the draft once its session is saved (same safety as :meth:`discard_draft`)."""
        _drafts().discard_draft(self.root, self.draft_path)


# -- reading --------------------------------------------------------------------------------------


def _shown(summary: SessionSummary | SavedSession) -> tuple[object, ...]:
    """The derived values a summary gives the list (a summary written before the scores: none)."""
    return summary.pain_intensity, summary.red_flag, summary.top_nutrients, summary.instruments or ()


def _drafts():
    from nutri_tui.storage import drafts  # pydantic models: not needed to list the history

    return drafts


def _random_suffix() -> str:
    """Eight random hex digits for a session file name (tests replace it to force collisions)."""
    return os.urandom(4).hex()


def _write_index(path: Path, data: bytes) -> None:
    _atomic_write(path, data, exclusive=False)
