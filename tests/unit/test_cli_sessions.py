"""The command line for saved sessions: sessions, assess --save, report, open, --data-dir and --where."""

from __future__ import annotations

import gc
import json
import os
import stat
import sys
import types
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from nutri_tui.content import Content, find_content_dir
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import result_adapter
from nutri_tui.models.session import SESSION_SCHEMA_VERSION, Session
from nutri_tui.paths import cache_dir
from nutri_tui.storage import Storage, make_session
from nutri_tui.storage.index_db import is_index_file
from tests.broken_sessions import changed
from tests.cli_run import run

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
NOW = datetime(2026, 11, 26, 6, 40, 12, tzinfo=UTC)


def one_error_line(err: str) -> bool:
    return err.count("\n") == 1 and err.endswith("\n") and err.startswith("nutri-tui")


def listed(folder: Path) -> set[str]:
    return {n for n in os.listdir(folder) if not is_index_file(n)} if folder.exists() else set()


@pytest.fixture
def session(content: Content) -> Session:
    return make_session(Answers(), assess(Answers(), content), content.version, label="After the walk", now=NOW)


@pytest.fixture
def saved(private_home: Path, content: Content, session: Session) -> list[Path]:
    """Two readable sessions in the default folder: an older quiet one and a newer one with a red flag."""
    from nutri_tui.storage.answers_file import read_answers

    answers = read_answers(EXAMPLES / "emergency-red-flag.toml", content)
    urgent = make_session(answers, assess(answers, content), content.version, label="", now=NOW + timedelta(hours=1))
    store = Storage()
    return [store.save_session(session), store.save_session(urgent)]


# -- sessions ---------------------------------------------------------------------------------------


def test_help_lists_the_new_commands(capsys) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for word in ("sessions", "report", "open", "--data-dir", "--where"):
        assert word in out


def test_sessions_when_there_are_none(capsys, private_home: Path) -> None:
    code, out, err = run(capsys, "sessions")
    assert code == 0 and err == ""
    folder = private_home / "sessions"  # on a line of its own when the sentence would pass 80 columns
    assert out in (f"No saved sessions yet (in {folder}).\n", f"No saved sessions yet, in:\n  {folder}\n")
    code, out, err = run(capsys, "sessions", "--json")
    assert (code, json.loads(out), err) == (0, [], "")
    assert listed(private_home) == set()  # listing creates nothing


def test_sessions_lists_newest_first(capsys, saved: list[Path]) -> None:
    code, out, err = run(capsys, "sessions")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "2 saved sessions, newest first (with the nutrients worth checking):"
    newer, older = NOW + timedelta(hours=1), NOW
    assert lines[1] == f"  {newer.astimezone():%Y-%m-%d %H:%M}  (no label)  pain 8/10  RED FLAG"
    assert lines[3] == f"    {saved[1]}"
    assert lines[4] == f'  {older.astimezone():%Y-%m-%d %H:%M}  "After the walk"  pain not given  no red flag'
    assert lines[6] == f"    {saved[0]}"
    assert len(lines) == 7


def test_sessions_names_the_top_nutrients(capsys, private_home: Path) -> None:
    code, out, _ = run(capsys, "assess", EXAMPLES / "vegan.toml", "--save", "--label", "vegan")
    assert code == 0
    code, out, _ = run(capsys, "sessions")
    assert out.splitlines()[2] == "    high: Vitamin D, Vitamin B12, Calcium; moderate: Iron, Omega-3 fatty acids"


