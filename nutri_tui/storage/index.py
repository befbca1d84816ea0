"""A history row: what the list shows of one session file, and how a row from the index is checked.

Parsing one whole session file (about 59 KB of TOML) takes over 10 ms; with thousands of them the
history would take minutes. Two things avoid that, and neither is trusted blindly:

- **The head** (:mod:`nutri_tui.storage.heads`): the top-level keys and the small ``[summary]`` table a
  session file starts with, trusted only if complete, valid, of the current schema, and the file still
  has the size the summary records.
- **The index** (:mod:`nutri_tui.storage.index_db`, ``sessions/.index.sqlite``): each file's summary as a
  row, used only while the file's size, modification time and inode still match. Anyone who can write the
  folder could have changed it, so each row is checked as strictly as a session head before the list shows
  it (:func:`from_record`); a row that fails is read again from its file.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from nutri_tui.models.bounds import FEW, ID_PATTERN, VERSION_PATTERN
from nutri_tui.models.summary_fields import (
    LABEL_MAX,
    MAX_YEAR,
    MIN_YEAR,
    NUTRIENT_IDS,
    TOP_NUTRIENTS,
    ScoreSummary,
    label_fault,
)
from nutri_tui.text import find_unsafe

PREFETCH_MIN = 64
"""With at least this many files to read, their heads are prefetched first (:func:`prefetch_heads`)."""
REASON_MAX = 600
_RECORD_KEYS = frozenset({"created", "label", "pain", "red_flag", "top", "content_version", "instruments"})
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
            if record.keys() - {"reason"} or not _clean_string(reason, REASON_MAX) or not reason:
                return None
            return UnreadableSession(path, reason)
        keys = record.keys()
        if keys != _RECORD_KEYS:
            return None
        scores = record["instruments"]
        return checked_session(
            path,
            record["created"],
            record["label"],
            record["pain"],
            record["red_flag"],
            valid_pairs(record["top"]),
            record["content_version"],
            scores if type(scores) is str else None,
        )
    except (KeyError, TypeError, ValueError):  # TypeError: an unhashable id such as a list
        return None


def pain_ok(pain: object) -> bool:
    """A pain score as a summary holds it: none, or a whole number 0-10 (not a boolean)."""
    return pain is None or (type(pain) is int and 0 <= pain <= 10)


def valid_pairs(top: object) -> tuple[tuple[str, str], ...] | None:
    """``[["iron", "high"], ...]`` as pairs, if each is a nutrient id the knowledge base knows and ``high`` or
    ``moderate``, and there are at most :data:`TOP_NUTRIENTS`; else None."""
    if type(top) is not list or len(top) > TOP_NUTRIENTS:
        return None
    pairs = tuple(tuple(pair) for pair in top if type(pair) is list and len(pair) == 2)
    try:
        known = all(n in _NUTRIENTS and level in _LEVELS for n, level in pairs)
    except TypeError:  # an unhashable id such as a list
        return None
    return pairs if len(pairs) == len(top) and known else None  # type: ignore[return-value]


def checked_session(
    path: Path,
    created: object,
    label: object,
    pain: object,
    red_flag: object,
    pairs: tuple[tuple[str, str], ...] | None,
    version: object,
    scores: str | None,
) -> SavedSession | None:
    """A readable list entry from an index's values, or None if any is not as a session head would give it
    (``pairs`` from :func:`valid_pairs`, ``scores`` the kept text of the questionnaires' scores)."""
    if type(red_flag) is not bool or not pain_ok(pain):
        return None
    if type(label) is not str or len(label) > LABEL_MAX or label_fault(label) is not None:
        return None
    if type(version) is not str or not _VERSION.fullmatch(version) or pairs is None or scores is None:
        return None
    moment = moment_of(created)
    instruments = scores_of(scores)
    if moment is None or instruments is None:
        return None
    return SavedSession(
        path=path,
        created=moment,
        label=label,
        pain_intensity=pain,
        red_flag=red_flag,
        top_nutrients=pairs,  # type: ignore[arg-type]
        content_version=version,
        instruments=instruments,
    )


def _score_text(score: ScoreSummary) -> str:
    """A score as the index keeps it: ``phq4 4 mild anxiety=3 depression=1`` (scores joined by ``;``)."""
    return " ".join((score.id, str(score.total), score.band, *(f"{sub}={points}" for sub, points in score.subscales)))


_ID_TEXT = ID_PATTERN.removeprefix("^").removesuffix("$")
_COUNT = r"(?:1000|[1-9][0-9]{0,2}|0)"
_SCORE_TEXT = rf"{_ID_TEXT} {_COUNT} {_ID_TEXT}(?: {_ID_TEXT}={_COUNT}){{0,{FEW}}}"
_SCORES_TEXT = re.compile(rf"(?:{_SCORE_TEXT}(?:;{_SCORE_TEXT}){{0,{FEW - 1}}})?")


@functools.lru_cache(maxsize=4096)
def scores_of(text: str) -> tuple[ScoreSummary, ...] | None:
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


def moment_of(text: object) -> datetime | None:
    """A date-time with a zone between the years a session may have (see ``models.session.Moment``); None for
    anything else (never an error: rows and heads come from files)."""
    if type(text) is not str or len(text) > 40:
        return None
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None or moment.utcoffset() is None:
            return None
        year = moment.astimezone(UTC).year
    except (ValueError, OverflowError):
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
