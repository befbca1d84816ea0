"""The session index is a cache: used only while a file is unchanged, rebuilt when missing or broken."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.storage import SavedSession, Storage, UnreadableSession, make_session
from nutri_tui.storage import sessions as storage
from nutri_tui.storage.index import INDEX_FORMAT, INDEX_NAME


@pytest.fixture
def store(tmp_path: Path) -> Storage:
    content = load_content()
    answers = Answers.model_validate({"back_pain": {"intensity": 4}}, context={"content": content})
    storage = Storage(tmp_path)
    storage.save_session(make_session(answers, assess(answers, content), content.version, "first"))
    return storage


def test_saving_leaves_the_index_alone_and_listing_fills_it_privately(store: Storage) -> None:
    index = store.sessions_dir / INDEX_NAME
    assert not index.exists()  # a save costs the same however long the history (see Storage.save_session)
    store.list_sessions()
    files = json.loads(index.read_text())["files"]
    assert len(files) == 1 and next(iter(files.values()))["label"] == "first"
    assert (index.stat().st_mode & 0o777) == 0o600
    assert all(isinstance(e, SavedSession) for e in store.list_sessions())  # never listed as a session


def test_a_changed_file_is_read_again(store: Storage) -> None:
    [entry] = store.list_sessions()
    text = entry.path.read_text().replace('label = "first"', 'label = "edited by hand"')
    entry.path.write_text(text)
    [again] = store.list_sessions()
    assert isinstance(again, SavedSession) and again.label == "edited by hand"


def test_a_file_broken_after_indexing_is_reported(store: Storage) -> None:
    [entry] = store.list_sessions()
    entry.path.write_bytes(b"\x00\x01 broken")
    [again] = store.list_sessions()
    assert isinstance(again, UnreadableSession)


@pytest.mark.parametrize("junk", [b"", b"{not json", b'{"format": 99, "files": {}}', b"[1, 2]", b'{"format": 1}'])
def test_a_corrupt_index_is_ignored_and_rebuilt(store: Storage, junk: bytes) -> None:
    (store.sessions_dir / INDEX_NAME).write_bytes(junk)
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.label == "first"
    assert json.loads((store.sessions_dir / INDEX_NAME).read_text())["files"]


def test_a_lying_index_entry_is_not_trusted(store: Storage) -> None:
    """An entry whose key matches but whose record is malformed is read from the file instead."""
    store.list_sessions()
    index = store.sessions_dir / INDEX_NAME
    data = json.loads(index.read_text())
    for record in data["files"].values():
        record["created"] = "not a date"
    index.write_text(json.dumps(data))
    os.chmod(index, 0o600)
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.label == "first"


def test_deleted_files_drop_out_of_the_index(store: Storage) -> None:
    [entry] = store.list_sessions()
    store.delete_session(entry.path)
    assert store.list_sessions() == []
    assert json.loads((store.sessions_dir / INDEX_NAME).read_text())["files"] == {}


def test_after_an_upgrade_summaries_are_kept_but_unreadable_files_are_read_again(store: Storage) -> None:
    index = store.sessions_dir / INDEX_NAME
    (store.sessions_dir / "broken.toml").write_bytes(b"not = [toml")
    store.list_sessions()
    data = json.loads(index.read_text())
    data["app"] = "0.0.1"
    data["files"]["broken.toml"]["reason"] = "stale reason from an old version"
    index.write_text(json.dumps(data))
    entries = store.list_sessions()
    assert any(isinstance(e, SavedSession) for e in entries)
    [broken] = [e for e in entries if isinstance(e, UnreadableSession)]
    assert broken.reason != "stale reason from an old version"


def test_an_index_of_the_previous_format_keeps_summaries_but_reads_unreadable_files_again(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index written before schema 2 (format 1) may call a schema-2 file "newer": that reason is not kept."""
    index = store.sessions_dir / INDEX_NAME
    (store.sessions_dir / "broken.toml").write_bytes(b"not = [toml")
    store.list_sessions()
    data = json.loads(index.read_text())
    assert data["format"] == INDEX_FORMAT == 3
    data["format"] = 1
    data["files"]["broken.toml"]["reason"] = "written by a newer nutri-tui (schema 2); this version reads up to 1"
    index.write_text(json.dumps(data))
    read: list[str] = []
    real = storage._list_file
    monkeypatch.setattr(storage, "_list_file", lambda path, *rest: read.append(path.name) or real(path, *rest))
    entries = store.list_sessions()
    assert read == ["broken.toml"]  # the readable file's summary was kept
    [broken] = [e for e in entries if isinstance(e, UnreadableSession)]
    assert broken.reason.startswith("not valid TOML")
    assert json.loads(index.read_text())["format"] == INDEX_FORMAT


def test_an_index_of_a_newer_format_is_ignored(store: Storage) -> None:
    store.list_sessions()
    index = store.sessions_dir / INDEX_NAME
    data = json.loads(index.read_text())
    data["format"] = INDEX_FORMAT + 1
    for record in data["files"].values():
        record["label"] = "from a newer index"
    index.write_text(json.dumps(data))
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.label == "first"


def test_listing_pauses_the_cyclic_collector_and_restores_it(tmp_path, monkeypatch) -> None:
    seen: list[bool] = []
    original = storage.SessionIndex.__init__

    def spy(self, folder):
        seen.append(gc.isenabled())
        original(self, folder)

    monkeypatch.setattr(storage.SessionIndex, "__init__", spy)
    store = storage.Storage(tmp_path)
    store.sessions_dir.mkdir(parents=True)
    assert gc.isenabled()
    store.list_sessions()
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        store.list_sessions()
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
