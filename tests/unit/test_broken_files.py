"""The attack on the build (issue 14), kept as a corpus: every file listed or refused with one line, left as it was.

Each case is a file someone could hand-edit, receive or plant: sessions that validate but crashed the
result screen, dates that broke every listing, a forged index, hostile drafts and answers files. The
corpus grows with every new case; each must give a one-line reason (or be shown as it truly is), with
no traceback, and leave every file byte for byte as it was.
"""

from __future__ import annotations

import copy
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.session import Draft, Session
from nutri_tui.paths import peek_draft_step
from nutri_tui.storage import SavedSession, Storage, UnreadableSession, make_draft, make_session, session_file
from nutri_tui.storage import sessions as storage
from nutri_tui.storage.answers_file import read_answers
from nutri_tui.storage.drafts import answers_problem
from nutri_tui.storage.index_db import INDEX_NAME, is_index_file
from nutri_tui.storage.private_files import TEMP_MAX_AGE, StorageError
from tests.cli_run import run
from tests.conftest import REPO
from tests.index_rows import forge_row, index_rows
from tests.unit._saved import SavedOnce

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
HAS_FIFO = hasattr(os, "mkfifo")


def one_line(text: str) -> bool:
    return "\n" not in text.rstrip("\n") and not UNSAFE.search(text) and "Traceback" not in text


SNAPSHOT_BODY_MAX = 8_000_000
"""A file larger than this (the 200-megabyte sparse answers file) is known by its inode, its times (ctime too: set
by every write, and by any change of mtime) and its allocated blocks instead of its bytes: reading it twice was
most of its test's time."""


def snapshot(path: Path) -> tuple[Any, ...]:
    info = os.lstat(path)
    regular = path.is_file() and not path.is_symlink()
    if regular and info.st_size > SNAPSHOT_BODY_MAX:
        body: Any = ("unread", info.st_ino, info.st_ctime_ns, info.st_blocks)
    else:
        body = path.read_bytes() if regular else None
    return info.st_mode, info.st_size, info.st_mtime_ns, body, os.readlink(path) if path.is_symlink() else None


@pytest.fixture(scope="module")
def rich(content: Content) -> Session:
    """A session with foods, tests to ask about, exercises and many sources: every part can be broken."""
    answers = read_answers(REPO / "examples" / "older-several-medicines.toml", content)
    return make_session(answers, assess(answers, content), content.version, "before physio")


def data_of(session: Session) -> dict[str, Any]:
    return session.model_dump(mode="json", exclude_none=True)


_DUMPED: dict[tuple[int, str], tuple[Session, bytes]] = {}
"""The session as TOML with a :data:`SPOT` at a path, by (the session's id, the path); the session is kept too, so
its id cannot be another's."""
SPOT = "\ue000the edited value\ue000"
"""A string no session holds, put where one value is edited."""


def toml_value(value: Any) -> bytes:
    """``value`` as tomli_w writes it after ``key = ``."""
    return tomli_w.dumps({"v": value}).encode().removeprefix(b"v = ").removesuffix(b"\n")


def edited(session: Session, edit: Callable[[dict[str, Any]], object]) -> bytes:
    """The session as TOML after ``edit`` changed its data in place.

    An edit of one value to a number, a boolean or a string (``put``) gives the same bytes more cheaply: the
    session is dumped once per path with a :data:`SPOT` there, whose TOML is swapped for the value's (dumping the
    whole session, 20 ms, was most of the corpus's making; the score, the fit, an id and the date are each
    edited several times)."""
    path, value = getattr(edit, "put", (None, None))
    if path is None or type(value) not in (int, float, bool, str):
        data = copy.deepcopy(data_of(session))
        edit(data)
        return tomli_w.dumps(data).encode()
    found = _DUMPED.get((id(session), path))
    if found is None:
        data = copy.deepcopy(data_of(session))
        put(path, SPOT)(data)
        found = _DUMPED[id(session), path] = (session, tomli_w.dumps(data).encode())
    template, spot = found[1], toml_value(SPOT)
    assert template.count(spot) == 1, path
    return template.replace(spot, toml_value(value))


