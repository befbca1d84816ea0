"""The history's order and filter (issue 15): the order is the index's query, and what the filter finds is
exactly what testing every result's search text would find, however the words were typed, in the order
chosen, read a page at a time; the texts the index keeps for it are made for this process's time zone."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nutri_tui.local_time import shown_time
from nutri_tui.storage import SavedSession, UnreadableSession
from nutri_tui.storage.index_db import SessionDB
from nutri_tui.storage.index_query import make_searchable
from nutri_tui.storage.index_search import search_key, shown, terms
from nutri_tui.storage.listing import SessionRows
from nutri_tui.tui.screens.history_filter import SORTS, Matches, RowFilter
from nutri_tui.tui.screens.history_rows import search_text

NAMES = {"vitamin_d": "Vitamin D", "iron": "Iron", "omega_3": "Omega-3 fatty acids"}
LABELS = ("holiday", "home", "hol", "week one", "", "Mum", "after the walk", "ho ho", "Straße", "İzmir", "ΣΑΣ 2026")
TOPS = ((), (("vitamin_d", "high"),), (("iron", "moderate"), ("omega_3", "high")))
ZONES = ("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham")


def entries(folder: Path, labels: list[str], pains: list[int | None]) -> list:
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    made = [
        SavedSession(
            path=folder / f"{i:05d}.toml",
            created=start + timedelta(days=i // 2, hours=-(i % 2) * 30),  # some in another order than their names
            label=label,
            pain_intensity=pain,
            red_flag=False,
            top_nutrients=TOPS[i % 3],
            content_version="1.6.0",
            instruments=(),
        )
        for i, (label, pain) in enumerate(zip(labels, pains, strict=False))
    ]
    return [
        *made,
        UnreadableSession(folder / "broken.toml", "not valid TOML"),
        UnreadableSession(folder / "a.toml", "x"),
    ]


def expected_order(listed: list, sort: str) -> list:
    """The orders as the list has always given them: ties newest first, unreadable files last by name."""
    readable = sorted(
        (e for e in listed if isinstance(e, SavedSession)), key=lambda e: (e.created, e.path.name), reverse=True
    )
    if sort == "oldest":
        readable.sort(key=lambda e: e.created)
    elif sort == "pain":
        readable.sort(key=lambda e: -1 if e.pain_intensity is None else e.pain_intensity, reverse=True)
    return [*readable, *sorted((e for e in listed if not isinstance(e, SavedSession)), key=lambda e: e.path.name)]


def indexed(folder: Path, listed: list) -> SessionRows:
    db = SessionDB(folder)
    db.put_many((e.path.name, (n, n, n), e) for n, e in enumerate(listed))
    return SessionRows(folder, db)


def every(matches: Matches, page: int) -> list[int]:
    """All the rowids a query finds, read ``page`` at a time, as the list reads them while scrolled."""
    found = []
    while part := matches.more(page):
        found += part
    assert matches.done
    return found


def paths(rows: SessionRows, rowids: list[int]) -> list[Path]:
    return [entry.path for entry in rows.entries(rowids)]


queries = st.lists(st.text(alphabet="holidaymewk vtnSsßiİσΣ2016-:9 fatyrO", max_size=8), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)  # each example runs up to 8 queries in each order
@given(
    labels=st.lists(st.sampled_from(LABELS), min_size=0, max_size=30),
    pains=st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=30, max_size=30),
    typed=queries,
    page=st.integers(1, 7),
)
def test_the_order_is_the_lists_and_the_filter_finds_what_testing_every_result_finds(
    labels, pains, typed, page
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        listed = entries(Path(folder), labels, pains)
        rows = indexed(Path(folder), listed)
        try:
            for sort in SORTS:
                narrowing = RowFilter(rows, sort, NAMES)
                ordered = expected_order(listed, sort)
                assert (narrowing.readable, narrowing.broken) == (len(listed) - 2, 2)
                assert paths(rows, every(narrowing.matching(""), page)) == [e.path for e in ordered]
                for query in typed:
                    words = query.casefold().split()
                    expected = [e.path for e in ordered if all(w in search_text(e, NAMES) for w in words)]
                    assert paths(rows, every(narrowing.matching(query), page)) == expected, (sort, query)
        finally:
            rows.close()


def test_a_word_finds_a_nutrient_by_its_id_or_its_name_and_nothing_else() -> None:
    [(word, bits)] = terms("FATTY", NAMES)
    assert word == "fatty" and bits == 1 << 4  # omega_3, fifth in NUTRIENT_IDS
    assert terms("d d vitamin", NAMES) == [("d", 1 | 1 << 4), ("vitamin", 1 | 1 << 5)]  # "acids"; D and B12 by id
    assert terms("holiday", NAMES) == [("holiday", 0)]


def test_finding_where_a_row_is_reads_only_up_to_it(tmp_path: Path) -> None:
    listed = entries(tmp_path, ["x"] * 30, [1] * 30)
    rows = indexed(tmp_path, listed)
    try:
        matches = RowFilter(rows, "newest", NAMES).matching("x")
        [last] = rows.matching("newest", [("x", 0)], 29, 5)
        assert matches.position(last) == 29 and matches.more(3) == matches.ids[:3]
        assert matches.position(-1) is None and matches.read_all
    finally:
        rows.close()


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[callable]:
    """Set the process's time zone (as TZ does) for the test."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time zones set by TZ")
