"""Saved sessions and drafts: round trips, privacy, atomic writes, hostile labels and a corpus of broken files."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import platformdirs
import pytest
import tomli_w
from pydantic import ValidationError

from nutri_tui import __version__
from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models import session as session_model
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import Assessment
from nutri_tui.models.session import SESSION_SCHEMA_VERSION, Draft, NewerSchemaError, Session, clean_text, migrate
from nutri_tui.paths import data_dir
from nutri_tui.reports.text import render_text
from nutri_tui.storage import (
    SavedSession,
    Storage,
    StorageError,
    UnreadableSession,
    listing,
    make_draft,
    make_session,
    session_file,
)
from nutri_tui.storage import sessions as storage
from nutri_tui.storage.index_db import is_index_file
from nutri_tui.storage.private_files import MAX_BYTES
from tests.broken_sessions import snapshot, write_corpus
from tests.cli_run import run

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 26, 6, 40, 12, tzinfo=UTC)
NAME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[0-9a-f]{8}\.toml$")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def result(content: Content) -> Assessment:
    return assess(Answers(), content)


@pytest.fixture
def store(private_home: Path) -> Storage:
    return Storage()


@pytest.fixture
def session(content: Content, result: Assessment) -> Session:
    return make_session(Answers(), result, content.version, label="After the walk", now=NOW)


@pytest.fixture
def rich_session(content: Content, make_answers: Callable[..., Answers]) -> Session:
    answers = make_answers(
        about={"age": 70, "diet": "vegan"},
        sun={"outdoor_minutes": "under_15", "season": "winter", "housebound": True},
        diet={"oily_fish": "never", "dairy_or_fortified": "never", "leafy_greens": "never"},
        back_pain={"areas": ["lower"], "intensity": 7, "red_flags": {next(iter(content.red_flags)): "yes"}},
    )
    return make_session(answers, assess(answers, content), content.version, now=NOW + timedelta(hours=1))


def listed(folder: Path) -> set[str]:
    return {n for n in os.listdir(folder) if not is_index_file(n)} if folder.exists() else set()


def one_line(text: str) -> bool:
    return "\n" not in text and "\r" not in text and not CONTROL.search(text)


# -- where things are -------------------------------------------------------------------------------


def test_data_dir_prefers_the_environment(private_home: Path) -> None:
    assert data_dir() == private_home
    assert Storage().where() == storage.Where(private_home, private_home / "sessions", private_home / "draft.toml")


def test_data_dir_falls_back_to_the_platform_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NUTRI_TUI_HOME")
    assert data_dir() == platformdirs.user_data_path("nutri-tui", appauthor=False)


def test_reading_creates_nothing(tmp_path: Path) -> None:
    store = Storage(tmp_path / "not-yet")
    assert store.list_sessions() == []
    assert store.load_draft() is None
    store.discard_draft()
    assert not (tmp_path / "not-yet").exists()


# That the storage (and the session model) load neither Textual nor Rich is checked in a fresh interpreter by
# tests/unit/test_import_hygiene.py::test_nothing_outside_the_tui_loads_textual_or_rich, which imports every module
# outside nutri_tui.tui (nutri_tui.storage and nutri_tui.models.session among them); a process of its own for
# these two here was a third of a CPU-second.


# -- round trips ------------------------------------------------------------------------------------


def test_session_round_trip(store: Storage, session: Session, result: Assessment) -> None:
    path = store.save_session(session)
    assert path.parent == store.sessions_dir and NAME.match(path.name)
    assert path.name.startswith("2026-11-26T06-40-12Z-")
    text = path.read_text("utf-8")
    assert text.startswith("# nutri-tui session file")
    assert f"\nschema_version = {SESSION_SCHEMA_VERSION}\n" in text and f'\napp_version = "{__version__}"\n' in text

    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.readable
    assert (entry.path, entry.created, entry.label) == (path, NOW, "After the walk")
    assert (entry.pain_intensity, entry.red_flag, entry.top_nutrients) == (None, False, ())
    assert entry.content_version == session.content_version

    loaded = store.load_session(path)
    assert loaded == session
    assert loaded.result == result
    assert render_text(loaded.result) == render_text(result)
    assert loaded.model_dump_json() == session.model_dump_json()


def test_list_summarises_and_orders_newest_first(store: Storage, session: Session, rich_session: Session) -> None:
    older = session.model_copy(update={"created": NOW - timedelta(days=3)})
    paths = [store.save_session(s) for s in (session, rich_session, older)]
    entries = store.list_sessions()
    assert [e.path for e in entries] == [paths[1], paths[0], paths[2]]
    top = entries[0]
    assert isinstance(top, SavedSession)
    assert top.pain_intensity == 7 and top.red_flag is True
    assert 0 < len(top.top_nutrients) <= 10
    levels = [level for _, level in top.top_nutrients]
    assert "low" not in levels and levels == sorted(levels, key=["high", "moderate"].index)


def test_other_time_zones_are_kept_and_named_in_utc(store: Storage, content: Content, result: Assessment) -> None:
    local = datetime(2026, 11, 26, 8, 40, 12, tzinfo=timezone(timedelta(hours=2)))
    path = store.save_session(make_session(Answers(), result, content.version, now=local))
    assert path.name.startswith("2026-11-26T06-40-12Z-")
    assert store.load_session(path).created == local


def test_naive_times_are_refused(content: Content, result: Assessment, session: Session) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        make_session(Answers(), result, content.version, now=datetime(2026, 1, 1))
    with pytest.raises(ValidationError, match="timezone"):
        Session.model_validate({**session.model_dump(), "created": datetime(2026, 1, 1)})


def test_load_session_reads_a_file_anywhere(store: Storage, session: Session, tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared copy.toml"
    elsewhere.write_bytes(store.save_session(session).read_bytes())
    assert store.load_session(elsewhere) == session
    with pytest.raises(StorageError, match="no such file"):
        store.load_session(tmp_path / "missing.toml")


def test_draft_round_trip(store: Storage) -> None:
    assert store.load_draft() is None
    draft = make_draft("diet", {"about": {"age": 40, "allergies": ["milk"]}, "sun": {}}, now=NOW)
    path = store.save_draft(draft)
    assert path == store.draft_path
    assert store.load_draft() == draft
    later = make_draft("health", {**draft.answers, "diet": {"oily_fish": "weekly"}})
    store.save_draft(later)
    assert store.load_draft() == later
    assert store.list_sessions() == []  # the draft is not a session
    store.clear_draft()
    assert store.load_draft() is None and not path.exists()
    store.clear_draft()  # nothing there: fine


def test_draft_model_is_strict_about_shape() -> None:
    good = make_draft("about", {}, now=NOW).model_dump()
    for bad in ({"answers": {"about": 3}}, {"step": 4}, {"updated": datetime(2026, 1, 1)}, {"extra": 1}):
        with pytest.raises(ValidationError):
            Draft.model_validate({**good, **bad})


def test_a_broken_draft_is_reported_kept_and_only_moved_aside_on_request(store: Storage) -> None:
    store.save_draft(make_draft("about", {}, now=NOW))
    store.draft_path.write_bytes(b"step = [\n")
    before = store.draft_path.read_bytes()
    with pytest.raises(StorageError, match="not valid TOML") as caught:
        store.load_draft()
    assert one_line(str(caught.value)) and str(store.draft_path) in str(caught.value)
    with pytest.raises(StorageError, match="discard it first"):
        store.save_draft(make_draft("diet", {}))
    assert store.draft_path.read_bytes() == before

    moved = store.discard_draft()
    assert moved is not None and moved.parent == store.root
    assert re.fullmatch(r"draft\.broken-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-[0-9a-f]{8})?\.toml", moved.name)
    assert moved.read_bytes() == before and not store.draft_path.exists()
    store.save_draft(make_draft("diet", {}))
    assert store.load_draft() is not None

    store.draft_path.write_bytes(b"garbage =")  # a second broken draft in the same second gets its own name
    second = store.discard_draft()
    assert second is not None and second != moved and moved.read_bytes() == before


def test_a_draft_from_a_newer_version_is_never_rewritten(store: Storage) -> None:
    newer = make_draft("about", {}, now=NOW).model_dump(mode="json") | {"schema_version": 9}
    store.root.mkdir(parents=True, exist_ok=True)
    store.draft_path.write_text(tomli_w.dumps(newer), "utf-8")
    before = store.draft_path.read_bytes()
    with pytest.raises(
        StorageError, match=rf"newer nutri-tui \(schema 9\); this version reads up to {SESSION_SCHEMA_VERSION}"
    ):
        store.load_draft()
    with pytest.raises(StorageError):
        store.save_draft(make_draft("about", {}))
    assert store.draft_path.read_bytes() == before


# -- migration --------------------------------------------------------------------------------------


def test_migrate_refuses_newer_files() -> None:
    newer, current = SESSION_SCHEMA_VERSION + 1, SESSION_SCHEMA_VERSION
    with pytest.raises(NewerSchemaError) as caught:
        migrate({"schema_version": newer})
    assert str(caught.value) == f"written by a newer nutri-tui (schema {newer}); this version reads up to {current}"
    assert migrate({"schema_version": current, "x": 1}) == {"schema_version": current, "x": 1}
    # too malformed to summarise: upgraded without a summary, and validation will name the problem
    assert migrate({"schema_version": 1, "x": 1}) == {"schema_version": current, "x": 1}
    assert migrate({"schema_version": "1"}) == {"schema_version": "1"}  # left for validation to name
    with pytest.raises(ValueError, match="unknown schema 0"):
        migrate({"schema_version": 0})


def test_migrate_runs_each_step_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_model, "SESSION_SCHEMA_VERSION", 3)
    monkeypatch.setattr(session_model, "SESSION_MIGRATIONS", {1: lambda d: d | {"b": d.pop("a")}, 2: lambda d: d})
    monkeypatch.setattr(session_model, "DRAFT_MIGRATIONS", {1: lambda d: d})
    original = {"schema_version": 1, "a": 5}
    assert session_model.migrate(original) == {"schema_version": 3, "b": 5}
    assert original == {"schema_version": 1, "a": 5}
    with pytest.raises(ValueError, match="unknown schema 2"):  # a missing step is an error, not a skip
        session_model.migrate(original, "draft")


def test_every_schema_step_has_a_migration_for_sessions_and_drafts() -> None:
    for table in (session_model.SESSION_MIGRATIONS, session_model.DRAFT_MIGRATIONS):
        assert sorted(table) == list(range(1, SESSION_SCHEMA_VERSION))


# -- privacy ------------------------------------------------------------------------------------------


def test_folders_are_0700_and_files_0600(tmp_path: Path, session: Session) -> None:
    old_umask = os.umask(0)
    try:
        store = Storage(tmp_path / "deep" / "home")
        path = store.save_session(session)
        store.save_draft(make_draft("about", {}))
        store.relabel_session(path, "renamed")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.sessions_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.draft_path.stat().st_mode) == 0o600


def test_an_existing_folder_keeps_its_mode(tmp_path: Path, session: Session) -> None:
    root = tmp_path / "shared"
    root.mkdir()
    root.chmod(0o750)
    Storage(root).save_session(session)
    assert stat.S_IMODE(root.stat().st_mode) == 0o750
    assert stat.S_IMODE((root / "sessions").stat().st_mode) == 0o700


def test_a_file_where_the_folder_should_be(tmp_path: Path, session: Session) -> None:
    (tmp_path / "home").write_text("not a folder")
    with pytest.raises(StorageError, match="not a folder"):
        Storage(tmp_path / "home").save_session(session)


# -- never overwrite ----------------------------------------------------------------------------------


def test_two_saves_in_the_same_second_make_two_files(store: Storage, session: Session) -> None:
    first, second = store.save_session(session), store.save_session(session)
    assert first != second and first.name[:21] == second.name[:21]
    assert len(store.list_sessions()) == 2


def test_a_taken_name_is_never_overwritten(store: Storage, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    suffixes = iter(["deadbeef", "deadbeef", "deadbeef", "cafebabe"])
    monkeypatch.setattr(storage, "_random_suffix", lambda: next(suffixes))
    first = store.save_session(session)
    before = first.read_bytes()
    second = store.save_session(session.model_copy(update={"label": "second"}))
    assert first.name.endswith("-deadbeef.toml") and second.name.endswith("-cafebabe.toml")
    assert first.read_bytes() == before
    assert listed(store.sessions_dir) == {first.name, second.name}


def test_no_free_name_is_an_error_not_an_overwrite(
    store: Storage, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "_random_suffix", lambda: "deadbeef")
    first = store.save_session(session)
    with pytest.raises(StorageError, match="no free file name"):
        store.save_session(session.model_copy(update={"label": "second"}))
    assert listed(store.sessions_dir) == {first.name}
    assert store.load_session(first).label == "After the walk"


SAVER = """
import sys, time
from pathlib import Path
from nutri_tui.storage import sessions as storage
source, ready, go = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
store = storage.Storage()
session = store.load_session(source)
first = iter(["0badcafe"])
real = storage._random_suffix
storage._random_suffix = lambda: next(first, None) or real()
ready.touch()
deadline = time.monotonic() + 30
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.001)
print(store.save_session(session))
"""


def test_two_processes_saving_at_once_both_succeed(store: Storage, session: Session, tmp_path: Path) -> None:
    source = Storage(tmp_path / "source").save_session(session)
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(source), str(tmp_path / f"ready{i}"), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in range(2)
    ]
    deadline = time.monotonic() + 30
    while not all((tmp_path / f"ready{i}").exists() for i in range(2)) and time.monotonic() < deadline:
        time.sleep(0.005)
    go.touch()
    outputs = [proc.communicate(timeout=60) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    paths = {Path(out.strip()) for out, _ in outputs}
    assert len(paths) == 2  # both tried the same first name; one of them took another
    assert any(p.name.endswith("-0badcafe.toml") for p in paths)
    assert listed(store.sessions_dir) == {p.name for p in paths}
    assert all(store.load_session(p) == session for p in paths)


# -- hostile labels -----------------------------------------------------------------------------------

HOSTILE = [
    "../../x",
    "/etc/passwd",
    "..\\..\\windows\\system32",
    "C:\\x",
    "x/../../../../tmp/evil.toml",
    "a\x00b\x1b[2J\x07\r\nc\td\x7f\x9b",
    "\u202eevil\u2066.toml\u2028next",
    "\ud800 lone surrogate",
    "x" * 10_000,
]


@pytest.mark.parametrize("label", HOSTILE, ids=[str(i) for i in range(len(HOSTILE))])
def test_hostile_labels_stay_text_inside_the_file(
    store: Storage, content: Content, result: Assessment, label: str, tmp_path: Path
) -> None:
    path = store.save_session(make_session(Answers(), result, content.version, label=label, now=NOW))
    assert path.parent == store.sessions_dir and NAME.match(path.name)
    assert listed(store.sessions_dir) == {path.name}
    assert listed(store.root) == {"sessions"} and listed(tmp_path) == set()
    saved = store.load_session(path).label
    assert saved == clean_text(label) and len(saved) <= 200 and not CONTROL.search(saved)
    assert saved.strip() == saved and "\ud800" not in saved

    assert store.relabel_session(path, label) == path
    assert listed(store.sessions_dir) == {path.name}
    assert store.load_session(path).label == saved


def test_clean_text_examples() -> None:
    assert clean_text("  Monday\n\tmorning  ") == "Monday morning"
    assert clean_text("a\x1b[31mb") == "a[31mb"
    assert clean_text("x" * 500) == "x" * 200
    assert clean_text("🧘\u200d♀️ stretch") == "🧘\u200d♀️ stretch"  # a joiner is not a control character


def test_the_model_refuses_uncleaned_labels(session: Session) -> None:
    for label in ("a\nb", "x" * 201, "\u202e"):
        with pytest.raises(ValidationError, match="label"):
            Session.model_validate({**session.model_dump(), "label": label})


# -- relabel and delete -------------------------------------------------------------------------------


def test_relabel_rewrites_in_place(store: Storage, session: Session) -> None:
    path = store.save_session(session)
    assert store.relabel_session(path, "  Better  name ") == path
    loaded = store.load_session(path)
    assert loaded.label == "Better name"
    assert loaded.model_copy(update={"label": session.label}) == session
    assert listed(store.sessions_dir) == {path.name}


def test_delete_only_inside_the_sessions_folder(store: Storage, session: Session, tmp_path: Path) -> None:
    path = store.save_session(session)
    outside = tmp_path / "outside.toml"
    outside.write_bytes(path.read_bytes())
    link = store.sessions_dir / "link.toml"
    link.symlink_to(path)
    folder = store.sessions_dir / "folder.toml"
    folder.mkdir()
    sneaky = store.sessions_dir / ".." / "sessions" / ".." / "draft.toml"
    store.save_draft(make_draft("about", {}))
    for bad in (outside, link, folder, sneaky, store.sessions_dir / "missing.toml", store.root / "x.toml"):
        with pytest.raises(StorageError) as caught:
            store.delete_session(bad)
        assert one_line(str(caught.value))
    assert outside.exists() and link.is_symlink() and folder.is_dir() and store.draft_path.exists()
    with pytest.raises(StorageError):
        store.relabel_session(outside, "x")
    assert outside.read_bytes() == path.read_bytes()

    store.delete_session(path)
    assert not path.exists() and link.is_symlink()


def test_an_unreadable_session_can_be_deleted_but_not_relabelled(store: Storage, session: Session) -> None:
    store.save_session(session)
    bad = store.sessions_dir / "broken.toml"
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(StorageError, match="UTF-16"):
        store.relabel_session(bad, "x")
    assert bad.read_bytes() == b"\xff\xfe"
    store.delete_session(bad)
    assert not bad.exists()


# -- atomic writes ------------------------------------------------------------------------------------


def fail_on_call(real: Callable[..., Any], fail_at: int, error: BaseException) -> Callable[..., Any]:
    calls = iter(range(1, 1_000))

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if next(calls) == fail_at:
            raise error
        return real(*args, **kwargs)

    return wrapper


@pytest.mark.parametrize("name", ["fsync", "replace", "write"])
def test_a_failed_rewrite_leaves_the_old_file(
    store: Storage, session: Session, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = store.save_session(session)
    before = path.read_bytes()
    monkeypatch.setattr(os, name, fail_on_call(getattr(os, name), 1, OSError(errno.EIO, "Input/output error")))
    with pytest.raises(StorageError, match="Input/output error"):
        store.relabel_session(path, "new label")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert listed(store.sessions_dir) == {path.name}
    assert [e.path for e in store.list_sessions()] == [path]


@pytest.mark.parametrize("name", ["fsync", "link", "write"])
def test_a_failed_save_leaves_nothing(
    store: Storage, session: Session, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr(os, name, fail_on_call(getattr(os, name), 1, OSError(errno.EIO, "Input/output error")))
    with pytest.raises(StorageError):
        store.save_session(session)
    monkeypatch.undo()
    assert listed(store.sessions_dir) == set()
    assert store.list_sessions() == []


def test_an_interrupt_half_way_removes_the_temp_file(
    store: Storage, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_draft(make_draft("about", {}, now=NOW))
    before = store.draft_path.read_bytes()
    monkeypatch.setattr(os, "replace", fail_on_call(os.replace, 1, KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        store.save_draft(make_draft("diet", {}))
    monkeypatch.undo()
    assert store.draft_path.read_bytes() == before
    assert listed(store.root) == {"draft.toml"}


def test_a_full_disk(store: Storage, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = store.save_session(session)
    store.save_draft(make_draft("about", {}, now=NOW))
    before = {p: p.read_bytes() for p in (kept, store.draft_path)}
    real_write = os.write
    state = {"calls": 0}

    def write(fd: int, data: Any) -> int:  # the first write half succeeds, then the disk is full
        state["calls"] += 1
        if state["calls"] == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", write)
    for attempt in (lambda: store.save_session(session), lambda: store.save_draft(make_draft("diet", {}))):
        state["calls"] = 0
        with pytest.raises(StorageError, match="No space left on device") as caught:
            attempt()
        assert isinstance(caught.value.__cause__, OSError) and caught.value.__cause__.errno == errno.ENOSPC
        assert one_line(str(caught.value))
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in before} == before
    assert listed(store.sessions_dir) == {kept.name}
    assert listed(store.root) == {"sessions", "draft.toml"}


def test_a_result_too_large_to_read_back_is_not_saved(store: Storage, session: Session) -> None:
    lines = ("x" * 10_000,) * (MAX_BYTES // 10_000 + 1)  # each string in bounds, together too much
    huge = session.model_copy(update={"result": dataclasses.replace(session.result, summary=lines)})
    with pytest.raises(StorageError, match="too large to save"):
        store.save_session(huge)
    assert listed(store.sessions_dir) == set()


# -- a corpus of broken files -------------------------------------------------------------------------


def test_a_corpus_of_broken_files_is_listed_never_changed(
    store: Storage,
    session: Session,
    rich_session: Session,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The corpus of :mod:`tests.broken_sessions` in the default sessions folder, through the storage and then
    through ``nutri-tui sessions`` (text and ``--json``) and ``nutri-tui report``, each file left as it was.

    One test for both (it was one here and one in ``test_cli_sessions.py``, each writing and parsing the corpus
    again: parsing is most of the time). ``report`` reads each file with :meth:`Storage.load_session`, so its
    refusal is checked where it is raised (watched on the way through) and as the command prints it; the
    listing the commands show comes from the index that :meth:`Storage.list_sessions` brought up to date."""
    good_paths = [store.save_session(session), store.save_session(rich_session)]
    elsewhere = tmp_path / "good-elsewhere.toml"
    elsewhere.write_bytes(good_paths[0].read_bytes())
    expected = write_corpus(store.sessions_dir, session, elsewhere)
    assert len(expected) >= 30
    skipped = {".x.toml.0123abcd.tmp": b"half", "notes.txt": b"hello", "README": b"", ".hidden.tmp": b""}
    for name, body in skipped.items():
        (store.sessions_dir / name).write_bytes(body)
    before = {
        name: snapshot(store.sessions_dir / name) for name in os.listdir(store.sessions_dir) if not is_index_file(name)
    }

    entries = store.list_sessions()

    assert [e.path for e in entries[:2]] == [good_paths[1], good_paths[0]]
    assert all(isinstance(e, SavedSession) for e in entries[:2])
    unreadable = {e.path.name: e for e in entries[2:]}
    assert all(isinstance(e, UnreadableSession) and not e.readable for e in unreadable.values())
    assert set(unreadable) == set(expected)  # temp files and non-.toml files are not listed
    for name, reason in expected.items():
        got = unreadable[name].reason
        assert reason in got, (name, got)
        assert one_line(got) and len(got) <= 300, (name, got)
        with pytest.raises(StorageError):
            store.relabel_session(store.sessions_dir / name, "x")
    assert "(and " in unreadable["draft-as-session.toml"].reason  # several problems are counted

    # The command line on the same folder: the list as JSON and as text, then a report of each broken file.
    code, out, err = run(capsys, "sessions", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert [Path(e["path"]) for e in data[:2]] == [good_paths[1], good_paths[0]]
    listed_json = {Path(e["path"]).name: e for e in data[2:]}
    assert set(listed_json) == set(expected)
    for name, reason in expected.items():
        assert listed_json[name]["readable"] is False
        assert reason in listed_json[name]["reason"] and listed_json[name]["reason"] == unreadable[name].reason, name

    code, out, err = run(capsys, "sessions")
    assert code == 0 and err == ""
    assert f"{len(expected)} files that cannot be read (left as they are):" in out

    refused: list[str] = []
    load_session = Storage.load_session

    def watched(self: Storage, path: Path) -> Session:
        try:
            return load_session(self, path)
        except StorageError as error:
            refused.append(str(error))
            raise

    monkeypatch.setattr(Storage, "load_session", watched)
    for name, reason in expected.items():
        code, out, err = run(capsys, "report", store.sessions_dir / name)
        assert code == 2 and out == "", name
        [message] = refused
        refused.clear()
        got = unreadable[name].reason
        assert got in message and one_line(message), (name, message)  # the storage's own refusal
        assert err.count("\n") == 1 and err.startswith("nutri-tui: error: ") and one_line(err.rstrip("\n")), err
        assert reason in err and got in err, (name, err)
    monkeypatch.undo()

    after = {
        name: snapshot(store.sessions_dir / name) for name in os.listdir(store.sessions_dir) if not is_index_file(name)
    }
    assert after == before
    assert elsewhere.read_bytes() == good_paths[0].read_bytes()


def test_a_file_that_grows_past_the_limit_is_refused(store: Storage, session: Session) -> None:
    path = store.save_session(session)
    with path.open("ab") as handle:
        handle.truncate(MAX_BYTES + 1)
    [entry] = store.list_sessions()
    assert isinstance(entry, UnreadableSession) and "too large" in entry.reason


@pytest.mark.parametrize("where", ["head", "whole file"])
def test_an_unexpected_error_is_reported_by_type(
    store: Storage, session: Session, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "head":
        store.save_session(session)  # not in the index yet: listing reads the file's head
    else:  # a schema-1 file has no summary, so it is read in full
        store.sessions_dir.mkdir(parents=True)
        (store.sessions_dir / "old.toml").write_bytes((REPO / "tests/data/session-schema-1.toml").read_bytes())

    def explode(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("surprise\nsecond line")

    if where == "head":
        monkeypatch.setattr(listing, "read_head", explode)
    else:  # the listing imports it from session_file when it reads a whole file
        monkeypatch.setattr(session_file, "session_summary", explode)
    [entry] = store.list_sessions()
    assert isinstance(entry, UnreadableSession)
    assert entry.reason == "cannot read it (ZeroDivisionError: surprise second line)"
