"""The settings file, ``<root>/settings.toml``: the theme the person chose last, so the next run opens in it.

::

    format = 1
    theme = "nutri-high-contrast"

It is written only when the person changes the theme (the command palette's Theme, or High contrast),
through :func:`~nutri_tui.storage.private_files.atomic_write`: 0600, in the 0700 data folder, replacing
the old file atomically, whatever the old file held. Nothing else writes, moves or deletes it, so a
broken or hand-edited file stays as it is until the person chooses a theme again.

It is read before the first screen by :func:`nutri_tui.tui.themes.saved_theme`, which reports a file it
cannot use (bad TOML, a theme that does not exist, a folder or FIFO in its place, wrong types) as one
line and starts in the default theme. The reader lives there, not here, because importing this package
loads pydantic (the session models), which must not slow the first paint; the two agree on
:data:`SETTINGS_FILE` and :data:`SETTINGS_FORMAT` (``tests/unit/test_settings.py`` checks the round trip).
"""

from __future__ import annotations

from pathlib import Path

import tomli_w

from nutri_tui.storage.private_files import StorageError, message, replace_private

SETTINGS_FILE = "settings.toml"
SETTINGS_FORMAT = 1
THEME_NAME_MAX = 100
"""A theme's name is a short identifier ("textual-dark", "nutri-high-contrast")."""


def settings_bytes(theme: str) -> bytes:
    """The whole settings file for ``theme``."""
    return tomli_w.dumps({"format": SETTINGS_FORMAT, "theme": theme}).encode("utf-8")


def save_theme(root: Path, theme: str) -> Path:
    """Remember ``theme`` in ``<root>/settings.toml`` (the folder is created 0700 if missing); the path.

    Raises :class:`StorageError` with one line if the name is not a theme's or the file cannot be written
    (a folder in its place, a read-only disk); the old file is then untouched.
    """
    path = root / SETTINGS_FILE
    if not theme or len(theme) > THEME_NAME_MAX or not theme.isprintable():
        raise StorageError(message(path, "not saved: that is not a theme's name"))
    return replace_private(root, path, settings_bytes(theme), "cannot save the theme")
