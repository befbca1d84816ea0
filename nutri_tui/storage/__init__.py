"""Everything nutri-tui keeps on disk: saved sessions, the draft, the history index, private files.

This is the package's one public face: ``from nutri_tui.storage import Storage`` and the names below.
The modules behind it: ``sessions`` (the Storage class), ``drafts``, ``index`` (the history list's
cache), ``private_files`` (0600 files in 0700 folders, written atomically) and ``answers_file``
(reading a hand-written answers file).
"""

from nutri_tui.storage.index import SavedSession, SessionEntry, UnreadableSession
from nutri_tui.storage.private_files import StorageError, Unreadable
from nutri_tui.storage.session_file import make_session, session_summary
from nutri_tui.storage.sessions import Storage, make_draft
from nutri_tui.storage.settings import save_theme

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
