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
    checked_values,
    child,
    from_record,
    scores_text,
    top_pairs,
)
from nutri_tui.storage.index_search import entry_search

COLUMNS = "rowid, name, created, label, pain, red_flag, top, content_version, instruments, reason"
"""A row as :func:`entry_from_row` reads it (the History reads its ``search, nutrients`` after these)."""
KEYED = f"{COLUMNS}, size, mtime_ns, inode"
"""A row with the key of its file last (see ``index.FileKey``): what a whole listing compares and then lists."""

UPSERT = (
    "INSERT INTO files (name, size, mtime_ns, inode, sort_utc, pain, created, label, red_flag, top,"
    " content_version, instruments, reason, search, nutrients) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (name) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
    " inode = excluded.inode, sort_utc = excluded.sort_utc, pain = excluded.pain, created = excluded.created,"
    " label = excluded.label, red_flag = excluded.red_flag, top = excluded.top,"
    " content_version = excluded.content_version, instruments = excluded.instruments, reason = excluded.reason,"
    " search = excluded.search, nutrients = excluded.nutrients"
)


def row_values(
    name: str, key: FileKey, entry: SessionEntry, created: str | None = None, *, searchable: bool = True
) -> tuple[Any, ...]:
    """The row for one file's entry, as :data:`UPSERT` takes it (what :func:`.index.from_record` reads back); its
    search text only if ``searchable`` (the index's texts are of this process's time zone: see
    :mod:`.index_search`). ``created``: the entry's moment as ``isoformat`` gives it, when already known (the text
    of its head, see ``heads.read_head``), else None."""
    search = entry_search(entry) if searchable else (None, None)
    if isinstance(entry, UnreadableSession):
        return (name, *key, None, None, None, None, None, None, None, None, entry.reason, *search)
    if created is None:
        created = entry.created.isoformat()  # ~1 µs each (PyUnicode_FromFormat): made once, for both columns
    # In UTC with microseconds (what nutri-tui writes), the sort text is its first 26 characters: sort_key's own.
    utc = len(created) == 32 and created.endswith("+00:00") and created[0] != "0"
    return (
        name,
        *key,
        created[:26] if utc else sort_key(entry),
        entry.pain_intensity,
        created,
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
    """The moment in UTC as text that sorts as time does (every zone brought to one): ``%Y-%m-%dT%H:%M:%S.%f``,
    cut from ``isoformat`` (strftime took twice as long), where the C library's ``%Y`` gives four digits too."""
    moment = entry.created.astimezone(UTC)
    if moment.year < 1000:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")
    return moment.isoformat(timespec="microseconds")[:26]


_FLAGS = {0: False, 1: True}


def listed_name(name: object) -> bool:
    """Whether a row's file name can be listed: a string naming a file in the sessions folder itself (no ``/``), not
    a hidden one (a temporary file, or a name a forged index made up)."""
    return type(name) is str and "/" not in name and not name.startswith(".")


def readable_row(row: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """A readable file's row (:data:`COLUMNS`) as its file name followed by the values its entry holds after the
    path (:data:`.index.Checked`), checked as strictly as a session head (:func:`checked_values`); None for an
    unreadable file's row, or if any value is off (:func:`entry_from_row` then says which entry it is)."""
    _, name, created, label, pain, red_flag, top, version, instruments, reason = row[:10]
    if reason is not None or not listed_name(name):
        return None
    pairs = top_pairs(top) if type(top) is str else None
    flag = _FLAGS.get(red_flag) if type(red_flag) is int else None
    scores = instruments if type(instruments) is str else None
    values = checked_values(created, label, pain, flag, pairs, version, scores)
    return None if values is None else (name, *values)


def entry_from_row(folder: Path, row: tuple[Any, ...]) -> SessionEntry | None:
    """A row as a list entry, checked as strictly as a session head (:func:`checked_values`); None if any
    value is off (the caller then reads the file itself)."""
    name, reason = row[1], row[9]
    if reason is None:
        values = readable_row(row)
        return None if values is None else SavedSession(child(folder, values[0]), *values[1:])
    if not listed_name(name):
        return None
    return from_record(child(folder, name), {"reason": reason})
