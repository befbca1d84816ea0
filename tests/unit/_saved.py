"""A session saved once by ``Storage.save_session`` and copied, as it was written, into each test's folder.

For tests that need a saved session to work on (an index to forge, a trap beside it), not the saving itself:
saving encodes the whole session as TOML (ten milliseconds for a result with every part), the same bytes
for the same session every time. The copy has the saved file's name, bytes and mode (0600), in folders
made as ``save_session`` makes them (0700).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from nutri_tui.models.session import Session
from nutri_tui.storage import Storage
from nutri_tui.storage.private_files import private_dir


class SavedOnce:
    def __init__(self, folder: Path, session: Session) -> None:
        self.session = session
        self.file = Storage(folder).save_session(session)

    def into(self, store: Storage) -> Path:
        """The saved file copied into ``store``'s sessions folder; its path there."""
        private_dir(store.root)
        private_dir(store.sessions_dir)
        target = store.sessions_dir / self.file.name
        shutil.copy2(self.file, target)
        return target
