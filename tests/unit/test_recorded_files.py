"""Files written by the previous release keep working: an answers file and a saved session, recorded as they were.

``tests/data/answers-format-1.toml`` is ``examples/older-several-medicines.toml`` as it stood before
supplement forms and the new warning signs; ``tests/data/session-schema-2.toml`` was saved by that
release (knowledge base 1.0.1) with ``assess --save``. Neither may be refused, and neither changes meaning.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.reports.markdown import render_markdown
from nutri_tui.reports.text import render_text
from nutri_tui.storage import Storage
from nutri_tui.storage.answers_file import read_answers

DATA = Path(__file__).resolve().parents[1] / "data"


def test_an_answers_file_of_the_previous_format_reads_and_keeps_its_meaning(content: Content) -> None:
    answers = read_answers(DATA / "answers-format-1.toml", content)
    result = assess(answers, content)
    # "supplements = [{ nutrient = "vitamin_d", amount = 10 }]" meant 10 mcg, and still does.
    assert [(s.nutrient, s.amount, s.unit) for s in result.supplements] == [("vitamin_d", 10.0, "mcg")]
    vitamin_d = next(n for n in result.nutrients if n.id == "vitamin_d")
    assert vitamin_d.upper_limit is not None and vitamin_d.upper_limit.already_taken == 10
    assert "nutri-tui result" in render_text(result)


def test_a_session_saved_by_the_previous_release_opens_reports_and_reassesses(content: Content, tmp_path) -> None:
    copy = tmp_path / "sessions" / "recorded.toml"
    copy.parent.mkdir()
    shutil.copyfile(DATA / "session-schema-2.toml", copy)
    before = copy.read_bytes()
    session = Storage(tmp_path).load_session(copy)
    assert session.content_version == "1.0.1" and session.label == "recorded before schema 3"
    assert all(n.about is None and n.notes == () for n in session.result.nutrients)  # not in results of 1.0.1
    report = render_markdown(session, content)
    assert "knowledge base 1.0.1" in report and "## Nutrient findings" in report
    again = assess(session.answers, content)
    assert again.content_version == content.version and again.nutrients[0].about is not None
    assert copy.read_bytes() == before  # reading never changes the file
