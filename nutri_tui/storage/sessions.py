"""Saved sessions on disk: private, atomic, careful with broken files, and quick to list.

Layout (see docs/session-format.md)::

    <root>/                 NUTRI_TUI_HOME, else the platform's user data folder; 0700
        draft.toml          the wizard's progress, one at a time (:mod:`nutri_tui.storage.drafts`); 0600
        sessions/           0700
            .index.json     a cache of what the list shows (:mod:`nutri_tui.storage.index`); 0600
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

import contextlib
import os
import secrets
import stat
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from nutri_tui import __version__
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import Assessment
from nutri_tui.models.session import (
    LABEL_MAX,
    SESSION_SCHEMA_VERSION,
    Draft,
    Session,
    SessionHead,
    SessionSummary,
    clean_text,
    top_nutrients,
)
from nutri_tui.paths import DRAFT_FILE, SESSIONS_DIR, data_dir, has_sessions
from nutri_tui.storage import drafts
from nutri_tui.storage.drafts import make_draft as make_draft
from nutri_tui.storage.index import (
    PREFETCH_MIN,
    FileKey,
    SessionIndex,
    cyclic_gc_paused,
    file_key,
    from_record,
    head_summary,
    prefetch_heads,
    read_head,
    to_record,
)
from nutri_tui.storage.index import SavedSession as SavedSession
from nutri_tui.storage.index import SessionEntry as SessionEntry
from nutri_tui.storage.index import UnreadableSession as UnreadableSession
from nutri_tui.storage.private_files import (
    MAX_BYTES,
    TEMP_SUFFIX,
    StorageError,
    Unreadable,
    migrated,
    open_file,
    parse_toml,
    read_rest,
    remove_if_stale,
    string_problem,
    sweep_once,
    unexpected,
    utc_stamp,
    validated,
)
from nutri_tui.storage.private_files import atomic_write as _atomic_write
from nutri_tui.storage.private_files import fsync_dir as _fsync_dir
from nutri_tui.storage.private_files import message as _message
from nutri_tui.storage.private_files import os_reason as _os_reason
from nutri_tui.storage.private_files import private_dir as _private_dir

SUFFIX = ".toml"
NAME_ATTEMPTS = 20
SUMMARY_NOTE = "# What the history list shows, copied from the answers and result below (they are what counts).\n"


@dataclass(frozen=True)
class Where:
    """The folders and files in use (for ``nutri-tui --where``)."""

    root: Path
    sessions: Path
    draft: Path


def make_session(
    answers: Answers, result: Assessment, content_version: str, label: str = "", now: datetime | None = None
) -> Session:
    """A new :class:`Session` stamped with this app's version and ``now`` (UTC by default); the label is cleaned."""
    created = now or datetime.now(UTC)
    if created.tzinfo is None or created.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return Session(
        schema_version=SESSION_SCHEMA_VERSION,
        app_version=__version__,
        content_version=content_version,
        created=created,
        label=clean_text(label, LABEL_MAX),
        answers=answers,
        result=result,
    )


