"""Past results: newest first, filtered by typing, opened, relabelled, deleted and compared.

Unreadable files are listed with their reason and are never changed, except that a person may
delete one on purpose (after confirming).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Sparkline, Static

from nutri_tui.local_time import shown_time
from nutri_tui.reports.phrases import LEVEL_SYMBOL
from nutri_tui.storage import SavedSession, SessionEntry, StorageError
from nutri_tui.text import clean_text
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.screens.confirm import ConfirmModal
from nutri_tui.tui.screens.label_modal import LabelModal
from nutri_tui.tui.widgets.header import Header
from nutri_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.storage import Storage

HELP = (
    "Your saved results, newest first. Type in the box to filter by date, label or nutrient; Down moves into "
    "the list. Enter opens a result, L changes its label, D deletes it (after asking), Space marks a result "
    "and C compares the marked one with the highlighted one, S changes the order. The line at the bottom "
    "shows your pain score over time."
)
SORTS = ("newest", "oldest", "pain")
PAGE = 200
"""Rows added to the table at a time: thousands of rows at once would make the screen slow to open."""


class HistoryScreen(Screen[None]):
    BINDINGS: ClassVar = [
        Binding("enter", "open", "Open", show=False),
        Binding("space", "mark", "Mark"),
        Binding("c", "compare", "Compare"),
        Binding("l", "relabel", "Label"),
        Binding("d", "delete", "Delete"),
        Binding("s", "sort", "Sort"),
        Binding("escape", "home", "Home"),
        Binding("f1", "app.help", "Help"),
    ]
    HELP = HELP

    def __init__(self, storage: Storage, content: Content) -> None:
        super().__init__()
        self.storage = storage
        self.content = content
        self.entries: list[SessionEntry] = []
        self.by_key: dict[str, SessionEntry] = {}
        """Entries by their table row key: the highlighted row is looked up on every key press."""
        self.search: dict[str, str] = {}
        """Each entry's filter text, made at the first filter keystroke after a reload, not on every one."""
        self.shown: list[SessionEntry] = []
        """The entries that pass the filter, in order; the table holds the first rows of these."""
        self.marked: str | None = None
        self.sort = SORTS[0]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Type to filter: date, label or nutrient", compact=True, id="history-filter")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-status", markup=False)
        yield Sparkline([], id="pain-trend")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns("Date", "Flag", "Pain", "Label", "Worth checking")
        self.reload()
        table.focus()

    def reload(self) -> None:
        try:
            self.entries = self.storage.list_sessions()
        except (OSError, StorageError) as error:
            self.entries = []
            self.notify(f"Could not read the sessions folder: {error}", severity="error")
        self.by_key = {str(e.path): e for e in self.entries}
        self.search = {}
        if self.marked not in self.by_key:
            self.marked = None
        self.refill()

    def _visible(self) -> list[SessionEntry]:
        words = self.query_one("#history-filter", Input).value.casefold().split()
        readable = [e for e in self.entries if isinstance(e, SavedSession)]
        if self.sort == "oldest":
            readable.sort(key=lambda e: e.created)
        elif self.sort == "pain":
            readable.sort(key=lambda e: -1 if e.pain_intensity is None else e.pain_intensity, reverse=True)
        ordered: list[SessionEntry] = [*readable, *(e for e in self.entries if not isinstance(e, SavedSession))]
        if not words:
            return ordered
        if not self.search:
            self.search = {key: _search_text(entry) for key, entry in self.by_key.items()}
        return [e for e in ordered if all(word in self.search[str(e.path)] for word in words)]

    def refill(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.clear()
        self.shown = self._visible()
        self._add_rows(PAGE)
        readable = [e for e in self.entries if isinstance(e, SavedSession)]
        broken = len(self.entries) - len(readable)
        status = f"{len(readable)} result(s), sorted {self.sort}"
        status += f"; {broken} unreadable file(s) listed last, left untouched" if broken else ""
        if not self.entries:
            status = "No saved results yet: finish an assessment and it is saved here automatically."
        self.query_one("#history-status", Static).update(status + "   Pain over time:")
        pains = [e.pain_intensity for e in sorted(readable, key=lambda e: e.created) if e.pain_intensity is not None]
        self.query_one("#pain-trend", Sparkline).data = pains or [0]

    def _add_rows(self, count: int) -> None:
        """Add the next ``count`` filtered entries to the table (more follow as the cursor reaches the end)."""
        table = self.query_one("#history-table", DataTable)
        start = table.row_count
        for entry in self.shown[start : start + count]:
            key = str(entry.path)
            mark = "» " if key == self.marked else ""
            if isinstance(entry, SavedSession):
                top = ", ".join(f"{LEVEL_SYMBOL[level]} {_name(self, n)}" for n, level in entry.top_nutrients) or "-"
                pain = "-" if entry.pain_intensity is None else str(entry.pain_intensity)
                cells = (
                    mark + shown_time(entry.created),
                    "‼ yes" if entry.red_flag else "",
                    pain,
                    clean_text(entry.label) or "-",
                    clean_text(top, 400),
                )
            else:
                cells = (mark + "unreadable", "", "", clean_text(entry.path.name), clean_text(entry.reason, 600))
            # Text cells: a plain str would be parsed as Rich markup, so a label such as "[/]" could
            # break the table (and parsing thousands of cells is slow). Cleaned, because a file's name
            # and anything from the index may hold an ESC, which Textual would pass to the terminal.
            table.add_row(*(Text(cell, no_wrap=True) for cell in cells), key=key)

    @on(DataTable.RowHighlighted, "#history-table")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - 1 and event.data_table.row_count < len(self.shown):
            self._add_rows(PAGE)

    @on(Input.Changed, "#history-filter")
    def _filter(self) -> None:
        self.refill()

    @on(Input.Submitted, "#history-filter")
    def _to_table(self) -> None:
        self.query_one("#history-table", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "mark", "compare", "relabel", "delete"):
            return self._current() is not None or None
        return True

    def _current(self) -> SessionEntry | None:
        table = self.query_one("#history-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.by_key.get(key or "")

    @on(DataTable.RowSelected, "#history-table")
    def action_open(self) -> None:
        entry = self._current()
        if entry is None:
            return
        if not isinstance(entry, SavedSession):
            self.notify(f"This file cannot be opened: {entry.reason}", severity="warning", timeout=8)
            return
        nav.go(self, nav.OpenSaved(entry.path))

    def action_mark(self) -> None:
        entry = self._current()
        if entry is not None and isinstance(entry, SavedSession):
            key = str(entry.path)
            self.marked = None if self.marked == key else key
            self.refill()

    def action_compare(self) -> None:
        entry = self._current()
        if self.marked is None or entry is None or not isinstance(entry, SavedSession):
            self.notify("Mark one result with Space, then highlight another and press C.", timeout=6)
            return
        if str(entry.path) == self.marked:
            self.notify("Highlight a different result to compare with the marked one.", timeout=6)
            return
        nav.go(self, nav.Compare(self.marked_path(), entry.path, tuple(self.entries)))

    def marked_path(self) -> Path:
        return self.by_key[self.marked or ""].path

    def action_relabel(self) -> None:
        entry = self._current()
        if entry is None or not isinstance(entry, SavedSession):
            return

        def done(label: str | None) -> None:
            if label is None:
                return
            try:
                self.storage.relabel_session(entry.path, label)
            except (OSError, StorageError) as error:
                self.notify(f"Could not change the label: {error}", severity="error")
            self.reload()

        self.app.push_screen(LabelModal(entry.label), done)

    def action_delete(self) -> None:
        entry = self._current()
        if entry is None:
            return
        label = entry.label if isinstance(entry, SavedSession) else ""  # an unreadable file has only its name
        what = clean_text(label or entry.path.name)

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.storage.delete_session(entry.path)
            except (OSError, StorageError) as error:
                self.notify(f"Could not delete it: {error}", severity="error")
            if self.marked == str(entry.path):
                self.marked = None
            self.reload()

        self.app.push_screen(ConfirmModal(f"Delete {what!r} for good? This cannot be undone.", yes="Delete"), done)

    def action_home(self) -> None:
        nav.go(self, nav.Home())

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refill()


def _name(screen: HistoryScreen, nutrient_id: str) -> str:
    nutrient = screen.content.nutrients.get(nutrient_id)
    return nutrient.name if nutrient else nutrient_id


def _search_text(entry: SessionEntry) -> str:
    if isinstance(entry, SavedSession):
        nutrients = " ".join(n.replace("_", " ") for n, _ in entry.top_nutrients)
        return f"{shown_time(entry.created)} {entry.label} {nutrients}".casefold()
    return f"unreadable {entry.path.name} {entry.reason}".casefold()
