"""How the history lists thousands of sessions fast: a file's head, and a small cache of summaries.

Parsing one whole session file (about 59 KB of TOML) takes over 10 ms; with thousands of them the
history would take minutes. Two things avoid that, and neither is trusted blindly:

- **The head.** A schema-2 session file starts with its top-level keys and a small ``[summary]``
  table, before ``[answers]``. :func:`read_head` reads only that (a few hundred bytes) and validates
  it with :class:`~nutri_tui.models.session.SessionHead`. It is used only if it is complete, valid,
  of the current schema, and the file still has the size the summary records; anything else means
  "read the whole file", which is the truth. When many files need reading, :func:`prefetch_heads`
  first asks the system to fetch all their heads at once.
- **The index** (``sessions/.index.json``) keeps each file's summary with the file's size,
  modification time and inode at the time it was read. An entry is used only while all three still
  match, anything else is read again, and a missing, corrupt or foreign index is simply rebuilt.
  It is written atomically and privately (0600), and a failure to write it is never an error: it
  is only a cache. Anyone could have written it, so it is read like any other file from outside (no
  links followed, regular files only, bounded in size; see :mod:`nutri_tui.safe_read`), and each
  record is checked as strictly as a session head before the list shows it (:func:`from_record`). An
  ``.index.json`` that is not a regular file (a link, a FIFO) is neither used nor replaced.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from nutri_tui import __version__
from nutri_tui.models.bounds import VERSION_PATTERN
from nutri_tui.models.content import NUTRIENT_IDS
from nutri_tui.models.session import LABEL_MAX, MAX_YEAR, MIN_YEAR, TOP_NUTRIENTS, SessionHead, label_fault
from nutri_tui.safe_read import O_CLOEXEC, O_NOFOLLOW, O_NONBLOCK, Unreadable, read_regular
from nutri_tui.text import find_unsafe

INDEX_NAME = ".index.json"
INDEX_FORMAT = 2
"""Bumped with the session schema (2 came with schema 2), so an older nutri-tui ignores this index
instead of listing files it cannot read as readable."""
OLDER_FORMATS = (1,)
"""Index formats whose summaries of readable files are still used, so an upgrade does not parse a
long history of older files again (their entries for unreadable files are dropped and re-read)."""
HEAD_CHUNK = 4096
"""Bytes read at a time while looking for the end of a file's head (a written head is about 400)."""
HEAD_MAX = 16_384
"""A head longer than this is not looked for: the file is read in full."""
PREFETCH_MIN = 64
"""With at least this many files to read, their heads are prefetched first (:func:`prefetch_heads`)."""
INDEX_MAX = 50_000_000
"""A bigger index is not read (10,000 sessions make about 2.5 MB)."""
REASON_MAX = 600
_RECORD_KEYS = frozenset({"created", "label", "pain", "red_flag", "top", "content_version", "key"})
_NUTRIENTS = frozenset(NUTRIENT_IDS)
_LEVELS = frozenset({"high", "moderate"})
_VERSION = re.compile(VERSION_PATTERN)
_FADVISE = getattr(os, "posix_fadvise", None)  # not on macOS or Windows


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
    """The ``(nutrient id, level)`` pairs rated high or moderate, highest first; empty if none."""
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

FileKey = tuple[int, int, int]
"""(size, mtime in ns, inode) of a file as last read."""


def file_key(info: os.stat_result) -> FileKey:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


class SessionIndex:
    def __init__(self, folder: Path) -> None:
        self.path = folder / INDEX_NAME
        self._changed = False
        self._writable = True
        """False when something other than a regular file has the index's name: it is then left alone."""
        self._entries: dict[str, dict[str, Any]] = self._load()
        self._seen: set[str] = set()

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            info = os.lstat(self.path)
        except FileNotFoundError:
            return {}
        except OSError:
            self._writable = False
            return {}
        if not stat.S_ISREG(info.st_mode):  # a link, a FIFO, a folder: not ours to read or to replace
            self._writable = False
            return {}
        try:
            data = json.loads(read_regular(self.path, "session index", INDEX_MAX))
        except (Unreadable, ValueError, RecursionError):  # RecursionError: nested past what json can parse
            return {}
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            return {}
        if data.get("format") not in (INDEX_FORMAT, *OLDER_FORMATS):
            return {}
        entries = {k: v for k, v in data["files"].items() if isinstance(v, dict)}
        if data.get("app") != __version__ or data.get("format") != INDEX_FORMAT:
            # Another version may read some files differently (a fixed bug, a newer schema): keep the
            # summaries of files that read fine, but look again at every file that could not be read.
            entries = {k: v for k, v in entries.items() if "reason" not in v}
            self._changed = True
        return entries

    def lookup(self, name: str, key: FileKey) -> dict[str, Any] | None:
        """The cached record for a file, only if the file has not changed since it was read."""
        self._seen.add(name)
        record = self._entries.get(name)
        if record is None or not isinstance(record.get("key"), list) or tuple(record["key"]) != key:
            return None
        return record

    def store(self, name: str, key: FileKey, record: dict[str, Any]) -> None:
        self._seen.add(name)
        self._entries[name] = {**record, "key": list(key)}
        self._changed = True

    def save(self, write: Callable[[Path, bytes], None], prune: bool = True) -> None:
        """Write the index if it changed (dropping files no longer there when ``prune``); errors are ignored."""
        if prune and set(self._entries) - self._seen:
            self._entries = {k: v for k, v in self._entries.items() if k in self._seen}
            self._changed = True
        if not self._changed or not self._writable:
            return
        index = {"format": INDEX_FORMAT, "app": __version__, "files": self._entries}
        data = json.dumps(index, separators=(",", ":")).encode()
        with contextlib.suppress(OSError):
            write(self.path, data)
        self._changed = False


