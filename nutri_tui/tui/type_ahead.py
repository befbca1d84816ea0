"""Keys typed while one screen gives way to the next reach the next one, in the order they were typed.

Textual hands a key to whatever has focus when the key is read, and only later does a key before it
take effect. Someone who presses ``n`` and types their age at once (type-ahead: a fast typist, a
paste, a screen reader's echo) had the digits handed to the screen being left; nothing there used them
and they were lost. Handing them straight to the new screen was not enough either: on a busy machine
(CI) the new screen was not built yet, had nothing focused, and dropped them too.

So while a screen is opening (made current, its ``on_mount`` not yet run), keys are held, in the
order they were read:

- a key read from the terminal while the screen shown is still opening is held, not handed on;
- a key that was handed to a screen which is no longer shown, and that nothing there used, comes
  back up to the app and is held (once: keys that something used never come back, so nothing is
  done twice).

Once the screen shown has mounted (its first question has focus by then) and been painted once, the
held keys are handed to what has focus, in reading order. A key that opens yet another screen starts the same again for
the keys after it.

Why not also when only the focus moved (``65``, Tab and ``f`` at once, the ``f`` handed to the age
box): a key handed on then arrives after later keys already handed to the new question, so a fast
burst could answer the wrong question. A lost key shows (the question stays unanswered and Next says
so); a misplaced answer does not, so within a screen keys are left where Textual hands them.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import time
import weakref

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen

OPEN_WAIT = 3.0
"""Seconds to hold keys for a screen that never finishes opening (an error): then they are handed on."""


class _Held:
    """A held key, kept in reading order (``order``). A plain class, not ``@dataclass(order=True)``: generating
    that one's methods cost about a millisecond of every start, before the first paint."""

    __slots__ = ("fresh", "key", "order")

    def __init__(self, order: int, key: events.Key, fresh: bool) -> None:
        self.order = order
        self.key = key
        self.fresh = fresh
        """Read from the terminal and not yet offered to the app's priority bindings (ctrl+q)."""

    def __lt__(self, other: _Held) -> bool:  # what bisect.insort compares
        return self.order < other.order


def _copy(key: events.Key) -> events.Key:
    """A new event for the same key (an event that has been handled once is not posted again)."""
    return events.Key(key.key, key.character)


def _is_open(screen: Screen[object]) -> bool:
    # Textual sets this once the screen's on_mount handlers have run (focus is given by then).
    return screen._is_mounted


class KeepTypeAhead(App[None]):
    """Mixed into the app (a subclass of App, so that ``super().on_event`` is Textual's)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._handed_to: weakref.WeakKeyDictionary[events.Key, tuple[Screen[object], int]] = weakref.WeakKeyDictionary()
        self._read_order = itertools.count()
        self._held: list[_Held] = []
        self._releasing: asyncio.Task[None] | None = None
        self.last_key_at = 0.0
        """When the last key was read from the terminal (``time.monotonic``): work that can wait, such as
        warming the wizard's hidden forms, waits until the person has stopped typing."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if not event.is_forwarded:  # read from the terminal just now
                self.last_key_at = time.monotonic()
                order = next(self._read_order)
                if self._held or not _is_open(self.screen):
                    self._hold(_Held(order, _copy(event), fresh=True))
                    return
                self._handed_to[event] = (self.screen, order)  # Textual hands it to the focus, below
            elif (handed := self._handed_to.pop(event, None)) is not None and handed[0] is not self.screen:
                self._hold(_Held(handed[1], _copy(event), fresh=False))  # unused by a screen now left
                return
        await super().on_event(event)

    def _hold(self, held: _Held) -> None:
        bisect.insort(self._held, held)
        if self._releasing is None or self._releasing.done():
            self._releasing = asyncio.create_task(self._release_when_open())

    async def _release_when_open(self) -> None:
        """Hand the held keys on once the screen shown has opened (each may open another: then wait again)."""
        opened: Screen[object] | None = None
        while self._held:
            screen = self.screen
            if screen is not opened:
                await _opened(screen)
                opened = screen
                continue  # it may have given way to another while opening: look again
            held = self._held.pop(0)
            key = held.key
            if held.fresh and await self._check_bindings(key.key, priority=True):
                continue
            self._handed_to[key] = (screen, held.order)
            key._set_forwarded()
            target = self.focused or screen
            target.post_message(key)
            # Let the key take effect before the next is handed on: it may open another screen, or answer a
            # question that the next key (ctrl+q) asks about.
            await _handled(target)


async def _opened(screen: Screen[object]) -> None:
    """Wait until ``screen`` has mounted (its first question has focus) and been painted once (the wizard
    counts changes as the person's only from then on), or until OPEN_WAIT has passed (it never will)."""
    painted = asyncio.Event()
    try:
        if not _is_open(screen):
            await asyncio.wait_for(screen._mounted_event.wait(), OPEN_WAIT)
        if screen.call_after_refresh(painted.set):
            await asyncio.wait_for(painted.wait(), OPEN_WAIT)
    except TimeoutError:
        pass


async def _handled(target: MessagePump) -> None:
    """Wait until ``target``, then each node above it up to the app, has handled what is queued on it now
    (a key, and the messages it made that bubble up: a Changed the screen counts as an answer)."""
    node: MessagePump | None = target
    while node is not None:
        done = asyncio.Event()
        if node.call_later(done.set):
            try:
                await asyncio.wait_for(done.wait(), OPEN_WAIT)
            except TimeoutError:
                return
        node = node._parent
