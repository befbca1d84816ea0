"""Every screen's styles but the welcome screen's, read when the first other screen is shown.

The first paint is the welcome screen, and Textual parses all of the app's CSS before it draws it. Most of
ours styles screens that come later (the wizard, the dialogs, the result, the history): parsing those rules
was about 2.5% of the whole start-up, measured by instruction count, for nothing on the first screen. So
they live in ``screens.tcss``, added to the stylesheet just before the first other screen is pushed or
switched to, or a moment after the first paint, whichever comes first (:meth:`ScreenStyles.read_screen_styles`).
Textual then parses only that file; the rest stays in its parse cache.

Why not each screen's own ``CSS_PATH``: Textual reads those by parsing the whole stylesheet again, once per
screen class. And why not ``DEFAULT_CSS``: default rules rank below every widget's own, which changes
which rule wins. Read this way the rules are app CSS, as they were in ``app.tcss``, and come after it, as
they did there (app.tcss holds the rules that came first). A theme change parses every source again,
this one with them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

SCREEN_STYLES = Path(__file__).with_name("screens.tcss")


class ScreenStyles(App[None]):
    """Mixed into the app: reads ``screens.tcss`` before the first screen that is not the welcome screen."""

    FIRST_SCREENS: tuple[type[Screen[Any]], ...] = ()
    """Screens drawn without the later styles (the welcome screen: the app sets this)."""

    def push_screen(self, screen: Screen[Any] | str, *args: Any, **kwargs: Any) -> Any:
        self._style_for(screen)
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen: Screen[Any] | str) -> Any:
        self._style_for(screen)
        return super().switch_screen(screen)

    def _style_for(self, screen: Screen[Any] | str) -> None:
        if not isinstance(screen, self.FIRST_SCREENS) and type(screen) is not Screen:  # Textual's blank first screen
            self.read_screen_styles()

    def read_screen_styles(self) -> None:
        """Add and parse ``screens.tcss`` (once). The app also calls this shortly after the first paint, before
        the content's warm-up: a key pressed during the warm-up (F1: the help dialog) then finds it parsed,
        instead of parsing it while the warm-up's thread holds the interpreter (measured on a pty: 2.5x the
        same key pressed when idle)."""
        path = str(SCREEN_STYLES.resolve())
        if self.stylesheet.has_source(path, ""):
            return
        self.stylesheet.read(path)
        self.stylesheet.parse()  # only this file: the other sources are in the parse cache
        if self.css_monitor is not None:  # `textual run --dev`: edits to it are picked up too
            self.css_monitor.add_paths([Path(path)])
