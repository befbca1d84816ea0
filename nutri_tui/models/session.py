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

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
)

from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import LEVEL_ORDER, Assessment
from nutri_tui.models.bounds import FEW, Id, Version
from nutri_tui.models.summary_fields import (
    LABEL_MAX,
    MAX_YEAR,
    MIN_YEAR,
    SESSION_SCHEMA_VERSION,
    TOP_NUTRIENTS,
    ScoreSummary,
    label_fault,
)
from nutri_tui.text import clean_text as clean_text  # its old home: callers import it from here too
from nutri_tui.text import describe

if TYPE_CHECKING:
    from nutri_tui.models.instrument_scores import InstrumentScore


def _no_control(label: str) -> str:
    bad = label_fault(label)
    if bad is not None:
        raise ValueError(f"must not contain control characters (found {describe(bad)})")
    return label


def _not_a_number(value: Any) -> Any:
    # pydantic would read an integer as seconds since 1970; the format says a date-time string.
    if isinstance(value, int | float):
        raise ValueError("must be a date-time with a time zone, not a number")
    return value


def _in_range(moment: datetime) -> datetime:
    try:
        year = moment.astimezone(UTC).year
    except OverflowError:  # 0001-01-01T00:00+14:00 is before year 1 in UTC
        year = None
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"must be between the years {MIN_YEAR} and {MAX_YEAR} (in UTC)")
    return moment


Label = Annotated[str, Field(max_length=LABEL_MAX), AfterValidator(_no_control)]
SchemaVersion = Annotated[int, Field(strict=True)]
Moment = Annotated[AwareDatetime, BeforeValidator(_not_a_number), AfterValidator(_in_range)]
"""A date-time with a time zone, given as text (or a TOML date-time), between :data:`MIN_YEAR` and :data:`MAX_YEAR`."""


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: SchemaVersion
    app_version: Version

    @field_validator("schema_version")
    @classmethod
    def _current(cls, version: int) -> int:
        if version != SESSION_SCHEMA_VERSION:
            raise ValueError(f"must be {SESSION_SCHEMA_VERSION} (older files are migrated before validation)")
        return version


class _SessionKeys(_File):
    """The top-level keys of a session file, which come before its first table."""

    content_version: Version
    """The knowledge base version the result was computed with."""
    created: Moment
    label: Label = ""
    """The person's own name for it; text inside the file only, never part of a path."""


class Session(_SessionKeys):
    """One finished run of the wizard: what was answered and what the result said at the time."""

    answers: Answers
    """Checked for shape, not against today's content (ids may have changed since the session was saved)."""
    result: Assessment

    @field_validator("result")
    @classmethod
    def _displayable(cls, result: Assessment) -> Assessment:
        """Foods told apart (the Foods table keys rows by them), and not more to show than a screen can
        lay out in a moment: each list is bounded (models/bounds.py), but nutrients times cautions is not."""
        repeated = result.repeated_food()
        if repeated is not None:
            raise ValueError(f"nutrients: food {repeated[1]!r} appears more than once under {repeated[0]!r}")
        shown = shown_items(result)
        if shown > SHOWN_MAX:
            raise ValueError(
                f"{shown:,} items to show (findings, foods, cautions, sources...); the limit is {SHOWN_MAX:,}"
            )
        return result


SHOWN_MAX = 2_000
"""The most items (lines, rows, cards) a result may give its screen; the richest real result has about 200."""


def shown_items(result: Assessment) -> int:
    """How many lines, rows and cards the result screen builds for ``result``."""
    parts = (result.red_flags, result.summary, result.notes, result.exercises, result.advice, result.sources)
    per_finding = sum(1 + len(n.reasons) + len(n.foods) + len(n.cautions) + len(n.tests) for n in result.nutrients)
    per_instrument = sum(4 + len(i.answers) + len(i.follow_ups) for i in result.instruments)
    return sum(map(len, parts)) + len(result.general_cautions) + per_finding + per_instrument


StrictInt = Annotated[int, Field(strict=True)]


def _table(value: Any) -> Any:
    if not isinstance(value, dict):
        raise ValueError("must be a table (id, total, band, subscales)")
    return value


Scores = Annotated[tuple[Annotated[ScoreSummary, BeforeValidator(_table)], ...], Field(max_length=FEW)]


def score_summaries(instruments: Iterable[InstrumentScore]) -> tuple[ScoreSummary, ...]:
    """The summaries of a result's complete questionnaires, in the result's order."""
    return tuple(
        ScoreSummary(i.id, i.total, i.band, tuple((s.id, s.score) for s in i.subscales))
        for i in instruments
        if i.complete and i.total is not None and i.band is not None
    )


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
    top_nutrients: tuple[tuple[Id, Literal["high", "moderate"]], ...] = Field(default=(), max_length=TOP_NUTRIENTS)
    """The ``[nutrient id, level]`` pairs rated high or moderate, highest first (see :func:`top_nutrients`)."""
    instruments: Scores | None = None
    """Each complete questionnaire's score (:class:`ScoreSummary`), for the progress over time; ``[]`` when none.
    None (the key left out): written before the summary kept scores (schema 4 as issue 16's first part wrote
    it), so the list reads the whole file instead of trusting this head."""

    @field_validator("instruments")
    @classmethod
    def _once_each(cls, scores: tuple[ScoreSummary, ...] | None) -> tuple[ScoreSummary, ...] | None:
        ids = [score.id for score in scores or ()]
        repeated = next((i for i in ids if ids.count(i) > 1), None)
        if repeated is not None:
            raise ValueError(f"{repeated!r} appears more than once")
        for score in scores or ():
            subs = [sub for sub, _ in score.subscales]
            if len(set(subs)) != len(subs):
                raise ValueError(f"{score.id!r}: a subscale appears more than once")
        return scores

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

    updated: Moment
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
# share the version number, so every step needs an entry in both tables, even a no-op. To add schema N+1:
# bump SESSION_SCHEMA_VERSION, add a function for each table (key N) and document the step in
# docs/session-format.md ("Versions and migration"), with a recorded schema-N file in tests/data/.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
SESSION_MIGRATIONS: dict[int, Migration] = {
    1: _session_1_to_2,
    2: lambda data: dict(data),
    3: lambda data: dict(data),
}
# Schema 3 (knowledge base 1.1) added fields to the result and the answers, all with defaults that keep
# an older file's meaning (no notes, no facts, supplements in the nutrient's own unit), so the step
# changes nothing; it exists so that an older nutri-tui refuses a schema-3 file as newer, by name.
# Schema 4 (knowledge base 1.5, the validated questionnaires) is the same kind of step: the answers gain
# back_pain.start_back and lifestyle.phq4 and the result ``instruments``, all empty by default, which is
# what a file saved before they were asked means (nothing answered, nothing scored).
DRAFT_MIGRATIONS: dict[int, Migration] = {
    1: lambda data: dict(data),
    2: lambda data: dict(data),
    3: lambda data: dict(data),
}


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
