"""A saved session (answers plus the result they gave) and the wizard's draft.

Both are written as TOML by :mod:`nutri_tui.storage`; docs/session-format.md
describes the files. TOML has no null, so files are written with
``model_dump(mode="json", exclude_none=True)`` and every optional field has a
``None`` default.

Files carry ``schema_version``. :func:`migrate` brings an older file up to
:data:`SESSION_SCHEMA_VERSION` one step at a time before validation, and
refuses a file from a newer nutri-tui (which is then never rewritten).

A schema-2 session file also has a small ``[summary]`` table (:class:`SessionSummary`) before its
answers and result, so the history can be listed from the first few hundred bytes of each file
(:class:`SessionHead`). The summary is redundant: it is derived from the answers and result, which
stay the truth. It is not part of :class:`Session`; storage writes it and checks its shape.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, field_validator

from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import LEVEL_ORDER, Assessment

SESSION_SCHEMA_VERSION = 2
"""The version of the session and draft file formats that this nutri-tui writes (and the newest it reads)."""
LABEL_MAX = 200
TOP_NUTRIENTS = 3
"""How many nutrients rated high or moderate a summary names (the history shows them)."""

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


# The characters _is_control() refuses, as one pattern (Cc is U+0000-U+001F and U+007F-U+009F; Cs the
# surrogates), so that checking a label costs one regex search, not a Python call per character.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff" + re.escape("".join(sorted(_INVISIBLE | _BREAKS))) + "]")


def _no_control(text: str) -> str:
    bad = _CONTROL.search(text)
    if bad is not None:
        raise ValueError(f"must not contain control characters (found U+{ord(bad.group()):04X})")
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


class _SessionKeys(_File):
    """The top-level keys of a session file, which come before its first table."""

    content_version: str
    """The knowledge base version the result was computed with."""
    created: AwareDatetime
    label: Label = ""
    """The person's own name for it; text inside the file only, never part of a path."""


class Session(_SessionKeys):
    """One finished run of the wizard: what was answered and what the result said at the time."""

    answers: Answers
    """Checked for shape, not against today's content (ids may have changed since the session was saved)."""
    result: Assessment


StrictInt = Annotated[int, Field(strict=True)]


class SessionSummary(BaseModel):
    """A session file's ``[summary]`` table: what the history shows, derived from the answers and result.

    Written before the answers so the list can read it without parsing the whole file. It is only a
    copy: a full read checks its shape and then derives the same values again from the answers and result.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    pain_intensity: Annotated[StrictInt, Field(ge=0, le=10)] | None = None
    """``answers.back_pain.intensity``; left out when it was not given."""
    red_flag: StrictBool
    """Whether ``result.red_flags`` is not empty."""
    top_nutrients: tuple[tuple[str, Literal["high", "moderate"]], ...] = Field(default=(), max_length=TOP_NUTRIENTS)
    """Up to three ``[nutrient id, level]`` pairs rated high or moderate, highest first (see :func:`top_nutrients`)."""
    file_size: Annotated[StrictInt, Field(ge=0)] | None = None
    """The size of the whole file in bytes as nutri-tui wrote it. The list trusts the summary only while
    the file still has this size; a file cut off or edited by hand is read in full instead."""


class SessionHead(_SessionKeys):
    """Everything before ``[answers]`` in a schema-2 session file: all the history needs to list it."""

    summary: SessionSummary | None = None


def top_nutrients(findings: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Up to :data:`TOP_NUTRIENTS` ``(id, level)`` pairs rated high or moderate, highest first.

    ``findings`` are the result's nutrients in their own order, which breaks ties.
    """
    rated = sorted((pair for pair in findings if pair[1] != "low"), key=lambda pair: LEVEL_ORDER.get(pair[1], 99))
    return tuple(rated[:TOP_NUTRIENTS])


class Draft(_File):
    """The wizard's progress, saved as the person goes so an interrupted run can be resumed."""

    updated: AwareDatetime
    step: str
    """The id of the wizard step the person was on."""
    answers: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Partial answers by section (``{"about": {"age": 40}}``), raw: the UI validates each step when it resumes."""


def _session_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 adds ``[summary]``, derived here from the answers and result (without ``file_size``,
    which belongs to a written file). Data too malformed to summarise is left as it is: the summary is
    optional, and validation then names the real problem."""
    try:
        answers, result = data["answers"], data["result"]
        pain = answers.get("back_pain", {}).get("intensity")
        red_flags, nutrients = result["red_flags"], result["nutrients"]
        pairs = [(n["id"], n["level"]) for n in nutrients]
    except (KeyError, TypeError, AttributeError):
        return data
    if not (pain is None or type(pain) is int) or not isinstance(red_flags, list):
        return data
    if not all(isinstance(part, str) for pair in pairs for part in pair):
        return data
    summary: dict[str, Any] = {"red_flag": bool(red_flags), "top_nutrients": [list(p) for p in top_nutrients(pairs)]}
    if pain is not None:
        summary["pain_intensity"] = pain
    return {**data, "summary": summary}


# Migrations: version N -> N+1, each a function from the file's dict to a new dict. Sessions and drafts
# share the version number, so every step needs an entry in both tables, even a no-op. To add schema 3:
# bump SESSION_SCHEMA_VERSION, add a function for each table (key 2) and document the step in
# docs/session-format.md ("Versions and migration"), with a recorded schema-2 file in tests/data/.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
SESSION_MIGRATIONS: dict[int, Migration] = {1: _session_1_to_2}
DRAFT_MIGRATIONS: dict[int, Migration] = {1: lambda data: dict(data)}  # schema 2 changed nothing in drafts


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
