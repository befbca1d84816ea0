"""A saved session (answers plus the result they gave) and the wizard's draft.

Both are written as TOML by :mod:`nutri_tui.storage`; docs/session-format.md
describes the files. TOML has no null, so files are written with
``model_dump(mode="json", exclude_none=True)`` and every optional field has a
``None`` default.

Files carry ``schema_version``. :func:`migrate` brings an older file up to
:data:`SESSION_SCHEMA_VERSION` one step at a time before validation, and
refuses a file from a newer nutri-tui (which is then never rewritten).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import Assessment

SESSION_SCHEMA_VERSION = 1
"""The version of the session and draft file formats that this nutri-tui writes (and the newest it reads)."""
LABEL_MAX = 200

# Invisible characters that can reorder or hide text in a terminal, plus the Unicode line breaks.
_INVISIBLE = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
_BREAKS = frozenset("\u2028\u2029")


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs") or char in _INVISIBLE or char in _BREAKS


def clean_text(text: str, limit: int = LABEL_MAX) -> str:
    """One line of plain text: control characters dropped, whitespace runs made one space, at most ``limit`` chars.

    Used for labels (before they reach a :class:`Session`) and for error messages that may quote a file.
    """
    kept = "".join(" " if char.isspace() or char in _BREAKS else char for char in text)
    kept = "".join(char for char in kept if not _is_control(char))
    kept = re.sub(r"\s+", " ", kept).strip()
    return kept[:limit].rstrip()


def _no_control(text: str) -> str:
    bad = next((char for char in text if _is_control(char)), None)
    if bad is not None:
        raise ValueError(f"must not contain control characters (found U+{ord(bad):04X})")
    return text


Label = Annotated[str, Field(max_length=LABEL_MAX), AfterValidator(_no_control)]
SchemaVersion = Annotated[int, Field(strict=True)]


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: SchemaVersion
    app_version: str

    @field_validator("schema_version")
    @classmethod
    def _current(cls, version: int) -> int:
        if version != SESSION_SCHEMA_VERSION:
            raise ValueError(f"must be {SESSION_SCHEMA_VERSION} (older files are migrated before validation)")
        return version


class Session(_File):
    """One finished run of the wizard: what was answered and what the result said at the time."""

    content_version: str
    """The knowledge base version the result was computed with."""
    created: AwareDatetime
    label: Label = ""
    """The person's own name for it; text inside the file only, never part of a path."""
    answers: Answers
    """Checked for shape, not against today's content (ids may have changed since the session was saved)."""
    result: Assessment


class Draft(_File):
    """The wizard's progress, saved as the person goes so an interrupted run can be resumed."""

    updated: AwareDatetime
    step: str
    """The id of the wizard step the person was on."""
    answers: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Partial answers by section (``{"about": {"age": 40}}``), raw: the UI validates each step when it resumes."""


# Migrations: version N -> N+1, each a function from the file's dict to a new dict. Empty while only
# schema 1 exists. When schema 2 arrives, bump SESSION_SCHEMA_VERSION, add an entry and document it in
# docs/session-format.md, for example (a field renamed):
#
#     def _session_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
#         data = dict(data)
#         data["title"] = data.pop("label", "")
#         return data
#
#     SESSION_MIGRATIONS = {1: _session_1_to_2}
#     DRAFT_MIGRATIONS = {1: lambda data: dict(data)}  # every step needs an entry, even a no-op
Migration = Callable[[dict[str, Any]], dict[str, Any]]
SESSION_MIGRATIONS: dict[int, Migration] = {}
DRAFT_MIGRATIONS: dict[int, Migration] = {}


class NewerSchemaError(ValueError):
    """A file written by a newer nutri-tui; it is reported and left exactly as it is."""


def migrate(data: dict[str, Any], kind: Literal["session", "draft"] = "session") -> dict[str, Any]:
    """Bring a session (or draft) dict up to :data:`SESSION_SCHEMA_VERSION`; the input is not changed.

    A missing or non-integer ``schema_version`` is left for validation to report by name.
    Raises :class:`NewerSchemaError` for a newer file and ``ValueError`` for an unknown older one.
    """
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        return data
    if version > SESSION_SCHEMA_VERSION:
        raise NewerSchemaError(
            f"written by a newer nutri-tui (schema {version}); this version reads up to {SESSION_SCHEMA_VERSION}"
        )
    table = SESSION_MIGRATIONS if kind == "session" else DRAFT_MIGRATIONS
    while version < SESSION_SCHEMA_VERSION:
        step = table.get(version)
        if step is None:
            raise ValueError(
                f"schema_version: unknown schema {version}; this version reads 1 to {SESSION_SCHEMA_VERSION}"
            )
        data = step(dict(data))
        version += 1
        data["schema_version"] = version
    return data
