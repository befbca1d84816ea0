"""One row of the history's index (:mod:`nutri_tui.storage.index_db`): written from a list entry, and read
back as one, checked as strictly as a session head (a row may have been changed by anyone who can write
the folder)."""

from __future__ import annotations

import functools
import json
from datetime import UTC
from pathlib import Path
from typing import Any

from nutri_tui.storage.index import (
    FileKey,
    SavedSession,
    SessionEntry,
    UnreadableSession,
    checked_session,
    from_record,
    to_record,
    valid_pairs,
)

COLUMNS = "rowid, name, created, label, pain, red_flag, top, content_version, instruments, reason"
"""A row as :func:`entry_from_row` reads it."""

UPSERT = (
    "INSERT INTO files (name, size, mtime_ns, inode, sort_utc, pain, created, label, red_flag, top,"
    " content_version, instruments, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (name) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
    " inode = excluded.inode, sort_utc = excluded.sort_utc, pain = excluded.pain, created = excluded.created,"
    " label = excluded.label, red_flag = excluded.red_flag, top = excluded.top,"
    " content_version = excluded.content_version, instruments = excluded.instruments, reason = excluded.reason"
)


def row_values(name: str, key: FileKey, entry: SessionEntry) -> tuple[Any, ...]:
    record = to_record(entry)
    if isinstance(entry, UnreadableSession):
        return (name, *key, None, None, None, None, None, None, None, None, record["reason"])
    return (
        name,
        *key,
        sort_key(entry),
        record["pain"],
        record["created"],
        record["label"],
        int(record["red_flag"]),
        json.dumps(record["top"], separators=(",", ":")),
        record["content_version"],
        record["instruments"],
        None,
    )


def sort_key(entry: SavedSession) -> str:
    """The moment in UTC as text that sorts as time does (every zone brought to one)."""
    return entry.created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def entry_from_row(folder: Path, row: tuple[Any, ...]) -> SessionEntry | None:
    """A row as a list entry, checked as strictly as a session head (:func:`checked_session`); None if any
    value is off (the caller then reads the file itself)."""
    _, name, created, label, pain, red_flag, top, version, instruments, reason = row
    if type(name) is not str or "/" in name or name.startswith("."):
        return None
    if reason is not None:
        return from_record(folder / name, {"reason": reason})
    pairs = top_pairs(top) if type(top) is str else None
    flag = {0: False, 1: True}.get(red_flag) if type(red_flag) is int else None
    scores = instruments if type(instruments) is str else None
    return checked_session(folder / name, created, label, pain, flag, pairs, version, scores)


@functools.lru_cache(maxsize=4096)
def top_pairs(text: str) -> tuple[tuple[str, str], ...] | None:
    """A row's ``top`` (JSON, as :func:`_row_values` writes it) as checked pairs, or None. Cached: a person's
    results repeat the same few lists of nutrients, and parsing each again cost a quarter of a row's check."""
    if len(text) > 4096:
        return None
    try:
        return valid_pairs(json.loads(text))
    except (ValueError, RecursionError):  # RecursionError: nested past what json can parse
        return None
