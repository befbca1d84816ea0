"""Numbered citations for one result: ``[3, 7]`` beside a claim, a numbered list of sources to read them by.

Source ids (``ods-fe, nhs-bp``) are the knowledge base's keys, not words a person can read; the app and
``assess`` text cite by number into the result's own list of sources (the Sources tab, the Sources
section), where each source has its title, publisher and address. ``--json`` and saved sessions keep
the ids, which programs need. A claim not yet confirmed against its source carries a dagger, and the
list explains the dagger once.
"""

from __future__ import annotations

from collections.abc import Iterable

from nutri_tui.models.assessment import Assessment, SourceRef

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
        checked = f" Checked {source.reviewed}." if source.reviewed else ""
        unsure = " (address not yet confirmed)" if source.url_unverified else ""
        return f"{self.numbers[source.id]}. {source.title}, {source.publisher}.{checked}\n   {source.url}{unsure}"

    def entries(self, ids: Iterable[str]) -> list[str]:
        """The list entries for ``ids``, in the list's order."""
        wanted = set(ids)
        return [self.entry(source) for source in self.sources if source.id in wanted]
