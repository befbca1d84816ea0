"""The History's chart of every result's scores, read from the index a batch at a time.

:func:`nutri_tui.reports.progress.all_series` takes a list of results; for 100,000 results that list (a
date, a tuple and an object each) was about 20 MB. Here the index gives each readable result's pain score
and questionnaire scores oldest first, a batch at a time (``SessionRows.scores_by_time``), and only the
values are kept, in the series themselves. The series are the ones ``all_series`` makes, without their
dates (the chart does not show them); the words of each come from the same rules.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING

from nutri_tui.models.instruments import TOTAL
from nutri_tui.reports.progress import (
    PAIN_LABEL,
    PAIN_MAXIMUM,
    Series,
    band_trend,
    pain_trend,
    short,
    subscale_trend,
)

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.models.instruments import Instrument
    from nutri_tui.models.summary_fields import ScoreSummary


class _Scores:
    """One questionnaire's scores over time: totals, band ids and each followed subscale's values."""

    def __init__(self, followed: list[str]) -> None:
        self.totals = array("h")
        self.bands: dict[str, int] = {}  # each band id once (a few), and for each score the number of its band
        self.band_at = array("L")
        self.subscales = {subscale: array("h") for subscale in followed}

    def add(self, score: ScoreSummary) -> None:
        self.totals.append(score.total)
        self.band_at.append(self.bands.setdefault(score.band, len(self.bands)))
        for subscale, values in self.subscales.items():
            value = score.subscale(subscale)
            if value is not None:
                values.append(value)


def chart_series(results: Iterable[tuple[int | None, tuple[ScoreSummary, ...]]], content: Content) -> list[Series]:
    """``all_series`` of ``results`` (each result's pain score and scores, oldest first), without dates."""
    pains = array("b")
    scores = {
        instrument.id: _Scores([s.id for s in instrument.subscale if s.follow_up is not None])
        for instrument in content.instruments.values()
    }
    for pain, summaries in results:
        if pain is not None:
            pains.append(pain)
        for summary in summaries:
            kept = scores.get(summary.id)
            if kept is not None:
                kept.add(summary)
    found = [_pain_series(tuple(pains), content)]
    for instrument in content.instruments.values():
        kept = scores[instrument.id]
        if kept.totals:
            found += _instrument_series(instrument, kept)
    return found


def _pain_series(values: tuple[int, ...], content: Content) -> Series:
    return Series("pain", PAIN_LABEL, PAIN_MAXIMUM, values, (), pain_trend(values, content.rules.pain_change))


def _instrument_series(instrument: Instrument, kept: _Scores) -> list[Series]:
    name = short(instrument.name)
    band_names = {band.id: band.name.lower() for band in instrument.band}
    named = [band_names.get(band, band) for band in kept.bands]
    totals = tuple(kept.totals)
    bands = tuple(named[at] for at in kept.band_at)
    found = [Series(instrument.id, name, instrument.maximum(TOTAL), totals, (), band_trend(bands), bands)]
    for subscale in instrument.subscale:
        if subscale.follow_up is None or not kept.subscales[subscale.id]:
            continue
        values = tuple(kept.subscales[subscale.id])
        change = subscale_trend(values, subscale.follow_up.at_least)
        label = f"{name} {short(subscale.name).lower()}"
        key = f"{instrument.id}.{subscale.id}"
        found.append(Series(key, label, instrument.maximum(subscale.id), values, (), change))
    return found
