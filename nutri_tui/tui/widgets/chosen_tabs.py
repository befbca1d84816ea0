"""Tabs that show the tab chosen (a key, a click), whatever a late focus does.

Textual's TabbedContent brings to the front whichever pane receives a focus set by code. ``Widget.focus`` sets it a
turn later, so a focus on its way to the tab just left (a number key pressed straight after another, a dialog
closing and giving the focus back) pulled that tab back over the one chosen: "2" then "6" could end on Deficiencies,
with the Sources tab built but hidden (a CI failure under load). Here such a focus leaves the tabs as they are and
is reported (:class:`ChosenTabs.FocusHidden`), so the screen can put the keyboard back in the tab shown. Nothing else
changes: the tab row, clicks, keys and events are Textual's.
"""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widgets import TabbedContent, TabPane


class ChosenTabs(TabbedContent):
    class FocusHidden(Message):
        """Something in a pane that is not shown received the focus."""

        def __init__(self, tabs: ChosenTabs, pane: TabPane) -> None:
            super().__init__()
            self.tabs = tabs
            self.pane = pane

    @on(TabPane.Focused)
    def _keep_the_chosen_tab(self, event: TabPane.Focused) -> None:
        event.prevent_default()  # Textual's own handler would show that pane
        event.stop()
        if event.tab_pane.id != self.active:
            self.post_message(self.FocusHidden(self, event.tab_pane))
