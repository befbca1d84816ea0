"""Keys typed ahead reach what they were typed for: the next screen, or the next question.

Textual hands a key to whatever has focus when the key is read, and only later does a key before it
take effect. Someone who presses ``n`` and types their age at once, or types ``65``, Tab and ``f``
quickly (type-ahead: a fast typist, a paste, a screen reader's echo), had the keys after ``n`` handed
to the screen being left, and the ``f`` handed to the age box, which cannot use a letter: lost. A key
that nobody used comes back up to the app; if the screen or the focus it was handed to has changed
since, it is handed again to what has focus now. Keys that something used never come back, so nothing
is done twice (a digit typed straight after Tab still goes into the box it was handed to).
"""

from __future__ import annotations

import weakref

from textual import events
from textual.app import App
from textual.dom import DOMNode


class KeepTypeAhead(App[None]):
    """Mixed into the app (a subclass of App, so that ``super().on_event`` is Textual's)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._handed_to: weakref.WeakKeyDictionary[events.Key, tuple[DOMNode, DOMNode | None]] = (
            weakref.WeakKeyDictionary()
        )

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if not event.is_forwarded:  # read from the terminal just now: Textual hands it to the focus
                self._handed_to[event] = (self.screen, self.focused)
            elif (handed := self._handed_to.pop(event, None)) is not None and handed != (self.screen, self.focused):
                again = events.Key(event.key, event.character)
                again._set_forwarded()
                self._handed_to[again] = (self.screen, self.focused)
                (self.focused or self.screen).post_message(again)
                return
        await super().on_event(event)
