"""Catching up with the files compares the folder with the index a batch of names at a time (issue 15: the
names and keys of 100,000 files are never held at once), and finds the same changes as a whole listing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.storage import SavedSession, Storage, UnreadableSession, listing, make_session
from tests.index_rows import index_rows


@pytest.fixture(params=["batches", "every key at once"])
def store(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Storage:
    monkeypatch.setattr(listing, "BATCH", 2)
    if request.param == "batches":
        monkeypatch.setattr(listing, "KEYS_AT_ONCE", 0)  # as a history longer than KEYS_AT_ONCE
    content = load_content()
    storage = Storage(tmp_path)
    start = datetime(2026, 9, 1, 9, tzinfo=UTC)
    for day in range(5):
        answers = Answers.model_validate({"back_pain": {"intensity": day}}, context={"content": content})
        storage.save_session(
            make_session(answers, assess(answers, content), content.version, f"day {day}", start + timedelta(days=day))
        )
    return storage


def labels(entries: list) -> list[str]:
    return [e.label if isinstance(e, SavedSession) else e.path.name for e in entries]


def test_batches_find_every_change(store: Storage) -> None:
    assert labels(store.list_sessions()) == ["day 4", "day 3", "day 2", "day 1", "day 0"]
    rows = store.history(up_to_date=False)
    try:
        assert rows.catch_up() is False
        newest, _, middle, *_ = rows.all()
        newest.path.write_text(newest.path.read_text().replace('label = "day 4"', 'label = "day 9"'))
        middle.path.unlink()
        (store.sessions_dir / "zz-broken.toml").write_bytes(b"not = [toml")
        assert rows.catch_up() is True
        entries = rows.all()
    finally:
        rows.close()
    assert labels(entries) == ["day 9", "day 3", "day 1", "day 0", "zz-broken.toml"]
    assert isinstance(entries[-1], UnreadableSession)
    assert sorted(index_rows(store)) == sorted(e.path.name for e in entries)
    assert labels(store.list_sessions()) == labels(entries)


def test_a_row_of_a_file_gone_is_found_among_many(store: Storage) -> None:
    """Only rows of files that are not there go, whichever batch their names fell in."""
    entries = store.list_sessions()
    for entry in entries[::2]:
        entry.path.unlink()
    assert labels(store.list_sessions()) == ["day 3", "day 1"]
    assert len(index_rows(store)) == 2
