"""The cyclic garbage collector kept off what an open screen holds, and given back what a closed one held.

Why: Python's collector walks every object it tracks in a full collection, and a full collection comes once
enough new objects have lived a while. The wizard makes tens of thousands (seven forms, their widgets, styles
and drawn lines) and keeps them while it is open: measured in process, a full collection of 12.7-33 ms then
landed inside a step switch, a different step from run to run. Start-up and the warm-up already freeze what
they made (``warm_up.py``); :func:`keep_until_closed` does the same once a screen has made what it keeps.

A frozen object is never looked at by the collector, and a closed screen's widgets refer to each other in
cycles that only the collector frees (measured: all 158 of a closed wizard's widgets lived on until it ran).
So once such a screen has gone, :func:`collect_when_quiet` waits for a pause in the keys, then unfreezes
everything, collects once and freezes what is left: one full collection (tens of ms), at a moment when
nobody is waiting for the screen. An app ending unfreezes everything in any case (``NutriTuiApp.on_unmount``).
"""

from __future__ import annotations

import gc
import time
import weakref

from textual.app import App

QUIET = 1.0
"""Seconds without a key before a closed screen's objects are collected."""
TRIES = 3
"""Collections at most for one closed screen, while something still holds it."""


def keep_until_closed() -> None:
    """Everything alive now is left out of the collector's full collections (the screen that calls this must
    call :func:`collect_when_quiet` once it has gone)."""
    gc.freeze()


def collect_when_quiet(app: App[object], closed: object, quiet: float | None = None) -> None:
    """Once no key has come for ``quiet`` seconds (:data:`QUIET`): unfreeze, collect, freeze again. Nothing if the
    app ends first.

    If ``closed`` (the screen that has gone) outlived the collection, something still held it for a moment (the
    app keeps the last message it handled, and a closed screen's last message names it as its sender): it is
    tried again at the next pause, up to :data:`TRIES` times. Frozen again while still held, it would stay
    uncollected until the next screen that froze closed.
    """
    quiet = QUIET if quiet is None else quiet
    gone = weakref.ref(closed)
    del closed  # only the weak reference from here: this function must not be what keeps it
    tries = [TRIES]

    def attempt() -> None:
        last_key_at = getattr(app, "last_key_at", 0.0)  # tui/type_ahead.py: when the last key was read
        wait = quiet - (time.monotonic() - last_key_at)
        if wait > 0:
            app.set_timer(wait, attempt)
            return
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        tries[0] -= 1
        if gone() is not None and tries[0] > 0:
            app.set_timer(quiet, attempt)

    app.set_timer(quiet, attempt)
