"""Loading the knowledge base while the person reads the first screen, off the event loop.

Done on the event loop, the load (importing the pydantic models, then validating content/) held up a
key pressed meanwhile by the whole load: measured in a pseudo-terminal, F1 at +0.27 s took three times
as long as F1 later. In a thread the loop keeps answering keys; a screen that needs the content before
the thread is done waits for it (the app's ``content`` holds a lock), rather than loading it twice.

A thread still shares Python's one interpreter lock with the loop: with start-up's objects frozen (just
before the warm-up: :func:`settle_start_up`), F1 pressed while the thread imported took
1.60x as long as F1 later (`benchmarks/bench_pty.py`). So the imports go in steps of 2-35 ms, and before each
step the thread waits until no key has come for :data:`QUIET_BEFORE_STEP`: a key then shares the lock with at
most the step under way (1.12-1.23x).
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable
from typing import Protocol

from textual.app import App
from textual.worker import get_current_worker

from nutri_tui.tui.screen_styles import ScreenStyles


class WarmedApp(Protocol):
    """The app as the warm-up needs it (a Protocol: the app imports this module)."""

    @property
    def content(self) -> object: ...

    def content_broken(self, reason: str) -> None: ...

    @property
    def last_key_at(self) -> float:
        """``time.monotonic()`` when the last key was read (``tui/type_ahead.py``)."""
        ...


QUIET_BEFORE_STEP = 0.25
"""Seconds with no key before the warm-up takes its next step (the wizard warms its forms after the same)."""
CANCEL_CHECK = 0.02
"""Seconds between looks at whether the app is ending, while waiting for quiet."""
BEFORE_CONTENT = (
    "pydantic_core",
    "pydantic",
    "pydantic._internal._model_construction",
    "pydantic.types",
    "nutri_tui.models.content",
    "nutri_tui.models.catalogues",
    "nutri_tui.models.instruments",
    "nutri_tui.models.rules",
    "nutri_tui.content",
)
"""What loading the content imports, one step each, in the order they import each other (``python -X importtime``:
2-16 ms a step)."""
AFTER_CONTENT = (
    "nutri_tui.models.answers",
    "nutri_tui.models.assessment",
    "nutri_tui.engine",
    "nutri_tui.storage",
    "nutri_tui.tui.screens.wizard",
)
"""What "Start a new assessment" needs next, imported here rather than on the first key (~140 ms in all; the
result model alone is one 35 ms step)."""


def settle_start_up(app: ScreenStyles) -> None:
    """The other screens' styles parsed, then everything made so far frozen for the cyclic collector.

    What start-up made (Textual, the styles, the welcome screen: tens of thousands of objects) lives as long as the
    app. Left to the collector, its first full collection walked all of it inside the first keys: F1 at +0.27 s
    took 80 ms against 43 ms later, with or without the warm-up running (measured on a pty); frozen here, 46 ms.
    The warm-up freezes again what it adds (:func:`_load`); the app's ``on_unmount`` undoes both.
    """
    app.read_screen_styles()
    gc.freeze()
    gc.enable()  # off from the start when the command line started the app (cli/main.py run_app)


def start_warm_up(app: App[None]) -> None:
    """Load and check the content in a thread worker; a broken knowledge base ends the app (exit 1)."""

    def run() -> None:
        worker = get_current_worker()
        _load(app, lambda: worker.is_cancelled)  # type: ignore[arg-type]

    app.run_worker(run, thread=True, group="warm-up", exit_on_error=False)


def _load(app: WarmedApp, cancelled: Callable[[], bool] = lambda: False) -> None:
    """The steps, each once the keys have paused. The app cancels its workers as it ends: the thread then stops
    at its next step instead of loading for an app that has gone (in a longer process, such as the tests, it
    would go on importing and validating beside the next app)."""
    for name in BEFORE_CONTENT:
        if not wait_for_quiet(app, cancelled):
            return
        importlib.import_module(name)
    from nutri_tui.content import ContentError

    if not wait_for_quiet(app, cancelled):
        return
    try:
        app.content  # noqa: B018 - loads, validates and caches it (in one step: it holds the app's content lock)
    except ContentError as error:
        app.call_from_thread(app.content_broken, str(error))  # type: ignore[attr-defined]
        return
    for name in AFTER_CONTENT:
        if not wait_for_quiet(app, cancelled):
            return
        importlib.import_module(name)
    if not wait_for_quiet(app, cancelled):
        return
    build_engine_index(app.content)

    # Everything made so far (modules, the knowledge base, Textual's styles: about 70,000 objects) lives as long
    # as the app, so the cyclic collector is told to leave it be. Otherwise its next full collection went over all
    # of it, 35-70 ms measured, and landed inside a keystroke or a step switch. Freezing moves nothing and keeps
    # reference counting: a frozen object that is let go of is still freed, unless it sits in a reference cycle.
    gc.freeze()


def build_engine_index(content: object) -> None:
    """The engine's index of the content (its rules compiled, its food lists sorted: 5-8 ms), built now.

    It is built on first use, and the first use was on the event loop: the back-pain step's warning signs, or the
    first result. The switch to the back-pain step took 46 ms, 15 of them this. Two threads building it at once is
    harmless: each gets a whole index, and the last one kept is used from then on.
    """
    from nutri_tui.engine.index import index_for

    index_for(content)  # type: ignore[arg-type]


def wait_for_quiet(
    app: WarmedApp,
    cancelled: Callable[[], bool] = lambda: False,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """Wait until no key has come for :data:`QUIET_BEFORE_STEP` seconds (sleeping lets the loop have the lock);
    False, at once, if the worker is cancelled meanwhile (the app is ending: the quitting key itself is recent).

    A person typing without a pause keeps the warm-up waiting; whatever needs the content then loads it itself.
    """
    while not cancelled():
        wait = QUIET_BEFORE_STEP - (clock() - app.last_key_at)
        if wait <= 0:
            return True
        sleep(min(wait, CANCEL_CHECK))
    return False
