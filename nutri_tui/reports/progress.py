"""Progress over time: the pain score and the questionnaires' scores across results, and what changed.

Compare, History, ``sessions --json`` and the report share these words. What counts as a change that
matters is content (``rules.toml``'s ``pain_change``: the minimal important change of Ostelo 2008, 2
points or 30% of the earlier score); here are only the rules that hold for any such threshold. Either
figure is enough; from an earlier score of 0 only the points count (a share of nothing means nothing).

The sources give no such figure for the questionnaires, so their changes are said in points and as a
move between groups (STarT Back) or bands (PHQ-4), never as "better" or "a change that matters". A
subscale with a follow-up (the PHQ-4's 3 or more: worth talking to a GP) says when it crosses that score.
A result without a score is left out of that score's series: nothing is guessed for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from nutri_tui.models.instruments import TOTAL
from nutri_tui.models.session import ScoreSummary, Session, score_summaries

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.models.instruments import Instrument
    from nutri_tui.models.rules import PainChange

PAIN_LABEL = "Pain"
PAIN_MAXIMUM = 10
MATTERS = "a change that matters"
ABOUT_THE_SAME = "about the same"
NO_THRESHOLD = (
    "For the questionnaires the sources give no size of change that matters: only the points and the move "
    "between groups or bands are said."
)


class Scored(Protocol):
    """A result as the progress over time reads it: a saved session's list entry, or a :class:`ResultPoint`."""

    @property
    def created(self) -> datetime: ...
    @property
    def pain_intensity(self) -> int | None: ...
    @property
    def instruments(self) -> tuple[ScoreSummary, ...]: ...


@dataclass(frozen=True)
class ResultPoint:
    created: datetime
    pain_intensity: int | None
    instruments: tuple[ScoreSummary, ...]


def point_of(session: Session) -> ResultPoint:
    """A whole session as one point of the series."""
    return ResultPoint(
        session.created, session.answers.back_pain.intensity, score_summaries(session.result.instruments)
    )


# -- the pain score -----------------------------------------------------------------------------------


def matters(before: int, after: int, rule: PainChange) -> bool:
    """Whether the change from ``before`` to ``after`` reaches ``rule``: its points, or its share of ``before``."""
    change = abs(after - before)
    return change >= rule.points or (before > 0 and change * 100 >= rule.percent * before)


def points(change: int) -> str:
    """``3 points lower``, ``1 point higher``, ``no change``."""
    if change == 0:
        return "no change"
    return f"{abs(change)} point{'' if abs(change) == 1 else 's'} {'lower' if change < 0 else 'higher'}"


def pain_change(before: int | None, after: int | None, rule: PainChange) -> str:
    """``7 → 4, 3 points lower (43% less): a change that matters``; says so when a score is missing."""
    if before is None and after is None:
        return "not given either time: nothing is known about a change"
    if before is None or after is None:
        shown = f"{_given(before)} → {_given(after)}"
        return f"{shown}: nothing is known about a change"
    change = after - before
    if change == 0:
        return f"{before} → {after}, no change"
    share = f" ({abs(change) * 100 / before:.0f}% {'less' if change < 0 else 'more'})" if before else ""
    verdict = MATTERS if matters(before, after, rule) else ABOUT_THE_SAME
    return f"{before} → {after}, {points(change)}{share}: {verdict}"


def rule_note(content: Content) -> str:
    """The threshold in words, with the title of what it rests on."""
    rule = content.rules.pain_change
    titles = [content.sources[s].title for s in rule.sources if s in content.sources]
    return f"{rule.text} Source: {'; '.join(titles) or ', '.join(rule.sources)}."


def _given(score: int | None) -> str:
    return "not given" if score is None else str(score)


# -- the series ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One score over time, oldest first; results without it are left out."""

    key: str
    """``pain``, an instrument id (its total) or ``<instrument id>.<subscale id>``."""
    label: str
    maximum: int
    values: tuple[int, ...]
    dates: tuple[datetime, ...]
    change: str
    """From the first to the latest: ``3 points lower than the first: a change that matters``, ``from high
    risk to low risk``; or that there is no trend yet."""
    bands: tuple[str, ...] = ()
    """For a questionnaire's total: the band of each value, in words (``high risk``)."""

    @property
    def numbers(self) -> list[str]:
        return [str(value) for value in self.values]

    def text(self) -> str:
        """``Pain: 7, 6, 4 (latest 4 of 10, 3 points lower than the first: a change that matters)``."""
        if not self.values:
            return f"{self.label}: {self.change}"
        latest = "latest " if len(self.values) > 1 else ""
        return f"{self.label}: {', '.join(self.numbers)} ({latest}{self.values[-1]} of {self.maximum}, {self.change})"


def all_series(results: Iterable[Scored], content: Content) -> list[Series]:
    """The pain score, then each questionnaire's total (with its band) and each subscale with a follow-up,
    in the knowledge base's order; a questionnaire no result has a score for is left out. ``results``
    oldest first."""
    ordered = list(results)
    rule = content.rules.pain_change
    pains = [(r.created, r.pain_intensity) for r in ordered if r.pain_intensity is not None]
    found = [_pain_series(pains, rule)]
    for instrument in content.instruments.values():
        scores = [(r.created, s) for r in ordered for s in r.instruments if s.id == instrument.id]
        if scores:
            found += _instrument_series(instrument, scores)
    return found


