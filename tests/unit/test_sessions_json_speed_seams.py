"""``nutri-tui sessions --json`` writes what it always wrote, whichever way the listing took (issue 15).

The seams of the faster listing, each against the plain way: to a pipe, a row of the index is written without its
entry being made (``SessionRows.all(quick)``), so the line must be exactly ``json.dumps`` of ``list_sessions()``'s
entries, for files read fresh, rows known, rows forged behind nutri-tui's back, unreadable files, names a path
does not simply end with, and every profile; the first listing's rows are written in one transaction with the
orders' indexes made after them, and each file opened once, hinted ahead (nothing left open, the same index);
a warm listing reads the index once; a process of its own ends without the interpreter's teardown.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nutri_tui.cli.sessions_json import entry_json as _entry_json
from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.profiles import default_profile, list_profiles
from nutri_tui.storage import SavedSession, Storage, index_db, listing, make_session
from nutri_tui.storage import heads as heads_module
from nutri_tui.storage.index_row import sort_key
from tests.cli_run import run
from tests.index_rows import forge, forge_row, forget_index, index_path

REPO = Path(__file__).resolve().parents[2]
LABELS = ["", "check-up", 'with "quotes"', "back\\slash", "Ünïcödé 体重", "after holiday"]


@pytest.fixture(scope="module")
def saved_files(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """The bytes of a few real session files: different pain, labels (some only tomllib reads) and zones."""
    content = load_content()
    storage = Storage(tmp_path_factory.mktemp("templates"))
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    found = []
    for n, label in enumerate(LABELS):
        answers = Answers.model_validate({"back_pain": {"intensity": n}}, context={"content": content})
        zone = timezone(timedelta(hours=n - 3))
        created = (start + timedelta(hours=7 * n)).astimezone(zone)
        path = storage.save_session(make_session(answers, assess(answers, content), content.version, label, created))
        found.append(path.read_bytes())
        path.unlink()
    return found


def fill(root: Path, files: list[bytes], count: int) -> Storage:
    """``count`` session files under ``root`` (copies: equal times too, ordered by name), and a few that cannot be
    read; one is named with a backslash, which a path does not simply end with on every system."""
    storage = Storage(root)
    storage.sessions_dir.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        name = f"2026-03-01T09-00-00Z-{n:08x}.toml" if n % 7 else f"odd\\name {n}.toml"
        (storage.sessions_dir / name).write_bytes(files[n % len(files)])
    (storage.sessions_dir / "broken.toml").write_bytes(b"not = [toml")
    (storage.sessions_dir / "empty.toml").write_bytes(b"")
    (storage.sessions_dir / "folder.toml").mkdir()
    os.symlink(storage.sessions_dir / "broken.toml", storage.sessions_dir / "link.toml")
    return storage


def listed_json(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run(capsys, "sessions", "--json", *args)
    assert code == 0 and err == ""
    return out


def dumped(storage: Storage) -> str:
    """What the line always was: ``json.dumps`` of every entry ``list_sessions`` gives (the default profile's)."""
    profile = default_profile(storage.root).name
    return json.dumps([_entry_json(entry, profile) for entry in storage.list_sessions()]) + "\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NUTRI_TUI_HOME", str(tmp_path))
    return tmp_path


def test_the_line_is_json_dumps_of_the_entries_cold_warm_and_after_changes(
    capsys: pytest.CaptureFixture[str], home: Path, saved_files: list[bytes]
) -> None:
    storage = fill(home, saved_files, 30)
    cold = listed_json(capsys)  # no index: every file read
    assert cold == dumped(storage) and len(json.loads(cold)) == 34
    assert listed_json(capsys) == cold  # warm: every row as it stands
    (storage.sessions_dir / "2026-03-01T09-00-00Z-00000001.toml").unlink()  # gone, changed, new: some rows fresh
    changed = storage.sessions_dir / "2026-03-01T09-00-00Z-00000002.toml"
    changed.write_bytes(changed.read_bytes().replace(b'label = "check-up"', b'label = "edited"'))
    (storage.sessions_dir / "new.toml").write_bytes(saved_files[0])
    after = listed_json(capsys)
    assert after == dumped(storage) and after != cold
    forget_index(storage)
    assert listed_json(capsys) == after


