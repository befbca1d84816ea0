"""The warm ``sessions --json`` writes a row's own ``created`` text and a cached tail (``cli/sessions_json.py``).

``canonical_moment`` must only say yes to a text ``isoformat`` gives back exactly, and a row whose values equal a
checked row's but are of another type (``1.0`` or ``5.0`` where an int is, which equal and hash as ints) must be
checked on its own, not written with the other's text.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nutri_tui.cli.sessions_json import entry_json
from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.profiles import default_profile
from nutri_tui.storage import Storage, make_session
from nutri_tui.storage.index import canonical_moment, moment_of
from tests.cli_run import run
from tests.index_rows import forge_row

PIECES = ["0", "1", "2", "5", "9", "12", "24", "29", "31", "60", "-", ":", "T", " ", ".", ",", "Z", "+", "000000"]


def _roundtrips(text: str) -> bool:
    moment = moment_of(text)
    return moment is not None and moment.isoformat() == text


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_a_canonical_moment_is_what_isoformat_gives_back_from_pieces(text: str) -> None:
    assert canonical_moment(text) == _roundtrips(text)


@settings(max_examples=600, deadline=None)
@given(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.integers(-23 * 60 - 59, 23 * 60 + 59),
    st.sampled_from(["auto", "microseconds", "seconds"]),
    st.sampled_from(["", "-00:00", "+00:60", "Z", "x"]),
)
def test_a_canonical_moment_is_what_isoformat_gives_back(moment: datetime, minutes: int, spec: str, end: str) -> None:
    text = moment.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat(timespec=spec)
    for each in (text, text[:-6] + end if end else text, text.replace("T", " "), text.replace(".", ",")):
        assert canonical_moment(each) == _roundtrips(each)


@pytest.fixture
def storage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Storage:
    monkeypatch.setenv("NUTRI_TUI_HOME", str(tmp_path))
    content = load_content()
    store = Storage(tmp_path)
    answers = Answers.model_validate({"back_pain": {"intensity": 5}}, context={"content": content})
    result = assess(answers, content)
    start = datetime(2026, 3, 1, 9, 0, 0, 123456, tzinfo=UTC)
    for n in range(4):
        store.save_session(make_session(answers, result, content.version, "same", start + timedelta(minutes=n)))
    return store


@pytest.mark.parametrize("columns", [{"pain": 5.0}, {"red_flag": 0.0}, {"red_flag": 1}, {"pain": 4}])
def test_a_row_like_a_checked_one_but_of_another_type_is_checked_itself(
    capsys: pytest.CaptureFixture[str], storage: Storage, columns: dict[str, object]
) -> None:
    assert run(capsys, "sessions", "--json")[0] == 0
    newest = sorted(p.name for p in storage.sessions_dir.glob("*.toml"))[-1]
    forge_row(storage, newest, **columns)  # the first row written: the others, after it, meet the cached tail
    forge_row(storage, sorted(p.name for p in storage.sessions_dir.glob("*.toml"))[0], **columns)
    code, out, err = run(capsys, "sessions", "--json")
    profile = default_profile(storage.root).name
    assert (code, err) == (0, "")
    assert out == json.dumps([entry_json(entry, profile) for entry in storage.list_sessions()]) + "\n"
