"""Saved sessions and the wizard's draft, on disk: private, atomic, and careful with broken files.

Layout (see docs/session-format.md)::

    <root>/                 NUTRI_TUI_HOME, else the platform's user data folder; 0700
        draft.toml          the wizard's progress (one at a time); 0600
        sessions/           0700
            2026-11-26T06-40-12Z-1f2e3d4c.toml   one finished session each; 0600

Every write goes to a hidden temp file in the same folder, is flushed and fsynced, then moved into
place, so a crash or a full disk leaves the previous file as it was. Session files are never
overwritten by a save: the final name is claimed with ``os.link``, which fails if it exists.
Nothing here deletes, renames or rewrites a file it cannot read, except on an explicit request
(:meth:`Storage.delete_session`, :meth:`Storage.discard_draft`, which moves a broken draft aside).
Every error is a :class:`StorageError` with a one-line message.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from nutri_tui import __version__
from nutri_tui.answers_file import validation_message
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import LEVEL_ORDER, Assessment
from nutri_tui.models.session import (
    LABEL_MAX,
    SESSION_SCHEMA_VERSION,
    Draft,
    Session,
    clean_text,
    migrate,
)
from nutri_tui.paths import DRAFT_FILE, SESSIONS_DIR, data_dir, has_sessions
from nutri_tui.private_files import (
    O_BINARY,
    O_CLOEXEC,
    O_NOFOLLOW,
    O_NONBLOCK,
    REASON_MAX,
    StorageError,
)
from nutri_tui.private_files import atomic_write as _atomic_write
from nutri_tui.private_files import fsync_dir as _fsync_dir
from nutri_tui.private_files import message as _message
from nutri_tui.private_files import os_reason as _os_reason
from nutri_tui.private_files import private_dir as _private_dir
from nutri_tui.session_index import SessionIndex, file_key, summary_record

MAX_BYTES = 5_000_000
"""Files larger than this are refused without being read."""
TOP_NUTRIENTS = 3
SUFFIX = ".toml"
NAME_ATTEMPTS = 20

M = TypeVar("M", bound=BaseModel)


class _Unreadable(Exception):
    """Internal: why a file cannot be used, without the path."""


@dataclass(frozen=True)
class Where:
    """The folders and files in use (for ``nutri-tui --where``)."""

    root: Path
    sessions: Path
    draft: Path


@dataclass(frozen=True)
class SavedSession:
    """A session file that reads cleanly: what the list of past sessions shows."""

    path: Path
    created: datetime
    label: str
    pain_intensity: int | None
    red_flag: bool
    """True when the result raised any red flag (answered yes, unsure, or implied by other answers)."""
    top_nutrients: tuple[tuple[str, str], ...]
    """Up to three ``(nutrient id, level)`` pairs rated high or moderate, highest first; empty if none."""
    content_version: str

    readable: Literal[True] = True


@dataclass(frozen=True)
class UnreadableSession:
    """A file in the sessions folder that cannot be used; it is listed, never changed."""

    path: Path
    reason: str
    """One line, without the path."""

    readable: Literal[False] = False


SessionEntry = SavedSession | UnreadableSession


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


def make_draft(step: str, answers: dict[str, dict[str, Any]], now: datetime | None = None) -> Draft:
    """A new :class:`Draft` for the wizard step ``step`` with the partial answers so far."""
    updated = now or datetime.now(UTC)
    return Draft(
        schema_version=SESSION_SCHEMA_VERSION, app_version=__version__, updated=updated, step=step, answers=answers
    )


def session_summary(path: Path, session: Session) -> SavedSession:
    levels = sorted(
        (n for n in session.result.nutrients if n.level != "low"), key=lambda n: LEVEL_ORDER.get(n.level, 99)
    )
    return SavedSession(
        path=path,
        created=session.created,
        label=session.label,
        pain_intensity=session.answers.back_pain.intensity,
        red_flag=bool(session.result.red_flags),
        top_nutrients=tuple((n.id, n.level) for n in levels[:TOP_NUTRIENTS]),
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
        """Write a new session file and return its path. Never overwrites: a taken name gets a new suffix."""
        data = _dump(session)
        _private_dir(self.root)
        _private_dir(self.sessions_dir)
        stamp = _utc_stamp(session.created)
        for _ in range(NAME_ATTEMPTS):
            target = self.sessions_dir / f"{stamp}-{_random_suffix()}{SUFFIX}"
            try:
                _atomic_write(target, data, exclusive=True)
            except FileExistsError:
                continue
            except OSError as error:
                raise StorageError(_message(target, f"cannot save it ({_os_reason(error)})")) from error
            self._remember(target, session)
            return target
        raise StorageError(_message(self.sessions_dir, f"no free file name after {NAME_ATTEMPTS} attempts"))

    def has_sessions(self) -> bool:
        """Whether any session file exists, without reading one (cheap enough for start-up)."""
        return has_sessions(self.root)

    def list_sessions(self) -> list[SessionEntry]:
        """Every ``*.toml`` in the sessions folder: readable ones newest first, then unreadable ones by name.

        Summaries come from the session index where a file is unchanged since it was last read
        (see :mod:`nutri_tui.session_index`); every other file is read and the index updated.
        """
        try:
            entries = list(os.scandir(self.sessions_dir))
        except FileNotFoundError:
            return []
        except OSError as error:
            raise StorageError(_message(self.sessions_dir, f"cannot list it ({_os_reason(error)})")) from error
        index = SessionIndex(self.sessions_dir)
        readable: list[SavedSession] = []
        unreadable: list[UnreadableSession] = []
        for entry in entries:
            name = entry.name
            if not name.endswith(SUFFIX) or name.startswith("."):
                continue
            path = self.sessions_dir / name
            try:
                key = file_key(entry.stat(follow_symlinks=False))
            except OSError as error:
                unreadable.append(UnreadableSession(path, _os_reason(error)))
                continue
            listed = _from_record(path, index.lookup(name, key))
            if listed is None:
                listed = _summarise_file(path)
                index.store(name, key, _to_record(listed))
            (readable if isinstance(listed, SavedSession) else unreadable).append(listed)
        index.save(_write_index)
        readable.sort(key=lambda s: (s.created, s.path.name), reverse=True)
        unreadable.sort(key=lambda u: u.path.name)
        return [*readable, *unreadable]

    def _remember(self, path: Path, session: Session) -> None:
        """Add a file the app has just written to the index, so listing never has to read it."""
        try:
            key = file_key(os.lstat(path))
        except OSError:
            return
        index = SessionIndex(self.sessions_dir)
        index.store(path.name, key, _to_record(session_summary(path, session)))
        index.save(_write_index, prune=False)

    def load_session(self, path: Path) -> Session:
        """Read a session file from anywhere (``nutri-tui open FILE``); :class:`StorageError` if it cannot be used."""
        return _load(Path(path), Session, "session")

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
        self._remember(path, updated)
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

    # -- draft ----------------------------------------------------------------------------------

    def save_draft(self, draft: Draft) -> Path:
        """Replace the draft atomically. Refuses while an unreadable draft is there (see :meth:`discard_draft`)."""
        try:
            self.load_draft()
        except StorageError as error:
            raise StorageError(f"{error}; the existing draft is kept: discard it first") from None
        _private_dir(self.root)
        try:
            _atomic_write(self.draft_path, _dump(draft), exclusive=False)
        except OSError as error:
            raise StorageError(_message(self.draft_path, f"cannot save it ({_os_reason(error)})")) from error
        return self.draft_path

    def load_draft(self) -> Draft | None:
        """The saved draft, None if there is none; :class:`StorageError` if it cannot be used (it is left as is)."""
        try:
            os.lstat(self.draft_path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StorageError(_message(self.draft_path, f"cannot look at it ({_os_reason(error)})")) from error
        return _load(self.draft_path, Draft, "draft")

    def discard_draft(self) -> Path | None:
        """Start fresh: delete a readable draft; move an unreadable one aside and return where it went."""
        try:
            draft = self.load_draft()
        except StorageError:
            return self._move_aside()
        if draft is not None:
            try:
                os.unlink(self.draft_path)
            except FileNotFoundError:
                pass
            except OSError as error:
                raise StorageError(_message(self.draft_path, f"cannot delete it ({_os_reason(error)})")) from error
            _fsync_dir(self.root)
        return None

    def clear_draft(self) -> None:
        """Forget the draft once its session is saved (same safety as :meth:`discard_draft`)."""
        self.discard_draft()

    def _move_aside(self) -> Path:
        stamp = _utc_stamp(datetime.now(UTC))
        for attempt in range(NAME_ATTEMPTS):
            extra = "" if attempt == 0 else f"-{_random_suffix()}"
            target = self.root / f"draft.broken-{stamp}{extra}{SUFFIX}"
            if os.path.lexists(target):
                continue
            try:
                os.rename(self.draft_path, target)
            except OSError as error:
                raise StorageError(_message(self.draft_path, f"cannot move it aside ({_os_reason(error)})")) from error
            _fsync_dir(self.root)
            return target
        raise StorageError(_message(self.draft_path, "cannot move it aside: no free name"))


# -- reading --------------------------------------------------------------------------------------


def _load(path: Path, model: type[M], kind: Literal["session", "draft"]) -> M:
    try:
        return _read_model(path, model, kind)
    except _Unreadable as error:
        raise StorageError(_message(path, str(error))) from None
    except Exception as error:  # reported as one line, never a traceback
        raise StorageError(_message(path, _unexpected(error))) from error


def _read_model(path: Path, model: type[Any], kind: Literal["session", "draft"]) -> Any:
    data = _parse(_read_bytes(path, kind))
    try:
        data = migrate(data, kind)
    except ValueError as error:
        raise _Unreadable(clean_text(str(error), REASON_MAX)) from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _Unreadable(validation_reason(error)) from None
    except RecursionError:
        raise _Unreadable("nested too deeply") from None


def _read_bytes(path: Path, kind: str) -> bytes:
    """The file's bytes, refusing links, folders, devices and anything over :data:`MAX_BYTES` before reading."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise _Unreadable("no such file") from None
    except OSError as error:
        raise _Unreadable(f"cannot look at it ({_os_reason(error)})") from None
    _check_kind(info, kind)
    try:
        fd = os.open(path, os.O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_BINARY)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _Unreadable("is a symbolic link; not followed") from None
        raise _Unreadable(f"cannot open it ({_os_reason(error)})") from None
    try:
        _check_kind(os.fstat(fd), kind)  # it may have been swapped since lstat
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise _Unreadable(f"cannot read it ({_os_reason(error)})") from None
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise _Unreadable(f"too large for a {kind} file (the limit is {MAX_BYTES:,} bytes)")
    return b"".join(chunks)


