"""Issue 16, progress over time: when a change in the pain score is one that matters, and how it is said.

The threshold is content (``rules.toml``'s ``pain_change``): the minimal important change of Ostelo 2008,
2 points or 30% of the earlier score, either being enough. These tests check it on every edge, with the
real figures and with others, so the rule is the content's and not a number in the code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from nutri_tui.content import Content, ContentError, load_content
from nutri_tui.models.rules import PainChange
from nutri_tui.reports.progress import ABOUT_THE_SAME, MATTERS, matters, pain_change, points, rule_note


@pytest.fixture
def rule(content: Content) -> PainChange:
    return content.rules.pain_change


def test_the_threshold_is_content_with_its_source(content: Content, rule: PainChange) -> None:
    assert (rule.points, rule.percent, rule.sources) == (2, 30, ("ostelo-2008",))
    assert "2 points" in rule.text and "30%" in rule.text
    source = content.sources["ostelo-2008"]
    assert "minimal important change" in source.title and source.kind == "guideline"  # a consensus, not a review
    assert rule.text in rule_note(content) and source.title in rule_note(content)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (7, 5, True),  # 2 points: the points alone
        (7, 6, False),  # 1 point, 14%
        (3, 2, True),  # 1 point, 33%: "2 points or 30%" means either
        (4, 3, False),  # 1 point, 25%
        (2, 1, True),  # 50%
        (1, 0, True),  # 100%
        (10, 8, True),
        (10, 9, False),  # 10%
        (5, 5, False),
        (0, 0, False),
        (0, 1, False),  # from 0 only the points count: a share of nothing means nothing
        (0, 2, True),
        (4, 6, True),  # a rise: the same size
        (6, 7, False),
        (3, 4, True),  # a rise of a third
    ],
)
def test_two_points_or_thirty_percent(rule: PainChange, before: int, after: int, expected: bool) -> None:
    assert matters(before, after, rule) is expected


@pytest.mark.parametrize(
    ("figures", "before", "after", "expected"),
    [
        ({"points": 2, "percent": 25}, 4, 3, True),  # exactly 25%: the edge counts
        ({"points": 2, "percent": 34}, 3, 2, False),  # 33.3% is under 34%
        ({"points": 3, "percent": 100}, 7, 5, False),  # 2 points is under 3, 29% under 100%
        ({"points": 3, "percent": 100}, 7, 4, True),
        ({"points": 10, "percent": 30}, 10, 7, True),  # 30% of 10 exactly
    ],
)
def test_the_figures_come_from_the_rule(figures: dict, before: int, after: int, expected: bool) -> None:
    rule = PainChange(
        **figures, text=f"{figures['points']} points or {figures['percent']}% matter.", sources=("ostelo-2008",)
    )
    assert matters(before, after, rule) is expected


@pytest.mark.parametrize(
    ("before", "after", "words"),
    [
        (7, 5, f"7 → 5, 2 points lower (29% less): {MATTERS}"),
        (7, 6, f"7 → 6, 1 point lower (14% less): {ABOUT_THE_SAME}"),
        (3, 2, f"3 → 2, 1 point lower (33% less): {MATTERS}"),
        (4, 6, f"4 → 6, 2 points higher (50% more): {MATTERS}"),
        (0, 1, f"0 → 1, 1 point higher: {ABOUT_THE_SAME}"),
        (5, 5, "5 → 5, no change"),
        (None, 5, "not given → 5: nothing is known about a change"),
        (5, None, "5 → not given: nothing is known about a change"),
        (None, None, "not given either time: nothing is known about a change"),
    ],
)
def test_the_change_in_words(rule: PainChange, before: int | None, after: int | None, words: str) -> None:
    said = pain_change(before, after, rule)
    assert said == words
    assert not re.search(r"\bbetter\b|\bworse\b|[+-]\d", said)  # not a bare "+2", no verdict beyond the rule


def test_points_in_words() -> None:
    assert [points(change) for change in (-3, -1, 0, 1, 2)] == [
        "3 points lower",
        "1 point lower",
        "no change",
        "1 point higher",
        "2 points higher",
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"points": 0}, "greater than or equal to 1"),
        ({"points": 11}, "less than or equal to 10"),
        ({"percent": 0}, "greater than or equal to 1"),
        ({"percent": "30"}, "valid integer"),
        ({"text": "About 3 points or 30% of the earlier score."}, "must say '2 points'"),
        ({"text": "About 2 points or a third of the earlier score."}, "must say '30%'"),
        ({"sources": []}, "at least 1 item"),
        ({"colour": "red"}, "Extra inputs"),
    ],
)
def test_a_bad_threshold_is_refused(rule: PainChange, change: dict, problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        PainChange.model_validate({**rule.model_dump(), **change})


def test_the_loader_refuses_content_without_the_threshold_or_with_an_unknown_source(content_copy: Path) -> None:
    rules = content_copy / "rules.toml"
    text = rules.read_text(encoding="utf-8")
    table = text[text.index("[pain_change]") : text.index("[levels]")]
    rules.write_text(text.replace(table, ""), encoding="utf-8")
    with pytest.raises(ContentError, match=r"rules.toml: pain_change: .*required"):
        load_content(content_copy)
    rules.write_text(text.replace('sources = ["ostelo-2008"]', 'sources = ["nobody-2099"]'), encoding="utf-8")
    with pytest.raises(ContentError, match=r"pain_change.sources: unknown source id 'nobody-2099'"):
        load_content(content_copy)