NO_TREND = "one score so far: no trend yet"


def _pain_series(pains: list[tuple[datetime, int]], rule: PainChange) -> Series:
    values = tuple(pain for _, pain in pains)
    return Series("pain", PAIN_LABEL, PAIN_MAXIMUM, values, tuple(d for d, _ in pains), pain_trend(values, rule))


def pain_trend(values: Sequence[int], rule: PainChange) -> str:
    """What the pain scores did since the first (the chart's line under the pain series)."""
    if not values:
        return "no pain scores yet: no trend"
    if len(values) == 1:
        return NO_TREND
    change = _since_first(values[0], values[-1])
    if values[0] != values[-1]:
        change += f": {MATTERS if matters(values[0], values[-1], rule) else ABOUT_THE_SAME}"
    return change


def band_trend(bands: Sequence[str]) -> str:
    """What a questionnaire's bands did since the first."""
    if len(bands) == 1:
        return f"{bands[0]}, one score so far"
    if bands[0] == bands[-1]:
        return f"{bands[-1]}, as at the first"
    return f"from {bands[0]} to {bands[-1]}"


def subscale_trend(values: Sequence[int], at_least: int) -> str:
    """What a followed-up subscale did since the first, and whether it crossed its follow-up line."""
    if len(values) == 1:
        return NO_TREND
    return _since_first(values[0], values[-1]) + crossing(values[0], values[-1], at_least)


def _since_first(first: int, latest: int) -> str:
    return "the same as the first" if first == latest else f"{points(latest - first)} than the first"


def _instrument_series(instrument: Instrument, scores: list[tuple[datetime, ScoreSummary]]) -> list[Series]:
    name = short(instrument.name)
    band_names = {band.id: band.name.lower() for band in instrument.band}
    totals = tuple(s.total for _, s in scores)
    bands = tuple(band_names.get(s.band, s.band) for _, s in scores)
    dates = tuple(d for d, _ in scores)
    found = [Series(instrument.id, name, instrument.maximum(TOTAL), totals, dates, band_trend(bands), bands)]
    followed = [s for s in instrument.subscale if s.follow_up is not None]
    tables = [dict(s.subscales) for _, s in scores] if followed else []
    for subscale in followed:
        assert subscale.follow_up is not None
        kept = [(d, v) for d, table in zip(dates, tables, strict=True) if (v := table.get(subscale.id)) is not None]
        if not kept:
            continue
        values = tuple(v for _, v in kept)
        change = subscale_trend(values, subscale.follow_up.at_least)
        label = f"{name} {short(subscale.name).lower()}"
        key = f"{instrument.id}.{subscale.id}"
        found.append(Series(key, label, instrument.maximum(subscale.id), values, tuple(d for d, _ in kept), change))
    return found


def crossing(before: int, after: int, at_least: int) -> str:
    """``, now 3 or more`` or ``, now under 3``: only when the score crossed the line its follow-up starts at
    (a score the sources give; the advice itself, PHQ-4: worth talking to a GP, is the result's to give)."""
    if before < at_least <= after:
        return f", now {at_least} or more"
    if after < at_least <= before:
        return f", now under {at_least}"
    return ""


def short(name: str) -> str:
    """A questionnaire's or subscale's name without its explanation: ``PHQ-4``, ``Anxiety``."""
    return name.split(" (")[0].removesuffix(" subscale")


def progress_lines(results: Sequence[Scored], content: Content) -> list[str]:
    """Every series as a line of text, for the report and for anything that is not a chart."""
    return [series.text() for series in all_series(results, content)]


def cell(result: Scored, key: str, content: Content) -> str:
    """One result's value for a series (:attr:`Series.key`): ``7``, ``5 mild`` for a total with its band, or
    ``-`` when the result has no such score (not asked, not complete, or not given)."""
    if key == "pain":
        return "-" if result.pain_intensity is None else str(result.pain_intensity)
    instrument_id, _, subscale_id = key.partition(".")
    score = next((s for s in result.instruments if s.id == instrument_id), None)
    if score is None:
        return "-"
    if subscale_id:
        value = score.subscale(subscale_id)
        return "-" if value is None else str(value)
    instrument = content.instruments.get(instrument_id)
    band = next((b.name for b in instrument.band if b.id == score.band), score.band) if instrument else score.band
    return f"{score.total} {band.lower()}"


def result_line(result: Scored, content: Content) -> str:
    """``pain 7; PHQ-4 5 mild, anxiety 4, depression 1; Keele STarT Back Screening Tool 7 high risk``."""
    parts = [f"pain {_given(result.pain_intensity)}"]
    for instrument in content.instruments.values():
        score = next((s for s in result.instruments if s.id == instrument.id), None)
        if score is None:
            continue
        subscales = [f"{short(s.name).lower()} {score.subscale(s.id)}" for s in instrument.subscale if s.follow_up]
        parts.append(", ".join([f"{short(instrument.name)} {cell(result, instrument.id, content)}", *subscales]))
    return "; ".join(parts)