def put(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """An edit setting the value at a dotted path (numbers index lists): ``put("result.nutrients.0.score", nan)``."""

    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target[int(last) if isinstance(target, list) else last] = value

    edit.put = (path, value)  # type: ignore[attr-defined]
    return edit


def both(*edits: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        for one in edits:
            one(data)

    return edit


def session_corpus(rich: Session) -> Iterator[tuple[str, bytes, str]]:
    """(file name, bytes, text expected in the reason)."""
    nutrient = "result.nutrients.0"
    for name, value in [("nan", float("nan")), ("inf", float("inf")), ("1e308", 1e308), ("neg", -1.0), ("bool", True)]:
        yield f"score-{name}.toml", edited(rich, put(f"{nutrient}.score", value)), f"{nutrient}.score:"
    yield "reason-weight-nan.toml", edited(rich, put(f"{nutrient}.reasons.0.weight", float("nan"))), "weight"
    yield "food-amount-inf.toml", edited(rich, put(f"{nutrient}.foods.0.amount", float("inf"))), "amount"
    yield "target-negative.toml", edited(rich, put(f"{nutrient}.target.amount", -5.0)), "target.amount"
    for name, value in [("2-63", 2**63), ("4", 4), ("bool", True), ("float", 2.0)]:
        yield f"fit-{name}.toml", edited(rich, put("result.exercises.0.fit", value)), "result.exercises.0.fit:"
    asked = rich.result.tests_to_ask[0]
    index = next(i for i, n in enumerate(rich.result.nutrients) if n.id == asked)
    yield (
        "tests-empty.toml",
        edited(rich, put(f"result.nutrients.{index}.tests", [])),
        f"{asked!r} has no blood test to name",
    )
    twin = rich.result.nutrients[0].id
    yield "duplicate-nutrient.toml", edited(rich, put("result.nutrients.1.id", twin)), "appears more than once"
    food = data_of(rich)["result"]["nutrients"][0]["foods"][0]
    yield (
        "duplicate-food.toml",
        edited(rich, put(f"{nutrient}.foods.1", food)),
        f"food {food['id']!r} appears more than once",
    )
    source = data_of(rich)["result"]["sources"][0]
    yield "too-many-sources.toml", edited(rich, put("result.sources", [source] * 600)), "result.sources:"
    yield "too-many-foods.toml", edited(rich, put(f"{nutrient}.foods", [food] * 300)), "foods:"
    caution = data_of(rich)["result"]["nutrients"][0]["cautions"][0]
    many = both(*(put(f"result.nutrients.{i}.cautions", [caution] * 200) for i in range(10)))
    yield "too-much-to-show.toml", edited(rich, many), "items to show (findings, foods, cautions, sources...)"
    yield "id-with-colon.toml", edited(rich, put(f"{nutrient}.id", "iron:x")), f"{nutrient}.id:"
    for when in ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "9999-12-31T23:59:59Z", "1969-12-31T23:00Z"):
        yield f"created-{when[:4]}{when[-6:].replace(':', '')}.toml", edited(rich, put("created", when)), "created:"
    yield (
        "created-integer.toml",
        edited(rich, put("created", 1_700_000_000)),
        "created: must be a date-time with a time zone, not a number",
    )
    # what a terminal would obey, anywhere in the file
    yield "esc-in-summary.toml", edited(rich, put("result.summary.0", "\x1b]0;pwned\x07")), "result.summary.0:"
    yield "rlo-in-name.toml", edited(rich, put(f"{nutrient}.name", "\u202eevil")), f"{nutrient}.name:"
    yield "esc-in-id.toml", edited(rich, put(f"{nutrient}.id", "\x1b[2J")), f"{nutrient}.id:"
    yield "esc-in-version.toml", edited(rich, put("content_version", "1\x1b[2J")), "content_version:"
    yield "esc-in-answer.toml", edited(rich, put("answers.health.medicines", ["ppi\x9b2J"])), "answers.health."
    yield "long-string.toml", edited(rich, put("result.disclaimer", "x" * 30_000)), "result.disclaimer: is too long"
    written = session_file.dump_session(rich)
    cut = written.rindex(b"\n[[result.sources]]") + 1
    yield "cut-at-a-source.toml", written[:cut], f"cut off: {cut:,} bytes of {len(written):,}"
    cut = written.index(b"\n[result]") + 1
    yield "cut-before-result.toml", written[:cut], "cut off:"


def test_a_corpus_of_hostile_sessions_is_listed_with_reasons_and_never_changed(
    store: Storage, rich: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    good = store.save_session(rich)
    expected = {}
    for name, body, reason in session_corpus(rich):
        (store.sessions_dir / name).write_bytes(body)
        expected[name] = reason
    before = {p.name: snapshot(p) for p in store.sessions_dir.iterdir()}

    entries = store.list_sessions()

    assert [e.path for e in entries if isinstance(e, SavedSession)] == [good]
    reasons = {e.path.name: e.reason for e in entries if isinstance(e, UnreadableSession)}
    assert set(reasons) == set(expected)
    for name, reason in expected.items():
        assert reason in reasons[name], (name, reasons[name])
        assert one_line(reasons[name]) and len(reasons[name]) <= 600, (name, reasons[name])
        with pytest.raises(StorageError) as caught:
            store.load_session(store.sessions_dir / name)
        assert one_line(str(caught.value)), name
    code, out, err = run(capsys, "--data-dir", str(store.root), "sessions")  # one bad file never breaks the list
    assert code == 0 and err == "" and not UNSAFE.search(out)
    assert f"{len(expected)} files that cannot be read" in out
    code, out, err = run(capsys, "report", str(store.sessions_dir / "esc-in-summary.toml"))
    assert code == 2 and out == "" and one_line(err) and "U+001B" in err
    assert {p.name: snapshot(p) for p in store.sessions_dir.iterdir() if not is_index_file(p.name)} == {
        name: value for name, value in before.items() if not is_index_file(name)
    }


def test_a_cut_at_any_table_boundary_is_never_taken_for_the_whole_session(session: Session) -> None:
    """A prefix ending at a table header is valid TOML; none may pass as the session it came from.

    Cut before each table that follows one of another name (every kind of table, wherever one kind gives way
    to another: 120-odd cuts), and before the last. Each cut is read by the same steps (parsed in full, then
    measured against the summary's file_size), so the runs of like tables in between (76 sources one after
    another) are left out: parsing all 350 prefixes of the file took two CPU-seconds."""
    written = session_file.dump_session(session)
    headers = [(m.start() + 1, m.group(1)) for m in re.finditer(rb"\n(\[[^\n]*\])", written)]
    assert len(headers) > 20
    assert headers[0][1] == b"[summary]"  # cut there, the file has no file_size to compare
    cuts = {cut: header for (cut, header), (_, before) in zip(headers[1:], headers, strict=False) if header != before}
    cuts[headers[-1][0]] = headers[-1][1]
    assert len(cuts) > 100 and set(cuts.values()) == {header for _, header in headers[1:]}  # every kind of table
    for cut in cuts:
        with pytest.raises(storage.Unreadable, match=r"^cut off: "):
            session_file.decode_session(written[:cut])


def test_a_shortened_hand_edit_can_drop_its_file_size(store: Storage, rich: Session) -> None:
    """The way out the reason names: without file_size, a shorter file reads in full as before."""
    path = store.save_session(rich)
    text = path.read_text().replace('label = "before physio"', 'label = "x"')
    path.write_text(text)
    with pytest.raises(StorageError, match="cut off"):
        store.load_session(path)
    path.write_text(re.sub(r"\nfile_size = \d+\n", "\n", text))
    assert store.load_session(path).label == "x"


# -- the index ----------------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Storage:
    return Storage(tmp_path / "data")


@pytest.fixture(scope="module")
def session(content: Content) -> Session:
    from nutri_tui.models.answers import Answers

    answers = Answers.model_validate({"back_pain": {"intensity": 4}}, context={"content": content})
    return make_session(answers, assess(answers, content), content.version, "first")


@pytest.fixture(scope="module")
def saved(session: Session, tmp_path_factory: pytest.TempPathFactory) -> SavedOnce:
    """``session`` saved once, for the tests that only need it saved (:mod:`tests.unit._saved`)."""
    return SavedOnce(tmp_path_factory.mktemp("saved"), session)


FORGED: list[tuple[str, Any]] = [
    ("top", '[["vitamin_d","bogus"]]'),
    ("top", '[["not_a_nutrient","high"]]'),
    ("top", '[[["vitamin_d"],"high"]]'),
    ("top", json.dumps([["vitamin_d", "high"]] * 11)),  # more than the ten nutrients
    ("top", '{"vitamin_d":"high"}'),
    ("top", "[" * 2000 + "]" * 2000),  # nested past what json can parse
    ("top", "[" + " " * 5000 + "]"),  # longer than a row of ten pairs can be
    ("top", "not json"),
    ("top", b'[["vitamin_d","high"]]'),  # bytes, not text
    ("top", None),
    ("red_flag", "false"),
    ("red_flag", 2),
    ("red_flag", 0.5),
    ("red_flag", None),
    ("pain", 11),
    ("pain", -1),
    ("pain", 4.5),
    ("pain", "four"),
    ("pain", 2**63 - 1),
    ("label", "\x1b]0;pwned\x07"),
    ("label", "x" * 201),
    ("label", b"first"),
    ("label", None),
    ("created", "0001-01-01T00:00:00+14:00"),
    ("created", "2026-11-26T06:40:12"),
    ("created", "not a date"),
    ("created", 5),
    ("created", None),
    ("content_version", "\u202e1.0"),
    ("content_version", None),
    ("instruments", "phq4 -1 mild"),
    ("instruments", None),
    ("reason", "\x1b[2Jall is well"),  # a readable file's row said to be of an unreadable one
    ("reason", ""),
    ("size", "not a size"),  # the key no longer matches: read again like any changed file
]


@pytest.mark.parametrize(("field", "value"), FORGED, ids=[f"{f}-{i}" for i, (f, _) in enumerate(FORGED)])
def test_a_forged_index_row_is_not_trusted(
    store: Storage, session: Session, saved: SavedOnce, field: str, value: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved.into(store)
    store.list_sessions()
    good = index_rows(store)[path.name]
    forge_row(store, path.name, **{field: value})
    [entry] = store.list_sessions()
    assert isinstance(entry, SavedSession)
    assert (entry.label, entry.pain_intensity, entry.red_flag) == ("first", 4, False)
    assert entry.created == session.created and entry.top_nutrients == () and entry.instruments == ()
    assert index_rows(store) == {path.name: good}  # read from the file again, and the row put right
    forge_row(store, path.name, **{field: value})
    code, out, err = run(capsys, "--data-dir", str(store.root), "sessions")
    assert code == 0 and err == "" and "no red flag" in out and not UNSAFE.search(out)


@pytest.mark.parametrize("name", ["\x1b]0;pwned\x07.toml", "../outside.toml", "other.toml", ".hidden.toml", b"blob"])
def test_a_forged_file_name_in_the_index_is_never_shown(store: Storage, saved: SavedOnce, name: Any) -> None:
    """The row's name is the only link to its file: renamed, the row is of no file, and the file is read again."""
    path = saved.into(store)
    [entry] = store.list_sessions()
    forge_row(store, path.name, name=name)
    assert store.list_sessions() == [entry]
    assert set(index_rows(store)) == {path.name}


def test_a_forged_unreadable_reason_is_not_shown(store: Storage, session: Session) -> None:
    (store.sessions_dir).mkdir(parents=True)
    broken = store.sessions_dir / "broken.toml"
    broken.write_bytes(b"not = [toml")
    store.list_sessions()
    for forged in ("\x1b[2Jall is well\u202e", "x" * 601, "", b"all is well"):
        forge_row(store, "broken.toml", reason=forged)
        [entry] = store.list_sessions()
        assert isinstance(entry, UnreadableSession) and entry.reason.startswith("not valid TOML"), forged


TRAPS = ["fifo", "zero-link", "index-link", "dangling-link", "deep", "folder", "sparse-huge"]


@pytest.mark.parametrize("kind", TRAPS)
def test_an_index_that_is_a_trap_is_ignored_and_left_alone(
    store: Storage, saved: SavedOnce, kind: str, tmp_path: Path
) -> None:
    if kind == "fifo" and not HAS_FIFO:
        pytest.skip("no FIFOs here")
    if kind == "zero-link" and not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    path = saved.into(store)
    index = store.sessions_dir / INDEX_NAME
    elsewhere = Storage(tmp_path / "elsewhere")  # a real index of someone else's, with a lying row
    elsewhere.sessions_dir.mkdir(parents=True)
    (elsewhere.sessions_dir / path.name).write_bytes(path.read_bytes())
    os.utime(elsewhere.sessions_dir / path.name, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
    elsewhere.list_sessions()
    forge_row(elsewhere, path.name, label="from someone else's index")
    target = elsewhere.sessions_dir / INDEX_NAME
    if kind == "fifo":
        os.mkfifo(index)
    elif kind == "zero-link":
        index.symlink_to("/dev/zero")
    elif kind == "index-link":
        index.symlink_to(target)
    elif kind == "dangling-link":
        index.symlink_to(tmp_path / "made-through-a-link.sqlite")
    elif kind == "deep":
        index.write_bytes(b"[" * 100_000)
    elif kind == "folder":
        index.mkdir()
    else:
        with index.open("wb") as handle:
            handle.truncate(60_000_000)
    before = snapshot(index) if kind != "sparse-huge" else os.lstat(index).st_size
    target_before = snapshot(target)
    [entry] = store.list_sessions()  # a FIFO or /dev/zero used to hang here, or fill memory
    assert isinstance(entry, SavedSession) and entry.path == path and entry.label == "first"
    if kind not in ("deep", "sparse-huge"):
        assert snapshot(index) == before  # not a regular file: not replaced either
        assert not os.path.lexists(f"{index}-wal") and not os.path.lexists(f"{index}-shm")
    assert snapshot(target) == target_before
    assert not (tmp_path / "made-through-a-link.sqlite").exists()
    assert not any(name.startswith("made-through") for name in os.listdir(tmp_path))


@pytest.mark.parametrize("journal", ["-wal", "-shm", "-journal"])
def test_a_journal_file_that_is_a_link_is_never_written_through(
    store: Storage, saved: SavedOnce, journal: str, tmp_path: Path
) -> None:
    """SQLite opens the index's journal files by name: a link planted there must not lead its writes elsewhere."""
    path = saved.into(store)
    precious = tmp_path / "precious.txt"
    precious.write_bytes(b"someone's file\n")
    Path(f"{store.sessions_dir / INDEX_NAME}{journal}").symlink_to(precious)
    for _ in range(2):
        [entry] = store.list_sessions()
        assert isinstance(entry, SavedSession) and entry.path == path and entry.label == "first"
    assert precious.read_bytes() == b"someone's file\n"


# -- drafts -------------------------------------------------------------------------------------------


def draft_bytes(answers: dict[str, Any], step: str = "diet") -> bytes:
    return tomli_w.dumps(make_draft(step, {}).model_dump(mode="json") | {"answers": answers}).encode()


HOSTILE_DRAFTS: list[tuple[str, dict[str, Any], str]] = [
    ("age-text", {"about": {"age": "52"}}, "answers.about.age:"),
    ("age-bool", {"about": {"age": True}}, "answers.about.age:"),
    ("age-float", {"about": {"age": 52.5}}, "answers.about.age:"),
    ("allergies-number", {"about": {"allergies": 5}}, "answers.about.allergies:"),
    ("allergy-unknown", {"about": {"allergies": ["kryptonite"]}}, "answers.about.allergies.0:"),
    ("sex-number", {"about": {"sex": 1}}, "answers.about.sex:"),
    ("supplement-empty", {"health": {"supplements": [{}]}}, "answers.health.supplements.0.nutrient:"),
    ("supplement-text", {"health": {"supplements": [{"nutrient": "iron", "amount": "lots"}]}}, "amount"),
    ("medicines-text", {"health": {"medicines": "ppi"}}, "answers.health.medicines:"),
    ("medicine-unknown", {"health": {"medicines": ["unobtainium"]}}, "is not in the list of medicines"),
    ("intensity-text", {"back_pain": {"intensity": "x"}}, "answers.back_pain.intensity:"),
    ("intensity-bool", {"back_pain": {"intensity": True}}, "answers.back_pain.intensity:"),
    ("intensity-11", {"back_pain": {"intensity": 11}}, "answers.back_pain.intensity:"),
    ("areas-text", {"back_pain": {"areas": "lower"}}, "answers.back_pain.areas:"),
    ("flags-list", {"back_pain": {"red_flags": ["x"]}}, "answers.back_pain.red_flags:"),
    ("flag-unknown", {"back_pain": {"red_flags": {"bogus": "yes"}}}, "unknown red flag"),
    ("housebound-text", {"sun": {"housebound": "maybe"}}, "answers.sun.housebound:"),
    ("drinks-huge", {"diet": {"alcohol_drinks_per_week": 10**30}}, "answers.diet.alcohol_drinks_per_week:"),
    ("stress-list", {"lifestyle": {"stress": []}}, "answers.lifestyle.stress:"),
    ("unknown-section", {"mood": {"happy": True}}, "answers.mood: not a section"),
    ("format-section", {"format": {}}, "answers.format: not a section"),
]


@pytest.mark.parametrize(("name", "answers", "reason"), HOSTILE_DRAFTS, ids=[c[0] for c in HOSTILE_DRAFTS])
def test_a_draft_that_would_crash_resume_is_named(
    store: Storage, content: Content, name: str, answers: dict[str, Any], reason: str
) -> None:
    store.root.mkdir(parents=True)
    store.draft_path.write_bytes(draft_bytes(answers))
    draft = store.load_draft()
    assert draft is not None
    problem = answers_problem(draft, content)
    assert problem is not None and reason in problem and one_line(problem), problem


def test_a_valid_draft_has_no_problem(content: Content) -> None:
    draft = make_draft("diet", {"about": {"age": 52, "sex": "female"}, "health": {"medicines": ["ppi"]}})
    assert answers_problem(draft, content) is None


@pytest.mark.parametrize("kind", ["deep", "fifo", "zero-link", "folder", "binary", "control"])
def test_the_welcome_peek_survives_any_draft(tmp_path: Path, kind: str) -> None:
    """It runs before the first screen: a RecursionError there stopped the app from starting at all."""
    if kind == "fifo" and not HAS_FIFO:
        pytest.skip("no FIFOs here")
    path = tmp_path / "draft.toml"
    if kind == "deep":
        path.write_bytes(b"step = 'diet'\na = " + b"[" * 600 + b"]" * 600 + b"\n")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero-link":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(bytes(range(256)))
    else:
        path.write_bytes(b'step = "\\u001b]0;pwned\\u0007"\n')
    before = snapshot(path)
    step = peek_draft_step(tmp_path)
    assert step == ""  # "there is a draft, but it cannot be read": the welcome screen offers Resume
    assert snapshot(path) == before


def test_a_deep_draft_is_unreadable_not_a_crash(store: Storage) -> None:
    store.root.mkdir(parents=True)
    store.draft_path.write_bytes(b"a = " + b"[" * 5000)
    with pytest.raises(StorageError, match="nested too deeply"):
        store.load_draft()


# -- answers files -------------------------------------------------------------------------------------


def answers_cases(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    """(case, path to give `assess`, text expected in the one-line error)."""
    deep = tmp_path / "deep.toml"
    deep.write_bytes(b"a = " + b"[" * 500 + b"]" * 500 + b"\n")
    yield "deep", deep, "nested too deeply"
    deeper = tmp_path / "deeper.toml"
    deeper.write_bytes(b"a = " + b"{b = " * 500 + b"1" + b"}" * 500 + b"\n")
    yield "deep-table", deeper, "nested too deeply"
    if HAS_FIFO:
        fifo = tmp_path / "fifo.toml"
        os.mkfifo(fifo)
        yield "fifo", fifo, "not a regular file"
    if os.path.exists("/dev/zero"):
        yield "dev-zero", Path("/dev/zero"), "not a regular file"
        link = tmp_path / "zero.toml"
        link.symlink_to("/dev/zero")
        yield "link-to-zero", link, "not a regular file"
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: refused by its size, never read
    yield "200-megabytes", huge, "too large for an answers file (200,000,000 bytes"
    yield "folder", tmp_path, "is a folder"
    yield "missing-with-escape", tmp_path / "\x1b]0;pwned\x07.toml", "no such file"
    key = tmp_path / "key.toml"
    key.write_text('[about]\n"\\u001b]0;pwned\\u0007" = 1\n')
    yield "escape-in-key", key, "unknown field"
    boolean = tmp_path / "bool.toml"
    boolean.write_text("[back_pain]\nintensity = true\n")
    yield "intensity-true", boolean, "back_pain.intensity: Input should be a valid integer"
    amount = tmp_path / "amount.toml"
    amount.write_text('[[health.supplements]]\nnutrient = "iron"\namount = true\n')
    yield "amount-true", amount, "health.supplements.0.amount: Input should be a valid number"
    text = tmp_path / "age.toml"
    text.write_text('[about]\nage = "52"\n')
    yield "age-text", text, "about.age: Input should be a valid integer"


def test_hostile_answers_files_are_one_line_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for case, path, reason in answers_cases(tmp_path):
        before = snapshot(path) if path.is_file() and not path.is_symlink() else None
        started = time.monotonic()
        code, out, err = run(capsys, "assess", str(path))
        assert code == 2 and out == "", case
        assert one_line(err) and err.startswith("nutri-tui: error: ") and reason in err, (case, err)
        assert "pwned\x07" not in err and "\x1b" not in err, case
        assert time.monotonic() - started < 30, case  # a hang would never get here; not a timing assert
        if before is not None:
            assert snapshot(path) == before, case


def test_a_byte_order_mark_is_skipped_in_answers_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (REPO / "examples" / "vegan.toml").read_bytes())
    code, out, err = run(capsys, "assess", str(path))
    assert code == 0 and err == "" and out


# -- report --output, temp files ---------------------------------------------------------------------


def test_report_to_an_over_long_file_name_is_one_line(
    store: Storage, session: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = store.save_session(session)
    for name in ("x" * 300 + ".md", "y" * 250 + ".md"):  # too long itself; short enough, but not its temp file
        code, out, err = run(capsys, "report", str(path), "--output", str(tmp_path / name))
        if len(name) > 255:
            assert code == 2 and out == "" and one_line(err) and "file name too long" in err
        else:
            assert code == 0 and err == "" and (tmp_path / name).is_file(), err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "y" * 250 + ".md"]


def test_stale_temp_files_of_ours_are_swept_and_nothing_else(store: Storage, session: Session) -> None:
    store.save_session(session)
    folder = store.sessions_dir
    old = time.time() - TEMP_MAX_AGE - 60
    names = {
        "stale": ".2026-11-26T06-40-12Z-1f2e3d4c.toml.0123456789ab.tmp",
        "fresh": ".2026-11-26T06-40-12Z-1f2e3d4d.toml.ba9876543210.tmp",
        "not-ours": ".notes.tmp",
        "not-hex": ".x.toml.0123456789ag.tmp",
        "link": ".y.toml.0123456789ab.tmp",
    }
    for case, name in names.items():
        path = folder / name
        if case == "link":
            path.symlink_to(folder / names["stale"])
        else:
            path.write_bytes(b"half a session")
        if case != "fresh":
            os.utime(path, (old, old), follow_symlinks=False)
    store.list_sessions()
    left = {p.name for p in folder.iterdir()}
    assert names["stale"] not in left
    assert {names[c] for c in ("fresh", "not-ours", "not-hex", "link")} <= left


def test_the_first_save_sweeps_the_drafts_folder_too(tmp_path: Path) -> None:
    store = Storage(tmp_path / "fresh-root")
    store.root.mkdir()
    stale = store.root / ".draft.toml.0123456789ab.tmp"
    stale.write_bytes(b"half a draft")
    old = time.time() - TEMP_MAX_AGE - 60
    os.utime(stale, (old, old))
    store.save_draft(make_draft("diet", {}))
    assert not stale.exists() and store.draft_path.is_file()


def test_draft_model_rejects_out_of_range_times() -> None:
    data = make_draft("diet", {}).model_dump(mode="json")
    with pytest.raises(ValueError, match="updated"):
        Draft.model_validate({**data, "updated": "9999-12-31T23:59:59-14:00"})
