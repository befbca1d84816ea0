"""Issue 16, progress over time: ``sessions --json`` and ``report`` carry the series (dates, pain, scores).

A physiotherapist's use: two results a week apart, both questionnaires answered, then the list as JSON
and the report of the later result, which says whether the pain's change matters, with its source.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.storage import Storage, make_session
from tests.cli_run import run
from tests.questionnaire_answers import PHQ_AFTER, PHQ_BEFORE, SB_HIGH, SB_MEDIUM

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def save(store: Storage, content: Content, day: int, pain: int, start_back: dict, phq4: dict, label: str) -> Path:
    sections = {
        "back_pain": {"areas": ["lower"], "intensity": pain, "start_back": start_back},
        "lifestyle": {"phq4": phq4},
    }
    answers = Answers.model_validate(sections, context={"content": content})
    session = make_session(answers, assess(answers, content), content.version, label, MONDAY + timedelta(days=day))
    return store.save_session(session)


@pytest.fixture
def week(private_home: Path, content: Content) -> list[Path]:
    """A first visit (pain 7, high risk) and one a week later (pain 4, medium risk); a result in between
    with no questionnaire and no pain score."""
    store = Storage()
    first = save(store, content, 0, 7, SB_HIGH, PHQ_BEFORE, "first visit")
    sections = {"back_pain": {"areas": ["lower"]}}
    answers = Answers.model_validate(sections, context={"content": content})
    store.save_session(make_session(answers, assess(answers, content), content.version, "phone", MONDAY + timedelta(3)))
    later = save(store, content, 7, 4, SB_MEDIUM, PHQ_AFTER, "a week later")
    return [first, later]


def test_sessions_json_gives_each_results_scores(capsys, week: list[Path]) -> None:
    code, out, err = run(capsys, "sessions", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert [(e["label"], e["created"][:10], e["pain_intensity"]) for e in data] == [
        ("a week later", "2026-11-09", 4),
        ("phone", "2026-11-05", None),
        ("first visit", "2026-11-02", 7),
    ]
    assert data[0]["instruments"] == [
        {"id": "phq4", "total": 3, "band": "mild", "subscales": {"anxiety": 1, "depression": 2}},
        {"id": "start_back", "total": 5, "band": "medium", "subscales": {"psychosocial": 2}},
    ]
    assert data[1]["instruments"] == []  # nothing answered: nothing said
    assert data[2]["instruments"][1] == {
        "id": "start_back",
        "total": 7,
        "band": "high",
        "subscales": {"psychosocial": 4},
    }


def test_the_report_gives_the_progress_up_to_its_result(capsys, week: list[Path]) -> None:
    code, out, err = run(capsys, "report", week[1])
    assert code == 0 and err == ""
    section = out[out.index("## Progress over time") : out.index("\n## ", out.index("## Progress over time") + 1)]
    assert section.startswith("## Progress over time (3 results up to this one, oldest first)\n")
    assert "- Pain: 7, 4 (latest 4 of 10, 3 points lower than the first: a change that matters)" in section
    assert "- Keele STarT Back Screening Tool: 7, 5 (latest 5 of 9, from high risk to medium risk)" in section
    assert "- PHQ-4 anxiety: 4, 1 (latest 1 of 6, 3 points lower than the first, now under 3)" in section
    assert "- 2026-11-05 09:00 UTC: pain not given\n" in section  # the result between: nothing made up
    assert (
        "- 2026-11-09 09:00 UTC: pain 4; PHQ-4 3 mild, anxiety 1, depression 2; Keele STarT Back Screening Tool "
        "5 medium risk" in section
    )
    assert "(source: ostelo-2008)" in section
    assert "- **ostelo-2008**: Interpreting change scores for pain" in out  # described under Sources

    code, out, _ = run(capsys, "report", week[0])  # the first result: nothing before it to compare
    assert code == 0 and "## Progress over time" not in out and "ostelo-2008" not in out


def test_a_report_of_a_file_from_elsewhere_has_no_progress(capsys, week: list[Path], tmp_path: Path) -> None:
    """Someone else's file (a client's, sent by email) is not compared with this folder's results."""
    copy = tmp_path / week[1].name
    shutil.copyfile(week[1], copy)
    code, out, _ = run(capsys, "report", copy)
    assert code == 0 and "## Progress over time" not in out
