"""A list of answers to tick whose boxes say by their glyph, not only their colour, which are ticked.

Textual's SelectionList draws every box as ``▐X▌`` and tells ticked from unticked by colour alone,
so with NO_COLOR, a monochrome terminal or colour blindness they look the same. Here an unticked
box is drawn ``▐ ▌``; the rest (keys, events, styles) is Textual's.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

UNTICKED = " "


class TickList(SelectionList[str]):
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
