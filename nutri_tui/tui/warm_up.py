"""Loading the knowledge base while the person reads the first screen, off the event loop.

Done on the event loop, the load (importing the pydantic models, then validating content/) held up a
key pressed meanwhile by the whole load: measured in a pseudo-terminal, F1 at +0.27 s took three times
as long as F1 later. In a thread the loop keeps answering keys; a screen that needs the content before
the thread is done waits for it (the app's ``content`` holds a lock), rather than loading it twice.
"""

from __future__ import annotations

import gc
from typing import Protocol

from textual.app import App


class WarmedApp(Protocol):
    """The app as the warm-up needs it (a Protocol: the app imports this module)."""

    @property
    def content(self) -> object: ...

    def content_broken(self, reason: str) -> None: ...


def start_warm_up(app: App[None]) -> None:
    """Load and check the content in a thread worker; a broken knowledge base ends the app (exit 1)."""
    app.run_worker(lambda: _load(app), thread=True, group="warm-up", exit_on_error=False)  # type: ignore[arg-type]


def _load(app: WarmedApp) -> None:
    from nutri_tui.content import ContentError

    try:
        app.content  # noqa: B018 - loads, validates and caches it
    except ContentError as error:
        app.call_from_thread(app.content_broken, str(error))  # type: ignore[attr-defined]
        return
    # What "Start a new assessment" needs next, imported here rather than on the first key (~140 ms).
    import nutri_tui.storage
    import nutri_tui.tui.screens.wizard  # noqa: F401

    # Everything made so far (modules, the knowledge base, Textual's styles: about 70,000 objects) lives as long
    # as the app, so the cyclic collector is told to leave it be. Otherwise its next full collection went over all
    # of it, 35-70 ms measured, and landed inside a keystroke or a step switch. Freezing moves nothing and keeps
    # reference counting: a frozen object that is let go of is still freed, unless it sits in a reference cycle.
    gc.freeze()
