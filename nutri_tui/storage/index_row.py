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
    child,
    from_record,
    scores_text,
    top_pairs,
)
from nutri_tui.storage.index_search import entry_search

COLUMNS = "rowid, name, created, label, pain, red_flag, top, content_version, instruments, reason"
"""A row as :func:`entry_from_row` reads it (the History reads its ``search, nutrients`` after these)."""

UPSERT = (
    "INSERT INTO files (name, size, mtime_ns, inode, sort_utc, pain, created, label, red_flag, top,"
    " content_version, instruments, reason, search, nutrients) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (name) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
    " inode = excluded.inode, sort_utc = excluded.sort_utc, pain = excluded.pain, created = excluded.created,"
    " label = excluded.label, red_flag = excluded.red_flag, top = excluded.top,"
    " content_version = excluded.content_version, instruments = excluded.instruments, reason = excluded.reason,"
    " search = excluded.search, nutrients = excluded.nutrients"
)


def row_values(name: str, key: FileKey, entry: SessionEntry, searchable: bool = True) -> tuple[Any, ...]:
    """The row for one file's entry, as :data:`UPSERT` takes it (what :func:`.index.from_record` reads back); its
    search text only if ``searchable`` (the index's texts are of this process's time zone: see
    :mod:`.index_search`)."""
    search = entry_search(entry) if searchable else (None, None)
    if isinstance(entry, UnreadableSession):
        return (name, *key, None, None, None, None, None, None, None, None, entry.reason, *search)
    return (
        name,
        *key,
        sort_key(entry),
        entry.pain_intensity,
        entry.created.isoformat(),
        entry.label,
        int(entry.red_flag),
        _top_text(entry.top_nutrients),
        entry.content_version,
        scores_text(entry.instruments),
        None,
        *search,
    )


@functools.lru_cache(maxsize=1024)
def _top_text(pairs: tuple[tuple[str, str], ...]) -> str:
    """``top`` as a row keeps it: JSON (cached: a history repeats a few lists)."""
    return json.dumps([list(pair) for pair in pairs], separators=(",", ":"))


def sort_key(entry: SavedSession) -> str:
    """The moment in UTC as text that sorts as time does (every zone brought to one)."""
    return entry.created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def entry_from_row(folder: Path, row: tuple[Any, ...]) -> SessionEntry | None:
    """A row as a list entry, checked as strictly as a session head (:func:`checked_session`); None if any
    value is off (the caller then reads the file itself)."""
    _, name, created, label, pain, red_flag, top, version, instruments, reason = row[:10]
    if type(name) is not str or "/" in name or name.startswith("."):
        return None
    if reason is not None:
        return from_record(child(folder, name), {"reason": reason})
    pairs = top_pairs(top) if type(top) is str else None
    flag = {0: False, 1: True}.get(red_flag) if type(red_flag) is int else None
    scores = instruments if type(instruments) is str else None
    return checked_session(child(folder, name), created, label, pain, flag, pairs, version, scores)