def test_sessions_json_lists_unreadable_files_with_a_reason(capsys, saved: list[Path]) -> None:
    broken = saved[0].parent / "broken.toml"
    broken.write_bytes(b"schema_version = \n")
    code, out, err = run(capsys, "sessions", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert [entry["path"] for entry in data] == [str(saved[1]), str(saved[0]), str(broken)]
    first = data[0]
    assert set(first) == {
        "path",
        "profile",  # whose results (the default profile's name here)
        "readable",
        "created",
        "label",
        "pain_intensity",
        "red_flag",
        "top_nutrients",
        "content_version",
        "instruments",
    }
    assert first["instruments"] == []  # no questionnaire answered (tests/unit/test_progress_cli.py has them)
    assert first["readable"] is True and first["red_flag"] is True and first["pain_intensity"] == 8
    assert datetime.fromisoformat(first["created"]) == NOW + timedelta(hours=1)
    assert data[1]["label"] == "After the walk" and data[1]["pain_intensity"] is None
    assert all(set(n) == {"id", "level"} for entry in data[:2] for n in entry["top_nutrients"])
    assert data[2] == {"path": str(broken), "profile": "Default", "readable": False, "reason": data[2]["reason"]}
    assert data[2]["reason"].startswith("not valid TOML")

    code, out, err = run(capsys, "sessions")
    assert code == 0 and err == ""
    assert out.splitlines()[-3:] == [
        "1 file that cannot be read (left as it is):",
        f"  {broken}",
        f"    {data[2]['reason']}",
    ]


def test_sessions_escapes_unprintable_file_names(capsys, saved: list[Path]) -> None:
    odd = saved[0].parent / "\x1b]0;pwned\x07.toml"
    odd.write_bytes(b"")
    code, out, _ = run(capsys, "sessions")
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    lines = out.splitlines()
    assert lines[lines.index(f"  {saved[0].parent}/\\x1b]0;pwned\\x07.toml") + 1] == "    empty file"
    _, out, _ = run(capsys, "sessions", "--json")
    assert json.loads(out)[-1]["path"] == str(odd)


def test_sessions_when_the_folder_cannot_be_listed(capsys, tmp_path: Path) -> None:
    (tmp_path / "sessions").write_text("not a folder")
    code, out, err = run(capsys, "--data-dir", tmp_path, "sessions")
    assert code == 1 and out == "" and one_error_line(err)
    assert "cannot list it" in err


# -- assess --save ----------------------------------------------------------------------------------


def test_assess_save_prints_the_path_last_and_the_file_loads(capsys, private_home: Path, content: Content) -> None:
    code, out, err = run(capsys, "assess", EXAMPLES / "older-several-medicines.toml", "--save")
    assert code == 0 and err == ""
    *text, last = out.splitlines()
    assert text[0].startswith("nutri-tui result (knowledge base ")
    path = Path(last)
    assert path.parent == private_home / "sessions" and path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    session = Storage().load_session(path)
    assert session.label == "" and session.content_version == content.version
    assert session.answers.health.medicines == ("omeprazole", "metformin", "hydrochlorothiazide", "alendronate")
    assert session.result == assess(session.answers, content)
    assert listed(private_home) == {"sessions"}  # no draft is made or touched


def test_assess_json_save_prints_one_json_document_with_the_path_in_it(capsys, private_home: Path) -> None:
    """stdout is the JSON alone (``jq`` reads it): the saved file is its ``saved_to``, and the plan is in it."""
    code, out, _ = run(capsys, "assess", EXAMPLES / "emergency-red-flag.toml", "--json", "--save")
    assert code == 0
    data = json.loads(out)
    session = Storage().load_session(Path(data.pop("saved_to")))
    plan = data.pop("plan")
    assert data == result_adapter().dump_python(session.result, mode="json") and data["emergency"] is True
    assert plan[0]["title"] == "Warning signs"
    assert plan[0]["lines"][0]["text"].startswith("EMERGENCY: Get help now. You said you have")


def test_assess_save_stores_the_cleaned_label(capsys, private_home: Path) -> None:
    code, out, _ = run(capsys, "assess", EXAMPLES / "vegan.toml", "--save", "--label", "  Monday\n\tmorning \x1b[31m ")
    assert code == 0
    assert Storage().load_session(Path(out.splitlines()[-1])).label == "Monday morning [31m"


@pytest.mark.parametrize("label", ["../../escaped", "/etc/passwd", "..", "a/b\\c.toml", "\u202eevil\u2066", "x" * 5000])
def test_a_hostile_label_stays_inside_the_folder(capsys, tmp_path: Path, label: str) -> None:
    home = tmp_path / "home"
    code, out, _ = run(capsys, "--data-dir", home, "assess", EXAMPLES / "vegan.toml", "--save", "--label", label)
    assert code == 0
    path = Path(out.splitlines()[-1])
    assert path.parent == home / "sessions" and listed(home / "sessions") == {path.name}
    assert listed(home) == {"sessions"} and listed(tmp_path) == {"home"}
    saved = Storage(home).load_session(path).label
    assert len(saved) <= 200 and "\u202e" not in saved


def test_label_without_save_is_bad_usage(capsys, private_home: Path) -> None:
    code, out, err = run(capsys, "assess", EXAMPLES / "vegan.toml", "--label", "x")
    assert code == 2 and out == "" and one_error_line(err) and "--save" in err
    assert listed(private_home) == set()


def test_a_failed_save_is_one_line_and_exit_1(capsys, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    code, out, err = run(capsys, "--data-dir", blocker, "assess", EXAMPLES / "vegan.toml", "--save")
    assert code == 1
    assert out.startswith("nutri-tui result") and "sessions" not in out.splitlines()[-1]
    assert one_error_line(err) and "not saved" in err and str(blocker) in err
    assert blocker.read_text() == "a file where the data folder should be"


# -- report -----------------------------------------------------------------------------------------


def test_report_prints_markdown(capsys, saved: list[Path]) -> None:
    code, out, err = run(capsys, "report", saved[0])
    assert code == 0 and err == ""
    assert out.startswith("# nutri-tui summary, 2026-11-26 06:40 UTC: After the walk\n")
    assert "not a diagnosis" in out and "## Sources" in out


def test_report_accepts_a_file_outside_the_folder(capsys, saved: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "copy.toml"
    copy.write_bytes(saved[1].read_bytes())
    code, out, _ = run(capsys, "report", copy)
    assert code == 0 and "**EMERGENCY**" in out


REPORT_BAD = {
    "missing.toml": (None, "no such file"),
    "broken.toml": (b"schema_version = 1\nlabel = \n", "not valid TOML"),
    "binary.toml": (bytes(range(256)), "not a text file"),
    "empty.toml": (b"", "empty file"),
    "answers-file.toml": ((EXAMPLES / "vegan.toml").read_bytes(), "required field is missing"),
}


@pytest.mark.parametrize("name", REPORT_BAD)
def test_report_on_a_bad_file_is_one_line_and_exit_2(capsys, tmp_path: Path, name: str) -> None:
    body, reason = REPORT_BAD[name]
    path = tmp_path / name
    if body is not None:
        path.write_bytes(body)
    code, out, err = run(capsys, "report", path)
    assert code == 2 and out == "" and one_error_line(err)
    assert err.startswith(f"nutri-tui: error: {path}: ") and reason in err


def test_report_on_a_newer_schema_is_one_line_and_exit_2(capsys, tmp_path: Path, session: Session) -> None:
    path = tmp_path / "future.toml"
    path.write_bytes(changed(session, schema_version=SESSION_SCHEMA_VERSION + 1))
    code, out, err = run(capsys, "report", path)
    assert code == 2 and out == "" and one_error_line(err)
    assert f"written by a newer nutri-tui (schema {SESSION_SCHEMA_VERSION + 1})" in err


def test_report_output_writes_a_private_file(capsys, saved: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "for-dr-lee.md"
    code, out, err = run(capsys, "report", saved[1], "--output", target)
    assert code == 0 and err == ""
    assert out in (f"Report written to {target}\n", f"Report written to:\n  {target}\n")  # a long path: below
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    _, printed, _ = run(capsys, "report", saved[1])
    assert target.read_text(encoding="utf-8") == printed
    assert listed(tmp_path) == {"for-dr-lee.md"}  # no temp file left behind


def test_report_output_never_overwrites(capsys, saved: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("my own notes")
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere.md")
    for path in (target, link):
        code, out, err = run(capsys, "report", saved[0], "--output", path)
        assert code == 2 and out == "" and one_error_line(err) and "already exists" in err
    assert target.read_text() == "my own notes" and not (tmp_path / "nowhere.md").exists()
    assert listed(tmp_path) == {"notes.md", "link.md"}


def test_report_output_into_a_missing_folder(capsys, saved: list[Path], tmp_path: Path) -> None:
    code, out, err = run(capsys, "report", saved[0], "--output", tmp_path / "no" / "such.md")
    assert code == 1 and out == "" and one_error_line(err) and "the folder does not exist" in err
    code, _, err = run(capsys, "report", saved[0], "--output", tmp_path)
    assert code == 2 and one_error_line(err) and "is a folder" in err


def test_report_on_a_bad_session_writes_no_output_file(capsys, tmp_path: Path) -> None:
    code, _, _ = run(capsys, "report", tmp_path / "missing.toml", "--output", tmp_path / "out.md")
    assert code == 2 and listed(tmp_path) == set()


# -- --where and --data-dir -------------------------------------------------------------------------


def where_lines(root: Path) -> list[str]:
    return [
        f"data: {root}",
        f"sessions: {root / 'sessions'}",
        f"draft: {root / 'draft.toml'}",
        f"content: {find_content_dir()}",
        f"cache: {cache_dir()}",
    ]


def test_where_prints_the_folders_in_use(capsys, private_home: Path) -> None:
    code, out, err = run(capsys, "--where")
    assert code == 0 and err == "" and out.splitlines() == where_lines(private_home)
    assert listed(private_home) == set()


@pytest.mark.parametrize("position", ["before", "after"])
def test_where_and_data_dir_work_around_a_sub_command(capsys, tmp_path: Path, position: str) -> None:
    argv = ["--data-dir", str(tmp_path), "--where"]
    argv = [*argv, "sessions"] if position == "before" else ["sessions", *argv]
    code, out, _ = run(capsys, *argv)
    assert code == 0 and out.splitlines() == where_lines(tmp_path)


def test_data_dir_overrides_nutri_tui_home(capsys, private_home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    code, out, _ = run(capsys, "--data-dir", other, "assess", EXAMPLES / "vegan.toml", "--save", "--label", "there")
    assert code == 0 and Path(out.splitlines()[-1]).parent == other / "sessions"
    assert listed(private_home) - {"cache"} == set()  # no data there: the content cache is not data
    code, out, _ = run(capsys, "sessions", "--json")
    assert json.loads(out) == []
    for argv in (["--data-dir", other, "sessions", "--json"], ["sessions", "--json", "--data-dir", other]):
        code, out, _ = run(capsys, *argv)
        assert [entry["label"] for entry in json.loads(out)] == ["there"]


def test_data_dir_relative_and_tilde_are_made_absolute(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "house"))
    _, out, _ = run(capsys, "--data-dir", "rel", "--where")
    assert out.splitlines()[0] == f"data: {tmp_path / 'rel'}"
    _, out, _ = run(capsys, "--data-dir", "~/nt", "--where")
    assert out.splitlines()[0] == f"data: {tmp_path / 'house' / 'nt'}"


def test_an_empty_data_dir_is_bad_usage(capsys) -> None:
    code, out, err = run(capsys, "--data-dir", "", "sessions")
    assert code == 2 and out == "" and one_error_line(err)


# -- a corpus of broken files -----------------------------------------------------------------------
# ``sessions`` (text and --json) and ``report`` over the corpus of tests/broken_sessions.py: in
# tests/unit/test_storage.py::test_a_corpus_of_broken_files_is_listed_never_changed, on the same folder the
# storage lists, so the corpus is written and parsed once for both.


# -- open -------------------------------------------------------------------------------------------


class FakeApp:
    """Stands in for NutriTuiApp: records how it was made and that it ran, without a terminal."""

    made: list[dict[str, Any]]
    ends: list[bool]
    """Per run: whether the command said the process ends with the app (what it froze then stays frozen)."""

    startup_error = None
    return_code = 0

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        type(self).collecting = gc.isenabled()

    def run(self) -> None:
        type(self).made.append(self.kwargs)
        type(self).ends.append(getattr(self, "ends_process", False))


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> type[FakeApp]:
    """``nutri_tui.tui.app`` replaced by a module holding :class:`FakeApp`, so no UI is imported or started."""
    fake = type("Fake", (FakeApp,), {"made": [], "ends": []})
    monkeypatch.setitem(sys.modules, "nutri_tui.tui.app", types.SimpleNamespace(NutriTuiApp=fake))
    return fake


def test_open_starts_the_app_on_the_session(capsys, fake_app: type[FakeApp], saved: list[Path], tmp_path) -> None:
    code, out, err = run(capsys, "--data-dir", tmp_path, "open", saved[1])
    assert (code, out, err) == (0, "", "")
    [kwargs] = fake_app.made
    assert set(kwargs) == {"storage", "open_session", "open_path", "data"}
    assert kwargs["storage"].root == kwargs["data"] == tmp_path  # the default profile is the data folder
    assert kwargs["open_session"] == Storage().load_session(saved[1])
    assert kwargs["open_path"] == saved[1]
    assert fake_app.ends == [True]  # the process ends with the app: no unfreezing, no full collection on the way out


def test_starting_the_app_says_the_process_ends_with_it(capsys, fake_app: type[FakeApp], tmp_path) -> None:
    """Unfreezing what the app froze for the collector (NutriTuiApp.on_unmount) only bought a full collection on
    the way out of a process that was ending anyway: quitting took 398 ms against 232 ms (pty, median of 6)."""
    try:
        code, _, err = run(capsys, "--data-dir", tmp_path)
    finally:
        gc.enable()  # the welcome screen's settle_start_up turns it back on; the stand-in never paints
    assert (code, err) == (0, "")
    assert len(fake_app.made) == 1 and fake_app.ends == [True]
    assert fake_app.collecting is False  # start-up's objects made without the collector going over them


def test_open_in_plain_mode_says_the_result_without_the_app(
    capsys, fake_app: type[FakeApp], saved: list[Path], tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--plain open`` (and ``open`` where the app cannot work: TERM=dumb, input not a terminal) says the saved
    result as plain mode does, after the note the app shows; no app is started."""
    session = Storage().load_session(saved[1])
    for argv, term, after in (
        (("--plain", "open"), "xterm-256color", ()),
        (("open",), "xterm-256color", ("--plain",)),
        (("open",), "dumb", ()),
    ):
        monkeypatch.setenv("TERM", term)
        code, out, err = run(capsys, "--data-dir", tmp_path, *argv, saved[1], *after)
        lines = out.splitlines()
        assert (code, err) == (0, "") and lines[0].endswith("(read-only).") and lines[1] == ""
        assert session.result.disclaimer in out and "1. Warning signs: " in out
    assert fake_app.made == []


@pytest.mark.parametrize("name", ["missing.toml", "broken.toml"])
def test_open_refuses_a_bad_file_before_the_app(capsys, fake_app: type[FakeApp], tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name == "broken.toml":
        path.write_bytes(b"\x00\x01")
    code, out, err = run(capsys, "open", path)
    assert code == 2 and out == "" and one_error_line(err) and str(path) in err
    assert fake_app.made == []


def test_the_bare_app_uses_the_data_dir(capsys, fake_app: type[FakeApp], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "--data-dir", tmp_path)
    [kwargs] = fake_app.made
    assert code == 0 and kwargs["root"] == tmp_path
