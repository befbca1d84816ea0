"""Keys typed while one screen gives way to the next reach the next one.

Textual hands a key to whatever has focus when the key is read, and only later does a key before it
take effect. Someone who presses ``n`` and types their age at once (type-ahead: a fast typist, a
paste, a screen reader's echo) had the digits handed to the screen being left; nothing there used them
and they were lost. A key that nobody used comes back up to the app; if the screen it was handed to is
no longer the one shown, it is handed again, once, to what has focus now. Keys that something used
never come back, so nothing is done twice.

Why not also when only the focus moved (``65``, Tab and ``f`` at once, the ``f`` handed to the age
box): a key handed on then arrives after later keys already handed to the new question, so a fast
burst could answer the wrong question. A lost key shows (the question stays unanswered and Next says
so); a misplaced answer does not, so within a screen keys are left where Textual hands them.
"""

from __future__ import annotations

import weakref

from textual import events
from textual.app import App
from textual.screen import Screen


class KeepTypeAhead(App[None]):
    """Mixed into the app (a subclass of App, so that ``super().on_event`` is Textual's)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._handed_to: weakref.WeakKeyDictionary[events.Key, Screen[object]] = weakref.WeakKeyDictionary()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if not event.is_forwarded:  # read from the terminal just now: Textual hands it to the focus
                self._handed_to[event] = self.screen
            elif (screen := self._handed_to.pop(event, None)) is not None and screen is not self.screen:
                again = events.Key(event.key, event.character)
                again._set_forwarded()
                self._handed_to[again] = self.screen
                (self.focused or self.screen).post_message(again)
                return
        await super().on_event(event)
