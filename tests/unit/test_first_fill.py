"""A first listing fills its index in a private file and puts it in place whole (``storage/index_fill.py``).

Against the way it was made before (in place, through the WAL): the same entries and the same ``sessions --json``
line for folders of good, broken, hostile and old-schema files, the same rows and schema; the index put in place
is 0600, in WAL mode, whole, and no temp file is left; a listing that finds another process's index there first
(or cannot link) is compared with that one and is still right; two processes listing at once both list right and
leave one good index; a temp file a crash left behind is swept.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from nutri_tui.cli.sessions_json import entry_json as _entry_json
from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.session import Session
from nutri_tui.profiles import default_profile
from nutri_tui.storage import SessionEntry, Storage, index_fill, listing, make_session
from nutri_tui.storage.index_db import INDEX_NAME
from nutri_tui.storage.index_fill import FirstFill, Fresh
from tests.broken_sessions import corpus
from tests.cli_run import run
from tests.index_rows import COLUMNS, forget_index, index_path

REPO = Path(__file__).resolve().parents[2]
Made = tuple[list[bytes], Session, list[tuple[str, Any, str]]]
"""Saved session files, the last session, and the broken-file corpus (name, bytes or how to make it, reason)."""
SMALL = 4_096
"""Broken files up to this size are in every folder (see :func:`filled`)."""
LABELS = ["", "check-up", 'with "quotes"', "back\\slash", "Ünïcödé 体重"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NUTRI_TUI_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """A few saved session files (zones, labels only tomllib reads, a moment without a fraction) and a session."""
    content = load_content()
    storage = Storage(tmp_path_factory.mktemp("templates"))
    start = datetime(2026, 3, 1, 9, 0, 0, 123_456, tzinfo=UTC)
    found, session = [], None
    for n, label in enumerate(LABELS):
        answers = Answers.model_validate({"back_pain": {"intensity": n}}, context={"content": content})
        created = (start + timedelta(hours=5 * n)).astimezone(timezone(timedelta(hours=n - 2)))
        created = created.replace(microsecond=0) if n == 3 else created  # isoformat without a fraction
        session = make_session(answers, assess(answers, content), content.version, label, created)
        path = storage.save_session(session)
        found.append(path.read_bytes())
        path.unlink()
    assert session is not None
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "good.toml"
    elsewhere.write_bytes(found[0])
    broken = list(corpus(session, elsewhere))  # made once: its files are dumped from the session (a second each time)
    return found, session, broken


def filled(home: Path, tmp_path: Path, made: Made, count: int = 40, every_broken: bool = False) -> Storage:
    """Copies of saved sessions (equal times too), the broken and hostile files of the corpus (links, a folder, a
    FIFO, bad heads), and names a path does not simply end with. Only with ``every_broken`` the corpus's whole
    sessions changed a little (an old schema, a wrong type: each listing parses every one in full, ~25 ms each) and
    its huge ones; the other tests need unreadable rows, not every reason for one."""
    files, _, broken = made
    storage = Storage(home)
    storage.sessions_dir.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        name = f"2026-03-01T09-00-00Z-{n:08x}.toml" if n % 9 else f"odd\\name {n}.toml"
        (storage.sessions_dir / name).write_bytes(files[n % len(files)])
        os.chmod(storage.sessions_dir / name, 0o600)
    for name, make, _ in broken:
        path = storage.sessions_dir / name
        if callable(make):
            make(path)
        elif every_broken or len(make) <= SMALL:
            path.write_bytes(make)
    return storage


def listed_elsewhere(home: Path) -> list[SessionEntry]:
    """What another process listing now finds (its index made in place, as before: no private file)."""
    rows = listing.opened(Storage(home).sessions_dir)
    try:
        rows.fresh = Fresh()
        rows.catch_up()
        return rows.all()
    finally:
        rows.close()


def made_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """The index made as before: in place, through the WAL (no private file)."""
    monkeypatch.setattr(FirstFill, "_made_elsewhere", lambda self: None)


def rows_and_schema(storage: Storage) -> tuple[object, ...]:
    with closing(sqlite3.connect(index_path(storage))) as db:
        rows = sorted(db.execute(f"SELECT {', '.join(COLUMNS)}, search, nutrients FROM files").fetchall())
        schema = sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
        meta = sorted(db.execute("SELECT key, value FROM meta").fetchall())
        searched = db.execute("SELECT key FROM searched").fetchall()
    return rows, schema, meta, searched


def json_line(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(capsys, "sessions", "--json")
    assert code == 0 and err == ""
    return out


def dumped(storage: Storage) -> str:
    profile = default_profile(storage.root).name
    return json.dumps([_entry_json(entry, profile) for entry in storage.list_sessions()]) + "\n"


def leftovers(storage: Storage) -> list[str]:
    return sorted(n for n in os.listdir(storage.sessions_dir) if n.startswith(INDEX_NAME) and n != INDEX_NAME)


def test_the_same_entries_json_rows_and_schema_as_an_index_made_in_place(
    home: Path,
    tmp_path: Path,
    templates: Made,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    storage = filled(home, tmp_path, templates, every_broken=True)
    with monkeypatch.context() as patch:
        made_in_place(patch)
        before = json_line(capsys)  # as before: made in place
        entries = storage.list_sessions()  # warm
        index = rows_and_schema(storage)
    forget_index(storage)
    assert json_line(capsys) == before  # the first listing, filled aside
    assert leftovers(storage) == [] or leftovers(storage) == [f"{INDEX_NAME}-shm", f"{INDEX_NAME}-wal"]
    assert rows_and_schema(storage) == index
    assert storage.list_sessions() == entries and dumped(storage) == before  # warm, from the index put in place
    forget_index(storage)
    assert storage.list_sessions() == entries  # the first listing's entries, not its JSON
    assert json_line(capsys) == before
    assert len(json.loads(before)) == len(os.listdir(storage.sessions_dir)) - len(leftovers(storage)) - 1


def test_the_index_put_in_place_is_private_whole_and_in_wal_mode(home: Path, tmp_path: Path, templates: Made) -> None:
    storage = filled(home, tmp_path, templates, 12)
    storage.list_sessions()
    info = os.lstat(index_path(storage))
    assert stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600 and info.st_nlink == 1
    with closing(sqlite3.connect(index_path(storage))) as db:
        assert db.execute("PRAGMA journal_mode").fetchall() == [("wal",)]
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert not [n for n in os.listdir(storage.sessions_dir) if n.endswith(".tmp")]


def test_only_an_index_made_new_is_filled_aside(
    home: Path, tmp_path: Path, templates: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = filled(home, tmp_path, templates, 6)
    made: list[str] = []
    real = FirstFill._made_elsewhere
    monkeypatch.setattr(FirstFill, "_made_elsewhere", lambda self: made.append("new") or real(self))
    first = storage.list_sessions()
    (storage.sessions_dir / "2026-x.toml").write_bytes(b"not = [toml")
    again = storage.list_sessions()  # an index there: only the new file read into it, in place
    assert made == ["new"] and len(again) == len(first) + 1
    with closing(sqlite3.connect(index_path(storage))) as db:  # an older format: made again from the files, aside
        db.execute("UPDATE meta SET value = '4' WHERE key = 'format'")
        db.commit()
    assert storage.list_sessions() == again and made == ["new", "new"]


@pytest.mark.parametrize("failure", ["another-first", "no-links", "cannot-sync"])
def test_a_listing_that_cannot_put_its_index_in_place_is_still_right(
    home: Path, tmp_path: Path, templates: Made, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    storage = filled(home, tmp_path, templates, 15)
    with monkeypatch.context() as patch:
        made_in_place(patch)
        expected = storage.list_sessions()
        index = rows_and_schema(storage)
    forget_index(storage)
    if failure == "another-first":  # another process's index put there while this one read the files
        real_publish = FirstFill.publish

        def publish(self: FirstFill) -> bool:
            assert listed_elsewhere(home) == expected
            return real_publish(self)

        monkeypatch.setattr(FirstFill, "publish", publish)
    elif failure == "no-links":

        def link(*args: object, **kwargs: object) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(index_fill.os, "link", link)
    else:  # the private file cannot be made durable: never linked, the index made in place instead

        def no_sync(path: str) -> int:
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(index_fill, "_fsync", no_sync)
    assert storage.list_sessions() == expected
    assert not [n for n in os.listdir(storage.sessions_dir) if n.endswith(".tmp")]
    assert rows_and_schema(storage) == index


def test_a_listing_that_finds_files_changed_by_another_process_first_is_compared_with_its_index(
    home: Path, tmp_path: Path, templates: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process put its index in place, then a file went and one changed: this listing, whose own index
    is then dropped, lists the files as they are, not the other index's rows."""
    storage = filled(home, tmp_path, templates, 10)
    names = sorted(n for n in os.listdir(storage.sessions_dir) if n.startswith("2026-"))
    real_publish = FirstFill.publish

    def publish(self: FirstFill) -> bool:
        listed_elsewhere(home)
        (storage.sessions_dir / names[0]).unlink()
        return real_publish(self)

    monkeypatch.setattr(FirstFill, "publish", publish)
    listed = storage.list_sessions()
    monkeypatch.undo()
    assert listed == storage.list_sessions()
    assert all(entry.path.name != names[0] for entry in listed)


