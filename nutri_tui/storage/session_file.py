"""A session file's bytes: how a session is written (a head the history list can trust, then the rest) and read.

The layout is described in docs/session-format.md: a comment, the top-level keys, a ``[summary]`` that
the history list reads without parsing the rest (with the file's own size, so a cut-off file is
noticed), then ``[answers]`` and ``[result]``.
"""

from __future__ import annotations

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
    ScoreSummary,
    Session,
    SessionHead,
    SessionSummary,
    clean_text,
    score_summaries,
    top_nutrients,
)
from nutri_tui.models.summary_fields import label_fault
from nutri_tui.storage.heads import head_summary
from nutri_tui.storage.index import SavedSession
from nutri_tui.storage.private_files import (
    MAX_BYTES,
    StorageError,
    Unreadable,
    migrated,
    parse_toml,
    string_problem,
    validated,
)

SUMMARY_NOTE = "# What the history list shows, copied from the answers and result below (they are what counts).\n"


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
        instruments=score_summaries(session.result.instruments),
    )


# -- reading --------------------------------------------------------------------------------------


def decode_session(raw: bytes) -> tuple[Session, SessionSummary | None]:
    """The session in a whole file, and its ``[summary]`` (None if it has none).

    The summary is validated for shape (a malformed one makes the file unreadable, as anything else
    malformed does) but its values are not used: the caller derives them from the answers and result.
    Its ``file_size`` is used, though: a file shorter than it is cut off, even when what is left reads
    as a whole session (a cut at a ``[[result.sources]]`` boundary leaves valid TOML, sources missing).
    """
    try:
        data = migrated(parse_toml(raw), "session")
    except Unreadable:
        refuse_if_cut(raw, head_summary(raw))  # "cut off" says more than the TOML error it causes
        raise
    stored = data.pop("summary", None)
    refuse_if_cut(raw, stored)
    session = validated(Session, data)
    if stored is None:
        return session, None
    keys = {k: v for k, v in data.items() if k not in ("answers", "result")}
    return session, validated(SessionHead, {**keys, "summary": stored}).summary


def refuse_if_cut(raw: bytes, summary: object) -> None:
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


# -- writing --------------------------------------------------------------------------------------


def dump_session(session: Session) -> bytes:
    """The session file: a comment, the top-level keys, ``[summary]``, then ``[answers]`` and ``[result]``.

    ``summary.file_size`` is the size of these very bytes, so it is found by trying each number of digits.
    """
    data = session.model_dump(mode="json", exclude_none=True)
    problem = string_problem(data)  # it would never read back (see private_files.validated)
    if problem is not None:
        raise StorageError(f"this session cannot be saved: {problem}")
    body = tomli_w.dumps({"answers": data.pop("answers"), "result": data.pop("result")}).encode("utf-8")
    return _sized(_head(data, session_summary(Path(), session)), body)


def relabelled(raw: bytes, session: Session, label: str) -> bytes:
    """The file ``raw``, which was just read in full as ``session``, with a new (cleaned) label.

    When ``raw`` is exactly what nutri-tui writes for ``session`` (its head byte for byte, then the answers
    and result), only the head is written again and the rest is kept as it is: it already reads as this
    session's answers and result, and dumping them again was most of a relabel's time (about 11 of 15 ms
    for a 110 KB file; issue 15 asks for under 50 ms at 100,000 sessions). Anything else (an older schema,
    a head edited by hand) is written again in full, as a save writes it, after checking the new session.
    """
    cleaned = clean_text(label, LABEL_MAX)
    entry = session_summary(Path(), session)
    keys = session.model_dump(mode="json", exclude={"answers", "result"}, exclude_none=True)
    written = _head(keys, entry) + f"{len(raw)}\n\n".encode()
    body = raw[len(written) :]
    if raw.startswith(written) and body.startswith(b"[answers]\n") and label_fault(cleaned) is None:
        return _sized(_head({**keys, "label": cleaned}, entry), body)
    return dump_session(Session.model_validate({**session.model_dump(), "label": cleaned}))


def _head(keys: dict[str, object], entry: SavedSession) -> bytes:
    """The file's first bytes, up to ``file_size = `` (the size follows): the comment, the top-level ``keys``
    (a session's, without its answers and result) and the ``[summary]`` of ``entry``."""
    summary = "" if entry.pain_intensity is None else f"pain_intensity = {entry.pain_intensity}\n"
    summary += f"red_flag = {'true' if entry.red_flag else 'false'}\n"
    pairs = (f"[{toml_string(n)}, {toml_string(level)}]" for n, level in entry.top_nutrients)
    summary += f"top_nutrients = [{', '.join(pairs)}]\n"
    summary += f"instruments = [{', '.join(map(score_table, entry.instruments))}]\n"
    return (
        f"# nutri-tui session file (schema {SESSION_SCHEMA_VERSION}); see docs/session-format.md\n"
        f"{tomli_w.dumps(keys)}\n{SUMMARY_NOTE}[summary]\n{summary}file_size = "
    ).encode()


def _sized(head: bytes, body: bytes) -> bytes:
    """``head``, the size of the whole file, and ``body``; refused when over :data:`MAX_BYTES`."""
    fixed = len(head) + len(b"\n\n") + len(body)
    size = next(fixed + digits for digits in range(1, 12) if len(str(fixed + digits)) == digits)
    encoded = head + f"{size}\n\n".encode() + body
    if len(encoded) > MAX_BYTES:
        raise StorageError(f"this session is too large to save ({len(encoded):,} bytes; the limit is {MAX_BYTES:,})")
    return encoded


def score_table(score: ScoreSummary) -> str:
    """``{ id = "phq4", total = 4, band = "mild", subscales = { anxiety = 3, depression = 1 } }`` (ids: bare keys)."""
    subscales = ", ".join(f"{sub} = {points}" for sub, points in score.subscales)
    inner = f"{{ {subscales} }}" if subscales else "{}"
    return (
        f"{{ id = {toml_string(score.id)}, total = {score.total}, band = {toml_string(score.band)}, "
        f"subscales = {inner} }}"
    )


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, quoted and escaped as tomli_w writes it."""
    return tomli_w.dumps({"s": text})[4:-1]
