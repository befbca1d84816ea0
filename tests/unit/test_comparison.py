"""Comparing two saved results says what changed in words a person reads right (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.reports.comparison import compare_sessions
from nutri_tui.storage import make_session

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def session(content: Content, sections: dict, days: int):
    answers = Answers.model_validate(sections, context={"content": content})
    return make_session(answers, assess(answers, content), content.version, now=NOW + timedelta(days=days))


def test_a_level_that_rose_means_more_reason_to_check_not_more_of_the_nutrient(content: Content) -> None:
    sunny = {"about": {"age": 40}, "sun": {"outdoor_minutes": "over_60"}, "back_pain": {"intensity": 6}}
    indoors = {"about": {"age": 40}, "sun": {"outdoor_minutes": "under_15", "covering_clothing": "yes"}}
    indoors["back_pain"] = {"intensity": 4}
    lines = compare_sessions(session(content, indoors, 30), session(content, sunny, 0))  # either order
    vitamin_d = next(line for line in lines if line.startswith("Vitamin D"))
    assert vitamin_d.endswith("more reason to check")
    assert "higher" not in " ".join(lines) and "score" not in vitamin_d
    assert "Pain score: 6 → 4 (-2, better)" in lines
    assert all(len(line) <= 80 for line in lines)
