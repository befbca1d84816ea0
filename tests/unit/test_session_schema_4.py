"""Schema 4 (issue 16): sessions keep the questionnaires' answers and scores; older sessions keep their meaning.

``tests/data/session-schema-3.toml`` was saved by the release before schema 4 (knowledge base 1.4.0, with
``assess examples/vegan.toml --save``). It must load, migrate, list and report as it did: no questionnaire was
asked then, so nothing about one may appear, and its answers have none.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.flow import WizardState
from nutri_tui.models.answers import Answers
from nutri_tui.models.session import SESSION_SCHEMA_VERSION, migrate
from nutri_tui.reports.markdown import render_markdown
from nutri_tui.reports.text import render_text
from nutri_tui.storage import Storage, make_session

RECORDED = Path(__file__).resolve().parents[1] / "data" / "session-schema-3.toml"


def test_the_schema_is_4_and_the_step_from_3_changes_nothing() -> None:
    assert SESSION_SCHEMA_VERSION == 4
    data = tomllib.loads(RECORDED.read_text(encoding="utf-8"))
    assert data["schema_version"] == 3
    migrated = migrate(data)
    assert migrated == {**data, "schema_version": 4}
    assert migrate({"schema_version": 3, "step": "diet"}, "draft") == {"schema_version": 4, "step": "diet"}


def test_a_recorded_schema_3_session_loads_lists_and_reports_as_before(content: Content, tmp_path: Path) -> None:
    store = Storage(tmp_path)
    store.sessions_dir.mkdir(parents=True)
    path = store.sessions_dir / RECORDED.name
    shutil.copyfile(RECORDED, path)
    before = path.read_bytes()
    [entry] = store.list_sessions()
    assert entry.label == "recorded before schema 4" and entry.content_version == "1.4.0"
    session = store.load_session(path)
    assert session.schema_version == 4
    assert session.answers.back_pain.start_back == {} and session.answers.lifestyle.phq4 == {}
    assert session.result.instruments == ()
    report = render_markdown(session, content)
    text = render_text(session.result, content)
    for shown in (report, text):
        assert "Scores to show your GP or physiotherapist" not in shown
        assert "STarT Back" not in shown and "PHQ-4" not in shown
    assert "\n6. **" not in report  # the plan still has its five steps
    again = assess(session.answers, content)  # re-assessed today: the same levels, still no questionnaire
    assert {n.id: n.level for n in again.nutrients} == {n.id: n.level for n in session.result.nutrients}
    assert again.instruments == ()
    assert path.read_bytes() == before  # reading never rewrites a file


def test_a_session_with_questionnaires_round_trips(content: Content, tmp_path: Path) -> None:
    sections = {
        "back_pain": {"areas": ["lower"], "start_back": {"leg_pain": "agree", "bothersome": "extremely"}},
        "lifestyle": {"phq4": {"nervous": "several_days", "worrying": "nearly_every_day", "interest": "not_at_all"}},
    }
    answers = Answers.model_validate(sections, context={"content": content})
    session = make_session(answers, assess(answers, content), content.version, label="scores")
    store = Storage(tmp_path)
    path = store.save_session(session)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# nutri-tui session file (schema 4)")
    assert "[answers.back_pain.start_back]" in text and 'bothersome = "extremely"' in text
    loaded = store.load_session(path)
    assert loaded == session
    assert [(i.id, i.complete, i.answered) for i in loaded.result.instruments] == [
        ("phq4", False, 3),
        ("start_back", False, 2),
    ]


def test_a_draft_keeps_the_questionnaire_answers(content: Content, tmp_path: Path) -> None:
    from nutri_tui.storage import make_draft
    from nutri_tui.storage.drafts import answers_problem

    store = Storage(tmp_path)
    store.save_draft(make_draft("back_pain", {"lifestyle": {"phq4": {"down": "several_days"}}}))
    draft = store.load_draft()
    assert draft is not None and draft.answers["lifestyle"]["phq4"] == {"down": "several_days"}
    assert answers_problem(draft, content) is None
    assert WizardState.resume(draft.answers, draft.step).answers(content).lifestyle.phq4 == {"down": "several_days"}
    bad = make_draft("back_pain", {"lifestyle": {"phq4": {"down": "always"}}})
    assert "lifestyle.phq4: down: 'always' is not one of its answers" in (answers_problem(bad, content) or "")
