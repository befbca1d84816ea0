"""The base of every dialog here: a ModalScreen that can be dismissed only once.

Textual's ``dismiss()`` pops whatever screen is on top. Two presses of Enter or Escape that reach a
dialog before it has gone (a held key, a paste, a fast typist) dismissed it and then the screen under
it, or failed with ScreenStackError when nothing was under it, which ended the app (found by the
random-key test in tests/test_attack_app.py). A second dismiss is now a no-op.

Every dialog shows its own keys on the bottom line (Esc closes, Y confirms...): without its own key bar
the line below a dialog still listed the keys of the screen under it, which do nothing while it is open.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, ScreenResultType

from nutri_tui.tui.widgets.key_bar import KeyBar


class Modal(ModalScreen[ScreenResultType]):
    def on_mount(self) -> None:
        self.mount(KeyBar())

    def dismiss(self, result: ScreenResultType | None = None) -> AwaitComplete:
        if not self.is_active:  # already dismissed, or something is on top of it: never pop another screen
            return AwaitComplete()
        return super().dismiss(result)
