"""Sources point at the document's own home, never at a pirated, unauthorised or AI-written copy.

Content 1.6.6 moved 20 sources off such copies: a pirated UpToDate mirror, a pirated eTG copy, an
unauthorised full-text copy of a paper, SmPC and leaflet copies on aggregator sites (RxReasoner, docplayer,
vdocuments, healthdocbox, 120ty.net, imedi, drugs.com) and a supplement seller's blog, to the regulator's or
compendium's page (emc, medicines.ie, the EU register, openFDA, Medsafe), PubMed, NICE and NHS pages. These
hosts stay out (docs/content.md, "sources.toml").
"""

from __future__ import annotations

from urllib.parse import urlparse

from nutri_tui.content import Content

REFUSED = {
    "pro.uptodatefree.ir": "a pirated UpToDate mirror",
    "medilib.ir": "a pirated UpToDate mirror",
    "etg-complete-oxy.netlify.app": "a pirated eTG copy",
    "c.coek.info": "an unauthorised full-text copy",
    "rxreasoner.com": "SmPC copies with machine-written summaries",
    "docplayer.net": "a document copy site",
    "vdocuments.net": "a document copy site",
    "vdocuments.mx": "a document copy site",
    "healthdocbox.com": "a document copy site",
    "120ty.net": "a document copy site",
    "medpill.info": "an unattributed interaction summary",
    "naturemade.com": "a supplement seller's blog",
    "aaushi.info": "a document copy site",
    "pocketcoach.online": "a copy of a copyrighted form",
}


ONLY_A_COPY = {
    "hpra-colchicine": "no official home of a colchicine SmPC was found (emc, medicines.ie and HPRA searched, "
    "2026-12-03); the title says it is a copy of HPRA's text",
}
"""Sources still on a refused host, each with why: replace them when the official page can be read."""


def _host(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host.removeprefix("www.")


def test_no_source_points_at_a_pirated_or_copied_document(content: Content) -> None:
    refused = {
        source.id: f"{_host(source.url)}: {REFUSED[_host(source.url)]}"
        for source in content.sources.values()
        if _host(source.url) in REFUSED and source.id not in ONLY_A_COPY
    }
    assert refused == {}


def test_a_source_kept_on_a_copy_says_so_in_its_title(content: Content) -> None:
    for source_id in ONLY_A_COPY:
        assert "copy" in content.sources[source_id].title, source_id
