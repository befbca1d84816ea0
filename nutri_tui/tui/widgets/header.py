"""Textual's Header, without a crash when its screen goes away while it is still mounting.

Header keeps its title up to date with an async watcher that looks up its HeaderTitle child. When keys
come quickly (a held key, a paste) a screen can be replaced before that watcher first runs; the child
is gone by then and Textual 8.2 raised NoMatches, which ended the app (found by the random-key test in
tests/test_attack_app.py). This is the same watcher, ending quietly in that case.
"""

from __future__ import annotations

import contextlib

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widget import Widget
from textual.widgets import Header as TextualHeader
from textual.widgets._header import HeaderTitle


class Header(TextualHeader):
    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # Textual would run Header._on_mount too, watcher and all
        Widget._on_mount(self, event)  # which prevent_default skips as well

        async def set_title() -> None:
            with contextlib.suppress(NoScreen, NoMatches):  # NoMatches: the screen went before it settled
                self.query_one(HeaderTitle).update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
