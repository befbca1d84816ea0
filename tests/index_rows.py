"""The history's SQLite index as tests read and forge it (see nutri_tui.storage.index_db)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from nutri_tui.storage import Storage
from nutri_tui.storage.index_db import INDEX_NAME, is_index_file

COLUMNS = ("name", "size", "mtime_ns", "inode", "sort_utc", "pain", "created", "label", "red_flag", "top")
COLUMNS += ("content_version", "instruments", "reason")


def index_path(store: Storage) -> Path:
    return store.sessions_dir / INDEX_NAME


def index_rows(store: Storage) -> dict[str, dict[str, Any]]:
    """Every row of the index, by file name."""
    with closing(sqlite3.connect(index_path(store))) as db:
        rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM files").fetchall()
    return {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows}


def index_meta(store: Storage) -> dict[str, str]:
    with closing(sqlite3.connect(index_path(store))) as db:
        return dict(db.execute("SELECT key, value FROM meta").fetchall())


def index_objects(store: Storage) -> set[tuple[str, str]]:
    """The ``(type, name)`` of everything in the index's schema: tables, indexes, triggers, views."""
    with closing(sqlite3.connect(index_path(store))) as db:
        return set(db.execute("SELECT type, name FROM sqlite_master").fetchall())


def forge(store: Storage, sql: str, *parameters: Any) -> int:
    """Change the index behind nutri-tui's back, as anyone who can write the folder could; the rows changed."""
    with closing(sqlite3.connect(index_path(store))) as db, db:
        return db.execute(sql, parameters).rowcount


def forge_row(store: Storage, file_name: str, /, **columns: Any) -> None:
    """Set some columns of one file's row (its key left as it is, so the row is still taken as current)."""
    assert columns and set(columns) <= set(COLUMNS)
    assignments = ", ".join(f"{column} = ?" for column in columns)
    assert forge(store, f"UPDATE files SET {assignments} WHERE name = ?", *columns.values(), file_name) == 1


def forget_index(store: Storage) -> None:
    """Delete the index and its journal files, as a first listing finds the folder."""
    for name in os.listdir(store.sessions_dir):
        if is_index_file(name):
            os.unlink(store.sessions_dir / name)
