"""One past result as the history shows it: its row's cells, what the filter searches, how it is named.

Everything here may come from a file (a label, a file's name, the index): it is cleaned of anything a
terminal would obey and drawn as Rich ``Text``, never parsed as markup.
"""

from __future__ import annotations

import functools

from rich.text import Text

from nutri_tui.local_time import shown_time
from nutri_tui.reports.phrases import LEVEL_SYMBOL
from nutri_tui.storage import SavedSession, SessionEntry
from nutri_tui.storage.index_search import shown
from nutri_tui.text import clean_text

SHOWN_NUTRIENTS = 3
"""How many flagged nutrients a row shows (most worth checking first); the filter searches all of them."""
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


def row_cells(entry: SessionEntry, names: dict[str, str], *, marked: bool, label_width: int) -> list[Text]:
    """Date (with » when marked), flag, pain, label and "Worth checking", as Text cells."""
    mark = "» " if marked else ""
    if isinstance(entry, SavedSession):
        pain = "-" if entry.pain_intensity is None else str(entry.pain_intensity)
        cells = [
            mark + shown(entry.created),  # shown_time's text, quicker (a page of rows on every key)
            "‼ yes" if entry.red_flag else "",
            pain,
            _label_cell(entry.label),
            _worth_checking(entry.top_nutrients, names),
        ]
    else:
        cells = ["unreadable", "", "", clean_text(entry.path.name), clean_text(entry.reason, 600)]
    # Text cells: a plain str would be parsed as Rich markup, so a label such as "[/]" could
    # break the table (and parsing thousands of cells is slow). Cleaned, because a file's name
    # and anything from the index may hold an ESC, which Textual would pass to the terminal.
    texts = [Text(cell, no_wrap=True) for cell in cells]
    # The label gives way first, so "Worth checking" stays on an 80-column screen.
    texts[3].truncate(label_width, overflow="ellipsis")
    return texts


@functools.lru_cache(maxsize=1024)
def _label_cell(label: str) -> str:
    """Cached: a person's labels repeat, and a page of rows is made on every key typed in the filter."""
    return clean_text(label) or "-"


_WORTH: dict[tuple[tuple[str, str], ...], str] = {}
_WORTH_NAMES: list[dict[str, str]] = [{}]
"""The cells made for each list of nutrients, with the names they were made with (another dict: made again)."""


def _worth_checking(flagged: tuple[tuple[str, str], ...], names: dict[str, str]) -> str:
    """``▲ Vitamin D, ◆ Iron +2`` (cached: a history repeats a few lists)."""
    if names is not _WORTH_NAMES[0] or len(_WORTH) > 1024:
        _WORTH.clear()
        _WORTH_NAMES[0] = names
    found = _WORTH.get(flagged)
    if found is None:
        top = ", ".join(f"{LEVEL_SYMBOL[level]} {names.get(n, n)}" for n, level in flagged[:SHOWN_NUTRIENTS])
        if len(flagged) > SHOWN_NUTRIENTS:
            top += f" +{len(flagged) - SHOWN_NUTRIENTS}"  # the filter still finds the others
        found = _WORTH[flagged] = clean_text(top or "-", 400)
    return found


def described(entry: SessionEntry) -> str:
    """A result as the list shows it (its date and label), for the delete question; a file only by its name."""
    if not isinstance(entry, SavedSession):
        return f"the unreadable file '{clean_text(entry.path.name)}'"
    label = clean_text(entry.label)
    return f"the result from {shown_time(entry.created)}" + (f" labelled '{label}'" if label else " (no label)")


def search_text(entry: SessionEntry, names: dict[str, str]) -> str:
    """What the filter looks in: the date and label as shown, and each nutrient under "Worth checking" by
    its id and its name ("omega 3", "Omega-3 fatty acids"): every nutrient the result flagged, which the
    session's summary keeps (results saved before content 1.3 kept three). The index keeps the same, in
    two parts (``storage.index_search``); the History tests each row it shows against this."""
    if isinstance(entry, SavedSession):
        nutrients = " ".join(f"{n.replace('_', ' ')} {names.get(n, n)}" for n, _ in entry.top_nutrients)
        return f"{shown_time(entry.created)} {entry.label} {nutrients}".casefold()
    return f"unreadable {entry.path.name} {entry.reason}".casefold()


def status_line(readable: int, broken: int, sort: str, width: int) -> str:
    """The line under the list: how many results, in what order, and the chart's heading (shortened to fit)."""
    if not readable and not broken:
        return "No saved results yet: finish an assessment and it is saved here automatically."
    status = f"{readable} result(s), sorted {sort}"
    status += f"; {broken} unreadable, listed last" if broken else ""  # short: the trend follows on the line
    suffix = ". Over time, oldest first (P: every score):"
    if len(status + suffix) > width - 2:
        suffix = ". Over time (P: every score):"
    return status + (suffix if readable else "")
