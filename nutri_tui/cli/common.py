"""What every command shares: exit codes, the one-line error, safe paths, the storage in use and 80 columns."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from nutri_tui.text import clean_text, escaped

if TYPE_CHECKING:
    import argparse  # annotations only: the commands read here do not build the parser (cli/quick_args.py)
    from collections.abc import Mapping
    from typing import TextIO

    from nutri_tui.profiles import Profile
    from nutri_tui.storage import Storage

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
EXIT_STORAGE = 1
"""A session, report or folder that could not be written or listed (not the person's input)."""
EXIT_INTERRUPTED = 130
"""ctrl+c: the person stopped the command (128 + SIGINT, as Unix commands end)."""

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
    """The storage in use: the chosen profile's folder (see :func:`choose_profile`), else ``--data-dir``,
    ``NUTRI_TUI_HOME`` or the platform folder."""
    from nutri_tui.storage import Storage

    profile: Profile | None = getattr(args, "chosen_profile", None)
    return Storage(profile.root if profile is not None else getattr(args, "data_dir", None))


def data_folder(args: argparse.Namespace) -> Path:
    """The data folder holding every profile: ``--data-dir``, else ``NUTRI_TUI_HOME`` or the platform folder."""
    from nutri_tui.paths import data_dir

    given: Path | None = getattr(args, "data_dir", None)
    return given if given is not None else data_dir()


def choose_profile(args: argparse.Namespace, *, create: bool) -> int | None:
    """Set ``args.chosen_profile`` from ``--profile`` (the default profile without it); None, or the exit code
    after a one-line error. ``create`` (starting the app, plain mode, serve) makes a new profile of a name not
    yet known, and says so in ``args.profile_note``; a command that only reads refuses the name and lists the
    known ones (reading never creates anything)."""
    from nutri_tui.profiles import default_profile, find_profile, list_profiles, name_problem

    data = data_folder(args)
    name: str | None = getattr(args, "profile", None)
    args.profile_note = ""
    if name is None:
        args.chosen_profile = default_profile(data)
        return None
    if problem := name_problem(name):
        return fail(f"--profile: {problem}")
    found = find_profile(data, name)
    if found is None and not create:
        known = ", ".join(f'"{profile.name}"' for profile in list_profiles(data))
        return fail(f'no profile called "{clean_text(name)}" (profiles here: {known}); see `nutri-tui profiles`')
    if found is None:
        from nutri_tui.storage import StorageError
        from nutri_tui.storage.profile_folders import create_profile

        try:
            found = create_profile(data, name)
        except StorageError as error:
            return fail(str(error), EXIT_STORAGE)
        args.profile_note = f'New profile "{found.name}": its results are kept apart from everyone else\'s.'
    args.chosen_profile = found
    return None


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
    import textwrap  # here: its patterns are compiled on import, and most commands never wrap a line

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


def plain_wanted(environ: Mapping[str, str], stdin: TextIO | None) -> bool:
    """Whether bare ``nutri-tui`` (and ``open``) use plain text rather than the full-screen app: asked for with
    ``NUTRI_TUI_PLAIN=1``, or where the app cannot work (``TERM=dumb``, or input that is not a terminal).
    Never for the app ``nutri-tui serve`` runs for a browser: its input is a pipe from the page's terminal."""
    if environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver"):
        return False
    if environ.get("NUTRI_TUI_PLAIN", "").strip().lower() in ("1", "yes", "true", "on"):
        return True
    if environ.get("TERM") == "dumb":
        return True
    try:
        return stdin is None or not stdin.isatty()
    except (AttributeError, ValueError, OSError):  # closed or not a real stream
        return True