def test_a_date_is_searched_as_the_list_shows_it_in_every_zone(zone) -> None:
    """The index's dates (``shown``) are the list's (``shown_time``) to the minute, across summer time changes."""
    moments = [datetime(1970, 1, 1, tzinfo=UTC) + timedelta(minutes=37 * n, seconds=n % 60) for n in range(3000)]
    moments += [datetime(2026, 3, 29, 0, 30, tzinfo=UTC) + timedelta(minutes=7 * n) for n in range(2000)]
    moments += [datetime(9000, 12, 31, 23, 59, tzinfo=UTC), datetime(2026, 10, 25, 1, 59, 59, 999999, tzinfo=UTC)]
    for name in ZONES:
        zone(name)
        assert [shown(m) for m in moments] == [shown_time(m) for m in moments], name


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time zones set by TZ")
def test_texts_made_in_another_time_zone_are_made_again(tmp_path: Path, zone) -> None:
    """Rows indexed in Paris, then a History in New York: every date is searched as New York shows it; a row
    written meanwhile by a process in Paris has no text (not Paris's), and is given New York's."""
    zone("Europe/Paris")
    listed = entries(tmp_path, ["late"] * 4, [1] * 4)
    rows = indexed(tmp_path, listed)
    paris = search_key()
    try:
        zone("America/New_York")
        assert search_key() != paris
        make_searchable(rows.db)
        for entry in listed[:4]:
            when = shown_time(entry.created).split()
            assert paths(rows, rows.matching("newest", [(when[1], 0)], 0, 99)) == [
                e.path for e in expected_order(listed[:4], "newest") if shown_time(e.created).split()[1] == when[1]
            ]
        zone("Europe/Paris")
        rows.db.put_many([("00001.toml", (7, 7, 7), listed[1])])
        zone("America/New_York")
        [(text,)] = rows.db.read("SELECT search FROM files WHERE name = '00001.toml'")
        assert text is None
        make_searchable(rows.db)
        [(text,)] = rows.db.read("SELECT search FROM files WHERE name = '00001.toml'")
        assert text == f"{shown_time(listed[1].created)} late"
    finally:
        rows.close()


def test_the_zone_key_changes_with_the_zone_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key is made from the rules the system reads: the file TZ names, not only its name."""
    rules = tmp_path / "zone"
    rules.write_bytes(
        Path("/usr/share/zoneinfo/UTC").read_bytes() if os.path.exists("/usr/share/zoneinfo/UTC") else b"x"
    )
    monkeypatch.setenv("TZ", str(rules))
    first = search_key()
    rules.write_bytes(rules.read_bytes() + b"\n")
    assert search_key() == first  # cached for the process while TZ and the zone's names are the same
    from nutri_tui.storage import index_search

    index_search._key.cache_clear()
    assert search_key() != first
