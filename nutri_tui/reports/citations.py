"""Numbered citations for one result: ``[3, 7]`` beside a claim, a numbered list of sources to read them by.

Source ids (``ods-fe, nhs-bp``) are the knowledge base's keys, not words a person can read; the app and
``assess`` text cite by number into the result's own list of sources (the Sources tab, the Sources
section), where each source has its title, publisher and address. ``--json`` and saved sessions keep
the ids, which programs need. A claim not yet confirmed against its source carries a dagger, and the
list explains the dagger once.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from nutri_tui.models.assessment import Assessment, SourceRef
from nutri_tui.text import clean_text, shortened

DAGGER_LEGEND = "† Not yet confirmed against its source: the claim is shown, but a reviewer still has to check it."


class Citations:
    def __init__(self, result: Assessment) -> None:
        self.sources: tuple[SourceRef, ...] = tuple(result.sources)
        self.numbers = {source.id: number for number, source in enumerate(self.sources, 1)}

    def __call__(self, ids: Iterable[str]) -> str:
        """``[3, 7]`` for the ids given (unknown ids left out); empty when none is known."""
        found = sorted({self.numbers[i] for i in ids if i in self.numbers})
        return f"[{', '.join(map(str, found))}]" if found else ""

    def after(self, ids: Iterable[str]) -> str:
        """`` [3, 7]`` to append to a sentence, or nothing."""
        cited = self(ids)
        return f" {cited}" if cited else ""

    def entry(self, source: SourceRef) -> str:
        """``3. Title, publisher. Checked 2026-11-26.`` then the address on the next line."""
        return f"{self.heading(source)}\n   {source.url}{address_note(source)}"

    def heading(self, source: SourceRef) -> str:
        """``3. Title, publisher. Checked 2026-11-26.``: the entry without its address."""
        checked = f" Checked {source.reviewed}." if source.reviewed else ""
        return f"{self.numbers[source.id]}. {source.title}, {source.publisher}.{checked}"

    def headings(self, ids: Iterable[str]) -> list[str]:
        """The list entries for ``ids`` without their addresses, in the list's order: for a narrow pane, where a
        long address would break mid-word (the Sources tab has them, as links)."""
        wanted = set(ids)
        return [self.heading(source) for source in self.sources if source.id in wanted]


def address_note(source: SourceRef) -> str:
    """`` (address not yet confirmed)`` for an address written from memory, else nothing."""
    return " (address not yet confirmed)" if source.url_unverified else ""


def short_address(url: str, width: int = 48) -> str:
    """The address as a person reads it at a glance: ``nice.org.uk/guidance/ng59/…``, never longer than
    ``width``, so that it is never broken mid-word across lines; the full address goes with it as a link."""
    parts = urlsplit(clean_text(url))
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    return shortened(host + path, width) if path else host


def link_label(source: SourceRef, width: int = 48) -> str:
    """What the Sources tab shows for a source's address: short, and marked as a link."""
    return f"{short_address(source.url, width)} ↗"