FORGED = [
    {"label": "bell\x07"},
    {"label": 'a "quoted" ünïcode \\ label'},
    {"created": "2026-03-01T09:00:00Z"},
    {"created": "2026-03-01T14:30:00.000000+05:30"},
    {"created": "not a time"},
    {"red_flag": 2},
    {"red_flag": 1},
    {"pain": 11},
    {"pain": None},
    {"top": "[]"},
    {"top": '[["iron","high"],["zinc","moderate"]]'},
    {"top": '[["unobtainium","high"]]'},
    {"instruments": "phq4 4 mild anxiety=3 depression=1"},
    {"instruments": "nonsense"},
    {"content_version": "1.2.3.dev4+g1a2b"},
    {"content_version": "no version"},
    {"reason": "forged as unreadable"},
    {"name": ""},
    {"name": ".hidden.toml"},
    {"name": "elsewhere/../x.toml"},
]


@pytest.mark.parametrize("columns", FORGED, ids=lambda c: repr(c)[:40])
def test_a_row_forged_behind_nutri_tuis_back_is_written_as_its_entry_would_be(
    capsys: pytest.CaptureFixture[str], home: Path, saved_files: list[bytes], columns: dict[str, object]
) -> None:
    storage = fill(home, saved_files, 3)
    listed_json(capsys)
    forge_row(storage, "2026-03-01T09-00-00Z-00000002.toml", **columns)
    line = listed_json(capsys)  # the rows as they stand, quick where a row reads as a result
    forget_index(storage)  # the listing mended the index: made again, and the same row forged again
    listed_json(capsys)
    forge_row(storage, "2026-03-01T09-00-00Z-00000002.toml", **columns)
    assert line == dumped(storage)  # entries made of the same rows


def test_every_profile_is_written_under_its_name(
    capsys: pytest.CaptureFixture[str], home: Path, saved_files: list[bytes]
) -> None:
    code, _, err = run(capsys, "profiles", "--new", 'Ann "the" Ünïcödé')
    assert code == 0, err
    fill(home, saved_files, 4)
    profiles = list_profiles(home)
    assert len(profiles) == 2
    fill(profiles[1].root, saved_files, 5)
    expected = [_entry_json(e, p.name) for p in profiles for e in Storage(p.root).list_sessions()]
    assert listed_json(capsys, "--all-profiles") == json.dumps(expected) + "\n"


