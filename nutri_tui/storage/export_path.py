"""Where an exported report goes: a default name that is free, and the write (new, or a replacement the
person confirmed), always 0600 and atomic through :mod:`nutri_tui.storage.private_files`.

The default name holds the result's local date and time (``nutri-tui-report-2026-11-26-0740.md``), so
two results of one day never share it; a name already taken gets ``-2``, ``-3`` and so on (a second
export of the same result). Nothing is reserved: the file is created exclusively when written, so a
name taken in the meantime is refused, never overwritten.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from nutri_tui.local_time import local
from nutri_tui.safe_read import os_reason
from nutri_tui.storage.private_files import StorageError, atomic_write, message, write_private_new

PREFIX = "nutri-tui-report"
SUFFIX = ".md"
COUNTER_MAX = 999
"""After ``-999`` a random part makes the name free instead (a folder of a thousand exports of one minute)."""


def export_name(created: datetime, counter: int = 1) -> str:
    """``nutri-tui-report-2026-11-26-0740.md`` for a result created then (local time); ``-2.md``... after."""
    stamp = local(created).strftime("%Y-%m-%d-%H%M")
    return f"{PREFIX}-{stamp}{f'-{counter}' if counter > 1 else ''}{SUFFIX}"


def unique_export_path(folder: Path, created: datetime) -> Path:
    """The first name from :func:`export_name` that nothing in ``folder`` has (a dangling link counts)."""
    for counter in range(1, COUNTER_MAX + 1):
        candidate = folder / export_name(created, counter)
        if not os.path.lexists(candidate):
            return candidate
    stamp = local(created).strftime("%Y-%m-%d-%H%M")
    return folder / f"{PREFIX}-{stamp}-{os.urandom(4).hex()}{SUFFIX}"


def write_export(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write ``data`` to ``path`` as 0600, atomically; StorageError (one line) if it cannot be written.

    Without ``replace`` an existing file is never touched (StorageError). With it, an existing file is
    replaced in one step (a reader sees the old report or the new one); a symbolic link is replaced
    itself, never written through, and a folder is refused.
    """
    if not replace:
        write_private_new(path, data)
        return
    if not os.path.isdir(path.parent):  # never raises, even for a path too long for the system
        raise StorageError(message(path, "the folder does not exist"))
    if os.path.isdir(path) and not os.path.islink(path):
        raise StorageError(message(path, "is a folder; give a file name"))
    try:
        atomic_write(path, data, exclusive=False)
    except OSError as error:
        raise StorageError(message(path, f"cannot write it ({os_reason(error)})")) from error
