"""Where things are, and the little the first screen needs, without pydantic or Textual.

Start-up imports only this (and Textual): the welcome screen shows the disclaimer, whether a
draft exists and at which step, and whether past results exist, all read cheaply here. The
full, validated content and storage load after the first screen has painted.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from nutri_tui.safe_read import Unreadable, read_regular

APP_NAME = "nutri-tui"
HOME_ENV = "NUTRI_TUI_HOME"
CONTENT_ENV = "NUTRI_TUI_CONTENT"
SESSIONS_DIR = "sessions"
DRAFT_FILE = "draft.toml"
SESSION_SUFFIX = ".toml"
_STEP_ID = re.compile(r"[a-z_]{1,40}")
"""What a step id looks like; anything else is shown as "cannot be read" (a hand-edited step never is)."""
PEEK_LIMIT = 1_000_000
"""A draft bigger than this is not peeked at (a real one is about 1 KB): the welcome screen calls it
unreadable, and the full loader has the last word when the person resumes."""


def data_dir() -> Path:
    """Where nutri-tui keeps its data: ``NUTRI_TUI_HOME`` if set, else the platform's user data folder."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser()
    import platformdirs  # only here: with NUTRI_TUI_HOME set it is never needed (its imports: 27 M of a 268 M start)

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


CACHE_DIR = "cache"


def cache_dir() -> Path:
    """Where nutri-tui keeps what it can always rebuild (the checked knowledge base): ``NUTRI_TUI_HOME/cache``
    if that is set (so tests and a portable install keep everything in one place), else the platform's user
    cache folder. Never ``--data-dir``: the cache belongs to the person's account, not to one data folder."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / CACHE_DIR
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def find_content_dir() -> Path | None:
    """The content folder: ``$NUTRI_TUI_CONTENT``, the wheel's copy, or the repository's; None if absent."""
    override = os.environ.get(CONTENT_ENV)
    if override:
        return Path(override)
    package = Path(__file__).resolve().parent
    for candidate in (package / "_content", package.parent / "content"):
        if (candidate / "content.toml").is_file():
            return candidate
    return None


def read_disclaimer() -> str:
    """The disclaimer from content.toml (validated later with the rest); a safe default if unreadable."""
    import tomllib  # not at import: most commands never read the disclaimer or a draft

    fallback = "nutri-tui is educational. It does not diagnose anything and is not medical advice."
    folder = find_content_dir()
    try:
        with (folder / "content.toml").open("rb") as handle:  # type: ignore[operator]
            text = tomllib.load(handle).get("disclaimer")
    except (OSError, TypeError, ValueError, RecursionError):
        return fallback
    return text if isinstance(text, str) and text.strip() else fallback


def peek_draft_step(root: Path) -> str | None:
    """The step an unfinished draft stopped at ("" if it exists but cannot be read), or None if no draft.

    Only a peek for the welcome screen: the draft is validated in full when the person resumes. It runs
    before the first screen, so no draft may stop the app starting: a FIFO, a device or a link is not
    read, and a file nested too deeply for the TOML parser is only "cannot be read".
    """
    path = root / DRAFT_FILE
    try:
        raw = read_regular(path, "draft file", PEEK_LIMIT)
    except Unreadable as error:
        return None if str(error) == "no such file" else ""
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and TOMLDecodeError are ValueErrors
        return ""
    step = data.get("step")
    return step if isinstance(step, str) and _STEP_ID.fullmatch(step) else ""


def has_sessions(root: Path) -> bool:
    """Whether any session file exists, without reading one."""
    try:
        with os.scandir(root / SESSIONS_DIR) as entries:
            return any(e.name.endswith(SESSION_SUFFIX) and not e.name.startswith(".") for e in entries)
    except OSError:
        return False