def session_summary(path: Path, session: Session) -> SavedSession:
    """The list entry for a session, derived from its answers and result."""
    return SavedSession(
        path=path,
        created=session.created,
        label=session.label,
        pain_intensity=session.answers.back_pain.intensity,
        red_flag=bool(session.result.red_flags),
        top_nutrients=top_nutrients((n.id, n.level) for n in session.result.nutrients),
        content_version=session.content_version,
    )


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
        data = _dump(session)
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
        :mod:`nutri_tui.storage.index`); the index is then updated.
        """
        try:
            entries = list(os.scandir(self.sessions_dir))
        except FileNotFoundError:
            return []
        except OSError as error:
            raise StorageError(_message(self.sessions_dir, f"cannot list it ({_os_reason(error)})")) from error
        index = SessionIndex(self.sessions_dir)
        listed: list[SessionEntry] = []
        to_read: list[tuple[Path, str, os.stat_result]] = []  # not in the index, with their lstat
        now = time.time()
        for entry in entries:
            name = entry.name
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    remove_if_stale(entry.path, entry.stat(follow_symlinks=False), now)
                continue
            if not name.endswith(SUFFIX) or name.startswith("."):
                continue
            path = self.sessions_dir / name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError as error:
                listed.append(UnreadableSession(path, _os_reason(error)))
                continue
            cached = from_record(path, index.lookup(name, file_key(info)))
            if cached is not None:
                listed.append(cached)
            else:
                to_read.append((path, entry.path, info))
        if len(to_read) >= PREFETCH_MIN:
            prefetch_heads([fspath for _, fspath, info in to_read if stat.S_ISREG(info.st_mode)])
        for path, fspath, info in to_read:
            key, entry_read = _list_file(path, fspath, info)
            index.store(path.name, key, to_record(entry_read))
            listed.append(entry_read)
        index.save(_write_index)
        readable = [e for e in listed if isinstance(e, SavedSession)]
        unreadable = [e for e in listed if isinstance(e, UnreadableSession)]
        readable.sort(key=lambda s: (s.created, s.path.name), reverse=True)
        unreadable.sort(key=lambda u: u.path.name)
        return [*readable, *unreadable]

    def _index_one(self, path: Path, key: FileKey, entry: SessionEntry) -> None:
        """Record one file's list entry in the index (a file in the sessions folder only; never an error)."""
        if path.name.startswith(".") or not path.name.endswith(SUFFIX):
            return
        if os.path.realpath(path.parent) != os.path.realpath(self.sessions_dir):
            return
        index = SessionIndex(self.sessions_dir)
        record = to_record(entry)
        if index.lookup(path.name, key) == {**record, "key": list(key)}:
            return
        index.store(path.name, key, record)
        index.save(_write_index, prune=False)

    def load_session(self, path: Path) -> Session:
        """Read a whole session file from anywhere (``nutri-tui open FILE``); :class:`StorageError` if unusable.

        The file's ``[summary]`` is checked for shape only; the session's summary is derived from its
        answers and result. If the file is in the sessions folder and the list could show it wrongly
        (it reads badly, or its summary disagrees), the index is corrected; the file is never changed.
        """
        path = Path(path)
        info: os.stat_result | None = None
        try:
            fd, info = open_file(path, "session")
            try:
                raw = read_rest(fd, "session")
            finally:
                os.close(fd)
            session, stored = _decode(raw)
        except Unreadable as error:
            if info is not None:
                self._index_one(path, file_key(info), UnreadableSession(path, str(error)))
            raise StorageError(_message(path, str(error))) from None
        except Exception as error:  # reported as one line, never a traceback
            raise StorageError(_message(path, unexpected(error))) from error
        entry = session_summary(path, session)
        if stored is not None and info is not None and _shown(stored) != _shown(entry):
            self._index_one(path, file_key(info), entry)  # the list may have shown the summary's values
        return session

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
        session = self.load_session(path)
        updated = Session.model_validate({**session.model_dump(), "label": clean_text(label, LABEL_MAX)})
        try:
            _atomic_write(path, _dump(updated), exclusive=False)
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
        return drafts.save_draft(self.root, self.draft_path, draft)

    def load_draft(self) -> Draft | None:
        """The saved draft, None if there is none; :class:`StorageError` if it cannot be used (it is left as is)."""
        return drafts.load_draft(self.draft_path)

    def discard_draft(self, keep: bool = False) -> Path | None:
        """Start fresh: delete a readable draft; move an unreadable one aside and return where it went.

        ``keep`` moves a readable one aside too (its answers could not be resumed; see drafts.answers_problem)."""
        return drafts.discard_draft(self.root, self.draft_path, keep)

    def clear_draft(self) -> None:
        """Forget the draft once its session is saved (same safety as :meth:`discard_draft`)."""
        drafts.discard_draft(self.root, self.draft_path)


# -- reading --------------------------------------------------------------------------------------


