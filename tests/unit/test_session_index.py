"""The session index is a cache: used only while a file is unchanged, rebuilt when missing, broken or not ours."""

from __future__ import annotations

import gc
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from nutri_tui import __version__
from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.session import Session
from nutri_tui.storage import SavedSession, Storage, UnreadableSession, index_db, listing, make_session
from nutri_tui.storage.index_db import INDEX_FORMAT, INDEX_NAME, SessionDB, is_index_file
from tests.index_rows import forge, forge_row, forget_index, index_meta, index_objects, index_path, index_rows
from tests.unit._saved import SavedOnce

OURS = index_db._OURS
"""Everything the index's schema holds as nutri-tui makes it: nothing else may be in it."""


def first_session() -> Session:
    content = load_content()
    answers = Answers.model_validate({"back_pain": {"intensity": 4}}, context={"content": content})
    return make_session(answers, assess(answers, content), content.version, "first")


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> SavedOnce:
    return SavedOnce(tmp_path_factory.mktemp("saved"), first_session())


@pytest.fixture
def store(tmp_path: Path, saved: SavedOnce) -> Storage:
    """A folder holding one session, "first", as ``save_session`` wrote it (saved once, then copied in)."""
    storage = Storage(tmp_path)
    saved.into(storage)
    return storage


@pytest.fixture
def just_saved(tmp_path: Path) -> Storage:
    """A folder in which ``save_session`` has just saved "first"."""
    storage = Storage(tmp_path)
    storage.save_session(first_session())
    return storage


def only_first(store: Storage) -> None:
    """The one session lists as it truly is, and the index on disk is ours again and says so."""
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.label == "first" and entry.pain_intensity == 4
    assert [row["label"] for row in index_rows(store).values()] == ["first"]
    assert index_objects(store) == OURS
    assert index_meta(store) == {"format": str(INDEX_FORMAT), "app": __version__}


def test_saving_leaves_the_index_alone_and_listing_fills_it_privately(just_saved: Storage) -> None:
    store = just_saved
    index = index_path(store)
    assert not index.exists()  # a save costs the same however long the history (see Storage.save_session)
    old_umask = os.umask(0)  # private whatever the umask: the mode is set, not inherited
    try:
        store.list_sessions()
        rows = store.history()  # open: SQLite's journal files are there too, and as private
        try:
            journal = {name for name in os.listdir(store.sessions_dir) if is_index_file(name)} - {INDEX_NAME}
            assert journal == {f"{INDEX_NAME}-wal", f"{INDEX_NAME}-shm"}
            for name in (INDEX_NAME, *journal):
                assert stat.S_IMODE(os.lstat(store.sessions_dir / name).st_mode) == 0o600, name
        finally:
            rows.close()
    finally:
        os.umask(old_umask)
    assert INDEX_FORMAT == 5
    only_first(store)
    assert all(isinstance(e, SavedSession) for e in store.list_sessions())  # never listed as a session


def test_an_unchanged_file_is_listed_from_its_row(store: Storage, monkeypatch: pytest.MonkeyPatch) -> None:
    [entry] = store.list_sessions()
    monkeypatch.setattr(listing, "list_file", lambda *args: pytest.fail("a file the index knows was read"))
    assert store.list_sessions() == [entry]


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


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        b"{not json",
        b'{"format": 3, "app": "0.1.0", "files": {}}',  # an older nutri-tui's JSON index, under the new name
        b"SQLite format 3\x00" + b"\xff" * 84,  # a header and nothing usable
        b"SQLite format 3\x00" + b"\x00" * 4080,
    ],
)
def test_a_corrupt_index_is_ignored_and_rebuilt(store: Storage, junk: bytes) -> None:
    store.sessions_dir.mkdir(exist_ok=True)
    index_path(store).write_bytes(junk)
    only_first(store)


