"""The wizard's draft (``<root>/draft.toml``): saved after every step, replaced atomically, never lost.

There is one draft at a time. A draft that cannot be read is never overwritten or deleted: saving
refuses until the person chooses to start fresh, and then it is moved aside as
``draft.broken-<UTC time>.toml``. :class:`nutri_tui.storage.Storage` delegates its draft methods here;
docs/session-format.md describes the file.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from nutri_tui import __version__
from nutri_tui.models.session import SESSION_SCHEMA_VERSION, Draft
from nutri_tui.storage.private_files import (
    MAX_BYTES,
    REASON_MAX,
    StorageError,
    fsync_dir,
    load,
    message,
    os_reason,
    replace_private,
    string_problem,
    utc_stamp,
)
from nutri_tui.text import clean_text, escaped

if TYPE_CHECKING:
    from nutri_tui.content import Content

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
    return replace_private(root, path, dump_draft(draft), "cannot save it")


def load_draft(path: Path) -> Draft | None:
    """The saved draft, None if there is none; :class:`StorageError` if it cannot be used (it is left as is)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StorageError(message(path, f"cannot look at it ({os_reason(error)})")) from error
    return load(path, Draft, "draft")


def answers_problem(draft: Draft, content: Content) -> str | None:
    """Why the draft's answers cannot be resumed, in one line, or None if every section validates.

    The draft file checks only that each section is a table; the wizard's steps then take the values
    as they are, so a hand-edited ``age = "52"`` or ``supplements = [{}]`` would crash the step that
    shows it. Each section is validated here, against today's content, before the wizard sees it.
    """
    from pydantic import ValidationError

    from nutri_tui.models.answers import Answers
    from nutri_tui.text import validation_message

    for name, values in draft.answers.items():
        field = Answers.model_fields.get(name)
        model = field.annotation if field is not None else None
        if not isinstance(model, type) or name == "format":
            return clean_text(f"answers.{escaped(name)}: not a section of the answers", REASON_MAX)
        try:
            model.model_validate(values, context={"content": content})  # type: ignore[attr-defined]
        except ValidationError as error:
            return clean_text(f"answers.{name}.{validation_message(error)}", REASON_MAX)
        except RecursionError:
            return f"answers.{name}: nested too deeply"
    return None


def discard_draft(root: Path, path: Path, keep: bool = False) -> Path | None:
    """Start fresh: delete a readable draft; move an unreadable one aside and return where it went.

    ``keep`` moves a readable draft aside too (one whose answers cannot be resumed: nothing is lost).
    """
    try:
        draft = load_draft(path)
    except StorageError:
        return _move_aside(root, path)
    if draft is not None and keep:
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
        extra = "" if attempt == 0 else f"-{os.urandom(4).hex()}"
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
    values = draft.model_dump(mode="json", exclude_none=True)
    problem = string_problem(values)  # it would never read back (see private_files.validated)
    if problem is not None:
        raise StorageError(f"this draft cannot be saved: {problem}")
    data = (header + tomli_w.dumps(values)).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise StorageError(f"this draft is too large to save ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    return data
