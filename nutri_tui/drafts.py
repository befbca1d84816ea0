"""The wizard's draft (``<root>/draft.toml``): saved after every step, replaced atomically, never lost.

There is one draft at a time. A draft that cannot be read is never overwritten or deleted: saving
refuses until the person chooses to start fresh, and then it is moved aside as
``draft.broken-<UTC time>.toml``. :class:`nutri_tui.storage.Storage` delegates its draft methods here;
docs/session-format.md describes the file.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from nutri_tui import __version__
from nutri_tui.models.session import SESSION_SCHEMA_VERSION, Draft
from nutri_tui.private_files import (
    MAX_BYTES,
    StorageError,
    atomic_write,
    fsync_dir,
    load,
    message,
    os_reason,
    private_dir,
    utc_stamp,
)

NAME_ATTEMPTS = 20


def make_draft(step: str, answers: dict[str, dict[str, Any]], now: datetime | None = None) -> Draft:
    """A new :class:`Draft` for the wizard step ``step`` with the partial answers so far."""
    updated = now or datetime.now(UTC)
    return Draft(
        schema_version=SESSION_SCHEMA_VERSION, app_version=__version__, updated=updated, step=step, answers=answers
    )


def save_draft(root: Path, path: Path, draft: Draft) -> Path:
    """Replace the draft at ``path`` atomically; refuses while an unreadable one is there (:func:`discard_draft`)."""
    try:
        load_draft(path)
    except StorageError as error:
        raise StorageError(f"{error}; the existing draft is kept: discard it first") from None
    private_dir(root)
    try:
        atomic_write(path, dump_draft(draft), exclusive=False)
    except OSError as error:
        raise StorageError(message(path, f"cannot save it ({os_reason(error)})")) from error
    return path


def load_draft(path: Path) -> Draft | None:
    """The saved draft, None if there is none; :class:`StorageError` if it cannot be used (it is left as is)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StorageError(message(path, f"cannot look at it ({os_reason(error)})")) from error
    return load(path, Draft, "draft")


def discard_draft(root: Path, path: Path) -> Path | None:
    """Start fresh: delete a readable draft; move an unreadable one aside and return where it went."""
    try:
        draft = load_draft(path)
    except StorageError:
        return _move_aside(root, path)
    if draft is not None:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise StorageError(message(path, f"cannot delete it ({os_reason(error)})")) from error
        fsync_dir(root)
    return None


def _move_aside(root: Path, path: Path) -> Path:
    """Rename an unreadable draft to ``draft.broken-<UTC time>[-<hex>].toml`` next to it; never overwrites."""
    stamp = utc_stamp(datetime.now(UTC))
    for attempt in range(NAME_ATTEMPTS):
        extra = "" if attempt == 0 else f"-{secrets.token_hex(4)}"
        target = root / f"draft.broken-{stamp}{extra}.toml"
        if os.path.lexists(target):
            continue
        try:
            os.rename(path, target)
        except OSError as error:
            raise StorageError(message(path, f"cannot move it aside ({os_reason(error)})")) from error
        fsync_dir(root)
        return target
    raise StorageError(message(path, "cannot move it aside: no free name"))


def dump_draft(draft: Draft) -> bytes:
    """The draft file's bytes: a comment naming the format, then the draft as TOML."""
    header = f"# nutri-tui draft file (schema {SESSION_SCHEMA_VERSION}); see docs/session-format.md\n"
    data = (header + tomli_w.dumps(draft.model_dump(mode="json", exclude_none=True))).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise StorageError(f"this draft is too large to save ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    return data
