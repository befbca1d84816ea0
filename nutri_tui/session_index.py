"""A small cache of what the history list shows for each session file, so long histories list fast.

Reading and validating one session file takes milliseconds; with thousands of them the history
would take minutes. The index (``sessions/.index.json``) keeps each file's summary with the
file's size, modification time and inode at the time it was read. It is never trusted blindly:
an entry is used only while all three still match, anything else is read again, and a missing,
corrupt or foreign index is simply rebuilt. It is written atomically and privately (0600), and
a failure to write it is never an error: it is only a cache.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from nutri_tui import __version__

INDEX_NAME = ".index.json"
INDEX_FORMAT = 1

FileKey = tuple[int, int, int]
"""(size, mtime in ns, inode) of a file as last read."""


def file_key(info: os.stat_result) -> FileKey:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


class SessionIndex:
    def __init__(self, folder: Path) -> None:
        self.path = folder / INDEX_NAME
        self._changed = False
        self._entries: dict[str, dict[str, Any]] = self._load()
        self._seen: set[str] = set()

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT or not isinstance(data.get("files"), dict):
            return {}
        entries = {k: v for k, v in data["files"].items() if isinstance(v, dict)}
        if data.get("app") != __version__:
            # Another version may read some files differently (a fixed bug, a migration): keep the
            # summaries of files that read fine, but look again at every file that could not be read.
            entries = {k: v for k, v in entries.items() if "reason" not in v}
            self._changed = True
        return entries

    def lookup(self, name: str, key: FileKey) -> dict[str, Any] | None:
        """The cached record for a file, only if the file has not changed since it was read."""
        self._seen.add(name)
        record = self._entries.get(name)
        if record is None or tuple(record.get("key", ())) != key:
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
        if not self._changed:
            return
        index = {"format": INDEX_FORMAT, "app": __version__, "files": self._entries}
        data = json.dumps(index, separators=(",", ":")).encode()
        with contextlib.suppress(OSError):
            write(self.path, data)
        self._changed = False


def summary_record(
    created: datetime,
    label: str,
    pain_intensity: int | None,
    red_flag: bool,
    top_nutrients: tuple[tuple[str, str], ...],
    content_version: str,
) -> dict[str, Any]:
    return {
        "created": created.isoformat(),
        "label": label,
        "pain": pain_intensity,
        "red_flag": red_flag,
        "top": [list(pair) for pair in top_nutrients],
        "content_version": content_version,
    }
