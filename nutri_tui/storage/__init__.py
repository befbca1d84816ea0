"""Everything nutri-tui keeps on disk: saved sessions, the draft, the history index, private files.

This is the package's one public face: ``from nutri_tui.storage import Storage`` and the names below.
The modules behind it: ``sessions`` (the Storage class), ``listing`` and ``index_db`` (the history's
SQLite index), ``index`` (a history row and its checks), ``drafts``, ``private_files`` (0600 files in
0700 folders, written atomically) and ``answers_file`` (reading a hand-written answers file).

Names are imported when first used (PEP 562): listing the history (``nutri-tui sessions``) needs no
pydantic model, and building those classes cost most of that command's time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nutri_tui.storage.drafts import make_draft
    from nutri_tui.storage.index import SavedSession, SessionEntry, UnreadableSession
    from nutri_tui.storage.private_files import StorageError, Unreadable
    from nutri_tui.storage.session_file import make_session, session_summary
    from nutri_tui.storage.sessions import Storage
    from nutri_tui.storage.settings import save_theme

_HOMES = {
    "SavedSession": "index",
    "SessionEntry": "index",
    "UnreadableSession": "index",
    "StorageError": "private_files",
    "Unreadable": "private_files",
    "make_session": "session_file",
    "session_summary": "session_file",
    "Storage": "sessions",
    "make_draft": "drafts",
    "save_theme": "settings",
}
__all__ = [
    "SavedSession",
    "SessionEntry",
    "Storage",
    "StorageError",
    "Unreadable",
    "UnreadableSession",
    "make_draft",
    "make_session",
    "save_theme",
    "session_summary",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'nutri_tui.storage' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"nutri_tui.storage.{home}"), name)
    globals()[name] = value  # once: later look-ups are plain
    return value
