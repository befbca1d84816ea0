"""The history's order and filter (issue 15): the order is the index's query, and what the filter finds is
exactly what testing every result would find, however the words were typed, deleted or changed; only faster
(it narrows what earlier keys found)."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from nutri_tui.storage import SavedSession, UnreadableSession
from nutri_tui.storage.index_db import SessionDB
from nutri_tui.tui.screens.history_filter import SORTS, RowFilter
from nutri_tui.tui.screens.history_rows import row_search_text, search_text

NAMES = {"vitamin_d": "Vitamin D", "iron": "Iron"}
LABELS = ("holiday", "home", "hol", "week one", "", "Mum", "after the walk", "ho ho")


def entries(folder: Path, labels: list[str], pains: list[int | None]) -> list:
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    made = [
        SavedSession(
            path=folder / f"{i:05d}.toml",
            created=start + timedelta(days=i // 2, hours=-(i % 2) * 30),  # some in another order than their names
            label=label,
            pain_intensity=pain,
            red_flag=False,
            top_nutrients=(("vitamin_d", "high"),) if i % 3 == 0 else (),
            content_version="1.6.0",
            instruments=(),
        )
        for i, (label, pain) in enumerate(zip(labels, pains, strict=False))
    ]
    return [*made, UnreadableSession(folder / "broken.toml", "not valid TOML")]


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


def indexed(folder: Path, listed: list) -> SessionDB:
    db = SessionDB(folder)
    db.put_many((e.path.name, (n, n, n), e) for n, e in enumerate(listed))
    return db


def made_filter(db: SessionDB, sort: str) -> tuple[RowFilter, dict[int, object]]:
    readable, broken = db.order(sort)
    order = [*readable, *broken]
    rows = db.texts_rows(order)
    by_id = {rowid: entry for rowid, entry in zip(order, (db.folder / row[0] for row in rows), strict=True)}
    return RowFilter(order, len(readable), lambda: [row_search_text(row, NAMES) for row in rows]), by_id


queries = st.lists(st.text(alphabet="holidaymewk vtn", max_size=8), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)  # each example types up to 12 queries
@given(
    labels=st.lists(st.sampled_from(LABELS), min_size=0, max_size=30),
    pains=st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=30, max_size=30),
    sort=st.sampled_from(SORTS),
    typed=queries,
)
def test_the_order_is_the_lists_and_the_filter_finds_what_testing_every_result_finds(
    labels, pains, sort, typed
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        listed = entries(Path(folder), labels, pains)
        db = indexed(Path(folder), listed)
        try:
            narrowing, paths = made_filter(db, sort)
            ordered = expected_order(listed, sort)
            assert [paths[rowid] for rowid in narrowing.ordered] == [e.path for e in ordered]
            for query in typed:  # one query after another, as keys type and delete them
                words = query.casefold().split()
                expected = [e.path for e in ordered if all(w in search_text(e, NAMES) for w in words)]
                assert [paths[rowid] for rowid in narrowing.matching(query)] == expected
        finally:
            db.close()


def test_a_rows_search_text_is_its_entrys(tmp_path: Path) -> None:
    listed = entries(tmp_path, list(LABELS), [1] * len(LABELS))
    db = indexed(tmp_path, listed)
    readable, broken = db.order("newest")
    by_name = {e.path.name: e for e in listed}
    for row in db.texts_rows([*readable, *broken]):
        assert row_search_text(row, NAMES) == search_text(by_name[row[0]], NAMES)
    db.close()


def test_an_odd_row_only_makes_a_shorter_text() -> None:
    for row in (
        ("x.toml", "not a date", 3, "[oops", None),
        ("x.toml", None, None, '[["iron"], 5, [1, 2]]', None),
        ("x.toml", "9999-01-01T00:00:00+00:00", "label", '{"a": 1}', None),
    ):
        assert isinstance(row_search_text(row, NAMES), str)


def test_typing_narrows_and_backspace_is_remembered() -> None:
    texts = [label.casefold() for label in list(LABELS) * 5] + ["unreadable broken.toml"]
    narrowing = RowFilter(list(range(41)), 40, lambda: list(texts))
    found = [len(narrowing.matching(q)) for q in ("h", "ho", "hol", "holi", "hol", "ho", "h", "")]
    assert found == [25, 20, 10, 5, 10, 20, 25, 41]


def test_a_relabel_or_delete_is_found_or_gone_at_once() -> None:
    narrowing = RowFilter([7, 3, 5, 9], 3, lambda: ["home", "holiday", "week one", "unreadable x.toml"])
    assert narrowing.matching("ho") == [7, 3]
    narrowing.replace(7, "walk")
    assert narrowing.matching("ho") == [3]
    assert narrowing.matching("walk") == [7]
    narrowing.replace(7, None)
    assert narrowing.matching("walk") == [] and narrowing.readable == 2
    assert narrowing.matching("") == [3, 5, 9]  # two results and the unreadable file
    narrowing.replace(9, None)
    assert narrowing.readable == 2 and narrowing.matching("") == [3, 5]