_LISTER = """
import sys
from nutri_tui.storage import Storage
entries = Storage(sys.argv[1]).list_sessions()
print(len(entries), sum(1 for e in entries if e.readable))
"""


def test_processes_listing_at_once_all_list_right_and_leave_one_good_index(
    home: Path, tmp_path: Path, templates: Made
) -> None:
    storage = filled(home, tmp_path, templates, 30)
    expected = storage.list_sessions()
    want = f"{len(expected)} {sum(1 for e in expected if e.readable)}"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(1):
        forget_index(storage)
        lister = [sys.executable, "-c", _LISTER, str(home)]
        children = [subprocess.Popen(lister, env=env, stdout=subprocess.PIPE, text=True) for _ in range(3)]
        outputs = [child.communicate(timeout=120)[0].strip() for child in children]
        assert outputs == [want] * 3
        assert storage.list_sessions() == expected
        assert not [n for n in os.listdir(storage.sessions_dir) if n.endswith(".tmp")]
        with closing(sqlite3.connect(index_path(storage))) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute("SELECT count(*) FROM files").fetchall() == [(len(expected),)]


def test_a_private_index_a_crash_left_behind_is_swept_and_never_read(
    home: Path, tmp_path: Path, templates: Made
) -> None:
    storage = filled(home, tmp_path, templates, 5)
    expected = storage.list_sessions()
    forget_index(storage)
    stale = storage.sessions_dir / f"{INDEX_NAME}.0123456789ab.tmp"
    fresh = storage.sessions_dir / f"{INDEX_NAME}.ba9876543210.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"half an index")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert storage.list_sessions() == expected
    assert not stale.exists() and fresh.read_bytes() == b"half an index"  # perhaps another listing's, still going
