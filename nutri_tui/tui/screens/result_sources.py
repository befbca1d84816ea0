"""The result's Sources tab: every source numbered as the other tabs cite it, each with its address as a link."""

from __future__ import annotations

from collections.abc import Iterator

from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from nutri_tui.models.assessment import Assessment, SourceRef
from nutri_tui.reports.citations import DAGGER_LEGEND, Citations, address_note, link_label
from nutri_tui.text import clean_text


def sources_pane(result: Assessment, cite: Citations) -> Iterator[Static]:
    yield Static("Numbered as cited in the other tabs: [3] is source 3.", classes="muted", markup=False)
    for source in result.sources:
        yield Static(cite.heading(source) + address_note(source), markup=False)
        yield source_link(source)
    yield Static(DAGGER_LEGEND, classes="muted", markup=False)


def source_link(source: SourceRef) -> Static:
    """A source's address as a short label that is a terminal hyperlink to the whole address: a long address
    wrapped at the screen's edge broke mid-word and could not be copied or opened. The label never wraps
    (one line, cut with an ellipsis if the screen is narrow); the link carries the full address."""
    label = Content.styled(link_label(source), Style(link=clean_text(source.url)))
    return Static(label, classes="source-link", markup=False)
