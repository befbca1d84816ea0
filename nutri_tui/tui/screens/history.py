"""Past results: newest first, filtered by typing, opened, relabelled, deleted and compared.

Unreadable files are listed with their reason and are never changed, except that a person may
delete one on purpose (after confirming).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from nutri_tui.storage import SavedSession, SessionEntry, StorageError
from nutri_tui.storage.index_search import query_words
from nutri_tui.storage.listing import SessionRows
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.screens.compare import CompareScreen
from nutri_tui.tui.screens.confirm import ConfirmModal
from nutri_tui.tui.screens.history_filter import SORTS, Matches, RowFilter, Searchable, near_end, page_size
from nutri_tui.tui.screens.history_later import catch_up_later, show_scores, texts_later
from nutri_tui.tui.screens.history_rows import COLUMNS, LABEL_MIN, described, label_width, row_cells, status_line
from nutri_tui.tui.screens.history_view import HistoryView, back_to_history
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
CATCH_UP_LATER_FROM = 5_000
"""With this many results indexed, the list is shown before it is brought up to date (see :meth:`reload`)."""
LIST_ACTIONS = frozenset({"open", "mark", "compare", "relabel", "delete", "sort", "progress"})
"""Keys for the list; never while the filter box has focus, where a letter is part of what is typed."""


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
        self.rows: SessionRows | None = None
        """The index, synced with the files when the list opens; rows are read from it a page at a time."""
        self.by_key: dict[str, SessionEntry] = {}
        """The entries read so far, by their table row key: the highlighted row is looked up on every key."""
        self.rowids: dict[str, int] = {}
        """The index's row of each entry read so far."""
        self.searchable = Searchable(None)
        self.filter = RowFilter(None, SORTS[0], {})
        """The rows in the order chosen, and which of them the words typed find."""
        self.shown = Matches(None, SORTS[0], [])
        """The rows the words typed find, in order, read from the index as the table needs them."""
        self.marked: str | None = None
        self.sort = SORTS[0]
        self.names = {key: nutrient.name for key, nutrient in content.nutrients.items()}
        self.columns: list[ColumnKey] = []
        self.label_width = LABEL_MIN
        self._returning: HistoryView | None = None
        self._filled_for: tuple[RowFilter, list[str]] | None = None  # a key changing neither (a space): no refill

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
        self.watch(table, "scroll_y", self._more_if_near_end, init=False)  # the mouse wheel moves no cursor

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
        self.call_after_refresh(self._more_if_near_end)  # a taller screen shows more rows

    def reload(self, keep: str | None = None) -> None:
        """List the results again. A long history is shown from the index as it was left, then brought up to
        date with the files in a thread (100,000 ``lstat`` calls take about half a second); the list changes
        only if a file did. A short one is brought up to date first."""
        old = self.rows
        try:
            self.rows = rows = self.storage.history(up_to_date=False)
            behind = rows.count() >= CATCH_UP_LATER_FROM
            if not behind:
                rows.catch_up()
        except (OSError, StorageError) as error:
            self.rows, behind = None, False
            self.notify(f"Could not read the sessions folder: {error}", severity="error")
        if old is not None:
            old.close()
        self._show_rows(keep)
        if behind:
            catch_up_later(self, rows, self._caught_up)

    def _show_rows(self, keep: str | None) -> None:
        self.by_key, self.rowids = {}, {}
        self.new_filter()
        if self.marked is not None and (self.rows is None or self.rows.rowid_of(Path(self.marked)) is None):
            self.marked = None
        self.refill(keep)
        self._show_progress()

    def _caught_up(self, rows: SessionRows) -> None:
        """A file changed while the list was shown from the index: shown again, where it was."""
        if rows is self.rows and self.is_mounted:
            entry = self._current()
            self._show_rows(None if entry is None else str(entry.path))

    def on_unmount(self) -> None:
        if self.rows is not None:
            self.rows.close()

    def new_filter(self) -> None:
        """The rows in the order chosen. Their search texts are made ready for this process first: at once for a
        short history, in a thread for a long one (quick, unless the index's were made in another time zone:
        see ``storage.index_search``); a filter typed meanwhile is run again when they are."""
        self.filter = RowFilter(self.rows, self.sort, self.names)
        if self.searchable.rows is self.rows:
            return
        self.searchable = Searchable(self.rows)
        if self.filter.readable + self.filter.broken < CATCH_UP_LATER_FROM:
            self.searchable.ready()
        else:
            texts_later(self, self.searchable, self._texts_made)

    def _texts_made(self, searchable: Searchable) -> None:
        if searchable is self.searchable and self.is_mounted and self.query_one("#history-filter", Input).value.strip():
            entry = self._current()
            self.refill(None if entry is None else str(entry.path))

    def _show_progress(self) -> None:
        """The chart of every readable result's scores, whatever the filter."""
        chart = self.query_one("#history-progress", ProgressChart)
        show_scores(self, self.rows, self.filter.readable, chart, self.content)

    def _replace(self, old: SessionEntry, new: SessionEntry | None, keep: str | None = None) -> None:
        """One row changed (relabelled: ``new``, its row in the index rewritten) or went (deleted: None): the list
        is asked for again (one query), not every file listed again (seconds with a long history)."""
        key = str(old.path)
        if new is None:
            if self.rows is not None:
                self.rows.forget(old.path)
            self.filter.gone(old.readable)
            del self.by_key[key], self.rowids[key]
            if self.marked == key:
                self.marked = None
        else:
            self.by_key[key] = new
        self.refill(keep if new is None else key)
        if new is None:  # a label is in no score's series; a deleted result is: the chart follows once the row has gone
            self.call_after_refresh(self._show_progress)

    def refill(self, keep: str | None = None) -> None:
        """Fill the table from the filter; ``keep`` (a row key) stays highlighted if it is still shown."""
        table = self.query_one("#history-table", DataTable)
        table.clear()
        self.shown = shown = self.filter.matching(self.query_one("#history-filter", Input).value)
        self._filled_for = (self.filter, shown.words)
        kept = self.rowids.get(keep or "")
        if kept is None and keep and self.rows is not None:
            kept = self.rows.rowid_of(Path(keep))
        at = (shown.position(kept) or 0) if kept is not None else 0
        page = page_size(self.app.size.height)
        self._add_rows(page * (at // page + 1))
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        status = status_line(self.filter.readable, self.filter.broken, self.sort, self.app.size.width)
        line = self.query_one("#history-status", Static)
        if line.content != status:  # an update always lays out the whole screen again, even with the same text
            line.update(status)

    def _add_rows(self, count: int) -> None:
        """Add the next ``count`` rows the filter finds to the table, read from the index now (more follow as the
        cursor reaches the end). Each row is tested against the words again as it is shown: a search text in
        the index that is out of date or not ours never puts a row in the list that the words do not find."""
        table, shown, added = self.query_one("#history-table", DataTable), self.shown, 0
        while added < count and not shown.done and self.rows is not None:
            wanted = shown.more(count - added)
            if not wanted:
                break
            for rowid, entry in self.rows.entries_by_id(wanted):
                key = str(entry.path)
                if key in table.rows:  # read twice (a row changed while the list was read): shown once
                    continue
                if shown.terms and not shown.finds(entry):
                    continue
                self.by_key[key], self.rowids[key] = entry, rowid
                table.add_row(*self._cells(entry), key=key)
                added += 1

    def _cells(self, entry: SessionEntry) -> list[Text]:
        return row_cells(entry, self.names, marked=str(entry.path) == self.marked, label_width=self.label_width)

    @on(DataTable.RowHighlighted, "#history-table")
    def _more_if_near_end(self) -> None:
        """The next page, once the cursor or the rows scrolled to come within a screen of the last row added."""
        table, height = self.query_one("#history-table", DataTable), self.app.size.height
        if not table.row_count or self.shown.done:  # none: a refill has cleared it (clear() scrolls to the top)
            return
        if near_end(table.row_count, table.cursor_row, round(table.scroll_y) + table.size.height, height):
            self._add_rows(page_size(height))

    @on(Input.Changed, "#history-filter")
    def _filter(self, event: Input.Changed) -> None:
        if self._filled_for != (self.filter, query_words(event.value)):
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
            result.back = lambda: back_to_history(result, view)

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
        results = tuple(self.rows.scored()) if self.rows is not None else ()
        nav.go(self, nav.Compare(self.marked_path(), entry.path, results))
        compare = self.app.screen
        if isinstance(compare, CompareScreen):  # not if the files could not be read (that was said)
            compare.back = lambda: back_to_history(compare, view)

    def marked_path(self) -> Path:
        return Path(self.marked or "")

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
            self._replace(entry, self.rows.refresh(entry.path) if self.rows else self.storage.entry_of(entry.path))

        self.app.push_screen(LabelModal(entry.label), done)

    def action_delete(self) -> None:
        entry = self._current()
        if entry is None:
            return
        table = self.query_one("#history-table", DataTable)
        row = table.cursor_row
        neighbour = row + 1 if row + 1 < table.row_count else row - 1
        after = table.ordered_rows[neighbour].key.value if neighbour >= 0 and neighbour != row else None

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.storage.delete_session(entry.path)
            except (OSError, StorageError) as error:
                self.notify(f"Could not delete it: {error}", severity="error")
                self.reload(keep=str(entry.path))
                return
            self._replace(entry, None, keep=after)

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

        results = self.rows.scored()[::-1] if self.rows is not None else []  # newest first
        self.app.push_screen(ProgressModal(results, self.content))

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.new_filter()
        self.refill()  # from the top: the row highlighted may now be thousands of rows down
