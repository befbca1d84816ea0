"""What a closed screen froze is collected at the next pause in the keys (tui/long_lived.py), without an App: a
stand-in records the timers the app would run."""

from __future__ import annotations

import pytest

from nutri_tui.tui import long_lived


class Clockwork:
    """The app as collect_when_quiet sees it: its last key and its timers, run by hand."""

    def __init__(self, last_key_at: float) -> None:
        self.last_key_at = last_key_at
        self.timers: list[tuple[float, object]] = []

    def set_timer(self, delay: float, callback) -> None:
        self.timers.append((delay, callback))

    def run_next_timer(self) -> float:
        delay, callback = self.timers.pop(0)
        callback()
        return delay


class Closed:
    """A screen that has gone (nothing else refers to it)."""


@pytest.fixture
def collector(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    for name in ("freeze", "unfreeze", "collect"):
        monkeypatch.setattr(long_lived.gc, name, lambda name=name: calls.append(name))
    return calls


def test_keeping_freezes_what_is_alive(collector: list[str]) -> None:
    long_lived.keep_until_closed()
    assert collector == ["freeze"]


def test_a_recent_key_puts_the_collection_off_until_the_keys_pause(collector, monkeypatch) -> None:
    now = [100.0]
    monkeypatch.setattr(long_lived.time, "monotonic", lambda: now[0])
    app = Clockwork(last_key_at=99.9)
    long_lived.collect_when_quiet(app, Closed(), quiet=1.0)  # type: ignore[arg-type]
    assert app.run_next_timer() == 1.0 and collector == []  # not yet: no timers run, time stood still
    now[0] = 100.5
    app.last_key_at = 100.2  # another key meanwhile
    app.run_next_timer()
    assert collector == [] and app.timers[0][0] == pytest.approx(0.7)
    now[0] = 101.2
    app.run_next_timer()
    assert collector == ["unfreeze", "collect", "freeze"] and app.timers == []  # once, then nothing more


def test_a_closed_screen_still_held_is_collected_again_at_later_pauses_a_few_times(collector, monkeypatch) -> None:
    monkeypatch.setattr(long_lived.time, "monotonic", lambda: 100.0)
    app = Clockwork(last_key_at=0.0)
    held = Closed()  # still referred to (here, by this test)
    long_lived.collect_when_quiet(app, held, quiet=1.0)  # type: ignore[arg-type]
    while app.timers:
        app.run_next_timer()
    assert collector == ["unfreeze", "collect", "freeze"] * long_lived.TRIES
