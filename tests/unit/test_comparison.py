"""Comparing two saved results says what changed in words a person reads right (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.reports.comparison import compare_sessions
from nutri_tui.storage import make_session
from tests.questionnaire_answers import PHQ_AFTER, PHQ_BEFORE, SB_HIGH, SB_MEDIUM

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
    assert "Pain score: 6 → 4, 2 points lower (33% less): a change that matters." in lines
    assert all(len(line) <= 80 for line in lines)


# -- issue 16: the change that matters, and the questionnaires ----------------------------------------


def with_scores(content: Content, days: int, pain: int | None, start_back: dict, phq4: dict):
    back_pain = {"areas": ["lower"], "start_back": start_back, **({"intensity": pain} if pain is not None else {})}
    return session(content, {"back_pain": back_pain, "lifestyle": {"phq4": phq4}}, days)


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        (7, 5, "Pain score: 7 → 5, 2 points lower (29% less): a change that matters."),
        (7, 6, "Pain score: 7 → 6, 1 point lower (14% less): about the same."),
        (3, 2, "Pain score: 3 → 2, 1 point lower (33% less): a change that matters."),
        (4, 3, "Pain score: 4 → 3, 1 point lower (25% less): about the same."),
        (4, 6, "Pain score: 4 → 6, 2 points higher (50% more): a change that matters."),
        (5, 5, "Pain score: 5 → 5, no change."),
    ],
)
def test_the_pain_change_is_weighed_against_the_change_that_matters(
    content: Content, before: int, after: int, said: str
) -> None:
    lines = compare_sessions(with_scores(content, 0, before, {}, {}), with_scores(content, 7, after, {}, {}), content)
    assert said in lines
    text = " ".join(lines)
    assert ("Ostelo et al., 2008" in text) is (before != after)  # the threshold, with its source, when it was used
    assert content.rules.pain_change.text.split()[0] in text or before == after


def test_a_missing_pain_score_means_nothing_is_known(content: Content) -> None:
    lines = compare_sessions(with_scores(content, 0, 6, {}, {}), with_scores(content, 7, None, {}, {}), content)
    assert "Pain score: 6 → not given: nothing is known about a change." in lines
    assert not any("matters" in line for line in lines)


def test_start_back_says_the_group_moved_and_the_phq4_points_and_bands(content: Content) -> None:
    earlier = with_scores(content, 0, 7, SB_HIGH, PHQ_BEFORE)
    later = with_scores(content, 7, 4, SB_MEDIUM, PHQ_AFTER)
    lines = compare_sessions(later, earlier, content)
    text = " ".join(line.strip() for line in lines)
    assert (
        "Keele STarT Back Screening Tool: from high risk to medium risk (total 7 → 5 of 9, 2 points lower; "
        "psychosocial 4 → 2 of 5, 2 points lower)." in text
    )
    assert (
        "PHQ-4 (Patient Health Questionnaire-4): mild both times (total 5 → 3 of 12, 2 points lower; anxiety 4 → 1 "
        "of 6, 3 points lower, now under 3; depression 1 → 2 of 6, 1 point higher)." in text
    )
    assert "the sources give no size of change that matters" in text
    questionnaire_lines = text[text.index("PHQ-4") : text.index("An international")]
    assert "matters" not in questionnaire_lines and "better" not in text and "worse" not in text
    assert all(len(line) <= 76 for line in lines)  # an 80-column screen, beside padding and the scroll bar


def test_a_questionnaire_missing_or_incomplete_on_one_side_gives_no_change(content: Content) -> None:
    partial = dict(list(PHQ_BEFORE.items())[:2])
    lines = compare_sessions(
        with_scores(content, 0, 5, {}, partial), with_scores(content, 7, 5, SB_HIGH, PHQ_AFTER), content
    )
    text = " ".join(line.strip() for line in lines)
    assert (
        "PHQ-4 (Patient Health Questionnaire-4): incomplete in the earlier result (no score), 3 of 12, mild in the "
        "later result: nothing is known about a change." in text
    )
    assert (
        "Keele STarT Back Screening Tool: not answered in the earlier result, 7 of 9, high risk in the later "
        "result: nothing is known about a change." in text
    )


def test_no_questionnaire_either_time_says_nothing_of_them(content: Content) -> None:
    lines = compare_sessions(with_scores(content, 0, 5, {}, {}), with_scores(content, 7, 5, {}, {}), content)
    text = " ".join(lines)
    assert "STarT Back" not in text and "PHQ-4" not in text and "questionnaires" not in text
