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
import json
import os
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from nutri_tui.frozen import Frozen
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
"""With at least this many files to read, each is hinted (``heads.hint_head``) this many files before it is read."""
REASON_MAX = 600
_RECORD_KEYS = frozenset({"created", "label", "pain", "red_flag", "top", "content_version", "instruments"})
_NUTRIENTS = frozenset(NUTRIENT_IDS)
_LEVELS = frozenset({"high", "moderate"})
_VERSION = re.compile(VERSION_PATTERN)


_set = object.__setattr__


class SavedSession(Frozen):
    """A session file that reads cleanly: what the list of past sessions shows.

    What ``@dataclass(frozen=True)`` gave, by hand (see :class:`~nutri_tui.frozen.Frozen`: no ``dataclasses``
    import on the command line's path), and slotted: a first listing makes 10,000 of them."""

    __slots__ = __match_args__ = (
        "path",
        "created",
        "label",
        "pain_intensity",
        "red_flag",
        "top_nutrients",
        "content_version",
        "instruments",
        "readable",
    )
    path: Path
    created: datetime
    label: str
    pain_intensity: int | None
    red_flag: bool
    """True when the result raised any red flag (answered yes, unsure, or implied by other answers)."""
    top_nutrients: tuple[tuple[str, str], ...]
    """The ``(nutrient id, level)`` pairs rated high or moderate, highest first; empty if none."""
    content_version: str
    instruments: tuple[ScoreSummary, ...]
    """Each complete questionnaire's score, in the result's order; empty if none was completed."""
    readable: Literal[True]

    def __init__(
        self,
        path: Path,
        created: datetime,
        label: str,
        pain_intensity: int | None,
        red_flag: bool,
        top_nutrients: tuple[tuple[str, str], ...],
        content_version: str,
        instruments: tuple[ScoreSummary, ...] = (),
        readable: Literal[True] = True,
    ) -> None:
        _set(self, "path", path)
        _set(self, "created", created)
        _set(self, "label", label)
        _set(self, "pain_intensity", pain_intensity)
        _set(self, "red_flag", red_flag)
        _set(self, "top_nutrients", top_nutrients)
        _set(self, "content_version", content_version)
        _set(self, "instruments", instruments)
        _set(self, "readable", readable)


class UnreadableSession(Frozen):
    """A file in the sessions folder that cannot be used; it is listed, never changed."""

    __slots__ = __match_args__ = ("path", "reason", "readable")
    path: Path
    reason: str
    """One line, without the path."""
    readable: Literal[False]

    def __init__(self, path: Path, reason: str, readable: Literal[False] = False) -> None:
        _set(self, "path", path)
        _set(self, "reason", reason)
        _set(self, "readable", readable)


SessionEntry = SavedSession | UnreadableSession

FileKey = tuple[int, int, int]
"""(size, mtime in ns, inode) of a file as last read."""


def _quick_child() -> Callable[[Path, str], Path] | None:
    """pathlib's own way to add one plain part to a path (as ``iterdir`` does), where this Python has it and it
    gives what ``/`` gives: a quarter of the time, for a name that needs no parsing."""
    made = getattr(Path, "_make_child_relpath", None)
    try:
        if made is not None and made(Path("/a/b"), "c.toml") == Path("/a/b") / "c.toml":
            return made  # type: ignore[no-any-return]
    except Exception:  # another signature in another Python: ``/``
        pass
    return None


_CHILD = _quick_child()


def child(folder: Path, name: str) -> Path:
    """``folder / name`` for a file name in a folder (10,000 of them in a listing)."""
    if _CHILD is None or "/" in name or "\\" in name or name in ("", ".", ".."):
        return folder / name
    return _CHILD(folder, name)


def file_key(info: os.stat_result) -> FileKey:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


@functools.lru_cache(maxsize=1024)
def scores_text(scores: tuple[ScoreSummary, ...]) -> str:
    """The questionnaires' scores as the index keeps them (cached: a history repeats a few)."""
    return ";".join(map(_score_text, scores))


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