def pages(store: Storage) -> tuple[int, dict[str, int]]:
    """The index's page size, and where each of its tables and indexes starts (its first page)."""
    with closing(sqlite3.connect(index_path(store))) as db:
        [(size,)] = db.execute("PRAGMA page_size").fetchall()
        return size, dict(db.execute("SELECT name, rootpage FROM sqlite_master").fetchall())


@pytest.mark.parametrize("cut", [1, 2, 3])
def test_a_truncated_index_is_rebuilt(store: Storage, cut: int) -> None:
    """Cut after ``cut`` pages: what an index on a full disk, or copied halfway, looks like."""
    store.list_sessions()
    size, _ = pages(store)
    with index_path(store).open("r+b") as handle:
        handle.truncate(size * cut)
    only_first(store)
    store.list_sessions()
    only_first(store)


@pytest.mark.parametrize("damaged", sorted(name for kind, name in OURS))
@pytest.mark.parametrize("filler", [b"\x00", b"\xa5"], ids=["zeros", "garbage"])
def test_a_damaged_page_anywhere_in_the_index_is_never_an_error(store: Storage, damaged: str, filler: bytes) -> None:
    """SQLite finds a damaged page only when it reads it: after the schema has been checked."""
    (store.sessions_dir / "broken.toml").write_bytes(b"not = [toml")
    store.list_sessions()
    size, first = pages(store)
    with index_path(store).open("r+b") as handle:
        handle.seek((first[damaged] - 1) * size)
        handle.write(b"\x0d" + filler * (size - 1))  # a leaf page that is garbage
    entries = store.list_sessions()
    assert [type(e) for e in entries] == [SavedSession, UnreadableSession]
    assert entries[0].label == "first" and entries[1].reason.startswith("not valid TOML")  # type: ignore[union-attr]
    rows = store.history()
    try:
        for sort in ("newest", "oldest", "pain"):  # each order is a query on its own index
            readable, broken = rows.order(sort)
            assert rows.entries(readable) == entries[:1] and rows.entries(broken) == entries[1:], sort
        assert [score.pain_intensity for score in rows.scored()] == [4]
    finally:
        rows.close()
    assert [type(e) for e in store.list_sessions()] == [SavedSession, UnreadableSession]


def test_a_lying_index_entry_is_not_trusted(store: Storage) -> None:
    """A row whose key matches but whose values are malformed is read from the file instead, and corrected."""
    [entry] = store.list_sessions()
    forge_row(store, entry.path.name, created="not a date")
    only_first(store)
    assert index_rows(store)[entry.path.name]["created"] == entry.created.isoformat()


def test_deleted_files_drop_out_of_the_index(store: Storage) -> None:
    [entry] = store.list_sessions()
    (store.sessions_dir / "broken.toml").write_bytes(b"not = [toml")
    store.list_sessions()
    store.delete_session(entry.path)
    (store.sessions_dir / "broken.toml").unlink()
    assert store.list_sessions() == []
    assert index_rows(store) == {}


def test_a_row_of_a_file_that_is_not_there_is_never_shown(store: Storage) -> None:
    [entry] = store.list_sessions()
    columns = "size, mtime_ns, inode, sort_utc, pain, created, label, red_flag, top, content_version, instruments"
    forge(store, f"INSERT INTO files (name, {columns}) SELECT 'ghost.toml', {columns} FROM files")
    assert store.list_sessions() == [entry]
    assert set(index_rows(store)) == {entry.path.name}


