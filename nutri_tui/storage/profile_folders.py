"""Creating and renaming profiles (the layout and the reading side are in :mod:`nutri_tui.profiles`).

A new profile is a new 0700 folder ``<data>/profiles/<random id>/`` holding ``profile.toml`` (0600); its
sessions, draft and settings appear in it as they are first saved, exactly as in the data folder. A
rename rewrites only the profile file, atomically: no folder moves, so nothing can be lost half-way.
Names are unique ignoring case and spacing, so ``--profile "anna k"`` can only mean one person.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import tomli_w

from nutri_tui.profiles import (
    PROFILE_FILE,
    PROFILE_FORMAT,
    PROFILES_DIR,
    Profile,
    clean_name,
    name_refusal,
)
from nutri_tui.safe_read import os_reason
from nutri_tui.storage.private_files import StorageError, message, private_dir, replace_private

ID_ATTEMPTS = 20


class NameNotUsable(StorageError):
    """The name is empty or another profile has it (the person's input, not the disk)."""


def profile_bytes(name: str) -> bytes:
    created = datetime.now(UTC).replace(microsecond=0).isoformat()
    return tomli_w.dumps({"format": PROFILE_FORMAT, "name": name, "created": created}).encode("utf-8")


def create_profile(data: Path, name: str) -> Profile:
    """A new, empty profile called ``name``; StorageError (one line) if the name is empty or taken, or the
    folder cannot be made. Nothing is left behind when it fails."""
    name = _usable(data, name, None)
    parent = data / PROFILES_DIR
    private_dir(data)
    private_dir(parent)
    for _ in range(ID_ATTEMPTS):
        root = parent / os.urandom(6).hex()
        try:
            os.mkdir(root, 0o700)
        except FileExistsError:
            continue
        except OSError as error:
            raise StorageError(message(root, f"cannot create the profile's folder ({os_reason(error)})")) from error
        break
    else:  # pragma: no cover - 20 collisions of 48 random bits
        raise StorageError(message(parent, "cannot find a free name for the profile's folder"))
    os.chmod(root, 0o700)
    try:
        replace_private(root, root / PROFILE_FILE, profile_bytes(name), "cannot save the profile")
    except StorageError:
        os.rmdir(root)  # still empty: the profile file was never moved into place
        raise
    return Profile(name, root)


def rename_profile(data: Path, profile: Profile, name: str) -> Profile:
    """``profile`` under a new name (its folder and everything in it stay where they are)."""
    name = _usable(data, name, profile)
    replace_private(profile.root, profile.root / PROFILE_FILE, profile_bytes(name), "cannot rename the profile")
    return Profile(name, profile.root, is_default=profile.is_default)


def _usable(data: Path, text: str, renaming: Profile | None) -> str:
    """The cleaned name, or NameNotUsable saying why it cannot be used."""
    refusal = name_refusal(data, text, None if renaming is None else renaming.root)
    if refusal:
        raise NameNotUsable(refusal)
    return clean_name(text)
