"""Issue 16, progress over time: the questionnaires' scores in the summary and the index, kept fast and safe.

The history lists 10,000 sessions from their heads and the index; the trend needs each result's scores, so
the ``[summary]`` keeps them (``instruments``) and so does the index (format 3). What was written before
must still list, correctly, and is never changed:

- a schema-4 file saved before the summary kept scores (``tests/data/session-schema-4.toml``, saved by
  issue 16's first part) has no ``instruments``: its head is not trusted, the whole file is read once;
- an index of format 2 (or 1) has records without scores: each file's first line is read once, and a file
  of schema 1-3 (which cannot hold a questionnaire) keeps its record; any other is read again.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Callable
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
from nutri_tui.storage import SavedSession, Storage, UnreadableSession, make_session
from nutri_tui.storage import sessions as storage
from nutri_tui.storage.heads import _WRITTEN_HEAD, _parse_head, no_questionnaire_possible
from nutri_tui.storage.index import INDEX_FORMAT, INDEX_NAME

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


@pytest.fixture
def scored(content: Content, make_answers: Callable[..., Answers]) -> Session:
    """Both questionnaires complete, as in the recorded schema-4 file."""
    recorded = tomllib.loads(SCHEMA_4.read_text(encoding="utf-8"))["answers"]
    answers = make_answers(
        back_pain={"areas": ["lower"], "intensity": 5, "start_back": recorded["back_pain"]["start_back"]},
        lifestyle={"phq4": recorded["lifestyle"]["phq4"]},
    )
    return make_session(answers, assess(answers, content), content.version, label="scored", now=NOW)


class Reads:
    """Counts whole-file reads and parses by the list."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.whole: list[Any] = []
        real = storage.decode_session

        def decode(raw: bytes) -> Any:
            self.whole.append(len(raw))
            return real(raw)

        monkeypatch.setattr(storage, "decode_session", decode)


def index_data(store: Storage) -> dict[str, Any]:
    return json.loads((store.sessions_dir / INDEX_NAME).read_text())


def write_index(store: Storage, data: dict[str, Any]) -> None:
    (store.sessions_dir / INDEX_NAME).write_text(json.dumps(data))


def as_format_2(store: Storage) -> None:
    """Turn the index into one an older nutri-tui wrote: format 2, records without scores."""
    data = index_data(store)
    data["format"] = 2
    for record in data["files"].values():
        record.pop("instruments", None)
    write_index(store, data)


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
    record = index_data(store)["files"][path.name]
    assert record["instruments"] == "phq4 4 mild anxiety=3 depression=1;start_back 7 high psychosocial=4"
    assert store.list_sessions() == [entry] and reads.whole == []  # from the index
    assert index_data(store)["format"] == INDEX_FORMAT == 3


def test_an_incomplete_questionnaire_is_not_summarised(store: Storage, content: Content, make_answers) -> None:
    answers = make_answers(back_pain={"areas": ["lower"], "start_back": {"leg_pain": "agree"}})
    path = store.save_session(make_session(answers, assess(answers, content), content.version, now=NOW))
    assert tomllib.loads(path.read_text())["summary"]["instruments"] == []
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.instruments == ()


def test_a_summary_whose_scores_disagree_at_the_same_size_is_corrected_when_opened(
    store: Storage, scored: Session
) -> None:
    path = store.save_session(scored)
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
    store: Storage, scored: Session, written: bytes, reason: str
) -> None:
    path = store.save_session(scored)
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
    assert storage.session_summary(path, session) == entry
    assert "PHQ-4 (Patient Health Questionnaire-4)" in " ".join(compare_sessions(session, session, content))
    assert "Progress over time" in render_markdown(session, content, [entry, entry])
    assert path.read_bytes() == original  # reading never rewrites a file


def test_an_index_of_format_2_keeps_records_of_files_that_cannot_hold_a_score(
    store: Storage, scored: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The upgrade reads a line of each file, never the whole of an older history again."""
    old = copy_in(store, SCHEMA_3)  # schema 3: before the questionnaires
    recorded = copy_in(store, SCHEMA_4)  # schema 4 without scores in its summary
    current = store.save_session(scored)
    first = {e.path.name: e for e in store.list_sessions()}
    as_format_2(store)
    reads = Reads(monkeypatch)
    again = {e.path.name: e for e in store.list_sessions()}
    assert again == first
    assert reads.whole == [len(SCHEMA_4.read_bytes())]  # only the schema-4 file: its scores are not in its head
    assert again[old.name].instruments == () and again[recorded.name].instruments == SCORED
    assert again[current.name].instruments == SCORED  # from its head
    data = index_data(store)
    assert data["format"] == INDEX_FORMAT and all("instruments" in r for r in data["files"].values())
    store.list_sessions()
    assert len(reads.whole) == 1  # upgraded once


def test_a_record_without_scores_in_a_current_index_is_read_again(store: Storage, scored: Session) -> None:
    """An older nutri-tui's records saved again by this one (opening a file rewrites one record only)."""
    path = store.save_session(scored)
    store.list_sessions()
    data = index_data(store)
    data["files"][path.name].pop("instruments")
    write_index(store, data)
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.instruments == SCORED


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
        [["phq4", 4, "mild", []]],
        None,
        True,
    ],
)
def test_a_malformed_score_in_the_index_is_not_trusted(store: Storage, scored: Session, bad: Any) -> None:
    path = store.save_session(scored)
    store.list_sessions()
    data = index_data(store)
    data["files"][path.name]["instruments"] = bad
    write_index(store, data)
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession) and entry.instruments == SCORED  # the file's own head instead


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (b"# nutri-tui session file (schema 3); see docs/session-format.md\nschema_version = 3\n", True),
        (b"schema_version = 1\r\n", True),
        (b"\xef\xbb\xbfschema_version = 2\n", True),
        (b"schema_version = 4\n", False),
        (b"schema_version = 03\n", False),  # not TOML
        (b"schema_version = 10\n", False),
        (b'schema_version = "3"\n', False),
        (b"label = 'x'\nschema_version = 3\n", False),
        (b"", False),
    ],
)
def test_only_a_file_that_says_schema_1_to_3_cannot_hold_a_score(start: bytes, expected: bool) -> None:
    assert no_questionnaire_possible(start) is expected