def test_after_an_upgrade_summaries_are_kept_but_unreadable_files_are_read_again(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another version may read some files differently (a fixed bug, a newer schema): its reasons are not kept."""
    (store.sessions_dir / "broken.toml").write_bytes(b"not = [toml")
    store.list_sessions()
    forge(store, "UPDATE meta SET value = '0.0.1' WHERE key = 'app'")
    forge_row(store, "broken.toml", reason="written by a newer nutri-tui (schema 9); this version reads up to 4")
    read: list[str] = []
    real = listing.list_file
    monkeypatch.setattr(listing, "list_file", lambda path, *rest: read.append(path.name) or real(path, *rest))
    entries = store.list_sessions()
    assert read == ["broken.toml"]  # the readable file's summary was kept
    assert [e.label for e in entries if isinstance(e, SavedSession)] == ["first"]
    [broken] = [e for e in entries if isinstance(e, UnreadableSession)]
    assert broken.reason.startswith("not valid TOML")
    assert index_meta(store) == {"format": str(INDEX_FORMAT), "app": __version__}
    store.list_sessions()
    assert read == ["broken.toml"]  # upgraded once


@pytest.mark.parametrize("format_", ["3", str(INDEX_FORMAT + 1), "", "four"])
def test_an_index_of_another_format_is_rebuilt(store: Storage, format_: str) -> None:
    """Older (1-3 were JSON, but a row may change meaning again) or newer: its rows are not used."""
    [entry] = store.list_sessions()
    forge(store, "UPDATE meta SET value = ? WHERE key = 'format'", format_)
    forge_row(store, entry.path.name, label="from another index")
    only_first(store)


FOREIGN = {
    "a trigger": "CREATE TRIGGER pwn AFTER INSERT ON files BEGIN UPDATE files SET label = 'pwned'; END",
    "a trigger on update": "CREATE TRIGGER pwn AFTER UPDATE ON files BEGIN UPDATE files SET label = 'pwned'; END",
    "a view": "CREATE VIEW shown AS SELECT name, label FROM files",
    "another table": "CREATE TABLE notes (body TEXT)",
    "another index": "CREATE INDEX files_by_label ON files (label)",
}


@pytest.mark.parametrize("extra", FOREIGN.values(), ids=FOREIGN.keys())
def test_an_index_with_anything_of_anyone_else_in_it_is_rebuilt(store: Storage, extra: str) -> None:
    """Our tables with something added: nothing of it runs or stays (triggers would run on our writes)."""
    [entry] = store.list_sessions()
    forge(store, extra)
    forge_row(store, entry.path.name, label="from a foreign index")
    entry.path.write_bytes(entry.path.read_bytes())  # changed: listing writes its row (a trigger's moment)
    only_first(store)


@pytest.mark.parametrize(
    "schema",
    [
        ["CREATE TABLE files (name TEXT, label TEXT)", "INSERT INTO files VALUES ('x.toml', 'pwned')"],
        ["CREATE TABLE meta (key TEXT, value TEXT)", "INSERT INTO meta VALUES ('format', '4')"],
        ["CREATE TABLE notes (body TEXT)"],
    ],
)
def test_another_programs_database_is_replaced_by_ours(store: Storage, schema: list[str]) -> None:
    store.sessions_dir.mkdir(exist_ok=True)
    with closing(sqlite3.connect(index_path(store))) as db, db:
        for statement in schema:
            db.execute(statement)
    only_first(store)


def test_the_same_schema_written_differently_is_not_ours(store: Storage) -> None:
    """A column with a default (or any other change) is another schema: rebuilt, never altered in place."""
    store.list_sessions()
    with closing(sqlite3.connect(index_path(store))) as db, db:
        db.execute("ALTER TABLE files ADD COLUMN note TEXT DEFAULT 'pwned'")
    only_first(store)


def test_listing_pauses_the_cyclic_collector_and_restores_it(tmp_path, monkeypatch) -> None:
    seen: list[bool] = []
    original = SessionDB.__init__

    def spy(self, folder):
        seen.append(gc.isenabled())
        original(self, folder)

    monkeypatch.setattr(SessionDB, "__init__", spy)
    store = Storage(tmp_path)
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


def test_a_first_listing_after_the_index_was_deleted_reads_every_file(store: Storage) -> None:
    [entry] = store.list_sessions()
    forget_index(store)
    assert store.list_sessions() == [entry]
    assert set(index_rows(store)) == {entry.path.name}
