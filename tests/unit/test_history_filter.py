"""The history's filter (issue 15): what it finds is exactly what testing every result would find, however
the words were typed, deleted or changed; only faster (it narrows what earlier keys found)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from nutri_tui.storage import SavedSession, UnreadableSession
from nutri_tui.tui.screens.history_filter import SORTS, EntryFilter
from nutri_tui.tui.screens.history_rows import search_text

NAMES = {"vitamin_d": "Vitamin D", "iron": "Iron"}
LABELS = ("holiday", "home", "hol", "week one", "", "Mum", "after the walk", "ho ho")


def entries(labels: list[str], pains: list[int | None]) -> list:
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    made = [
        SavedSession(
            path=Path(f"/s/{i:05d}.toml"),
            created=start + timedelta(days=i),
            label=label,
            pain_intensity=pain,
            red_flag=False,
            top_nutrients=(("vitamin_d", "high"),) if i % 3 == 0 else (),
            content_version="1.6.0",
            instruments=(),
        )
        for i, (label, pain) in enumerate(zip(labels, pains, strict=False))
    ]
    made.reverse()  # as listed: newest first
    return [*made, UnreadableSession(Path("/s/broken.toml"), "not valid TOML")]


def brute_force(listed: list, sort: str, query: str) -> list:
    fresh = EntryFilter(listed, NAMES, sort)  # its order, tested on its own
    words = query.casefold().split()
    return [e for e in fresh.ordered if all(w in search_text(e, NAMES) for w in words)]


queries = st.lists(st.text(alphabet="holidaymewk vtn", max_size=8), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)  # each example types up to 12 queries
@given(
    labels=st.lists(st.sampled_from(LABELS), min_size=0, max_size=30),
    pains=st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=30, max_size=30),
    sort=st.sampled_from(SORTS),
    typed=queries,
)
def test_what_the_filter_finds_is_what_testing_every_result_finds(labels, pains, sort, typed) -> None:
    listed = entries(labels, pains)
    narrowing = EntryFilter(listed, NAMES, sort)
    for query in typed:  # one query after another, as keys type and delete them
        assert narrowing.matching(query) == brute_force(listed, sort, query)


def test_typing_narrows_and_backspace_is_remembered() -> None:
    narrowing = EntryFilter(entries(list(LABELS) * 5, [5] * 40), NAMES, "newest")
    found = [len(narrowing.matching(q)) for q in ("h", "ho", "hol", "holi", "hol", "ho", "h", "")]
    assert found == [25, 20, 10, 5, 10, 20, 25, 41]


def test_a_relabel_or_delete_is_found_or_gone_at_once() -> None:
    listed = entries(["holiday", "home", "week one"], [3, 4, 5])
    narrowing = EntryFilter(listed, NAMES, "pain")
    assert [e.label for e in narrowing.matching("ho")] == ["home", "holiday"]
    home = next(e for e in listed if getattr(e, "label", "") == "home")
    relabelled = SavedSession(**{**home.__dict__, "label": "walk"})
    narrowing.replace(home, relabelled)
    assert [e.label for e in narrowing.matching("ho")] == ["holiday"]
    assert [e.label for e in narrowing.matching("walk")] == ["walk"]
    narrowing.replace(relabelled, None)
    assert narrowing.matching("walk") == [] and narrowing.readable == 2
    assert len(narrowing.matching("")) == 3  # two results and the unreadable file
