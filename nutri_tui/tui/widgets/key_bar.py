"""The keys for the current screen on the bottom line: Textual's Footer, drawn as one widget.

Why not ``textual.widgets.Footer``: it is one widget per key and rebuilds all of them whenever the
screen's bindings change (every focus move, every Next enabled or disabled), restyling each one.
That was a large share of the time it took to show a wizard step (docs/performance.md). This bar
redraws one line of text instead. It looks the same: the key, its description, disabled keys dimmed,
the command palette key on the right, and a click on a key presses it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

_Span = tuple[int, int, str, bool]
"""Where a key is drawn on the bar (start and end cell), the key, and whether it is enabled. A plain tuple: a
NamedTuple class costs about a million instructions to make, before the first paint (issue 15)."""


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--disabled { text-style: dim; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--disabled"}
    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[_Span] = []
        self._drawn: object = None
        """The keys the bar last drew (see :meth:`_bindings_changed`)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen) -> None:
        """Redrawn only when the keys it shows change: the bindings are "updated" on every focus move, and in a
        form moving between two answers leaves the same keys (a redraw was about 1.4 ms a key, measured)."""
        if self._keys() != self._drawn:
            self.refresh()

    def _keys(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str, bool] | None]:
        """(key, shown key, description, enabled) for each shown action, and the palette key apart."""
        app = self.app
        shown: dict[str, tuple[str, str, str, bool]] = {}
        palette = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = (key, app.get_key_display(binding), binding.description, enabled)
            elif binding.show and binding.action not in shown:
                shown[binding.action] = (key, app.get_key_display(binding), binding.description, enabled)
        return list(shown.values()), palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description", partial=True)
        disabled_style = self.get_component_rich_style("key-bar--disabled", partial=True)
        self._drawn = self._keys()
        keys, palette = self._drawn
        keys = fit(keys, self.content_region.width or 80)
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for key, display, description, enabled in keys:
            start = text.cell_len
            dim = disabled_style if not enabled else Style()
            text.append(f" {display} ", key_style + dim)
            if description:
                text.append(f"{description} ", description_style + dim)
            self._spans.append((start, text.cell_len, key, enabled))
        if palette is not None:
            key, display, description, enabled = palette
            right = Text.assemble("▏", (f"{display} ", key_style), (f"{description} ", description_style))
            gap = self.content_region.width - text.cell_len - right.cell_len
            if gap > 0:
                text.append(" " * gap)
                self._spans.append((text.cell_len, text.cell_len + right.cell_len, key, enabled))
                text.append_text(right)
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return


def fit(keys: list[tuple[str, str, str, bool]], width: int) -> list[tuple[str, str, str, bool]]:
    """The keys that fit ``width``: on a narrow terminal descriptions go first (from the left), then keys,
    but Quit and its word always stay, so the way out is never cut off (a 60-column terminal cut it)."""

    def length(items: list[tuple[str, str, str, bool]]) -> int:
        return sum(
            len(display) + 2 + (len(description) + 1 if description else 0) for _, display, description, _ in items
        )

    fitted = list(keys)
    for index, (key, display, description, enabled) in enumerate(fitted):
        if length(fitted) <= width:
            return fitted
        if description and not _is_quit(key, description):
            fitted[index] = (key, display, "", enabled)
    while length(fitted) > width and len(fitted) > 1:
        drop = next((i for i in range(len(fitted) - 1, -1, -1) if not _is_quit(fitted[i][0], fitted[i][2])), None)
        if drop is None:
            break
        del fitted[drop]
    return fitted


def _is_quit(key: str, description: str) -> bool:
    return key == "ctrl+q" or description == "Quit"
