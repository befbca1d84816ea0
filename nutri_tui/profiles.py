"""Profiles: several people's results on one machine (a physiotherapist's clients, a parent helped by a child).

Layout, inside the data folder (``NUTRI_TUI_HOME``, ``--data-dir`` or the platform's folder)::

    <data>/                     the first profile, "Default": exactly today's single-person layout
        draft.toml  settings.toml  sessions/  profile.toml (only once it has been renamed)
        profiles/               0700
            3f9a0c1b2d4e/       one folder per further profile, named by a random id; 0700
                profile.toml    format = 1, name = "Anna K"; 0600
                draft.toml  settings.toml  sessions/

Why the first profile is the data folder itself: existing single-person data is then the default
profile with nothing moved, so nothing can be lost in a move, and an older nutri-tui still finds it.
Why folders are random ids and not names: a name never becomes a path, so no name (``../x``, ``/etc``,
``CON``, a control character) can place a file outside the folder, and renaming moves nothing.
Every profile folder has the same layout, so each has its own sessions, draft and settings (its theme:
a parent with low vision may keep high contrast while the person helping does not).

This module only reads, and imports no pydantic or Textual: the first screen names the profile before
either loads. Creating and renaming are in :mod:`nutri_tui.storage.profile_folders`. A profile file that
cannot be read is reported on the profile (``problem``) and left as it is; the profile stays usable.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from nutri_tui.frozen import Frozen
from nutri_tui.paths import SESSION_SUFFIX, SESSIONS_DIR
from nutri_tui.safe_read import Unreadable, read_regular
from nutri_tui.text import clean_text

PROFILES_DIR = "profiles"
PROFILE_FILE = "profile.toml"
PROFILE_FORMAT = 1
DEFAULT_NAME = "Default"
"""The first profile's name until someone renames it."""
NAME_MAX = 60
"""A profile's name is a person's name or a short reference ("Anna K", "Client 12", "Mum")."""
PROFILE_FILE_LIMIT = 10_000
FOLDER_ID = r"[0-9a-f]{12}"
"""What a profile folder's name looks like (a pattern, compiled when first used); anything else under ``profiles/``
is not a profile."""


class Profile(Frozen):
    """One person's data folder and name; read-only, equal and hashed by its fields (``frozen.Frozen``)."""

    __slots__ = __match_args__ = ("name", "root", "is_default", "problem")
    name: str
    """The name shown (cleaned: one line, nothing a terminal would obey)."""
    root: Path
    """Its data folder: sessions, draft and settings live here."""
    is_default: bool
    """The data folder itself (the profile everyone had before there were profiles)."""
    problem: str
    """Why its profile file could not be read (the name shown is then a stand-in), else empty."""

    def __init__(self, name: str, root: Path, is_default: bool = False, problem: str = "") -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "root", root)
        object.__setattr__(self, "is_default", is_default)
        object.__setattr__(self, "problem", problem)

    @property
    def key(self) -> str:
        return name_key(self.name)


def name_key(name: str) -> str:
    """Two names are the same profile when they match ignoring case and spacing ("anna k" is "Anna  K")."""
    return clean_text(name, NAME_MAX).casefold()


def clean_name(text: str) -> str:
    """A name as it is kept and shown: one line, no control or bidi characters, at most NAME_MAX characters."""
    return clean_text(text, NAME_MAX)


def name_problem(text: str) -> str | None:
    """Why ``text`` cannot be a profile's name, in words, or None."""
    if not clean_name(text):
        return "a profile needs a name (letters, numbers or both)"
    return None


def name_refusal(data: Path, text: str, renaming: Path | None = None) -> str | None:
    """Why ``text`` cannot name a new profile in ``data`` (or the profile at ``renaming``), or None: empty, or
    another profile's name ignoring case and spacing. The app's name box and the storage both ask this."""
    problem = name_problem(text)
    if problem:
        return problem
    other = find_profile(data, text)  # names are unique, so there is at most one
    if other is not None and other.root != renaming:
        return f'there is already a profile called "{other.name}"; choose another name'
    return None


def default_profile(data: Path) -> Profile:
    name, problem = _read_name(data / PROFILE_FILE, missing_ok=True)
    return Profile(name or DEFAULT_NAME, data, is_default=True, problem=problem)


def list_profiles(data: Path) -> list[Profile]:
    """Every profile in ``data``: the default first, then the others by name. Never raises, never writes.

    Only real folders with an id's name count (a link, a file or a stray folder under ``profiles/`` is
    not followed); a folder whose profile file is missing or broken is listed under a stand-in name.
    """
    others: list[Profile] = []
    try:
        with os.scandir(data / PROFILES_DIR) as entries:
            folders = [e for e in entries if re.fullmatch(FOLDER_ID, e.name) and e.is_dir(follow_symlinks=False)]
    except OSError:
        folders = []
    for entry in folders:
        root = Path(entry.path)
        name, problem = _read_name(root / PROFILE_FILE, missing_ok=False)
        others.append(Profile(name or f"Profile {entry.name}", root, problem=problem))
    others.sort(key=lambda profile: (profile.key, profile.root.name))
    return [default_profile(data), *others]


def find_profile(data: Path, name: str) -> Profile | None:
    """The profile called ``name`` (ignoring case and spacing), or None."""
    wanted = name_key(name)
    return next((profile for profile in list_profiles(data) if profile.key == wanted), None)


def profile_at(data: Path, root: Path) -> Profile:
    """The profile whose folder is ``root`` (the default one when ``root`` is the data folder itself)."""
    if root == data:
        return default_profile(data)
    name, problem = _read_name(root / PROFILE_FILE, missing_ok=False)
    return Profile(name or f"Profile {root.name}", root, problem=problem)


def is_shown(profiles: list[Profile]) -> bool:
    """Whether screens and reports name the profile: once there is more than one, or the only one has been
    given a name. Someone who never uses profiles sees nutri-tui exactly as before."""
    return len(profiles) > 1 or profiles[0].name != DEFAULT_NAME


def session_count(profile: Profile) -> int:
    """How many session files the profile has (without reading one)."""
    try:
        with os.scandir(profile.root / SESSIONS_DIR) as entries:
            return sum(1 for e in entries if e.name.endswith(SESSION_SUFFIX) and not e.name.startswith("."))
    except OSError:
        return 0


def _read_name(path: Path, *, missing_ok: bool) -> tuple[str, str]:
    """(name, problem): the cleaned name from a profile file, or "" and why it could not be read."""
    try:
        raw = read_regular(path, "profile file", PROFILE_FILE_LIMIT)
    except Unreadable as error:
        if str(error) == "no such file" and missing_ok:
            return "", ""
        return "", f"{PROFILE_FILE}: {error}"
    import tomllib  # only for a profile with a file: a listing of the default profile never loads the parser

    try:
        data = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except (ValueError, RecursionError):
        return "", f"{PROFILE_FILE}: not valid TOML"
    name = data.get("name")
    if not isinstance(name, str) or not clean_name(name):
        return "", f"{PROFILE_FILE}: no name in it"
    return clean_name(name), ""
