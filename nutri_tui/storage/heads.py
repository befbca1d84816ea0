"""The head of a session file: what the history list reads of a file it has not seen, instead of all of it.

A schema-2 (and later) session file starts with its top-level keys and a small ``[summary]`` table,
before ``[answers]``. :func:`read_head` reads only that (a few hundred bytes) and validates it with
:class:`~nutri_tui.models.session.SessionHead`; the entry is used only if the head is complete, valid, of
the current schema, with the questionnaires' scores, and the file still has the size the summary records.
Anything else means "read the whole file", which is the truth. When many files need reading, the
listing asks the system for each one's head (:func:`hint_head`) a few dozen files before it reads it. (Split
from :mod:`nutri_tui.storage.index`, which keeps the cache of entries, when the scores made it too long.)
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nutri_tui.models.bounds import VERSION_PATTERN
from nutri_tui.models.summary_fields import SESSION_SCHEMA_VERSION
from nutri_tui.safe_read import O_NOFOLLOW, READ_FLAGS, os_reason
from nutri_tui.storage.index import PREFETCH_MIN, SavedSession, canonical_text, checked_session, valid_pairs
from nutri_tui.storage.private_files import MAX_BYTES, Unreadable, open_file

HEAD_CHUNK = 4096
"""Bytes read at a time while looking for the end of a file's head (a written head is about 400)."""
HEAD_MAX = 16_384
"""A head longer than this is not looked for: the file is read in full."""
_FADVISE = getattr(os, "posix_fadvise", None)  # not on macOS or Windows
_OPEN_FLAGS = READ_FLAGS | O_NOFOLLOW
"""As ``safe_read.open_regular`` opens a session file (never following a link, never waiting on a FIFO)."""
Refused = tuple[Unreadable, "os.stat_result | None"]

# The head exactly as nutri-tui writes it (storage._dump): a string without escapes, a plain integer
# and a boolean read the same in TOML and here, so this one pattern reads it without a TOML parser.
# Any other head (edited by hand, a label with quotes, CRLF line ends) goes to tomllib instead.
_COMMENTS = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*\n)*"
_STR = r'"([^"\\\x00-\x1f\x7f]*)"'
_INT = r"(0|[1-9][0-9]*)"
_PAIR = rf"\[{_STR}, {_STR}\]"
# A questionnaire's score: { id = "phq4", total = 4, band = "mild", subscales = { anxiety = 3, depression = 1 } }
_N = r"(?:0|[1-9][0-9]*)"
_KEY = r"[a-z0-9][a-z0-9_-]*"
_SUBSCALES = rf"\{{((?: {_KEY} = {_N}(?:, {_KEY} = {_N})* )?)\}}"
_SCORE = rf"\{{ id = {_STR}, total = ({_N}), band = {_STR}, subscales = {_SUBSCALES} \}}"
_SCORE_ANY = re.sub(r"\((?!\?)", "(?:", _SCORE)  # the same, without groups, to repeat in the head's pattern
_PAIR_ANY = re.sub(r"\((?!\?)", "(?:", _PAIR)
# The head in four parts, each matched on its own by _written_parts: the same pattern, _WRITTEN_HEAD, in pieces
# that can be cached (the first and third are the same in most files of a history: matching them each time,
# character by character, was an eighth of a first listing's instructions).
_TOP_TEXT = rf"{_COMMENTS}schema_version = {_INT}\napp_version = {_STR}\ncontent_version = {_STR}\n"
_MIDDLE_TEXT = rf"created = {_STR}\nlabel = {_STR}\n"
_SUMMARY_TEXT = (
    rf"{_COMMENTS}\[summary\]\n(?:pain_intensity = {_INT}\n)?red_flag = (true|false)\n"
    rf"top_nutrients = \[((?:{_PAIR_ANY}(?:, {_PAIR_ANY})*)?)\]\n"
    rf"(?:instruments = \[(?P<scores>(?:{_SCORE_ANY}(?:, {_SCORE_ANY})*)?)\]\n)?"
)
_SIZE_TEXT = rf"file_size = (?P<size>{_N})\n\n"
_WRITTEN_HEAD = re.compile(f"{_TOP_TEXT}{_MIDDLE_TEXT}\n{_SUMMARY_TEXT}{_SIZE_TEXT}")
_TOP, _MIDDLE, _SUMMARY, _SIZE = map(re.compile, (_TOP_TEXT, _MIDDLE_TEXT, _SUMMARY_TEXT, _SIZE_TEXT))
_PAIRS = re.compile(_PAIR)
_VERSION = re.compile(VERSION_PATTERN)
_SCORES = re.compile(_SCORE)
_SUBSCALE = re.compile(rf"({_KEY}) = ({_N})")


