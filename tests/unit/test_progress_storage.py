"""Issue 16, progress over time: the questionnaires' scores in the summary and the index, kept fast and safe.

The history lists 10,000 sessions from their heads and the index; the trend needs each result's scores, so
the ``[summary]`` keeps them (``instruments``) and so does each row of the index. What was written before
must still list, correctly, and is never changed:

- a schema-4 file saved before the summary kept scores (``tests/data/session-schema-4.toml``, saved by
  issue 16's first part) has no ``instruments``: its head is not trusted, the whole file is read once;
- an older nutri-tui's JSON index (``.index.json``, whose records of formats 1 and 2 had no scores) is
  neither read nor changed: its files are read again from their heads (or in full) once, into the SQLite one.
"""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.session import ScoreSummary, Session
from nutri_tui.reports.comparison import compare_sessions
from nutri_tui.reports.markdown import render_markdown
from nutri_tui.storage import SavedSession, Storage, UnreadableSession, make_session, session_file
from nutri_tui.storage.heads import _WRITTEN_HEAD, _parse_head
from nutri_tui.storage.index_db import INDEX_FORMAT
from tests.index_rows import forge_row, forget_index, index_meta, index_rows
from tests.unit._saved import SavedOnce

DATA = Path(__file__).resolve().parents[1] / "data"
SCHEMA_4 = DATA / "session-schema-4.toml"
SCHEMA_3 = DATA / "session-schema-3.toml"
NOW = datetime(2026, 11, 26, 6, 40, 12, tzinfo=UTC)
SCORED = (
    ScoreSummary("phq4", 4, "mild", (("anxiety", 3), ("depression", 1))),
    ScoreSummary("start_back", 7, "high", (("psychosocial", 4),)),
)
"""What tests/data/session-schema-4.toml's result scored (and what ``scored`` below scores)."""


@pytest.fixture
def store(private_home: Path) -> Storage:
    return Storage()


@pytest.fixture(scope="module")
def scored(content: Content) -> Session:
    """Both questionnaires complete, as in the recorded schema-4 file."""
    recorded = tomllib.loads(SCHEMA_4.read_text(encoding="utf-8"))["answers"]
    sections = {
        "back_pain": {"areas": ["lower"], "intensity": 5, "start_back": recorded["back_pain"]["start_back"]},
        "lifestyle": {"phq4": recorded["lifestyle"]["phq4"]},
    }
    answers = Answers.model_validate(sections, context={"content": content})
    return make_session(answers, assess(answers, content), content.version, label="scored", now=NOW)


@pytest.fixture(scope="module")
def saved(scored: Session, tmp_path_factory: pytest.TempPathFactory) -> SavedOnce:
    """``scored`` saved once, copied into each test that only needs it saved (``tests/unit/_saved.py``)."""
    return SavedOnce(tmp_path_factory.mktemp("saved"), scored)


