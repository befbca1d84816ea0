"""Past results: newest first, filtered by typing, opened, relabelled, deleted and compared.

Unreadable files are listed with their reason and are never changed, except that a person may
delete one on purpose (after confirming).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from nutri_tui.reports.progress import all_series
from nutri_tui.storage import SavedSession, SessionEntry, StorageError
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.screens.compare import CompareScreen
from nutri_tui.tui.screens.confirm import ConfirmModal
from nutri_tui.tui.screens.history_filter import SORTS, EntryFilter
from nutri_tui.tui.screens.history_rows import described, row_cells
from nutri_tui.tui.screens.label_modal import LabelModal
from nutri_tui.tui.widgets.header import Header
from nutri_tui.tui.widgets.key_bar import KeyBar
from nutri_tui.tui.widgets.sparkline import ProgressChart

if TYPE_CHECKING:
    from textual.widgets.data_table import ColumnKey

    from nutri_tui.content import Content
    from nutri_tui.storage import Storage

HELP = (
    "Your saved results, newest first. Type in the box to filter by date, label or nutrient (the ones under "
    "Worth checking); Down or Enter moves into the list, and letters typed in the box always go into it. "
    "Enter opens a result, L changes its label, D deletes it (after asking), Space marks a result "
    "and C compares the marked one with the highlighted one, S changes the order. The lines at the bottom show "
    "your pain score and the questionnaires' scores over all your results, oldest first: a small chart, the "
    "numbers, and what changed since the first (for pain, whether it is a change that matters); P lists every "
    "score of every result."
)
PAGE = 200
"""Rows added to the table at a time: thousands of rows at once would make the screen slow to open."""
LIST_ACTIONS = frozenset({"open", "mark", "compare", "relabel", "delete", "sort", "progress"})
"""Keys for the list; never while the filter box has focus, where a letter is part of what is typed."""
COLUMNS = ("Date", "Flag", "Pain", "Label", "Worth checking")
FIXED_WIDTH = 18 + 5 + 4 + 5 * 2 + 2
"""Columns taken by the date (with the mark), flag and pain, each column's padding, and the scroll bar."""
WORTH_WIDTH = 40
"""What "Worth checking" needs for three nutrients; a label is cut to leave it this much where it can."""
LABEL_MIN = 14
"""A label is never cut shorter than this: at 80 columns "Worth checking" still has 27 (two nutrients)."""


def label_width(columns: int) -> int:
    """How much of a label is shown on a screen ``columns`` wide (the rest is cut, with an ellipsis)."""
    return max(LABEL_MIN, columns - FIXED_WIDTH - WORTH_WIDTH)


@dataclass(frozen=True)
class HistoryView:
    """How a person left the list: given back when they return from Compare with Escape."""

    filter_text: str
    sort: str
    marked: str | None
    highlighted: str | None