HINTS = _FADVISE is not None
"""Whether this system takes :func:`hint_head`'s hint (not macOS or Windows)."""


def hint_head(fd: int) -> None:
    """Ask the system to start reading the first :data:`HEAD_CHUNK` bytes of the open file ``fd``, without waiting.

    From a cold disk the reads of many files then overlap, so reading their heads afterwards takes a fraction of
    the time. Only a hint: nothing is read here, and errors are ignored. The listing hints each file through the
    descriptor it then reads the head from: a prefetch of its own opened and closed every file a second time (a
    tenth of a first listing of 10,000 files whose heads were already in memory)."""
    if _FADVISE is not None:
        # Not contextlib.suppress: a context manager made for each of 10,000 files cost more than the call itself.
        try:  # noqa: SIM105
            _FADVISE(fd, 0, HEAD_CHUNK, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass


def open_session(fspath: str, lstat: os.stat_result | None) -> tuple[int, os.stat_result] | Refused:
    """The session file at ``fspath`` opened as ``private_files.open_file`` opens it: its descriptor and ``fstat``
    (the caller reads it and closes it), or why not and its ``lstat`` (None: it could not be looked at).

    ``lstat`` None: the folder's listing said it is a regular file (``DirEntry.is_file``, from the listing itself),
    so it is opened at once and checked through the descriptor alone, as ``open_file`` checks it again after
    opening; the ``lstat`` before, one call for each of 10,000 files, was only the same check a moment earlier.
    Anything that is not then a regular file within the limit is looked at and opened again the usual way, so
    that it is refused in the usual words."""
    if lstat is None:
        try:
            fd = os.open(fspath, _OPEN_FLAGS)
        except OSError:
            pass
        else:
            try:
                info = os.fstat(fd)
                if info.st_size <= MAX_BYTES and stat.S_ISREG(info.st_mode):
                    return fd, info
            except OSError:
                pass
            os.close(fd)
        try:
            lstat = os.lstat(fspath)
        except OSError as error:
            return Unreadable(os_reason(error)), None
    try:
        return open_file(fspath, "session", lstat)
    except Unreadable as error:
        return error, lstat


def opened_ahead(
    to_read: list[tuple[str, str, os.stat_result | None]],
) -> Iterator[tuple[str, int | Unreadable, os.stat_result | None]]:
    """Each file of ``to_read`` (its name, path and ``lstat`` or None), in order, opened by :func:`open_session`.
    Each is opened and hinted (:func:`hint_head`) :data:`.index.PREFETCH_MIN` files before it is given, so that
    from a cold disk the reads of their heads overlap; those not yet given are closed with the iterator."""
    ahead: deque[tuple[str, int | Unreadable, os.stat_result | None]] = deque()
    try:
        for name, fspath, lstat in to_read:
            fd, info = open_session(fspath, lstat)
            if type(fd) is int:
                hint_head(fd)
            ahead.append((name, fd, info))
            if len(ahead) > PREFETCH_MIN:
                yield ahead.popleft()
        while ahead:
            yield ahead.popleft()
    finally:
        for _, fd, _ in ahead:
            if type(fd) is int:
                os.close(fd)


def read_head(fd: int, path: Path, size: int, *, hinted: bool = False) -> tuple[SavedSession | None, bytes, str | None]:
    """The list entry for the open session file ``fd`` from its head alone, the bytes read so far, and the entry's
    moment as ``isoformat`` writes it when the head holds it in that very form, else None (the index's row then
    takes it as it is: ``isoformat``, 11,000 instructions each, was a twentieth of a first listing).

    The entry is None unless the head can be trusted: the first table is ``[summary]``, the text up
    to the next table validates as a :class:`SessionHead` of the current schema, and its
    ``file_size`` equals ``size`` (from ``fstat``). The caller then reads the rest of the file from
    ``fd`` and parses all of it. Never raises for a bad file (an ``OSError`` is not about the file).
    ``hinted``: :func:`hint_head` was given ``fd`` (its head is on its way, and fetching it reads no more).
    """
    if _FADVISE is not None and not hinted:  # only the head is wanted: no read-ahead (a quarter faster, cold disk)
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
        return None, data, None
    written, text = _as_written(data[:end], path, size)
    if written is not None:
        return written, data, text
    from pydantic import ValidationError  # only for a file the index does not know: not to list a known history

    from nutri_tui.models.session import SessionHead

    try:
        head = SessionHead.model_validate(_parse_head(data[:end]))
    except (ValueError, ValidationError, RecursionError):  # UnicodeDecodeError and TOMLDecodeError are ValueErrors
        return None, data, None
    summary = head.summary
    if summary is None or summary.file_size != size or summary.instruments is None:
        return None, data, None  # no instruments: written before the summary kept the scores
    entry = SavedSession(
        path=path,
        created=head.created,
        label=head.label,
        pain_intensity=summary.pain_intensity,
        red_flag=summary.red_flag,
        top_nutrients=summary.top_nutrients,
        content_version=head.content_version,
        instruments=summary.instruments,
    )
    return entry, data, None


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


_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
"""A date-time as nutri-tui writes it (RFC 3339), the only form the plain checks take: others go to the model."""


def _as_written(raw: bytes, path: Path, size: int) -> tuple[SavedSession | None, str | None]:
    """The entry for a head exactly as nutri-tui writes it (:data:`_WRITTEN_HEAD`), checked by the same plain
    checks as an index row (:func:`~nutri_tui.storage.index.checked_session`) and the schema and size: no
    pydantic model to build or run, which was most of the time a first listing took. None: not sure, so the
    head goes to :class:`~nutri_tui.models.session.SessionHead`, which decides (this only ever accepts
    what the model accepts: its checks are the model's or stricter). With the entry, its ``created`` text if
    ``isoformat`` text if the head's gives it at once (:func:`~nutri_tui.storage.index.canonical_text`), else None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, None
    parts = _written_parts(text)
    if parts is None:
        return None, None
    content, created, label, (pain, red_flag, pairs, scores), written_size = parts
    if written_size != size or not _MOMENT.fullmatch(created):
        return None, None
    entry = checked_session(path, created, label, pain, red_flag, pairs, content, scores)
    if entry is None:
        return None, None
    # nutri-tui writes UTC as Z; isoformat as +00:00, the same moment (both read as datetime.UTC).
    text = f"{created[:-1]}+00:00" if created[-1] == "Z" else created
    return entry, text if canonical_text(text) else None


def _written_parts(text: str) -> tuple[str, str, str, Summary, int] | None:
    """A head that :data:`_WRITTEN_HEAD` matches, of this schema and app version, with scores: its content
    version, ``created``, label, summary (:func:`_summary`) and ``file_size``; None for any other.

    The head is cut where, if it matches, each part must start: its first line that starts ``created = `` (the
    lines before start ``#`` or another key), the first blank line after it (none in the top lines: comments and
    strings hold no line end), and its last line, which starts ``file_size = ``. The parts then match their
    patterns if and only if the head matches the whole (which is their concatenation, with the blank line): the
    first and third are looked up, each matched once for all the files that repeat it."""
    middle = text.find("\ncreated = ") + 1
    blank = text.find("\n\n", middle)
    last = text.rfind("\nfile_size = ") + 1
    if middle == 0 or blank == -1 or last <= blank:
        return None
    found, size = _MIDDLE.fullmatch(text, middle, blank + 1), _SIZE.fullmatch(text, last)
    if found is None or size is None:
        return None
    top, summary = text[:middle], text[blank + 2 : last]
    content = _top(top) if len(top) <= 1024 else _top.__wrapped__(top)  # cached only if short, as each below
    values = _summary(summary) if len(summary) <= 4096 else _summary.__wrapped__(summary)
    if content is None or values is None:
        return None
    created, label = found.groups()
    return content, created, label, values, int(size["size"])


Summary = tuple["int | None", bool, "tuple[tuple[str, str], ...] | None", str]
"""A written head's pain score, red flag, checked nutrient pairs (None: not valid) and kept scores."""


@functools.lru_cache(maxsize=256)
def _top(text: str) -> str | None:
    """The content version of a head's lines before ``created`` if they match and are of this schema and a
    valid app version; else None."""
    match = _TOP.fullmatch(text)
    if match is None:
        return None
    schema, app, content = match.groups()
    return content if int(schema) == SESSION_SCHEMA_VERSION and _VERSION.fullmatch(app) else None


@functools.lru_cache(maxsize=1024)
def _summary(text: str) -> Summary | None:
    """A head's ``[summary]`` table without its ``file_size`` (and the comments before it), read; None if it does
    not match or has no ``instruments`` (written before the summary kept the scores)."""
    match = _SUMMARY.fullmatch(text)
    if match is None or match["scores"] is None:
        return None
    pain, red_flag, top, written = match.groups()[:4]
    pairs = _pairs(top) if len(top) <= 1024 else None  # longer: more than ten pairs, or ids no nutrient has
    scores = _scores(written) if len(written) <= 4096 else _scores.__wrapped__(written)  # cached only if short
    return None if pain is None else int(pain), red_flag == "true", pairs, scores


@functools.lru_cache(maxsize=1024)
def _pairs(top: str) -> tuple[tuple[str, str], ...] | None:
    """A written head's ``top_nutrients`` as checked pairs. Cached, as each of these: a first listing reads
    thousands of heads that repeat a few lists (checking each again was a sixth of the listing's time)."""
    return valid_pairs([list(pair) for pair in _PAIRS.findall(top)])


@functools.lru_cache(maxsize=1024)
def _scores(written: str) -> str:
    """A written head's ``instruments`` as the index keeps them (``phq4 4 mild anxiety=3;...``)."""
    scores = []
    for score_id, total, band, subscales in _SCORES.findall(written):
        scores.append(" ".join((score_id, total, band, *(f"{k}={v}" for k, v in _SUBSCALE.findall(subscales)))))
    return ";".join(scores)


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
    import tomllib  # only for a head not as written (a listing of written ones never loads the parser)

    text = raw.decode("utf-8").removeprefix("\ufeff")
    match = _WRITTEN_HEAD.fullmatch(text)
    if match is None:
        return tomllib.loads(text)
    schema, app, content, created, label, pain, red_flag, top = match.groups()[:8]
    summary: dict[str, Any] = {} if pain is None else {"pain_intensity": int(pain)}
    summary.update(red_flag=red_flag == "true", top_nutrients=[list(p) for p in _PAIRS.findall(top)])
    if match["scores"] is not None:
        scores = []
        for score_id, total, band, subscales in _SCORES.findall(match["scores"]):
            pairs = _SUBSCALE.findall(subscales)
            if len({sub for sub, _ in pairs}) < len(pairs):  # a key twice: tomllib says what is wrong
                return tomllib.loads(text)
            table = {sub: int(points) for sub, points in pairs}
            scores.append({"id": score_id, "total": int(total), "band": band, "subscales": table})
        summary["instruments"] = scores
    summary["file_size"] = int(match["size"])
    keys = {"schema_version": int(schema), "app_version": app, "content_version": content, "created": created}
    return {**keys, "label": label, "summary": summary}
