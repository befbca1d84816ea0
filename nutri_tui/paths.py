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
_STEP_ID = r"[a-z_]{1,40}"
"""What a step id looks like (a pattern, compiled when first used); anything else is shown as "cannot be read" (a
hand-edited step never is)."""
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


DISCLAIMER_KEY = "disclaimer"
DISCLAIMER_FALLBACK = "nutri-tui is educational. It does not diagnose anything and is not medical advice."
DISCLAIMER_LIMIT = 1 << 20
"""content.toml is a short manifest (under 2 KB): a larger one is not read for the welcome screen."""
TOML_BLANKS = " \t\r"
"""What TOML counts as blank around a key, a value and a line's end (str.strip's default also strips others)."""


def read_disclaimer() -> str:
    """The disclaimer from content.toml (validated later with the rest); a safe default if unreadable."""
    folder = find_content_dir()
    if folder is None:
        return DISCLAIMER_FALLBACK
    try:
        text = read_regular(folder / "content.toml", "content manifest", DISCLAIMER_LIMIT).decode("utf-8")
    except (Unreadable, ValueError):
        return DISCLAIMER_FALLBACK
    said = plain_top_level_string(text, DISCLAIMER_KEY)
    if said is None:  # not written in the plain form: the TOML parser reads it
        import tomllib  # not at import: most commands never read the disclaimer or a draft

        try:
            said = tomllib.loads(text.removeprefix("\ufeff")).get(DISCLAIMER_KEY)
        except (ValueError, RecursionError):
            return DISCLAIMER_FALLBACK
    return said if isinstance(said, str) and said.strip() else DISCLAIMER_FALLBACK


def plain_top_level_string(text: str, key: str) -> str | None:
    """The value of ``key = "..."`` in a TOML document, read without the TOML parser, or None when it is not
    written in that one plain form (then the caller asks tomllib, which gives the same value).

    Why: the welcome screen's first paint shows the disclaimer, and importing tomllib for one line was
    about 1% of everything the app does before that paint (9 M instructions of 1,200 M; issue 15).
    The plain form: a line, before the first table, that is the bare key, ``=``, and a basic string with
    no escapes and no quote or control character inside, then nothing or a comment. Anything that could
    make such a line mean something else (a multi-line string above it, which could hold a line that
    looks like a key) sends the whole read to tomllib."""
    for line in text.removeprefix("\ufeff").split("\n"):  # TOML's line ends only: a comment may hold U+2028
        if '"""' in line or "'''" in line:
            return None
        stripped = line.strip(TOML_BLANKS)
        if stripped.startswith("["):
            return None  # the key is top-level or nowhere
        name, equals, value = stripped.partition("=")
        if not equals or name.strip(TOML_BLANKS) != key:
            continue
        value = value.strip(TOML_BLANKS)
        if not value.startswith('"'):
            return None
        end = value.find('"', 1)
        if end < 0:
            return None
        inside, rest = value[1:end], value[end + 1 :].strip(TOML_BLANKS)
        if "\\" in inside or not inside.isprintable() or (rest and not rest.startswith("#")):
            return None
        return inside
    return None


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
    return step if isinstance(step, str) and re.fullmatch(_STEP_ID, step) else ""


def has_sessions(root: Path) -> bool:
    """Whether any session file exists, without reading one."""
    try:
        with os.scandir(root / SESSIONS_DIR) as entries:
            return any(e.name.endswith(SESSION_SUFFIX) and not e.name.startswith(".") for e in entries)
    except OSError:
        return False
