"""The warm-up imports in steps and gives way to keys (tui/warm_up.py), without an App: a stand-in records what
the thread would do, in order."""

from __future__ import annotations

import pytest

from nutri_tui.content import ContentError
from nutri_tui.tui import warm_up


class Recorder:
    """The app as the warm-up sees it, recording each wait, import and content load."""

    def __init__(self, broken: bool = False) -> None:
        self.events: list[str] = []
        self.last_key_at = 0.0
        self.broken = broken

    @property
    def content(self) -> object:
        self.events.append("content")
        if self.broken:
            raise ContentError("rules.toml", "nutrient_rule 3", "weight must be at least 0")
        return object()

    def content_broken(self, reason: str) -> None:
        self.events.append(f"broken: {reason}")

    def call_from_thread(self, function, *args) -> None:
        function(*args)


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    app = Recorder()
    monkeypatch.setattr(
        warm_up, "wait_for_quiet", lambda seen, cancelled: not cancelled() and not app.events.append("wait")
    )
    monkeypatch.setattr(warm_up.importlib, "import_module", lambda name: app.events.append(name))
    monkeypatch.setattr(warm_up.gc, "freeze", lambda: app.events.append("freeze"))
    monkeypatch.setattr(warm_up, "build_engine_index", lambda content: app.events.append("index"))
    return app


def test_every_step_waits_for_quiet_first_and_the_content_loads_between_the_imports(recorder: Recorder) -> None:
    warm_up._load(recorder)
    steps = [*warm_up.BEFORE_CONTENT, "content", *warm_up.AFTER_CONTENT]
    imports = [event for step in steps for event in ("wait", step)]
    assert recorder.events == [*imports, "wait", "content", "index", "freeze"]  # the engine's index last, then frozen


def test_a_broken_knowledge_base_ends_the_warm_up_with_its_message(recorder: Recorder) -> None:
    recorder.broken = True
    warm_up._load(recorder)
    assert recorder.events[-2:] == ["content", "broken: content/rules.toml: nutrient_rule 3: weight must be at least 0"]
    assert not set(warm_up.AFTER_CONTENT) & set(recorder.events)
    assert "freeze" not in recorder.events


def test_an_app_ending_stops_the_warm_up_at_its_next_step(recorder: Recorder) -> None:
    warm_up._load(recorder, cancelled=lambda: len(recorder.events) >= 4)
    assert recorder.events == ["wait", warm_up.BEFORE_CONTENT[0], "wait", warm_up.BEFORE_CONTENT[1]]


def test_a_wait_for_quiet_ends_at_once_when_the_app_ends() -> None:
    app = Recorder()
    app.last_key_at = 10.0  # the quitting key: recent
    slept: list[float] = []
    assert warm_up.wait_for_quiet(app, lambda: len(slept) >= 1, clock=lambda: 10.0, sleep=slept.append) is False
    assert slept == [warm_up.CANCEL_CHECK]


def test_a_recent_key_holds_the_next_step_until_the_quiet_time_has_passed() -> None:
    app = Recorder()
    app.last_key_at = 10.0
    now = [10.1]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    assert warm_up.wait_for_quiet(app, clock=lambda: now[0], sleep=sleep)
    assert sum(slept) == pytest.approx(warm_up.QUIET_BEFORE_STEP - 0.1)
    assert max(slept) <= warm_up.CANCEL_CHECK  # in short sleeps, looking for the app's end between them
    slept.clear()
    assert warm_up.wait_for_quiet(app, clock=lambda: now[0], sleep=sleep)  # quiet long enough already: no wait
    assert slept == []


def test_the_steps_name_real_modules_each_once() -> None:
    import importlib.util

    steps = [*warm_up.BEFORE_CONTENT, *warm_up.AFTER_CONTENT]
    assert len(set(steps)) == len(steps)
    assert all(importlib.util.find_spec(name) is not None for name in steps)


def test_the_engine_index_built_ahead_is_the_one_the_engine_uses(content) -> None:
    """Built by the warm-up, the index is found in the engine's cache for that content: the first result and the
    back-pain step's warning signs do not build it again on the event loop."""
    from nutri_tui.engine import index

    index._CACHE.pop(id(content), None)
    warm_up.build_engine_index(content)
    built = index._CACHE[id(content)][1]
    assert index.index_for(content) is built


def test_settling_start_up_freezes_what_it_made_and_turns_the_collector_back_on(monkeypatch) -> None:
    """The command line starts the app with the collector off (cli/main.py run_app); once the first screen is
    drawn, start-up's objects are frozen and the collector runs again."""
    import gc

    calls: list[str] = []

    class Styles:
        def read_screen_styles(self) -> None:
            calls.append("styles")

    monkeypatch.setattr(warm_up.gc, "freeze", lambda: calls.append("freeze"))
    gc.disable()
    try:
        warm_up.settle_start_up(Styles())  # type: ignore[arg-type]
        assert gc.isenabled()
    finally:
        gc.enable()
    assert calls == ["styles", "freeze"]
