"""RDA, AI, UL and mcg DFE are explained where a result first uses them (issue 13), from content.toml."""

from __future__ import annotations

import pytest

from nutri_tui.content import Content, ContentError, load_content
from nutri_tui.reports.glossary import glossed, terms_used
from tests.outputs import outputs


def test_every_term_a_target_can_use_is_in_the_glossary(content: Content) -> None:
    kinds = {n.targets.kind for n in content.nutrients.values()}
    known = {term.term for term in content.manifest.glossary}
    assert kinds <= known and {"UL", "mcg DFE", "IU"} <= known


def test_whole_words_only_and_upper_limit_calls_for_ul(content: Content) -> None:
    assert [t.term for t in terms_used("Upper limit 100 mcg a day.", content)] == ["UL", "mcg"]
    assert terms_used("You said AIDS was in the family, and painful joints.", content) == []
    assert glossed("RDA 15 mcg", content, lambda ids: "[1]")[0].startswith("RDA: Recommended Dietary Allowance")


def test_the_folate_target_is_explained_in_text_and_report(content: Content) -> None:
    seen = outputs({"about": {"age": 31, "sex": "female", "pregnancy": "pregnant", "diet": "vegetarian"}}, content)
    dfe = next(t for t in content.manifest.glossary if t.term == "mcg DFE")
    assert seen.read(dfe.text)


def test_a_glossary_term_needs_known_sources(content_copy) -> None:
    path = content_copy / "content.toml"
    path.write_text(path.read_text().replace('sources = ["dri-b"]', 'sources = ["no-such-source"]'))
    with pytest.raises(ContentError, match=r"glossary\[mcg DFE\]\.sources"):
        load_content(content_copy)