def to_record(entry: SessionEntry) -> dict[str, Any]:
    """What the index keeps for a list entry (without its key)."""
    if isinstance(entry, UnreadableSession):
        return {"reason": entry.reason}
    return {
        "created": entry.created.isoformat(),
        "label": entry.label,
        "pain": entry.pain_intensity,
        "red_flag": entry.red_flag,
        "top": [list(pair) for pair in entry.top_nutrients],
        "content_version": entry.content_version,
    }


def from_record(path: Path, record: dict[str, Any] | None) -> SessionEntry | None:
    """Rebuild a list entry from the index; None (so the file is read) unless every value is as a session
    head would give it: nutrient ids the knowledge base knows, levels ``high`` or ``moderate``, a real
    boolean, a pain score of 0-10, a clean label, a version, a date-time with a zone in range.

    Plain checks, not a pydantic model: a long history looks up thousands of records on every listing.
    """
    if record is None:
        return None
    try:
        if "reason" in record:
            reason = record["reason"]
            if record.keys() - {"reason", "key"} or not _clean_string(reason, REASON_MAX) or not reason:
                return None
            return UnreadableSession(path, reason)
        if record.keys() != _RECORD_KEYS:
            return None
        label, pain, red_flag, top, version = (
            record[k] for k in ("label", "pain", "red_flag", "top", "content_version")
        )
        if type(red_flag) is not bool or not (pain is None or (type(pain) is int and 0 <= pain <= 10)):
            return None
        if type(label) is not str or len(label) > LABEL_MAX or label_fault(label) is not None:
            return None
        if type(version) is not str or not _VERSION.fullmatch(version):
            return None
        if type(top) is not list or len(top) > TOP_NUTRIENTS:
            return None
        pairs = tuple(tuple(pair) for pair in top if type(pair) is list and len(pair) == 2)
        if len(pairs) != len(top) or not all(n in _NUTRIENTS and level in _LEVELS for n, level in pairs):
            return None
        created = _moment(record["created"])
        if created is None:
            return None
        return SavedSession(
            path=path,
            created=created,
            label=label,
            pain_intensity=pain,
            red_flag=red_flag,
            top_nutrients=pairs,  # type: ignore[arg-type]
            content_version=version,
        )
    except (KeyError, TypeError, ValueError):  # TypeError: an unhashable id such as a list
        return None


def _clean_string(value: object, limit: int) -> bool:
    return type(value) is str and len(value) <= limit and find_unsafe(value) is None


def _moment(text: object) -> datetime | None:
    """A date-time with a zone between the years a session may have (see ``models.session.Moment``)."""
    if type(text) is not str or len(text) > 40:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None or moment.utcoffset() is None:
        return None
    try:
        year = moment.astimezone(UTC).year
    except OverflowError:
        return None
    return moment if MIN_YEAR <= year <= MAX_YEAR else None


# -- the head of a session file -----------------------------------------------------------------------

# The head exactly as nutri-tui writes it (storage._dump): a string without escapes, a plain integer
# and a boolean read the same in TOML and here, so this one pattern reads it without a TOML parser.
# Any other head (edited by hand, a label with quotes, CRLF line ends) goes to tomllib instead.
_COMMENTS = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*\n)*"
_STR = r'"([^"\\\x00-\x1f\x7f]*)"'
_INT = r"(0|[1-9][0-9]*)"
_PAIR = rf"\[{_STR}, {_STR}\]"
_WRITTEN_HEAD = re.compile(
    rf"{_COMMENTS}schema_version = {_INT}\napp_version = {_STR}\ncontent_version = {_STR}\n"
    rf"created = {_STR}\nlabel = {_STR}\n\n{_COMMENTS}\[summary\]\n(?:pain_intensity = {_INT}\n)?"
    rf"red_flag = (true|false)\ntop_nutrients = \[((?:{_PAIR}(?:, {_PAIR})*)?)\]\nfile_size = {_INT}\n\n"
)
_PAIRS = re.compile(_PAIR)


