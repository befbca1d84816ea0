"""Schema 2: the [summary] head that lets the history list a session without parsing the whole file.

The head is an accelerator, never the truth: these tests check that the list reads only heads when
it can, reads whole files whenever a head cannot be trusted, that opening a file always reads all
of it, and that a recorded schema-1 file still loads, migrates and lists.
"""

from __future__ import annotations

import os
import shutil
import stat
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.session import SESSION_SCHEMA_VERSION, Session, migrate
from nutri_tui.storage import (
    SavedSession,
    SessionEntry,
    Storage,
    StorageError,
    UnreadableSession,
    listing,
    make_session,
    private_files,
    session_file,
)
from nutri_tui.storage import heads as session_index
from nutri_tui.storage.heads import HEAD_MAX, read_head
from nutri_tui.storage.index_db import INDEX_NAME
from tests.index_rows import forget_index, index_rows

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "session-schema-1.toml"
NOW = datetime(2026, 11, 26, 6, 40, 12, tzinfo=UTC)


@pytest.fixture
def store(private_home: Path) -> Storage:
    return Storage()


@pytest.fixture
def rich(content: Content, make_answers: Callable[..., Answers]) -> Session:
    """Pain 7, a red flag, and nutrients rated high: every summary field is set."""
    answers = make_answers(
        about={"age": 70, "diet": "vegan"},
        sun={"outdoor_minutes": "under_15", "season": "winter", "housebound": True},
        back_pain={"areas": ["lower"], "intensity": 7, "red_flags": {next(iter(content.red_flags)): "yes"}},
    )
    return make_session(answers, assess(answers, content), content.version, label="rich", now=NOW)


@pytest.fixture
def plain(content: Content) -> Session:
    return make_session(Answers(), assess(Answers(), content), content.version, label="plain", now=NOW - timedelta(1))


def fresh_list(store: Storage) -> list[SessionEntry]:
    """List as if for the first time (no index)."""
    if store.sessions_dir.exists():
        forget_index(store)
    return store.list_sessions()


def head_and_body(data: bytes) -> tuple[bytes, bytes]:
    cut = data.index(b"\n[answers]\n") + 1
    return data[:cut], data[cut:]


def with_true_size(data: bytes) -> bytes:
    """``data`` with ``file_size`` set to its real size (after an edit made on purpose)."""
    for _ in range(3):
        start = data.index(b"\nfile_size = ") + len(b"\nfile_size = ")
        end = data.index(b"\n", start)
        data = data[:start] + str(len(data)).encode() + data[end:]
    assert f"\nfile_size = {len(data)}\n".encode() in data
    return data