def _decode(raw: bytes) -> tuple[Session, SessionSummary | None]:
    """The session in a whole file, and its ``[summary]`` (None if it has none).

    The summary is validated for shape (a malformed one makes the file unreadable, as anything else
    malformed does) but its values are not used: the caller derives them from the answers and result.
    Its ``file_size`` is used, though: a file shorter than it is cut off, even when what is left reads
    as a whole session (a cut at a ``[[result.sources]]`` boundary leaves valid TOML, sources missing).
    """
    try:
        data = migrated(parse_toml(raw), "session")
    except Unreadable:
        _refuse_if_cut(raw, head_summary(raw))  # "cut off" says more than the TOML error it causes
        raise
    stored = data.pop("summary", None)
    _refuse_if_cut(raw, stored)
    session = validated(Session, data)
    if stored is None:
        return session, None
    keys = {k: v for k, v in data.items() if k not in ("answers", "result")}
    return session, validated(SessionHead, {**keys, "summary": stored}).summary


def _refuse_if_cut(raw: bytes, summary: object) -> None:
    """Refuse ``raw`` if it is shorter than its ``[summary]`` says, when that summary is well formed (a
    malformed one proves nothing, and validation then names what is wrong with it)."""
    if not isinstance(summary, dict) or type(summary.get("file_size")) is not int or len(raw) >= summary["file_size"]:
        return
    try:
        recorded = SessionSummary.model_validate(summary).file_size
    except (ValidationError, RecursionError):
        return
    if recorded is not None and len(raw) < recorded:
        raise Unreadable(
            f"cut off: {len(raw):,} bytes of {recorded:,} (if you shortened it by hand, delete its file_size line)"
        )


def _shown(summary: SessionSummary | SavedSession) -> tuple[object, ...]:
    """The derived values a summary gives the list."""
    return summary.pain_intensity, summary.red_flag, summary.top_nutrients


def _list_file(path: Path, fspath: str, lstat: os.stat_result) -> tuple[FileKey, SessionEntry]:
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
        session, _ = _decode(read_rest(fd, "session", start))
        return key, session_summary(path, session)
    except Unreadable as error:
        return key, UnreadableSession(path, str(error))
    except OSError as error:
        return key, UnreadableSession(path, f"cannot read it ({_os_reason(error)})")
    except Exception as error:  # one bad file must never break the list
        return key, UnreadableSession(path, unexpected(error))
    finally:
        os.close(fd)


# -- writing --------------------------------------------------------------------------------------


def _dump(session: Session) -> bytes:
    """The session file: a comment, the top-level keys, ``[summary]``, then ``[answers]`` and ``[result]``.

    ``summary.file_size`` is the size of these very bytes, so it is found by trying each number of digits.
    """
    data = session.model_dump(mode="json", exclude_none=True)
    problem = string_problem(data)  # it would never read back (see private_files.validated)
    if problem is not None:
        raise StorageError(f"this session cannot be saved: {problem}")
    body = tomli_w.dumps({"answers": data.pop("answers"), "result": data.pop("result")}).encode("utf-8")
    entry = session_summary(Path(), session)
    summary = "" if entry.pain_intensity is None else f"pain_intensity = {entry.pain_intensity}\n"
    summary += f"red_flag = {'true' if entry.red_flag else 'false'}\n"
    pairs = (f"[{_toml_string(n)}, {_toml_string(level)}]" for n, level in entry.top_nutrients)
    summary += f"top_nutrients = [{', '.join(pairs)}]\n"
    head = (
        f"# nutri-tui session file (schema {SESSION_SCHEMA_VERSION}); see docs/session-format.md\n"
        f"{tomli_w.dumps(data)}\n{SUMMARY_NOTE}[summary]\n{summary}file_size = "
    ).encode()
    fixed = len(head) + len(b"\n\n") + len(body)
    size = next(fixed + digits for digits in range(1, 12) if len(str(fixed + digits)) == digits)
    encoded = head + f"{size}\n\n".encode() + body
    if len(encoded) > MAX_BYTES:
        raise StorageError(f"this session is too large to save ({len(encoded):,} bytes; the limit is {MAX_BYTES:,})")
    return encoded


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string, quoted and escaped as tomli_w writes it."""
    return tomli_w.dumps({"s": text})[4:-1]


def _random_suffix() -> str:
    """Eight random hex digits for a session file name (tests replace it to force collisions)."""
    return secrets.token_hex(4)


def _write_index(path: Path, data: bytes) -> None:
    _atomic_write(path, data, exclusive=False)
