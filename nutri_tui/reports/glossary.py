"""One-line explanations of the terms and units a result uses (RDA, AI, UL, mcg DFE), from the content.

A term is explained where it first appears: under a nutrient's target in the app, and once above the
nutrients in ``assess`` text and the report. Only the terms the text uses are listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from nutri_tui.content import Content
from nutri_tui.models.assessment import NutrientFinding
from nutri_tui.models.content import GlossaryTerm


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words only: "AI" must not match inside "AIDS" or "said".
    return re.compile("|".join(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])" for w in words), re.IGNORECASE)


def _used(term: GlossaryTerm, text: str) -> bool:
    exact = re.search(rf"(?<![A-Za-z]){re.escape(term.term)}(?![A-Za-z])", text)  # RDA, UL: capitals as written
    return exact is not None or (bool(term.also) and _pattern(term.also).search(text) is not None)


def terms_used(text: str, content: Content) -> list[GlossaryTerm]:
    """The glossary terms ``text`` uses, in glossary order."""
    return [term for term in content.manifest.glossary if _used(term, text)]


def target_terms(findings: Iterable[NutrientFinding], content: Content) -> list[GlossaryTerm]:
    """The terms the targets of ``findings`` and their upper limits use (RDA, AI, UL, mcg DFE...)."""
    targets = " ".join(f"{finding.target.kind} {finding.target.unit}" for finding in findings)
    return terms_used(f"{targets} upper limit", content)


def gloss_lines(terms: Iterable[GlossaryTerm], cite: Callable[[Iterable[str]], str]) -> list[str]:
    """``RDA: Recommended Dietary Allowance: ... [2, 3]`` for each term."""
    return [f"{term.term}: {term.text} {cite(term.sources)}".rstrip() for term in terms]


def glossed(text: str, content: Content, cite: Callable[[Iterable[str]], str]) -> list[str]:
    """:func:`gloss_lines` for each glossary term ``text`` uses, in glossary order."""
    return gloss_lines(terms_used(text, content), cite)