def _check_kind(info: os.stat_result, kind: str) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise _Unreadable("is a symbolic link; not followed")
    if stat.S_ISDIR(info.st_mode):
        raise _Unreadable(f"is a folder, not a {kind} file")
    if not stat.S_ISREG(info.st_mode):
        raise _Unreadable(f"not a regular file, so not a {kind} file")
    if info.st_size > MAX_BYTES:
        raise _Unreadable(f"too large for a {kind} file ({info.st_size:,} bytes; the limit is {MAX_BYTES:,})")


def _parse(raw: bytes) -> dict[str, Any]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Unreadable("looks like UTF-16 text; files here are UTF-8 TOML")
    if b"\x00" in raw:
        raise _Unreadable("not a text file (it contains NUL bytes); files here are UTF-8 TOML")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise _Unreadable(f"not UTF-8 text (bad byte at offset {error.start}); files here are UTF-8 TOML") from None
    if not text.strip():
        raise _Unreadable("empty file")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _Unreadable(clean_text(f"not valid TOML: {error}", REASON_MAX)) from None
    except RecursionError:
        raise _Unreadable("not valid TOML: nested too deeply") from None


def validation_reason(error: ValidationError) -> str:
    """The first problem as ``field.path: what is wrong``, plus how many more (the style of answers files)."""
    return clean_text(validation_message(error, docs="docs/session-format.md"), REASON_MAX)