@functools.lru_cache(maxsize=4096)
def top_pairs(text: str) -> tuple[tuple[str, str], ...] | None:
    """An index row's ``top`` (JSON, as ``index_row.row_values`` writes it) as checked pairs, or None. Cached: a
    person's results repeat the same few lists of nutrients, and parsing each again cost a quarter of a row's check."""
    if len(text) > 4096:
        return None
    try:
        return valid_pairs(json.loads(text))
    except (ValueError, RecursionError):  # RecursionError: nested past what json can parse
        return None


def checked_session(path: Path, *values: Any) -> SavedSession | None:
    """A readable list entry from an index's values (:func:`checked_values`'s, in its order), or None if any is
    not as a session head would give it."""
    checked = checked_values(*values)
    return None if checked is None else SavedSession(path, *checked)


Checked = tuple[datetime, str, "int | None", bool, tuple[tuple[str, str], ...], str, tuple[ScoreSummary, ...]]
"""A readable entry's values after its path, in :class:`SavedSession`'s order."""


def checked_values(
    created: object,
    label: object,
    pain: object,
    red_flag: object,
    pairs: tuple[tuple[str, str], ...] | None,
    version: object,
    scores: str | None,
) -> Checked | None:
    """A readable entry's values after its path, or None if any is not as a session head would give it (``pairs``
    from :func:`valid_pairs`, ``scores`` the kept text of the questionnaires' scores)."""
    if type(red_flag) is not bool or not pain_ok(pain):
        return None
    if type(label) is not str or len(label) > LABEL_MAX or not _label_ok(label):  # a long one: never cached
        return None
    if type(version) is not str or len(version) > 40 or not _version_ok(version) or pairs is None or scores is None:
        return None
    moment = moment_of(created)
    instruments = scores_of(scores)
    if moment is None or instruments is None:
        return None
    return moment, label, pain, red_flag, pairs, version, instruments  # type: ignore[return-value]


@functools.lru_cache(maxsize=4096)
def _label_ok(label: str) -> bool:
    """Cached, as :func:`_version_ok`: a person's labels and versions repeat, and a listing checks thousands."""
    return label_fault(label) is None


@functools.lru_cache(maxsize=256)
def _version_ok(version: str) -> bool:
    return _VERSION.fullmatch(version) is not None


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


_CANONICAL = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.(?!000000)[0-9]{6})?(?!-00:00)[+-][0-9]{2}:[0-5][0-9]"
)
"""A date-time exactly as ``isoformat`` writes one with a zone of whole minutes: every field its own digits, the
microseconds only when not zero, and no ``-00:00`` (``isoformat`` says ``+00:00``)."""


def canonical_moment(text: object) -> bool:
    """Whether :func:`moment_of` gives a date-time for ``text`` whose ``isoformat()`` is ``text`` itself, so that
    ``text`` can be written as it is (parsing it back and formatting it again, 10,000 times, was a third of a warm
    ``sessions --json``). Its form is :data:`_CANONICAL`'s, so each field ``fromisoformat`` reads is printed back
    with the same digits; it then only has to parse (a real day, hour and zone), and lie in the years allowed."""
    if type(text) is not str or _CANONICAL.fullmatch(text) is None:
        return False
    if not MIN_YEAR < int(text[:4]) < MAX_YEAR:  # a zone can move the first or last year's moments out of range
        return moment_of(text) is not None
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def canonical_text(text: str) -> bool:
    """:func:`canonical_moment` for a text of the form a session head holds (``heads._MOMENT``, with ``+00:00`` for
    ``Z``) that :func:`moment_of` has already read as a moment in range: what :data:`_CANONICAL` adds to that form is
    then checked on the text itself (the pattern again, for each of 10,000 heads, was 23 M instructions): no
    fraction or six digits not all zero, a zone's minutes of 00-59, and no ``-00:00``."""
    if len(text) == 32:
        if text[20:26] == "000000":
            return False
    elif len(text) != 25:
        return False
    return text[-6:] != "-00:00" and text[-2] in "012345"


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