class HistoryScreen(Screen[None]):
    BINDINGS: ClassVar = [
        Binding("enter", "open", "Open", show=False),
        Binding("space", "mark", "Mark"),
        Binding("c", "compare", "Compare"),
        Binding("l", "relabel", "Label"),
        Binding("d", "delete", "Delete"),
        Binding("s", "sort", "Sort"),
        Binding("p", "progress", "Scores", show=False),  # the key bar is full: the status line names it
        Binding("escape", "home", "Home"),
        Binding("down", "to_list", "List", show=False),
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
        self.filter = EntryFilter([], {}, SORTS[0])
        """The entries in the order chosen, and which of them the words typed find."""
        self.shown: list[SessionEntry] = []
        """The entries that pass the filter, in order; the table holds the first rows of these."""
        self.marked: str | None = None
        self.sort = SORTS[0]
        self.names = {key: nutrient.name for key, nutrient in content.nutrients.items()}
        self.columns: list[ColumnKey] = []
        self.label_width = LABEL_MIN
        self._returning: HistoryView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Type to filter: date, label or nutrient", compact=True, id="history-filter")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-status", markup=False)
        yield ProgressChart(id="history-progress")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        self.columns = table.add_columns(*COLUMNS)
        self.label_width = label_width(self.app.size.width)
        view, self._returning = self._returning, None
        if view is not None:
            self.sort, self.marked = view.sort, view.marked
            box = self.query_one("#history-filter", Input)
            with box.prevent(Input.Changed):
                box.value = view.filter_text
        self.reload(keep=view.highlighted if view is not None else None)
        table.focus()

    def view(self) -> HistoryView:
        entry = self._current()
        return HistoryView(
            self.query_one("#history-filter", Input).value,
            self.sort,
            self.marked,
            None if entry is None else str(entry.path),
        )

    def restore(self, view: HistoryView) -> None:
        """Show the list as ``view`` left it (called on a new screen, before it is mounted)."""
        self._returning = view

    def on_resize(self, event: events.Resize) -> None:
        width = label_width(event.size.width)
        if width != self.label_width and self.columns:
            self.label_width = width
            entry = self._current()
            self.refill(keep=None if entry is None else str(entry.path))

    def reload(self, keep: str | None = None) -> None:
        try:
            self.entries = self.storage.list_sessions()
        except (OSError, StorageError) as error:
            self.entries = []
            self.notify(f"Could not read the sessions folder: {error}", severity="error")
        self.by_key = {str(e.path): e for e in self.entries}
        self.new_filter()
        if self.marked not in self.by_key:
            self.marked = None
        self.refill(keep)
        self._show_progress()

    def new_filter(self) -> None:
        """The entries in the order chosen; their search texts are made in a thread at once (see EntryFilter)."""
        self.filter = made = EntryFilter(self.entries, self.names, self.sort)
        # After the rows are on the screen: made at once, the thread held up the first paint (GIL).
        self.call_after_refresh(
            lambda: self.run_worker(made.texts, thread=True, group="search-texts", exit_on_error=False)
        )

    def _show_progress(self) -> None:
        # Over every readable result, whatever the filter: entries come newest first.
        oldest_first = [e for e in reversed(self.entries) if isinstance(e, SavedSession)]
        self.query_one("#history-progress", ProgressChart).show(all_series(oldest_first, self.content))

    def _replace(self, old: SessionEntry, new: SessionEntry | None, keep: str | None = None) -> None:
        """One row changed (relabelled: ``new``) or went (deleted: None): update it in place rather than list
        every file again (with a long history the relist took seconds; the index catches up on the next)."""
        at = next(i for i, e in enumerate(self.entries) if e is old)
        key = str(old.path)
        self.filter.replace(old, new)
        if new is None:
            del self.entries[at]
            del self.by_key[key]
            if self.marked == key:
                self.marked = None
        else:
            self.entries[at] = self.by_key[key] = new
        self.refill(keep if new is None else key)
        if new is None:  # a label is in no score's series; a deleted result is: the chart follows once the row has gone
            self.call_after_refresh(self._show_progress)

    def refill(self, keep: str | None = None) -> None:
        """Fill the table from the filter; ``keep`` (a row key) stays highlighted if it is still shown."""
        table = self.query_one("#history-table", DataTable)
        table.clear()
        self.shown = self.filter.matching(self.query_one("#history-filter", Input).value)
        kept = self.by_key.get(keep or "")
        at = next((i for i, entry in enumerate(self.shown) if entry is kept), 0) if kept is not None else 0
        self._add_rows(PAGE * (at // PAGE + 1))
        if at:
            table.move_cursor(row=at)
        readable = self.filter.readable
        broken = len(self.entries) - readable
        status = f"{readable} result(s), sorted {self.sort}"
        status += f"; {broken} unreadable, listed last" if broken else ""  # short: the trend follows on the line
        if not self.entries:
            status = "No saved results yet: finish an assessment and it is saved here automatically."
        suffix = ". Over time, oldest first (P: every score):"
        if len(status + suffix) > self.app.size.width - 2:
            suffix = ". Over time (P: every score):"
        status += suffix if readable else ""
        self.query_one("#history-status", Static).update(status)

    def _add_rows(self, count: int) -> None:
        """Add the next ``count`` filtered entries to the table (more follow as the cursor reaches the end)."""
        table = self.query_one("#history-table", DataTable)
        start = table.row_count
        for entry in self.shown[start : start + count]:
            table.add_row(*self._cells(entry), key=str(entry.path))

    def _cells(self, entry: SessionEntry) -> list[Text]:
        return row_cells(entry, self.names, marked=str(entry.path) == self.marked, label_width=self.label_width)

    @on(DataTable.RowHighlighted, "#history-table")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - 1 and event.data_table.row_count < len(self.shown):
            self._add_rows(PAGE)

    @on(Input.Changed, "#history-filter")
    def _filter(self) -> None:
        self.refill()

    @on(Input.Submitted, "#history-filter")
    def action_to_list(self) -> None:
        self.query_one("#history-table", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LIST_ACTIONS and isinstance(self.focused, Input):
            # The Input already keeps printable keys from the screen's bindings; this also covers a key
            # that reached the list just before focus moved to the box (typed fast after Tab).
            return False
        if action == "to_list":
            return isinstance(self.focused, Input)
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
        from nutri_tui.tui.screens.result import ResultScreen  # only when a result is opened: it is large

        view = self.view()
        nav.go(self, nav.OpenSaved(entry.path))
        result = self.app.screen
        if isinstance(result, ResultScreen):  # not if the file could not be read (that was said)
            result.back = lambda: _back_to_history(result, view)

    def action_mark(self) -> None:
        entry = self._current()
        if entry is not None and isinstance(entry, SavedSession):
            key = str(entry.path)
            before, self.marked = self.marked, None if self.marked == key else key
            table = self.query_one("#history-table", DataTable)
            for changed in {before, key} - {None}:  # only the rows whose mark changed: the cursor stays
                if changed in table.rows:
                    table.update_cell(changed, self.columns[0], self._cells(self.by_key[changed])[0], update_width=True)

    def action_compare(self) -> None:
        entry = self._current()
        if self.marked is None or entry is None or not isinstance(entry, SavedSession):
            self.notify("Mark one result with Space, then highlight another and press C.", timeout=6)
            return
        if str(entry.path) == self.marked:
            self.notify("Highlight a different result to compare with the marked one.", timeout=6)
            return
        view = self.view()
        nav.go(self, nav.Compare(self.marked_path(), entry.path, tuple(self.entries)))
        compare = self.app.screen
        if isinstance(compare, CompareScreen):  # not if the files could not be read (that was said)
            compare.back = lambda: _back_to_history(compare, view)

    def marked_path(self) -> Path:
        return self.by_key[self.marked or ""].path

    def action_relabel(self) -> None:
        entry = self._current()
        if entry is None:
            return
        if not isinstance(entry, SavedSession):  # say why, rather than nothing
            self.notify("This file cannot be read, so it cannot be labelled; it is left as it is.", timeout=6)
            return

        def done(label: str | None) -> None:
            if label is None:
                return
            try:
                self.storage.relabel_session(entry.path, label)
            except (OSError, StorageError) as error:
                self.notify(f"Could not change the label: {error}", severity="error")
                self.reload(keep=str(entry.path))  # it may have changed on disk meanwhile: show what is there
                return
            self._replace(entry, self.storage.entry_of(entry.path))

        self.app.push_screen(LabelModal(entry.label), done)

    def action_delete(self) -> None:
        entry = self._current()
        if entry is None:
            return
        row = self.query_one("#history-table", DataTable).cursor_row
        after = self.shown[row + 1] if row + 1 < len(self.shown) else self.shown[row - 1] if row else None

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.storage.delete_session(entry.path)
            except (OSError, StorageError) as error:
                self.notify(f"Could not delete it: {error}", severity="error")
                self.reload(keep=str(entry.path))
                return
            self._replace(entry, None, keep=None if after is None else str(after.path))

        question = f"Delete {described(entry)} for good? This cannot be undone."
        self.app.push_screen(ConfirmModal(question, yes="Delete"), done)

    def action_home(self) -> None:
        """Escape: in a filter box with text, clear it (as a search box does); otherwise go home."""
        focused = self.focused
        if isinstance(focused, Input) and focused.value:
            focused.value = ""
            return
        nav.go(self, nav.Home())

    def action_progress(self) -> None:
        from nutri_tui.tui.screens.progress import ProgressModal

        self.app.push_screen(ProgressModal([e for e in self.entries if isinstance(e, SavedSession)], self.content))

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.new_filter()
        self.refill()  # from the top: the row highlighted may now be thousands of rows down


def _back_to_history(screen: Screen[None], view: HistoryView) -> None:
    """Escape on Compare or on a result opened from here: the past results as they were left (marks,
    filter, order, highlighted row)."""
    nav.go(screen, nav.History())
    history = screen.app.screen
    if isinstance(history, HistoryScreen):
        history.restore(view)
