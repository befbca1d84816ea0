"""What every command shares: exit codes, the one-line error, safe paths, the storage in use and 80 columns."""

from __future__ import annotations

import argparse
import sys
import textwrap
import unicodedata
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

COLUMNS = 80
"""What a command prints fits this many terminal columns. Only a path or a web address longer than the
line is left whole (it must stay one piece to be copied), and an error stays one line (see :func:`fail`)."""
ELLIPSIS = "\u2026"


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


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: a wide (East Asian) character two, a combining mark none."""
    if text.isascii():
        return len(text)
    return sum(_char_columns(char) for char in text)


def _char_columns(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cut(text: str, width: int) -> str:
    """``text`` as it is if it fits in ``width`` columns, else its start and an ellipsis in ``width`` columns."""
    if columns(text) <= width:
        return text
    kept: list[str] = []
    used = 0
    for char in text:
        used += _char_columns(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept).rstrip() + ELLIPSIS


def wrapped(text: str, indent: str = "", first: str | None = None) -> list[str]:
    """``text`` in lines of :data:`COLUMNS`, never breaking a word (a path or an address stays whole)."""
    return textwrap.wrap(
        text,
        COLUMNS,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent if first is None else first]


def with_path(words: str, path: Path | str) -> list[str]:
    """``words path`` on one line if it fits in :data:`COLUMNS`, else ``words:`` with the path indented below."""
    line = f"{words} {shown(path)}"
    if columns(line) <= COLUMNS:
        return [line]
    return [f"{words}:", f"  {shown(path)}"]
