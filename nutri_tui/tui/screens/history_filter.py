"""The history's rows in the order chosen, narrowed by the words typed: quick with 100,000 results.

Filtering every result again on each key (re-sorting, then testing every word against every result)
took 0.5 s a key at 100,000 results. Here the order is worked out once (per listing or sort), each
result's search text is made once, and a key only narrows what the keys before it found: typing
"holiday" tests "ho" against what "h" matched, and so on. Backspace finds its earlier answer cached.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from nutri_tui.storage import SavedSession, SessionEntry
from nutri_tui.tui.screens.history_rows import search_text

SORTS = ("newest", "oldest", "pain")
CACHED_QUERIES = 64
"""Answers kept for recent queries (each a list of positions): enough for typing and deleting a few words."""


class EntryFilter:
    def __init__(self, entries: Sequence[SessionEntry], names: dict[str, str], sort: str) -> None:
        """``entries`` as listed (readable newest first, then unreadable); ``sort`` one of :data:`SORTS`."""
        readable = [e for e in entries if isinstance(e, SavedSession)]
        if sort == "oldest":
            readable.sort(key=lambda e: e.created)
        elif sort == "pain":
            readable.sort(key=lambda e: -1 if e.pain_intensity is None else e.pain_intensity, reverse=True)
        self.ordered: list[SessionEntry] = [*readable, *(e for e in entries if not isinstance(e, SavedSession))]
        self.readable = len(readable)
        """How many of them could be read (the others are listed last)."""
        self.names = names
        self._texts: list[str] | None = None
        self._making = threading.Lock()
        self._found: dict[tuple[str, ...], list[int]] = {}

    def texts(self) -> list[str]:
        """Each result's search text, in order, made once. The history asks for them in a thread as soon as it
        opens (100,000 take about a second), so the first key usually finds them made; if not, it waits for
        that thread rather than making them twice."""
        with self._making:
            if self._texts is None:
                self._texts = [search_text(entry, self.names) for entry in self.ordered]
            return self._texts

    def matching(self, query: str) -> list[SessionEntry]:
        """The results whose search text holds every word of ``query`` (any case), in order."""
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
        # smallest earlier answer of that kind ("hol" from "ho"), else from every result.
        earlier = [
            positions
            for query, positions in self._found.items()
            if all(any(old in new for new in words) for old in query)
        ]
        positions: Sequence[int] = min(earlier, key=len) if earlier else range(len(texts))
        for word in words:
            positions = [i for i in positions if word in texts[i]]
        return list(positions)

    def replace(self, old: SessionEntry, new: SessionEntry | None) -> None:
        """One result relabelled (``new``, same date and pain: its place is unchanged) or deleted (None)."""
        at = next(i for i, entry in enumerate(self.ordered) if entry is old)
        self._found.clear()
        texts = self.texts()
        if new is None:
            self.readable -= isinstance(old, SavedSession)
            del self.ordered[at], texts[at]
        else:
            self.ordered[at] = new
            texts[at] = search_text(new, self.names)