def _unexpected(error: BaseException) -> str:
    return clean_text(f"cannot read it ({type(error).__name__}: {error})", REASON_MAX)


# -- writing --------------------------------------------------------------------------------------


def _dump(model: BaseModel) -> bytes:
    kind = "session" if isinstance(model, Session) else "draft"
    header = f"# nutri-tui {kind} file (schema {SESSION_SCHEMA_VERSION}); see docs/session-format.md\n"
    data = (header + tomli_w.dumps(model.model_dump(mode="json", exclude_none=True))).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise StorageError(f"this {kind} is too large to save ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    return data


def _utc_stamp(moment: datetime) -> str:
    """``2026-11-26T06-40-12Z``: safe in a file name on every system."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")


def _random_suffix() -> str:
    """Eight random hex digits for a session file name (tests replace it to force collisions)."""
    return secrets.token_hex(4)


def _summarise_file(path: Path) -> SessionEntry:
    try:
        return session_summary(path, _read_model(path, Session, "session"))
    except _Unreadable as error:
        return UnreadableSession(path, str(error))
    except Exception as error:  # one bad file must never break the list
        return UnreadableSession(path, _unexpected(error))


def _to_record(entry: SessionEntry) -> dict[str, Any]:
    if isinstance(entry, UnreadableSession):
        return {"reason": entry.reason}
    return summary_record(
        entry.created, entry.label, entry.pain_intensity, entry.red_flag, entry.top_nutrients, entry.content_version
    )


def _from_record(path: Path, record: dict[str, Any] | None) -> SessionEntry | None:
    """Rebuild a list entry from the index; None (so the file is read) if the record looks wrong."""
    if record is None:
        return None
    try:
        if "reason" in record:
            return UnreadableSession(path, str(record["reason"]))
        created = datetime.fromisoformat(record["created"])
        pain = record["pain"]
        if created.tzinfo is None or not (pain is None or isinstance(pain, int)):
            return None
        return SavedSession(
            path=path,
            created=created,
            label=str(record["label"]),
            pain_intensity=pain,
            red_flag=bool(record["red_flag"]),
            top_nutrients=tuple((str(n), str(level)) for n, level in record["top"]),
            content_version=str(record["content_version"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _write_index(path: Path, data: bytes) -> None:
    _atomic_write(path, data, exclusive=False)
