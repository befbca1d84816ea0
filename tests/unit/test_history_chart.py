"""The History's chart is read from the index a batch at a time (issue 15: nothing kept per result), and
says exactly what the progress over time says of the same results (``reports.progress.all_series``)."""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nutri_tui.content import Content, load_content
from nutri_tui.models.summary_fields import ScoreSummary
from nutri_tui.reports.progress import all_series
from nutri_tui.storage import SavedSession, UnreadableSession, listing
from nutri_tui.storage.index_db import SessionDB
from nutri_tui.storage.listing import SessionRows
from nutri_tui.tui.screens.history_chart import chart_series

CONTENT = load_content()
PHQ4 = st.builds(
    lambda total, band, anxiety, depression: ScoreSummary(
        "phq4", total, band, tuple(p for p in (("anxiety", anxiety), ("depression", depression)) if p[1] is not None)
    ),
    st.integers(0, 12),
    st.sampled_from(["none", "mild", "moderate", "severe", "unheard_of"]),
    st.one_of(st.none(), st.integers(0, 6)),
    st.one_of(st.none(), st.integers(0, 6)),
)
START_BACK = st.builds(
    lambda total, band: ScoreSummary("start_back", total, band, (("psychosocial", total // 2),)),
    st.integers(0, 9),
    st.sampled_from(["low", "medium", "high"]),
)
RESULT = st.tuples(
    st.one_of(st.none(), st.integers(0, 10)),
    st.lists(st.one_of(PHQ4, START_BACK, st.just(ScoreSummary("other", 1, "x"))), max_size=3, unique_by=lambda s: s.id),
)


def without_dates(series: list) -> list:
    return [dataclasses.replace(s, dates=()) for s in series]


def indexed(folder: Path, results: list) -> SessionRows:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    db = SessionDB(folder)
    entries = [
        SavedSession(
            folder / f"{n:04d}.toml", start - timedelta(days=n * 7 % 11), "", pain, False, (), "1.6.0", tuple(s)
        )
        for n, (pain, s) in enumerate(results)
    ]
    db.put_many(
        (e.path.name, (n, n, n), e) for n, e in enumerate([*entries, UnreadableSession(folder / "x.toml", "r")])
    )
    return SessionRows(folder, db)


@settings(max_examples=60, deadline=None)
@given(results=st.lists(RESULT, max_size=25), batch=st.integers(1, 6))
def test_the_chart_says_what_the_progress_over_time_says(results: list, batch: int) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(listing, "CHART_BATCH", batch)
        rows = indexed(Path(folder), results)
        try:
            assert chart_series(rows.scores_by_time(), CONTENT) == without_dates(all_series(rows.scored(), CONTENT))
        finally:
            rows.close()


@pytest.mark.parametrize(
    "column, value",
    [
        ("pain", 11),
        ("pain", -1),
        ("pain", "four"),
        ("pain", 4.5),
        ("pain", b"4"),
        ("instruments", "phq4 x mild"),
        ("instruments", None),
    ],
)
def test_a_row_with_a_score_off_is_left_out_of_the_chart(tmp_path: Path, column: str, value: object) -> None:
    rows = indexed(tmp_path, [(3, [ScoreSummary("phq4", 2, "none")]), (5, []), (7, [])])
    try:
        rows.db.write(lambda db: db.execute(f"UPDATE files SET {column} = ? WHERE name = '0001.toml'", (value,)))
        [pain, *_] = chart_series(rows.scores_by_time(), CONTENT)
        assert pain.values == (7, 3) and pain == without_dates(all_series(rows.scored(), CONTENT))[0]
    finally:
        rows.close()


def test_content_instruments_are_ours(content: Content) -> None:
    """The ids the strategies above use are the knowledge base's (else the test would test nothing)."""
    assert {"phq4", "start_back"} <= set(content.instruments)
