"""The history's rows in the order chosen, narrowed by the words typed: quick with 100,000 results.

Filtering every result again on each key (re-sorting, then testing every word against every result)
took 0.5 s a key at 100,000 results. Here the order comes from the index (a query on an indexed column),
each result's search text is made once, and a key only narrows what the keys before it found: typing
"holiday" tests "ho" against what "h" matched, and so on. Backspace finds its earlier answer cached.
The filter holds row ids and texts, never the results themselves: the rows on screen are read when shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from nutri_tui.storage.index_db import SORTS as SORTS

CACHED_QUERIES = 64
"""Answers kept for recent queries (each a list of positions): enough for typing and deleting a few words."""


class RowFilter:
    def __init__(self, ordered: list[int], readable: int, make_texts: Callable[[], list[str]]) -> None:
        """``ordered``: the row ids, readable results in the order chosen, then the unreadable files;
        ``make_texts``: each row's search text (casefolded), in that order."""
        self.ordered = ordered
        self.readable = readable
        """How many of them could be read (the others are listed last)."""
        self._make_texts = make_texts
        self._texts: list[str] | None = None
        self._making = threading.Lock()
        self._found: dict[tuple[str, ...], list[int]] = {}

    def texts(self) -> list[str]:
        """Each row's search text, in order, made once. The history asks for them in a thread as soon as it
        opens (100,000 take about a second), so the first key usually finds them made; if not, it waits for
        that thread rather than making them twice."""
        with self._making:
            if self._texts is None:
                self._texts = self._make_texts()
            return self._texts

    def matching(self, query: str) -> list[int]:
        """The row ids whose search text holds every word of ``query`` (any case), in order."""
        words = tuple(query.casefold().split())
        if not words:
            return self.ordered
        found = self._found.get(words)
        if found is None:
            found = self._narrowed(words)
            if len(self._found) >= CACHED_QUERIES:
                self._found.pop(next(iter(self._found)))
            self._found[words] = found
        ordered = self.ordered
        return [ordered[i] for i in found]

    def _narrowed(self, words: tuple[str, ...]) -> list[int]:
        texts = self.texts()
        # A text holding every new word holds every earlier word that is part of one of them: start from the
        # smallest earlier answer of that kind ("hol" from "ho"), else from every row.
        earlier = [
            positions
            for query, positions in self._found.items()
            if all(any(old in new for new in words) for old in query)
        ]
        positions: Sequence[int] = min(earlier, key=len) if earlier else range(len(texts))
        for word in words:
            positions = [i for i in positions if word in texts[i]]
        return list(positions)

    def replace(self, rowid: int, text: str | None) -> None:
        """One row relabelled (its new search text; same date and pain, so its place is unchanged) or
        deleted (None)."""
        at = self.ordered.index(rowid)
        self._found.clear()
        texts = self.texts()
        if text is None:
            self.readable -= at < self.readable
            del self.ordered[at], texts[at]
        else:
            texts[at] = text
