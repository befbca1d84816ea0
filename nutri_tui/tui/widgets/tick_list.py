"""A list of answers to tick whose boxes say by their glyph, not only their colour, which are ticked.

Textual's SelectionList draws every box as ``▐X▌`` and tells ticked from unticked by colour alone,
so with NO_COLOR, a monochrome terminal or colour blindness they look the same. Here an unticked
box is drawn ``▐ ▌``; the rest (keys, events, styles) is Textual's.

It also keeps its drawn lines when it is shown again at the width they were made for (see ``_on_resize``).
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

UNTICKED = " "
KEEPS_LINES = all(hasattr(OptionList, name) for name in ("_update_lines", "_clear_caches", "_on_resize"))
"""Whether this Textual's OptionList has the private parts the list uses to keep its lines (only a speed-up: if an
upgrade renames them, the list behaves as Textual's own, drawing its lines again on each Resize)."""


def _lines(ticks: OptionList) -> list[tuple[int, int]] | None:
    """The option list's lines as made so far, or None where this Textual keeps them elsewhere."""
    cache = getattr(ticks, "_line_cache", None) if KEEPS_LINES else None
    return getattr(cache, "lines", None)


class TickList(SelectionList[str]):
    _lines_width: int | None = None
    """The width the option list's lines (and their drawings) were made for, while it has any."""

    def _update_lines(self) -> None:
        empty = not _lines(self)
        super()._update_lines()
        if empty and _lines(self):
            self._lines_width = self.scrollable_content_region.width

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Once it has a width, how many lines its options take is worked out at once (again, if they were made for
        another width), not at its first drawing or its next Resize event: a form laid out ahead of time
        (``screens/steps/warm.py``) gets no events, so a list below its bottom learnt only when the form was
        shown that it needs a scrollbar, and a list that had been drawn before its form's scrollbar appeared was
        drawn again then."""
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if resized and _lines(self) is not None:
            for _ in range(2):  # again if the lines just made call for a scrollbar, which narrows the list
                if _lines(self) and self._lines_width != self.scrollable_content_region.width:
                    self._clear_caches()  # made for another width: OptionList's own reset (lines, drawings, refresh)
                self._update_lines()
        return resized

    def _on_resize(self, event: events.Resize) -> None:
        """Textual's OptionList forgets every line it has drawn on each Resize, and a layout sends Resize to every
        widget it newly shows, whether its size changed or not: each step form shown (its lists drawn ahead of
        time while hidden, ``screens/steps/warm.py``) drew its lists again from nothing. The lines depend on the
        width alone, so at the width they were made for they are kept: the default handler (OptionList's, which
        Textual calls after this one) is skipped."""
        if _lines(self) and self._lines_width == self.scrollable_content_region.width:
            event.prevent_default()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if option.value in self.selected:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            segments[1] = Segment(UNTICKED, segments[1].style)
            return Strip(segments, strip.cell_length)
        return strip
