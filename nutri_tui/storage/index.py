"""How the history lists thousands of sessions fast: a file's head, and a small cache of summaries.

Parsing one whole session file (about 59 KB of TOML) takes over 10 ms; with thousands of them the
history would take minutes. Two things avoid that, and neither is trusted blindly:

- **The head** (:mod:`nutri_tui.storage.heads`). A schema-2 session file starts with its top-level keys
  and a small ``[summary]`` table, before ``[answers]``; the list reads only that of a file it has not
  seen, and trusts it only if it is complete, valid, of the current schema, with the questionnaires'
  scores, and the file still has the size the summary records.
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
import functools
import gc
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from nutri_tui import __version__
from nutri_tui.models.bounds import FEW, ID_PATTERN, VERSION_PATTERN
from nutri_tui.models.content import NUTRIENT_IDS
from nutri_tui.models.session import (
    LABEL_MAX,
    MAX_YEAR,
    MIN_YEAR,
    TOP_NUTRIENTS,
    ScoreSummary,
    label_fault,
)
from nutri_tui.safe_read import Unreadable, read_regular
from nutri_tui.text import find_unsafe

INDEX_NAME = ".index.json"
INDEX_FORMAT = 3
"""Bumped when a record changes (2 came with schema 2; 3 with the questionnaires' scores in the summary),
so an older nutri-tui ignores this index instead of listing files it cannot read as readable."""
OLDER_FORMATS = (1, 2)
"""Index formats whose summaries of readable files are still used, so an upgrade does not parse a
long history of older files again (their entries for unreadable files are dropped and re-read). Their
records have no ``instruments``: see :func:`nutri_tui.storage.heads.no_questionnaire_possible`."""
PREFETCH_MIN = 64
"""With at least this many files to read, their heads are prefetched first (:func:`prefetch_heads`)."""
INDEX_MAX = 50_000_000
"""A bigger index is not read (10,000 sessions make about 2.5 MB)."""
REASON_MAX = 600
_RECORD_KEYS = frozenset({"created", "label", "pain", "red_flag", "top", "content_version", "key"})
_SCORED_KEYS = _RECORD_KEYS | {"instruments"}
_NUTRIENTS = frozenset(NUTRIENT_IDS)
_LEVELS = frozenset({"high", "moderate"})
_VERSION = re.compile(VERSION_PATTERN)


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
    instruments: tuple[ScoreSummary, ...] = ()
    """Each complete questionnaire's score, in the result's order; empty if none was completed."""

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
        "instruments": ";".join(map(_score_text, entry.instruments)),
    }


def scores_known(record: dict[str, Any]) -> bool:
    """Whether an index record keeps the questionnaires' scores (an older index's records do not)."""
    return "instruments" in record


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
        keys = record.keys()
        if keys != _SCORED_KEYS and keys != _RECORD_KEYS:  # without scores: an older index (see scores_known)
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
        scores = record.get("instruments", "")
        instruments = _scores(scores) if type(scores) is str else None
        if created is None or instruments is None:
            return None
        return SavedSession(
            path=path,
            created=created,
            label=label,
            pain_intensity=pain,
            red_flag=red_flag,
            top_nutrients=pairs,  # type: ignore[arg-type]
            content_version=version,
            instruments=instruments,
        )
    except (KeyError, TypeError, ValueError):  # TypeError: an unhashable id such as a list
        return None


def _score_text(score: ScoreSummary) -> str:
    """A score as the index keeps it: ``phq4 4 mild anxiety=3 depression=1`` (scores joined by ``;``)."""
    return " ".join((score.id, str(score.total), score.band, *(f"{sub}={points}" for sub, points in score.subscales)))


_ID_TEXT = ID_PATTERN.removeprefix("^").removesuffix("$")
_COUNT = r"(?:1000|[1-9][0-9]{0,2}|0)"
_SCORE_TEXT = rf"{_ID_TEXT} {_COUNT} {_ID_TEXT}(?: {_ID_TEXT}={_COUNT}){{0,{FEW}}}"
_SCORES_TEXT = re.compile(rf"(?:{_SCORE_TEXT}(?:;{_SCORE_TEXT}){{0,{FEW - 1}}})?")


@functools.lru_cache(maxsize=4096)
def _scores(text: str) -> tuple[ScoreSummary, ...] | None:
    """The scores an index record keeps (:func:`_score_text`), checked as the summary's model checks them
    (ids, whole numbers 0-1,000, each id and each subscale once); None if anything is off. Cached: a long
    history repeats the same few scores, and checking each record again took 11 µs (10,000 made 0.1 s)."""
    if _SCORES_TEXT.fullmatch(text) is None:
        return None
    scores = []
    for part in text.split(";") if text else ():
        score_id, total, band, *subscales = part.split(" ")
        pairs = tuple((sub, int(points)) for sub, _, points in (pair.partition("=") for pair in subscales))
        if len(dict(pairs)) < len(pairs):
            return None
        scores.append(ScoreSummary(score_id, int(total), band, pairs))
    return tuple(scores) if len({score.id for score in scores}) == len(scores) else None


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
