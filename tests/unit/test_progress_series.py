"""Issue 16, progress over time: every score over all results, as text (the chart is never the only way).

STarT Back says which group it moved between; the PHQ-4 says points and band changes only (the sources
give no size of change that matters for it), and when a subscale crosses the 3 its follow-up starts at.
A result without a score is left out of that score's series: nothing is made up for it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.session import ScoreSummary
from nutri_tui.reports.progress import ResultPoint, Series, all_series, cell, point_of, progress_lines, result_line
from nutri_tui.storage import make_session

DAY = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def sb(total: int, band: str, psychosocial: int) -> ScoreSummary:
    return ScoreSummary("start_back", total, band, (("psychosocial", psychosocial),))


def phq(total: int, band: str, anxiety: int, depression: int) -> ScoreSummary:
    return ScoreSummary("phq4", total, band, (("anxiety", anxiety), ("depression", depression)))


def points(*results: tuple[int | None, tuple[ScoreSummary, ...]]) -> list[ResultPoint]:
    return [ResultPoint(DAY + timedelta(weeks=n), pain, scores) for n, (pain, scores) in enumerate(results)]


def by_key(series: list[Series]) -> dict[str, Series]:
    return {s.key: s for s in series}


def test_the_pain_line_gives_every_number_and_whether_the_change_matters(content: Content) -> None:
    [pain] = all_series(points((7, ()), (6, ()), (4, ())), content)
    assert pain.text() == "Pain: 7, 6, 4 (latest 4 of 10, 3 points lower than the first: a change that matters)"
    [small] = all_series(points((7, ()), (6, ())), content)
    assert small.text() == "Pain: 7, 6 (latest 6 of 10, 1 point lower than the first: about the same)"
    [same] = all_series(points((5, ()), (2, ()), (5, ())), content)
    assert same.change == "the same as the first"
    [third] = all_series(points((3, ()), (2, ())), content)
    assert third.change == "1 point lower than the first: a change that matters"  # 33%: the 30% rule


def test_a_result_without_a_pain_score_is_left_out_and_none_is_said_as_none(content: Content) -> None:
    [pain] = all_series(points((7, ()), (None, ()), (4, ())), content)
    assert pain.values == (7, 4) and pain.dates == (DAY, DAY + timedelta(weeks=2))
    [one] = all_series(points((None, ()), (5, ())), content)
    assert one.text() == "Pain: 5 (5 of 10, one score so far: no trend yet)"
    [none] = all_series(points((None, ()), (None, ())), content)
    assert none.values == () and none.text() == "Pain: no pain scores yet: no trend"
    assert [s.text() for s in all_series([], content)] == ["Pain: no pain scores yet: no trend"]


def test_start_back_says_the_group_moved(content: Content) -> None:
    found = by_key(all_series(points((7, (sb(7, "high", 4),)), (5, (sb(5, "medium", 2),))), content))
    line = found["start_back"]
    assert line.text() == "Keele STarT Back Screening Tool: 7, 5 (latest 5 of 9, from high risk to medium risk)"
    assert line.bands == ("high risk", "medium risk")
    same = by_key(all_series(points((7, (sb(6, "high", 4),)), (5, (sb(5, "high", 4),))), content))["start_back"]
    assert same.change == "high risk, as at the first"
    one = by_key(all_series(points((7, (sb(2, "low", 1),))), content))["start_back"]
    assert one.text() == "Keele STarT Back Screening Tool: 2 (2 of 9, low risk, one score so far)"
    assert "start_back.psychosocial" not in found  # part of the group, which is what is followed


def test_the_phq4_says_points_and_bands_and_when_a_subscale_crosses_3(content: Content) -> None:
    found = by_key(all_series(points((None, (phq(6, "moderate", 4, 2),)), (None, (phq(4, "mild", 1, 3),))), content))
    assert found["phq4"].text() == "PHQ-4: 6, 4 (latest 4 of 12, from moderate to mild)"
    assert (
        found["phq4.anxiety"].text()
        == "PHQ-4 anxiety: 4, 1 (latest 1 of 6, 3 points lower than the first, now under 3)"
    )
    assert found["phq4.depression"].text() == (
        "PHQ-4 depression: 2, 3 (latest 3 of 6, 1 point higher than the first, now 3 or more)"
    )
    steady = by_key(all_series(points((None, (phq(2, "none", 1, 1),)), (None, (phq(2, "none", 1, 1),))), content))
    assert steady["phq4"].change == "none, as at the first" and steady["phq4.anxiety"].change == "the same as the first"
    for series in (*found.values(), *steady.values()):
        if series.key != "pain":  # no size of change that matters is claimed for a questionnaire
            assert "matters" not in series.text() and "about the same" not in series.text()


def test_only_the_questionnaires_someone_completed_have_a_line(content: Content) -> None:
    assert [s.key for s in all_series(points((4, ()), (3, ())), content)] == ["pain"]
    only_sb = all_series(points((4, (sb(5, "medium", 2),)), (3, ())), content)
    assert [s.key for s in only_sb] == ["pain", "start_back"]
    both = all_series(
        points(
            (4, (phq(3, "mild", 2, 1), sb(5, "medium", 2))),
        ),
        content,
    )
    assert [s.key for s in both] == ["pain", "phq4", "phq4.anxiety", "phq4.depression", "start_back"]  # content order
    unknown = ScoreSummary("not_in_content", 3, "x", ())
    assert [s.key for s in all_series(points((4, (unknown,))), content)] == ["pain"]


def test_each_result_as_a_line_and_a_cell(content: Content) -> None:
    [first, second] = points((7, (phq(5, "mild", 4, 1), sb(7, "high", 4))), (None, ()))
    assert result_line(first, content) == (
        "pain 7; PHQ-4 5 mild, anxiety 4, depression 1; Keele STarT Back Screening Tool 7 high risk"
    )
    assert result_line(second, content) == "pain not given"
    assert [cell(first, key, content) for key in ("pain", "phq4", "phq4.anxiety", "start_back")] == [
        "7",
        "5 mild",
        "4",
        "7 high risk",
    ]
    assert {cell(second, key, content) for key in ("pain", "phq4", "phq4.anxiety", "start_back")} == {"-"}
    odd = ResultPoint(DAY, 3, (ScoreSummary("start_back", 4, "renamed_band", ()),))
    assert cell(odd, "start_back", content) == "4 renamed_band"  # an id today's content lacks: shown as it is
    assert cell(odd, "start_back.psychosocial", content) == "-"


@pytest.mark.parametrize("complete", [True, False])
def test_a_session_gives_its_complete_scores_only(content: Content, complete: bool) -> None:
    items = {item.id: "agree" for item in content.instruments["start_back"].item if item.id != "bothersome"}
    if complete:
        items["bothersome"] = "extremely"
    sections = {"back_pain": {"areas": ["lower"], "intensity": 6, "start_back": items}}
    answers = Answers.model_validate(sections, context={"content": content})
    point = point_of(make_session(answers, assess(answers, content), content.version, now=DAY))
    assert point.pain_intensity == 6
    assert point.instruments == ((sb(9, "high", 5),) if complete else ())  # incomplete: no score, none made up
    assert progress_lines([point], content)[0] == "Pain: 6 (6 of 10, one score so far: no trend yet)"
