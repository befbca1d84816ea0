"""A relabel writes the head again and keeps the answers and result as they are in the file (issue 15: the
whole session was dumped again, most of a relabel's time). The file it leaves is what a save of the relabelled
session writes, byte for byte; a file nutri-tui did not write that way is written again in full, as before."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.session import LABEL_MAX, Session
from nutri_tui.storage import Storage, StorageError, session_file
from nutri_tui.storage.answers_file import read_answers
from nutri_tui.storage.session_file import dump_session, make_session, relabelled
from nutri_tui.text import clean_text

REPO = Path(__file__).resolve().parent.parent.parent
NOW = datetime(2026, 11, 30, 8, 15, tzinfo=UTC)
EXAMPLES = sorted((REPO / "examples").glob("*.toml"))


def _session(content: Content, example: Path, label: str = "Before physio") -> Session:
    answers = read_answers(example, content)
    return make_session(answers, assess(answers, content), content.version, label=label, now=NOW)


@pytest.fixture(scope="module")
def saved(content: Content) -> tuple[Session, bytes]:
    session = _session(content, REPO / "examples" / "older-several-medicines.toml")
    return session, dump_session(session)


def _no_full_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(session: Session) -> bytes:
        raise AssertionError("the whole session was dumped again")

    monkeypatch.setattr(session_file, "dump_session", refused)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_relabelled_is_what_a_save_of_it_writes(
    content: Content, example: Path, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Storage()
    session = _session(content, example)
    path = store.save_session(session)
    expected = dump_session(session.model_copy(update={"label": "After six weeks"}))
    _no_full_dump(monkeypatch)  # the rest of the file is kept, not written again
    assert store.relabel_session(path, "  After six\nweeks ") == path
    assert path.read_bytes() == expected
    assert store.load_session(path) == session.model_copy(update={"label": "After six weeks"})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(label=st.text(max_size=120))
def test_any_label_gives_the_bytes_a_save_gives(saved: tuple[Session, bytes], label: str) -> None:
    """Quotes, backslashes, control and bidi characters, long labels: cleaned as a save cleans them, and the
    file the same as a full dump of the relabelled session (its size in the summary included)."""
    session, raw = saved
    expected = dump_session(session.model_copy(update={"label": clean_text(label, LABEL_MAX)}))
    assert relabelled(raw, session, label) == expected


def test_a_note_in_the_rest_is_kept_when_the_size_still_holds(saved: tuple[Session, bytes], private_home: Path) -> None:
    """The rest is kept as the file has it: a note written there stays, when the head still says the file's
    size. A note that made the file longer than its head says is an edit nutri-tui did not make: the file is
    written again in full, as every relabel wrote it before."""
    session, raw = saved
    store = Storage()
    path = store.save_session(session)
    note = b"# seen by the physio on 2 December\n"
    at = raw.index(b"\n[result]\n") + 1
    path.write_bytes(raw[:at] + note + raw[at:])
    store.relabel_session(path, "After the walk")
    relabelled_in_full = dump_session(session.model_copy(update={"label": "After the walk"}))
    assert path.read_bytes() == relabelled_in_full

    size = f"file_size = {len(raw)}\n".encode()
    grown = raw.replace(size, f"file_size = {len(raw) + len(note)}\n".encode(), 1)
    assert len(grown) == len(raw)  # the same number of digits
    path.write_bytes(grown[:at] + note + grown[at:])
    store.relabel_session(path, "After the walk")
    kept = path.read_bytes()
    assert (
        note in kept
        and kept.replace(note, b"").replace(
            f"file_size = {len(kept)}\n".encode(), f"file_size = {len(kept) - len(note)}\n".encode()
        )
        == relabelled_in_full
    )
    assert store.load_session(path) == session.model_copy(update={"label": "After the walk"})


def test_a_head_edited_by_hand_is_written_again_in_full(saved: tuple[Session, bytes], private_home: Path) -> None:
    session, raw = saved
    store = Storage()
    path = store.save_session(session)
    quoted = b'label = "Before physio"'
    assert quoted in raw
    path.write_bytes(raw.replace(quoted, b"label = 'Before physio'", 1))  # the same label, written another way
    store.relabel_session(path, "Renamed")
    assert path.read_bytes() == dump_session(session.model_copy(update={"label": "Renamed"}))


def test_an_unreadable_file_is_still_refused_and_never_changed(
    saved: tuple[Session, bytes], private_home: Path
) -> None:
    session, raw = saved
    store = Storage()
    path = store.save_session(session)
    broken = raw.replace(b"[answers]\n", b"[answers]\nage = ", 1)
    path.write_bytes(broken)
    with pytest.raises(StorageError):
        store.relabel_session(path, "x")
    assert path.read_bytes() == broken