def prefetch_heads(paths: list[str]) -> None:
    """Ask the system to start reading the first :data:`HEAD_CHUNK` bytes of each file, without waiting.

    From a cold disk the reads then overlap, so reading the heads afterwards takes a fraction of
    the time. Only a hint: links are not followed, nothing is read here, and errors are ignored.
    """
    if _FADVISE is None:
        return
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        except OSError:
            continue
        try:
            _FADVISE(fd, 0, HEAD_CHUNK, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def read_head(fd: int, path: Path, size: int) -> tuple[SavedSession | None, bytes]:
    """The list entry for the open session file ``fd`` from its head alone, and the bytes read so far.

    The entry is None unless the head can be trusted: the first table is ``[summary]``, the text up
    to the next table validates as a :class:`SessionHead` of the current schema, and its
    ``file_size`` equals ``size`` (from ``fstat``). The caller then reads the rest of the file from
    ``fd`` and parses all of it. Never raises for a bad file (an ``OSError`` is not about the file).
    """
    if _FADVISE is not None:  # only the head is wanted: no read-ahead (a quarter faster from a cold disk)
        with contextlib.suppress(OSError):
            _FADVISE(fd, 0, 0, os.POSIX_FADV_RANDOM)
    data = b""
    end = -1
    while len(data) < HEAD_MAX:
        chunk = os.read(fd, HEAD_CHUNK)
        if not chunk:
            break
        start = max(len(data) - 1, 0)
        data += chunk
        end = _head_end(data, start)
        if end != -1:
            break
    if end <= 0:
        return None, data
    try:
        head = SessionHead.model_validate(_parse_head(data[:end]))
    except (ValueError, ValidationError, RecursionError):  # UnicodeDecodeError and TOMLDecodeError are ValueErrors
        return None, data
    summary = head.summary
    if summary is None or summary.file_size != size:
        return None, data
    entry = SavedSession(
        path=path,
        created=head.created,
        label=head.label,
        pain_intensity=summary.pain_intensity,
        red_flag=summary.red_flag,
        top_nutrients=summary.top_nutrients,
        content_version=head.content_version,
    )
    return entry, data


def head_summary(data: bytes) -> object:
    """The ``[summary]`` table from the head of a session file whose body may be broken (unvalidated);
    None if there is none. Only for a better reason when the whole file does not read: it may be cut off."""
    end = _head_end(data[:HEAD_MAX], 0)
    if end <= 0:
        return None
    try:
        return _parse_head(data[:end]).get("summary")
    except (ValueError, RecursionError):
        return None


def _head_end(data: bytes, searched: int) -> int:
    """Where the table after ``[summary]`` starts (-1: not found yet; 0: this is not a schema-2 head)."""
    first = data.find(b"\n[")
    if first == -1:
        return -1
    line_end = data.find(b"\n", first + 1)
    if line_end == -1:
        return -1
    if data[first + 1 : line_end].rstrip(b" \t\r") != b"[summary]":
        return 0
    following = data.find(b"\n[", max(line_end - 1, searched))
    return -1 if following == -1 else following + 1


def _parse_head(raw: bytes) -> dict[str, Any]:
    """The head as :func:`tomllib.loads` would give it; a head as nutri-tui writes it is read without tomllib."""
    text = raw.decode("utf-8").removeprefix("\ufeff")
    match = _WRITTEN_HEAD.fullmatch(text)
    if match is None:
        return tomllib.loads(text)
    schema, app, content, created, label, pain, red_flag, top, *_, size = match.groups()
    summary: dict[str, Any] = {} if pain is None else {"pain_intensity": int(pain)}
    summary.update(
        red_flag=red_flag == "true", top_nutrients=[list(p) for p in _PAIRS.findall(top)], file_size=int(size)
    )
    keys = {"schema_version": int(schema), "app_version": app, "content_version": content, "created": created}
    return {**keys, "label": label, "summary": summary}


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Listing makes tens of thousands of small objects and no reference cycles, so the cyclic
    collector, which runs again and again as they are allocated, finds nothing: pausing it made a
    first listing of 10,000 sessions 5-10% faster (measured). Reference counting still frees memory."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
