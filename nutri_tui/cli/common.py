"""What every command shares: exit codes, the one-line error, safe paths and the storage in use."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nutri_tui.text import clean_text, escaped

if TYPE_CHECKING:
    from nutri_tui.storage import Storage

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
EXIT_STORAGE = 1
"""A session, report or folder that could not be written or listed (not the person's input)."""

ERROR_MAX = 2_000
"""An error line is cut to this many characters."""


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """Print a one-line error on stderr and return the exit code.

    Messages quote paths and keys from files, so the line is cleaned here, for every command: nothing
    in it can change the terminal (paths arrive escaped by ``shown``, so they stay findable).
    """
    print(f"nutri-tui: error: {clean_text(message, ERROR_MAX)}", file=sys.stderr)
    return code


def shown(path: Path | str) -> str:
    """A path safe to print on a terminal: as is when printable, else with unprintable characters escaped."""
    return escaped(path)


def storage_for(args: argparse.Namespace) -> Storage:
    """The storage in use: ``--data-dir`` if given, else ``NUTRI_TUI_HOME`` or the platform folder."""
    from nutri_tui.storage import Storage

    return Storage(getattr(args, "data_dir", None))
