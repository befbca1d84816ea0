"""A long multi-select list with a filter box above it: type to narrow, space to tick."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, SelectionList

from nutri_tui.text import matches
from nutri_tui.tui.widgets.tick_list import TickList

LIST_ROWS = 12
"""The most rows a list shows at once (it scrolls for more)."""


class FilterBox(Input):
    """A list's filter box. Down or Enter goes into the list (people reach for the arrow first: Space then typed a
    blank into the filter instead of ticking the item they could see), moved at once by the box itself; a key
    handed to the box after that is dropped.

    Down and Space typed fast arrive in one read, and the app hands both to the box before Down has taken effect.
    Handled by the list's container (as it was), or by Input's Enter binding, Down moved the focus only after the
    box had typed the Space into the filter ("warf "), and the medicine was not ticked. Handed on to the list, a
    dropped key could arrive after keys read later and tick the wrong row; a lost key shows (nothing ticked), a
    wrong tick may not.
    """

    def __init__(self, into_list: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._into_list = into_list

    def on_key(self, event: events.Key) -> None:
        if self.screen.focused is not self:
            event.prevent_default()  # Input's own handler, which would type it
            event.stop()
        elif event.key in ("down", "enter"):
            event.prevent_default()
            event.stop()  # Enter's binding (submit) would act only once the key had gone up to the app
            self._into_list()


class FilteredSelection(Vertical):
    """Items are (value, label, search text). Ticks survive filtering.

    A line under the list names what is ticked, and each box shows its state by glyph (TickList),
    so the state never depends on colour alone.

    One value is one row: a SelectionList ticks every row holding the value ticked, so two rows with one
    value ("metformin" and "Other: Metformin") were both ticked by one Space and counted twice. A later
    row with a value already listed is folded into the first (its words still find it).
    """

    DEFAULT_CSS = """
    FilteredSelection { height: auto; }
    FilteredSelection > Input { margin: 0; }
    FilteredSelection > SelectionList { max-height: 12; }
    FilteredSelection > .count { color: $text-muted; width: 100%; height: auto; }  /* long "Ticked" lines wrap */
    """

    class Changed(Message):
        def __init__(self, selection: FilteredSelection) -> None:
            super().__init__()
            self.selection = selection

    def __init__(
        self,
        items: list[tuple[str, str, str]],
        selected: set[str] | None = None,
        placeholder: str = "",
        filterable: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.filterable = filterable
        self.items = _one_row_per_value(items)
        self.selected: set[str] = set(selected or ())
        self.placeholder = placeholder or "Type to filter the list"
        self._shown: tuple[str, ...] = tuple(value for value, _, _ in self.items)
        """The values the list shows now, in order."""

    def compose(self) -> ComposeResult:
        if self.filterable:
            yield FilterBox(self._focus_list, placeholder=self.placeholder, compact=True, classes="filter")
        listing = TickList(*self._options(""), compact=True)
        # A fixed height: with "auto", every keystroke in the filter changed the list's height and so laid out
        # the whole screen again (about 30 ms a key with 170 medicines). The count line also stays put.
        listing.styles.height = min(LIST_ROWS, max(len(self.items), 1))
        yield listing
        yield Label(self._count_text(), classes="count", markup=False)  # names from content: never markup

    def _options(self, query: str) -> list[tuple[Content, str, bool]]:
        # Content: a label is plain text. A string prompt is read as markup, where a name from a content file
        # holding "[/]" crashed the step and "[n]" vanished.
        return [
            (Content(label), value, value in self.selected)
            for value, label, search in self.items
            if matches(query, search)
        ]

    def _count_text(self) -> str:
        chosen = [label for value, label, _ in self.items if value in self.selected]
        return f"Ticked ({len(chosen)}): " + (", ".join(chosen) if chosen else "none")

    @on(Input.Changed, ".filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        listing = self.query_one(SelectionList)
        options = self._options(event.value)
        shown = tuple(value for _, value, _ in options)
        if shown == self._shown:  # a letter that matches the same rows ("omep" -> "omepr"): nothing to redraw
            return
        self._shown = shown
        with listing.prevent(SelectionList.SelectedChanged):
            listing.clear_options()
            listing.add_options(options)
        # Replacing the options drops the highlight; without one, Space would tick nothing.
        if listing.option_count:
            listing.highlighted = 0

    def _focus_list(self) -> None:
        # At once, not with ``focus()``, which moves it after the messages already queued: a key read just
        # after this one then goes to the list, not into the filter.
        self.screen.set_focus(self.query_one(SelectionList))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The filter box focused: bring its list into view as well, since typing narrows the list under it. At
        the foot of a long step (the health conditions) the box was on screen and its matches were not, so
        "kidn" seemed to find nothing until Tab."""
        if isinstance(event.widget, Input) and event.widget.parent is self:
            self.scroll_visible()

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        value = event.selection.value
        if value in self.selected:
            self.selected.discard(value)
        else:
            self.selected.add(value)
        self.query_one(".count", Label).update(self._count_text())
        self.post_message(self.Changed(self))

    @on(SelectionList.SelectedChanged)
    def _quiet(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()


def _one_row_per_value(items: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    rows: dict[str, tuple[str, str, str]] = {}
    for value, label, search in items:
        if value in rows:
            first = rows[value]
            rows[value] = (value, first[1], f"{first[2]} {label} {search}")
        else:
            rows[value] = (value, label, search)
    return list(rows.values())