class Reads:
    """Counts whole-file reads and parses by the list."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.whole: list[Any] = []
        real = session_file.decode_session

        def decode(raw: bytes) -> Any:
            self.whole.append(len(raw))
            return real(raw)

        monkeypatch.setattr(session_file, "decode_session", decode)  # the listing imports it when it reads


def copy_in(store: Storage, recorded: Path) -> Path:
    store.sessions_dir.mkdir(parents=True, exist_ok=True)
    path = store.sessions_dir / recorded.name
    shutil.copyfile(recorded, path)
    return path


# -- what is written and listed -----------------------------------------------------------------------


def test_the_summary_keeps_each_complete_score_and_the_list_reads_it_from_the_head(
    store: Storage, scored: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save_session(scored)
    data = path.read_bytes()
    head = data[: data.index(b"\n[answers]\n") + 1].decode()
    assert (
        'instruments = [{ id = "phq4", total = 4, band = "mild", subscales = { anxiety = 3, depression = 1 } }, '
        '{ id = "start_back", total = 7, band = "high", subscales = { psychosocial = 4 } }]\nfile_size = '
    ) in head
    assert _WRITTEN_HEAD.fullmatch(head) and _parse_head(head.encode()) == tomllib.loads(head)
    reads = Reads(monkeypatch)
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.instruments == SCORED and reads.whole == []
    record = index_rows(store)[path.name]
    assert record["instruments"] == "phq4 4 mild anxiety=3 depression=1;start_back 7 high psychosocial=4"
    assert store.list_sessions() == [entry] and reads.whole == []  # from the index
    assert index_meta(store)["format"] == str(INDEX_FORMAT) == "5"


def test_an_incomplete_questionnaire_is_not_summarised(store: Storage, content: Content, make_answers) -> None:
    answers = make_answers(back_pain={"areas": ["lower"], "start_back": {"leg_pain": "agree"}})
    path = store.save_session(make_session(answers, assess(answers, content), content.version, now=NOW))
    assert tomllib.loads(path.read_text())["summary"]["instruments"] == []
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.instruments == ()


def test_a_summary_whose_scores_disagree_at_the_same_size_is_corrected_when_opened(
    store: Storage, scored: Session, saved: SavedOnce
) -> None:
    path = saved.into(store)
    path.write_bytes(path.read_bytes().replace(b'total = 7, band = "high"', b'total = 8, band = "high"'))
    before = path.read_bytes()
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.instruments[1].total == 8  # the documented limit
    assert store.load_session(path) == scored
    [again] = store.list_sessions()
    assert isinstance(again, SavedSession) and again.instruments == SCORED
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        (
            b'instruments = [{ id = "phq4", total = 99999, band = "mild", subscales = {} }]',
            "summary.instruments.0.total",
        ),
        (b'instruments = [{ id = "PHQ", total = 1, band = "mild", subscales = {} }]', "summary.instruments.0.id"),
        (
            b'instruments = [{ id = "phq4", total = 1, band = "mild", subscales = [] }]',
            "summary.instruments.0.subscales",
        ),
        (b'instruments = [{ id = "phq4", total = 1, band = "mild", mood = 1 }]', "summary.instruments.0.mood"),
        (b"instruments = [[1, 2]]", "summary.instruments.0"),
        (b'instruments = "none"', "summary.instruments"),
        (
            b'instruments = [{ id = "phq4", total = 1, band = "a" }, { id = "phq4", total = 1, band = "a" }]',
            "appears more than once",
        ),
    ],
)
def test_malformed_scores_in_a_summary_make_the_file_unreadable_with_a_reason(
    store: Storage, saved: SavedOnce, written: bytes, reason: str
) -> None:
    path = saved.into(store)
    data = path.read_bytes()
    start = data.index(b"\ninstruments = ") + 1
    edited = data[:start] + written + data[data.index(b"\n", start) :]
    path.write_bytes(edited)
    [entry] = store.list_sessions()
    assert isinstance(entry, UnreadableSession) and reason in entry.reason, entry
    assert path.read_bytes() == edited  # reported, never changed


# -- written before the summary kept scores -----------------------------------------------------------


def test_a_recorded_schema_4_file_without_scores_in_its_summary_lists_them_from_a_whole_read(
    store: Storage, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = SCHEMA_4.read_bytes()
    summary = tomllib.loads(original.decode())["summary"]
    assert "instruments" not in summary and summary["file_size"] == len(original)  # as issue 16's first part wrote it
    path = copy_in(store, SCHEMA_4)
    reads = Reads(monkeypatch)
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.instruments == SCORED and len(reads.whole) == 1
    assert store.list_sessions() == [entry] and len(reads.whole) == 1  # once: then from the index
    session = store.load_session(path)
    assert session_file.session_summary(path, session) == entry
    assert "PHQ-4 (Patient Health Questionnaire-4)" in " ".join(compare_sessions(session, session, content))
    assert "Progress over time" in render_markdown(session, content, [entry, entry])
    assert path.read_bytes() == original  # reading never rewrites a file


def test_an_older_nutri_tuis_json_index_is_left_alone_and_the_files_list_as_without_it(
    store: Storage, saved: SavedOnce, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its records (format 2: no scores) match the files' keys and lie; none is used, and the file stays as it was
    for that older version. Each file is read once, exactly as a first listing without it reads them."""
    old = copy_in(store, SCHEMA_3)  # schema 3: before the questionnaires
    recorded = copy_in(store, SCHEMA_4)  # schema 4 without scores in its summary
    current = saved.into(store)
    reads = Reads(monkeypatch)
    without = {e.path.name: e for e in store.list_sessions()}
    whole_without = sorted(reads.whole)
    assert whole_without == sorted([len(SCHEMA_3.read_bytes()), len(SCHEMA_4.read_bytes())])  # no trusted head
    assert without[old.name].instruments == () and without[recorded.name].instruments == SCORED
    assert without[current.name].instruments == SCORED  # from its head

    records = {}
    for path in (old, recorded, current):
        info = path.stat()
        records[path.name] = {
            "created": "2020-01-01T00:00:00+00:00",
            "label": "from the old index",
            "pain": 9,
            "red_flag": True,
            "top": [["vitamin_d", "high"]],
            "content_version": "1.0.0",
            "key": [info.st_size, info.st_mtime_ns, info.st_ino],
        }
    records["gone.toml"] = {"reason": "\x1b]0;pwned\x07 a file that is not there"}
    json_index = store.sessions_dir / ".index.json"
    json_index.write_bytes(json.dumps({"format": 2, "app": "0.1.0", "files": records}).encode())
    os.chmod(json_index, 0o600)
    before = (json_index.read_bytes(), json_index.stat().st_mode, json_index.stat().st_mtime_ns)
    forget_index(store)
    reads.whole.clear()

    assert {e.path.name: e for e in store.list_sessions()} == without
    assert sorted(reads.whole) == whole_without  # read as a first listing reads them, once
    assert {e.path.name: e for e in store.list_sessions()} == without
    assert sorted(reads.whole) == whole_without  # then from the SQLite index
    assert set(index_rows(store)) == set(without)
    assert (json_index.read_bytes(), json_index.stat().st_mode, json_index.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    "bad",
    [
        "phq4 -1 mild",
        "phq4 1001 mild",
        "phq4 01 mild",
        "phq4 4 mild anxiety=3 anxiety=1",
        "phq4 4 mild Anxiety=3",
        "PHQ4 4 mild",
        "phq4 4 mild\n",
        "phq4 4 mild;phq4 4 mild",
        "phq4 4",
        "phq4 4 mild;",
        ";".join(f"s{n} 1 b" for n in range(21)),
        '[["phq4", 4, "mild", []]]',
        b"phq4 4 mild anxiety=3 depression=1;start_back 7 high psychosocial=4",  # bytes, not text
        None,  # no scores kept (as the JSON index's records of formats 1 and 2)
        True,
        4.5,
    ],
)
def test_a_malformed_score_in_the_index_is_not_trusted(store: Storage, saved: SavedOnce, bad: Any) -> None:
    path = saved.into(store)
    store.list_sessions()
    good = index_rows(store)[path.name]
    forge_row(store, path.name, instruments=bad)
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.instruments == SCORED  # the file's own head instead
    assert index_rows(store)[path.name] == good  # and the row put right