class Spy:
    """Counts whole-file reads by the list (listing.read_rest) while passing them through."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.whole: list[int] = []
        real = listing.read_rest

        def read_rest(fd: int, kind: Any, start: bytes = b"") -> bytes:
            self.whole.append(fd)
            return real(fd, kind, start)

        monkeypatch.setattr(listing, "read_rest", read_rest)


# -- what is written ----------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["", "plain", 'with "quotes" and \\ back\\slash', "Ünïcode 🧘 label", "x" * 200])
def test_the_head_comes_first_and_records_the_file_size(store: Storage, rich: Session, label: str) -> None:
    path = store.save_session(rich.model_copy(update={"label": label}))
    data = path.read_bytes()
    head, _ = head_and_body(data)
    parsed = tomllib.loads(head.decode())
    assert parsed["schema_version"] == SESSION_SCHEMA_VERSION == 4
    assert list(parsed) == ["schema_version", "app_version", "content_version", "created", "label", "summary"]
    assert parsed["summary"] == {
        "pain_intensity": 7,
        "red_flag": True,
        "top_nutrients": [list(pair) for pair in session_file.session_summary(path, rich).top_nutrients],
        "instruments": [],  # always written: without it a head is from before the summary kept scores
        "file_size": len(data),
    }
    assert data.index(b"\n[summary]\n") < data.index(b"\n[answers]\n") < data.index(b"\n[result]\n")
    assert len(head) < 1_500 and tomllib.loads(data.decode())["summary"] == parsed["summary"]
    [entry] = fresh_list(store)
    assert entry == session_file.session_summary(path, rich.model_copy(update={"label": label}))


def test_a_summary_without_pain_or_top_nutrients(store: Storage, plain: Session) -> None:
    path = store.save_session(plain)
    summary = tomllib.loads(path.read_text())["summary"]
    assert summary == {"red_flag": False, "top_nutrients": [], "instruments": [], "file_size": path.stat().st_size}
    [entry] = fresh_list(store)
    assert isinstance(entry, SavedSession) and entry.pain_intensity is None and entry.top_nutrients == ()


# -- listing reads heads only -------------------------------------------------------------------------


def test_listing_reads_only_the_heads(
    store: Storage, rich: Session, plain: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [store.save_session(rich), store.save_session(plain)]
    expected = [session_file.session_summary(p, s) for p, s in zip(paths, (rich, plain), strict=True)]
    spy = Spy(monkeypatch)
    monkeypatch.setattr(session_file, "decode_session", lambda raw: pytest.fail("a whole file was parsed"))
    parsed: list[int] = []
    real_loads = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text, **kw: parsed.append(len(text)) or real_loads(text, **kw))
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))

    assert fresh_list(store) == expected
    assert spy.whole == [] and parsed == []  # the heads took the fast path: no TOML parser at all
    assert reads == [session_index.HEAD_CHUNK] * 2  # one small read per file
    assert index_rows(store).keys() == {p.name for p in paths}


def test_a_body_that_cannot_be_read_lists_from_the_head_and_fails_clearly_when_opened(
    store: Storage, rich: Session
) -> None:
    """The one thing a head cannot show: a body broken without changing the file's size."""
    path = store.save_session(rich)
    head, body = head_and_body(path.read_bytes())
    path.write_bytes(head + b"[answers]\n" + b"=" * (len(body) - 11) + b"\n")  # same size, not TOML
    before = path.read_bytes()

    [entry] = fresh_list(store)
    assert isinstance(entry, SavedSession) and entry.label == "rich"  # the documented limit

    with pytest.raises(StorageError) as caught:
        store.load_session(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: not valid TOML") and "\n" not in text
    with pytest.raises(StorageError):
        store.relabel_session(path, "x")
    assert path.read_bytes() == before  # never changed

    [again] = store.list_sessions()  # opening it corrected the list (the index, never the file)
    assert isinstance(again, UnreadableSession) and text.endswith(again.reason)
    assert stat.S_IMODE((store.sessions_dir / INDEX_NAME).stat().st_mode) == 0o600
    assert path.read_bytes() == before


def test_a_file_changed_after_writing_is_read_in_full(
    store: Storage, rich: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save_session(rich)
    path.write_bytes(path.read_bytes().replace(b'label = "rich"', b'label = "edited by hand"'))
    spy = Spy(monkeypatch)
    [entry] = fresh_list(store)
    assert isinstance(entry, SavedSession) and entry.label == "edited by hand"
    assert len(spy.whole) == 1  # the size no longer matched, so the head was not trusted


# -- a summary that disagrees with the body -----------------------------------------------------------


def test_a_disagreeing_summary_of_another_size_is_never_shown(store: Storage, rich: Session) -> None:
    path = store.save_session(rich)
    path.write_bytes(path.read_bytes().replace(b"red_flag = true", b"red_flag = false"))
    [entry] = fresh_list(store)
    assert isinstance(entry, SavedSession) and entry.red_flag is True  # from the result, not the summary
    assert store.load_session(path) == rich  # the summary is checked for shape, and its values ignored


def test_a_disagreeing_summary_of_the_same_size_is_corrected_when_opened(store: Storage, rich: Session) -> None:
    path = store.save_session(rich)
    path.write_bytes(path.read_bytes().replace(b"pain_intensity = 7", b"pain_intensity = 3"))
    before = path.read_bytes()
    [entry] = fresh_list(store)
    assert isinstance(entry, SavedSession) and entry.pain_intensity == 3  # the head was trusted: same size

    loaded = store.load_session(path)
    assert loaded == rich and loaded.answers.back_pain.intensity == 7
    [again] = store.list_sessions()
    assert isinstance(again, SavedSession) and again.pain_intensity == 7
    assert path.read_bytes() == before


def test_opening_a_file_outside_the_sessions_folder_touches_no_index(
    store: Storage, rich: Session, tmp_path: Path
) -> None:
    path = store.save_session(rich)
    store.list_sessions()
    elsewhere = tmp_path / "copy.toml"
    elsewhere.write_bytes(path.read_bytes().replace(b"pain_intensity = 7", b"pain_intensity = 3"))
    index = (store.sessions_dir / INDEX_NAME).read_bytes()
    assert store.load_session(elsewhere) == rich
    assert (store.sessions_dir / INDEX_NAME).read_bytes() == index
    assert sorted(os.listdir(tmp_path)) == ["copy.toml"]


# -- heads that cannot be trusted ---------------------------------------------------------------------


def test_a_file_without_a_summary_lists_from_the_whole_file(
    store: Storage, rich: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save_session(rich)
    data = path.read_bytes()
    start = data.index(b"# What the history list shows")
    path.write_bytes(data[:start] + data[data.index(b"[answers]\n") :])
    assert b"[summary]" not in path.read_bytes() and b"file_size" not in path.read_bytes()
    spy = Spy(monkeypatch)
    [entry] = fresh_list(store)
    assert entry == session_file.session_summary(path, rich) and len(spy.whole) == 1
    assert store.load_session(path) == rich  # the summary is optional


def test_a_head_cut_off_is_reported(store: Storage, rich: Session) -> None:
    path = store.save_session(rich)
    data = path.read_bytes()
    for cut in (data.index(b"[summary]") + 4, data.index(b"file_size"), data.index(b"[answers]") - 1):
        path.write_bytes(data[:cut])
        [entry] = fresh_list(store)
        assert isinstance(entry, UnreadableSession), cut
        with pytest.raises(StorageError, match=entry.reason.split(":")[0]):
            store.load_session(path)


@pytest.mark.parametrize("padding", [HEAD_MAX // 2, HEAD_MAX * 2])
def test_a_huge_head_is_read_in_full(
    store: Storage, rich: Session, monkeypatch: pytest.MonkeyPatch, padding: int
) -> None:
    """A head padded with comments lists from the head up to HEAD_MAX bytes, and in full beyond it."""
    path = store.save_session(rich)
    data = path.read_bytes()
    comments = b"# padding\n" * (padding // 10)
    path.write_bytes(with_true_size(data.replace(b"\n[summary]\n", b"\n" + comments + b"[summary]\n")))
    spy = Spy(monkeypatch)
    [entry] = fresh_list(store)
    assert entry == session_file.session_summary(path, rich)
    assert len(spy.whole) == (0 if padding < HEAD_MAX else 1)


def test_a_head_with_escapes_uses_the_toml_parser(store: Storage, rich: Session) -> None:
    label = 'say "hi" \\ bye'
    path = store.save_session(rich.model_copy(update={"label": label}))
    with open(path, "rb") as handle:
        entry, read, _ = read_head(handle.fileno(), path, path.stat().st_size)
    assert entry is not None and entry.label == label and read == path.read_bytes()[: len(read)]


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        ((b"schema_version = 4", b"schema_version = 1"), "an older schema is migrated"),
        ((b'label = "rich"', b'label = "rich"\nmood = "ok"'), "an unknown key"),
        ((b"[summary]\n", b"[ summary ]\n"), "a header written differently"),
        ((b"red_flag = true", b"red_flag = 1"), "a value of the wrong type"),
        ((b'created = "', b'created = "not a date'), "a bad date"),
    ],
)
def test_a_head_that_does_not_validate_is_not_trusted(
    store: Storage, rich: Session, edit: tuple[bytes, bytes], why: str
) -> None:
    path = store.save_session(rich)
    path.write_bytes(with_true_size(path.read_bytes().replace(*edit)))
    with open(path, "rb") as handle:
        entry, _, _ = read_head(handle.fileno(), path, path.stat().st_size)
    assert entry is None, why
    full = fresh_list(store)[0]  # whatever the whole file says
    try:
        assert full == session_file.session_summary(path, store.load_session(path))
    except StorageError as error:
        assert isinstance(full, UnreadableSession) and full.reason in str(error)


# -- the recorded schema-1 file -----------------------------------------------------------------------


def test_a_recorded_schema_1_file_loads_migrates_and_lists(store: Storage, tmp_path: Path) -> None:
    original = FIXTURE.read_bytes()
    data = tomllib.loads(original.decode())
    assert data["schema_version"] == 1 and "summary" not in data
    migrated = migrate(data)
    assert migrated["schema_version"] == SESSION_SCHEMA_VERSION
    assert migrated["summary"] == {
        "pain_intensity": 7,
        "red_flag": True,
        "top_nutrients": [["vitamin_d", "high"], ["vitamin_b12", "high"], ["calcium", "high"], ["omega_3", "moderate"]],
    }

    store.sessions_dir.mkdir(parents=True)
    path = store.sessions_dir / "2026-11-26T07-40-12Z-3abb2b1e.toml"
    shutil.copyfile(FIXTURE, path)
    [entry] = store.list_sessions()
    assert entry == SavedSession(
        path=path,
        created=datetime(2026, 11, 26, 7, 40, 12, tzinfo=UTC),
        label="Recorded with schema 1",
        pain_intensity=7,
        red_flag=True,
        top_nutrients=(("vitamin_d", "high"), ("vitamin_b12", "high"), ("calcium", "high"), ("omega_3", "moderate")),
        content_version="1.0.0",
    )
    session = store.load_session(path)
    assert session.schema_version == SESSION_SCHEMA_VERSION and session.label == "Recorded with schema 1"
    assert session_file.session_summary(path, session) == entry
    assert path.read_bytes() == original  # reading never upgrades a file

    store.relabel_session(path, "Upgraded")  # rewriting writes the current schema, with a summary
    upgraded = path.read_bytes()
    assert upgraded.startswith(b"# nutri-tui session file (schema 4)") and b"\n[summary]\n" in upgraded
    assert store.load_session(path) == session.model_copy(update={"label": "Upgraded"})
    with open(path, "rb") as handle:
        head, _, _ = read_head(handle.fileno(), path, len(upgraded))
    assert head is not None and head == session_file.session_summary(path, store.load_session(path))
    assert FIXTURE.read_bytes() == original


# -- the fast head parser agrees with tomllib ---------------------------------------------------------
# Not derandomized: each run tries new texts (and hypothesis keeps any that failed), so 200, 250 and 150
# examples a run (half of what they were) still add up across runs, at about a second all three.

PIECES = [
    "a = 1",
    'b = "x"',
    "c = true",
    'd = [["x", "y"], []]',
    "e = -0",
    "f = 1e5",
    "g = 1_000",
    "h = +1",
    "i = 01",
    'j = "t\tb"',
    'k = "q\\"q"',
    "l = 'lit'",
    "m = NaN",
    "n = nan",
    "o = null",
    "p = {x = 1}",
    'q = {"x": 1}',
    "r = [1,]",
    "s = 2026-11-26T06:40:12Z",
    'a = "dup"',
    "[summary]",
    "[ summary ]",
    "[answers]",
    "# comment",
    "# bell \x07",
    "x.y = 1",
    '"quoted" = 1',
    "t = [\n1]",
    "u = 1 # trailing",
    "v = \x7f",
    'w = "del\x7f"',
    "  indented = 2",
    "",
    "\r",
    "y = 9" * 3,
    'z = "é🧘"',
    "big = " + "9" * 30,
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_the_fast_head_parser_agrees_with_tomllib(lines: list[str], newline: str) -> None:
    text = newline.join(lines) + newline
    assert_parsed_alike(text)


TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
RAW = TEXT.map(lambda t: f'"{t}"')  # not escaped: quotes, backslashes and control characters get through
ESCAPED = TEXT.map(session_file.toml_string)
STRING = st.one_of(st.sampled_from(['"0.1.0"', '"2026-11-26T06:40:12Z"', '"vitamin_d"', '"high"']), RAW, ESCAPED)
INT = st.one_of(st.integers(0, 10**7).map(str), st.sampled_from(["01", "+1", "1_0", "-1", "1e3", "0x1", "1.0"]))
COMMENT = st.one_of(st.just("# nutri-tui session file (schema 3)"), TEXT.map(lambda t: "#" + t))


KEY = st.sampled_from(["anxiety", "depression", "psychosocial", "a", "1", "a-b", "A", "-x", '"q"', "a.b", "true"])
SUBSCALES = st.one_of(
    st.just("{}"),
    st.lists(st.tuples(KEY, INT), min_size=1, max_size=3).map(
        lambda pairs: "{ " + ", ".join(f"{k} = {v}" for k, v in pairs) + " }"
    ),
    st.sampled_from(["{ a = 1, }", "{a = 1}", "[]", '{ a = "1" }']),
)
SCORE = st.builds(
    lambda i, t, b, s: f"{{ id = {i}, total = {t}, band = {b}, subscales = {s} }}", STRING, INT, STRING, SUBSCALES
)


@st.composite
def written_heads(draw: st.DrawFn) -> str:
    """Heads shaped like the writer's, with values both ordinary and hostile."""
    lines = draw(st.lists(COMMENT, max_size=2))
    lines.append(f"schema_version = {draw(INT)}")
    lines += [f"{key} = {draw(STRING)}" for key in ("app_version", "content_version", "created", "label")]
    lines += ["", *draw(st.lists(COMMENT, max_size=2)), "[summary]"]
    if draw(st.booleans()):
        lines.append(f"pain_intensity = {draw(INT)}")
    lines.append("red_flag = " + draw(st.sampled_from(["true", "false", "True", "1", '"yes"'])))
    pairs = ", ".join(f"[{a}, {b}]" for a, b in draw(st.lists(st.tuples(STRING, STRING), max_size=4)))
    lines.append(f"top_nutrients = [{pairs}]")
    if draw(st.booleans()):  # the questionnaires' scores (issue 16), with duplicate and odd keys too
        lines.append(f"instruments = [{', '.join(draw(st.lists(SCORE, max_size=3)))}]")
    lines += [f"file_size = {draw(INT)}", "", ""]
    return "\n".join(lines)


@settings(max_examples=250, deadline=None)
@given(written_heads())
def test_the_written_head_pattern_agrees_with_tomllib(text: str) -> None:
    assert_parsed_alike(text)


PLAIN_ID = st.sampled_from(['"phq4"', '"start_back"', '"mild"', '"x-1"', '""', '"é"'])
PLAIN_INT = st.one_of(st.integers(0, 10**4).map(str), st.sampled_from(["01", "-1"]))
PLAIN_SCORE = st.builds(
    lambda i, t, b, s: f"{{ id = {i}, total = {t}, band = {b}, subscales = {s} }}",
    PLAIN_ID,
    PLAIN_INT,
    PLAIN_ID,
    st.one_of(
        st.just("{}"),
        st.lists(st.tuples(KEY, PLAIN_INT), min_size=1, max_size=4).map(
            lambda pairs: "{ " + ", ".join(f"{k} = {v}" for k, v in pairs) + " }"
        ),
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PLAIN_SCORE, max_size=3))
def test_the_written_scores_pattern_agrees_with_tomllib(scores: list[str]) -> None:
    """Heads as the writer makes them but for their scores, so the fast path is taken whenever it can be
    (a key given twice in one table must fail as tomllib fails)."""
    text = (
        '# c\nschema_version = 4\napp_version = "0.1.0"\ncontent_version = "1.5.0"\ncreated = "2026-11-26T06:40:12Z"\n'
        f'label = ""\n\n[summary]\nred_flag = true\ntop_nutrients = []\ninstruments = [{", ".join(scores)}]\n'
        "file_size = 100\n\n"
    )
    assert_parsed_alike(text)


def assert_parsed_alike(text: str) -> None:
    """The fast head parser gives what tomllib gives: the same data, or the same kind of error."""

    def outcome(parse: Any, data: Any) -> Any:
        try:
            return parse(data)
        except (tomllib.TOMLDecodeError, ValueError) as error:
            return type(error)

    expected = outcome(tomllib.loads, text)
    got = outcome(session_index._parse_head, text.encode())
    assert repr(got) == repr(expected)  # repr: nan is not equal to itself


def test_the_written_head_pattern_reads_what_the_writer_writes(rich: Session, plain: Session) -> None:
    for session in (rich, plain):
        head, _ = head_and_body(session_file.dump_session(session))
        assert session_index._WRITTEN_HEAD.fullmatch(head.decode())
        assert session_index._parse_head(head) == tomllib.loads(head.decode())


def test_private_files_reads_refuse_the_same_things_as_before(tmp_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(FIXTURE)
    with pytest.raises(private_files.Unreadable, match="symbolic link"):
        private_files.read_file(link, "session")
    assert private_files.read_file(FIXTURE, "session") == FIXTURE.read_bytes()
