"""The hand-written frozen classes behave as the dataclasses they replaced, and the first listing's shortcuts
(a row's ``created`` from its head's text, the shown date made a day at a time) give what they stand for."""

from __future__ import annotations

import copy
import pickle
import random
import subprocess
import sys
import time
from dataclasses import FrozenInstanceError, dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from nutri_tui.models.bounds import Longest, Number, Pattern
from nutri_tui.models.summary_fields import ScoreSummary
from nutri_tui.profiles import Profile
from nutri_tui.storage import heads, index_search
from nutri_tui.storage.index import SavedSession, UnreadableSession, canonical_moment, canonical_text, moment_of
from nutri_tui.storage.sessions import Where


@dataclass(frozen=True)
class _OldSaved:
    path: Path
    created: datetime
    label: str
    pain_intensity: int | None
    red_flag: bool
    top_nutrients: tuple[tuple[str, str], ...]
    content_version: str
    instruments: tuple[ScoreSummary, ...] = ()
    readable: bool = True


@dataclass(frozen=True)
class _OldUnreadable:
    path: Path
    reason: str
    readable: bool = False


@dataclass(frozen=True)
class _OldProfile:
    name: str
    root: Path
    is_default: bool = False
    problem: str = ""


@dataclass(frozen=True, slots=True)
class _OldNumber:
    low: float
    high: float
    integer: bool = False


@dataclass(frozen=True)
class _OldWhere:
    root: Path
    sessions: Path
    draft: Path


MOMENT = datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)
SCORES = (ScoreSummary("phq4", 4, "mild", (("anxiety", 3),)),)
PAIRS = [
    (SavedSession, _OldSaved, (Path("/a.toml"), MOMENT, "x", 3, True, (("iron", "high"),), "1.0", SCORES)),
    (SavedSession, _OldSaved, (Path("/a.toml"), MOMENT, "x", None, False, (), "1.0")),
    (UnreadableSession, _OldUnreadable, (Path("/b.toml"), "not TOML")),
    (Profile, _OldProfile, ("Anna", Path("/h"))),
    (Profile, _OldProfile, ("Anna", Path("/h"), True, "why")),
    (Number, _OldNumber, (0, 1_000)),
    (Number, _OldNumber, (0, 3, True)),
    (Where, _OldWhere, (Path("/r"), Path("/r/s"), Path("/r/d"))),
]


def _renamed(text: str, new: type, old: type) -> str:
    return text.replace(old.__qualname__ + "(", new.__qualname__ + "(", 1)


@pytest.mark.parametrize(("new", "old", "values"), PAIRS)
def test_as_the_dataclass(new: type, old: type, values: tuple[object, ...]) -> None:
    made, reference = new(*values), old(*values)
    assert repr(made) == _renamed(repr(reference), new, old)
    assert hash(made) == hash(reference)
    assert made == new(*values) and made != reference and made != values
    assert made.__match_args__ == reference.__match_args__  # type: ignore[attr-defined]
    for name in reference.__match_args__:  # type: ignore[attr-defined]
        assert getattr(made, name) == getattr(reference, name)
        with pytest.raises(AttributeError):
            setattr(made, name, None)
        with pytest.raises(AttributeError):
            delattr(made, name)
    with pytest.raises(AttributeError):
        made.other = 1  # type: ignore[attr-defined]
    assert issubclass(FrozenInstanceError, AttributeError)
    assert copy.copy(made) == made and copy.deepcopy(made) == made
    assert pickle.loads(pickle.dumps(made)) == made


def test_a_field_changed_is_unequal() -> None:
    one = SavedSession(Path("/a.toml"), MOMENT, "x", 3, True, (), "1.0")
    assert one != SavedSession(Path("/a.toml"), MOMENT, "y", 3, True, (), "1.0")
    assert Pattern("a") == Pattern("a") and Pattern("a") != Pattern("b") and Longest(3) != Longest(4)
    assert Profile("a", Path("/h")).key == "a"


def _old_shown(moment: datetime) -> str:
    seconds = (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(seconds=1)
    offset = time.localtime(seconds).tm_gmtoff
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(seconds + offset))


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "America/St_Johns", "Asia/Kathmandu", "Africa/Monrovia"])
def test_shown_as_strftime_gave_it(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        index_search._day.cache_clear()
        draw = random.Random(zone)
        moments = [datetime(y, 1, 1, tzinfo=UTC) for y in (1, 2, 999, 1000, 1969, 1970, 2038, 9998)]
        moments += [datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC) + timedelta(seconds=s) for s in range(-3, 4)]
        for _ in range(3_000):
            seconds = draw.randrange(-2_000_000_000, 4_000_000_000)
            offset = timezone(timedelta(minutes=draw.randrange(-900, 900)))
            moments.append(datetime.fromtimestamp(seconds, offset) + timedelta(microseconds=draw.randrange(10**6)))
        for moment in moments:
            assert index_search.shown(moment) == _old_shown(moment), moment
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
        index_search._day.cache_clear()


def test_canonical_text_is_canonical_moment_for_a_read_moment() -> None:
    draw = random.Random(7)
    texts = ["2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000000+00:00"]
    texts += ["2026-01-01T00:00:00-00:00", "2026-01-01T00:00:00.5+00:00", "0001-01-01T00:00:00+00:00"]
    for _ in range(3_000):
        moment = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=draw.randrange(-(10**10), 10**10))
        moment = moment.astimezone(timezone(timedelta(minutes=draw.randrange(-1439, 1440))))
        text = moment.replace(microsecond=draw.choice([0, 1, 123456])).isoformat()
        texts += [text, text.replace("+00:00", "Z"), text[:19] + ".1" + text[19:]]
    texts += ["2026-01-01T00:00:00+05:60", "2026-01-01T00:00:00+05:59", "2026-01-01T00:00:00.000001+05:59"]
    for text in texts:
        text = f"{text[:-1]}+00:00" if text.endswith("Z") else text  # as heads._as_written gives it
        if heads._MOMENT.fullmatch(text) and moment_of(text) is not None:
            assert canonical_text(text) == canonical_moment(text), text
            assert not canonical_text(text) or moment_of(text).isoformat() == text  # type: ignore[union-attr]


def test_dataclasses_not_on_the_listing_path() -> None:
    """The modules of ``nutri-tui sessions`` import no ``dataclasses`` (a fifth of every command's start-up)."""
    code = (
        "import sys, nutri_tui.cli.main, nutri_tui.cli.sessions, nutri_tui.profiles, nutri_tui.storage.sessions;"
        "print('dataclasses' in sys.modules, 'inspect' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