def test_without_a_sessions_folder_the_line_is_an_empty_list(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    assert listed_json(capsys) == "[]\n"


def test_a_first_listing_with_indexes_made_after_its_rows_makes_the_same_index(
    home: Path, saved_files: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The orders' indexes dropped, the rows written, the indexes made again: the schema is ours, byte for byte."""
    storage = fill(home, saved_files, 40)
    one_by_one = storage.list_sessions()
    with closing(sqlite3.connect(index_path(storage))) as db:
        schema = sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
    forget_index(storage)
    monkeypatch.setattr(index_db, "FIRST_FILL_MIN", 10)
    assert storage.list_sessions() == one_by_one
    with closing(sqlite3.connect(index_path(storage))) as db:
        assert sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()) == schema
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert dict(db.execute("SELECT key, value FROM meta").fetchall())["format"] == str(index_db.INDEX_FORMAT)
    monkeypatch.setattr(index_db, "FIRST_FILL_MIN", 1_000)
    assert storage.list_sessions() == one_by_one  # and it is used as it is


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd") or not heads_module.HINTS, reason="Linux: hints and /proc")
def test_files_opened_ahead_are_read_once_each_and_closed(
    home: Path, saved_files: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = fill(home, saved_files, 30)
    expected = storage.list_sessions()
    forget_index(storage)
    monkeypatch.setattr(listing, "PREFETCH_MIN", 4)
    monkeypatch.setattr(heads_module, "PREFETCH_MIN", 4)
    opened: list[str] = []
    real_open = heads_module.open_session  # every file read ahead is opened through it (regular ones by os.open)
    monkeypatch.setattr(heads_module, "open_session", lambda path, *rest: opened.append(path) or real_open(path, *rest))
    before = open_descriptors()
    assert storage.list_sessions() == expected
    assert open_descriptors() == before
    assert len(opened) == len(set(opened)) == 34  # each once (the link and the folder refused before opening)

    forget_index(storage)  # the History closed while the files are read: those opened ahead are closed too
    rows = storage.history(up_to_date=False)
    asked = 0

    def closes_after_ten() -> bool:
        nonlocal asked
        asked += 1
        return asked > 10

    try:
        with os.scandir(storage.sessions_dir) as files:
            assert listing._bring_up_to_date(storage.sessions_dir, files, rows.db, closes_after_ten) is False
    finally:
        rows.close()
    assert asked == 11 and open_descriptors() == before


def test_a_warm_listing_reads_the_index_once(
    home: Path, saved_files: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = fill(home, saved_files, 10)
    first = storage.list_sessions()
    asked: list[bool] = []
    real = index_db.SessionDB.all_rows

    def counted(self: index_db.SessionDB, *, keyed: bool = False) -> list:
        asked.append(keyed)
        return real(self, keyed=keyed)

    monkeypatch.setattr(index_db.SessionDB, "all_rows", counted)
    monkeypatch.setattr(index_db.SessionDB, "file_keys", lambda self: pytest.fail("keys read apart from the rows"))
    assert storage.list_sessions() == first
    assert asked == [True]
    asked.clear()
    forge(storage, "UPDATE files SET mtime_ns = mtime_ns + 1 WHERE name = ?", "broken.toml")  # a row to read again
    assert storage.list_sessions() == first
    assert asked == [True, False]  # the rows as they were, then as they are


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30)),
    minutes=st.integers(-1439, 1439),
)
def test_the_sort_key_is_the_utc_moment_as_strftime_writes_it(moment: datetime, minutes: int) -> None:
    created = moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    try:
        utc = created.astimezone(UTC)
    except OverflowError:
        return
    entry = SavedSession(Path("/x.toml"), created, "", None, False, (), "1.0.0", ())
    assert sort_key(entry) == utc.strftime("%Y-%m-%dT%H:%M:%S.%f")


RETURNED = "print('main returned', file=sys.stderr)\nsys.exit(code)\n"


def as_the_command(home: Path, *args: str, before: str = "") -> subprocess.CompletedProcess[str]:
    """``main()`` reading the command line in a process of its own, as the ``nutri-tui`` script calls it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUTRI_TUI_")}
    env["NUTRI_TUI_HOME"] = str(home)
    code = before + "import sys\nfrom nutri_tui.cli import main\nsys.argv[0] = 'nutri-tui'\ncode = main()\n" + RETURNED
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def test_sessions_ends_at_once_and_prints_the_same(
    capsys: pytest.CaptureFixture[str], home: Path, saved_files: list[bytes]
) -> None:
    fill(home, saved_files, 8)
    for args in (("sessions", "--json"), ("sessions",)):
        code, out, err = run(capsys, *args)
        fast = as_the_command(home, *args)
        assert code == fast.returncode == 0, args
        assert err == fast.stderr == "", args  # ended in main(): "main returned" never came
        assert fast.stdout == out and len(out) > 1000, args
    handler = "import atexit, sys\natexit.register(lambda: print('handler ran', file=sys.stderr))\n"
    done = as_the_command(home, "sessions", "--json", before=handler)
    assert done.stdout == listed_json(capsys)
    assert done.stderr == "main returned\nhandler ran\n"  # the usual exit, the handler after main
