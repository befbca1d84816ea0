"""The Markdown report for a clinician: order, disclaimer, cautions, sources, escaping, determinism."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.session import Session
from nutri_tui.reports.markdown import DISCLAIMER_LINE, NO_RED_FLAGS, md, render_markdown, when
from nutri_tui.reports.phrases import fit_words
from nutri_tui.reports.result_text import STOP_HEADING
from nutri_tui.storage import make_session
from nutri_tui.storage.answers_file import read_answers

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.toml"))
NOW = datetime(2026, 11, 26, 6, 40, 12, tzinfo=UTC)
SECTIONS = [
    "## Red flags",
    "## Answers in brief",
    "## Nutrient findings",
    "## Tests worth asking about",
    "## Supplement cautions",
    "## Exercise",
    "## Advice given",
    "## Sources",
]
CITATION = re.compile(r"\(sources?: ([^)]*)\)")
LISTED = re.compile(r"^- \*\*(.+?)\*\*: ", re.MULTILINE)


def example_session(content: Content, name: str, label: str = "For Dr Lee", now: datetime = NOW) -> Session:
    answers = read_answers(REPO / "examples" / f"{name}.toml", content)
    return make_session(answers, assess(answers, content), content.version, label=label, now=now)


def section(report: str, title: str) -> str:
    """The text of one ``## title`` section, up to the next one."""
    start = report.index(f"\n{title}\n")
    end = report.find("\n## ", start + 1)
    return report[start : end if end >= 0 else len(report)]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_sections_come_in_order_with_red_flags_first(content: Content, example: Path) -> None:
    report = render_markdown(example_session(content, example.stem), content)
    positions = [report.index(f"\n{title}\n") for title in SECTIONS]
    assert positions == sorted(positions)
    assert report.startswith("# nutri-tui summary, 2026-11-26 06:40 UTC: For Dr Lee\n")
    assert report.endswith("\n") and not report.endswith("\n\n")


def test_the_emergency_leads_with_its_red_flags(content: Content) -> None:
    session = example_session(content, "emergency-red-flag")
    report = render_markdown(session, content)
    flags = section(report, "## Red flags")
    assert len(session.result.red_flags) == 3
    for flag in session.result.red_flags:
        assert f"- **EMERGENCY**: {md(flag.question)} (answered yes)" in flags
        assert f"Advice given: {md(flag.advice)}" in flags
    first_flag = report.index(md(session.result.red_flags[0].question))
    assert first_flag < report.index("## Nutrient findings") < report.index("## Exercise")


def test_no_red_flags_is_said_plainly(content: Content) -> None:
    report = render_markdown(example_session(content, "healthy-adult"), content)
    assert section(report, "## Red flags").strip().endswith(NO_RED_FLAGS)


def test_the_disclaimer_comes_first(content: Content) -> None:
    session = example_session(content, "vegan")
    lines = render_markdown(session, content).splitlines()
    assert lines[1] == "" and lines[2] == DISCLAIMER_LINE
    assert "not a diagnosis" in lines[2] and "educational tool" in lines[2] and "to discuss" in lines[2]
    assert lines[-1] == f"_{md(session.result.disclaimer)}_"


def test_named_medicines_and_conditions_appear_in_the_cautions(content: Content) -> None:
    session = example_session(content, "older-several-medicines")
    cautions = unescape(section(render_markdown(session, content), "## Supplement cautions"))
    for medicine in ("omeprazole", "metformin", "hydrochlorothiazide", "alendronate"):
        assert f"You take {medicine}" in cautions, medicine
    assert "type 2 diabetes" in cautions
    assert "ASK A DOCTOR FIRST (medicine)" in cautions
    assert "You already take 10 mcg a day" in cautions  # the personal upper-limit line
    assert "Before taking any supplement" not in cautions  # general lines are left to the app


def test_no_personal_cautions_is_said(content: Content) -> None:
    report = render_markdown(example_session(content, "emergency-red-flag"), content)
    assert "No personal supplement cautions" in section(report, "## Supplement cautions")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_cited_id_is_listed_in_the_sources(content: Content, example: Path) -> None:
    session = example_session(content, example.stem)
    report = render_markdown(session, content)
    body, sources = report.split("\n## Sources\n")
    cited = {unescape(i) for group in CITATION.findall(body) for i in group.split(", ")}
    listed = [unescape(i) for i in LISTED.findall(sources)]
    assert cited and set(listed) == cited
    assert listed == sorted(listed)
    known = {s.id: s for s in session.result.sources}
    for source_id in listed:
        assert known[source_id].url in sources


def test_findings_show_levels_reasons_and_answers_in_the_persons_words(content: Content) -> None:
    """Levels as words, not scores a person cannot read; each reason with the answer as the wizard asked it."""
    session = example_session(content, "older-several-medicines")
    findings = section(render_markdown(session, content), "## Nutrient findings")
    headings = re.findall(r"^### (.+): (high|moderate|low)$", findings, re.MULTILINE)
    worth = [f for f in session.result.nutrients if f.level != "low"]
    assert headings == [(md(f.name), f.level) for f in worth]
    assert [h[1] for h in headings] == sorted((h[1] for h in headings), key=["high", "moderate"].index)
    assert "(you said: Outdoors uncovered a day: Under 15 minutes)" in findings
    assert "(you said: Medicines: omeprazole)" in findings
    assert "sun.outdoor_minutes" not in findings and "score" not in findings
    low = [f for f in session.result.nutrients if f.level == "low"]
    [low_line] = [line for line in findings.splitlines() if line.startswith("Rated low")]
    assert all(md(f.name) in low_line for f in low)


def test_tests_are_listed_with_their_limits(content: Content) -> None:
    session = example_session(content, "older-several-medicines")
    tests = section(render_markdown(session, content), "## Tests worth asking about")
    by_id = {f.id: f for f in session.result.nutrients}
    assert session.result.tests_to_ask
    for nutrient_id in session.result.tests_to_ask:
        test = by_id[nutrient_id].tests[0]
        assert md(test.name) in tests and f"Limits: {md(test.limits)}" in tests


def test_exercise_is_withheld_in_an_emergency(content: Content) -> None:
    session = example_session(content, "emergency-red-flag")
    assert session.result.exercise_withheld
    exercise = section(render_markdown(session, content), "## Exercise")
    assert f"**Withheld.** {md(session.result.exercise_note)}" in exercise
    assert "\n- " not in exercise


def test_an_exercise_plan_is_listed_otherwise(content: Content) -> None:
    session = example_session(content, "older-several-medicines")
    exercise = section(render_markdown(session, content), "## Exercise")
    assert session.result.exercises
    for suggestion in session.result.exercises:
        assert f"- **{md(suggestion.name)}** ({fit_words(suggestion.fit)}," in exercise
    assert exercise.count(f"{STOP_HEADING}:") == 1 and "Stop if:" not in exercise  # said once, not per exercise


def test_the_answers_are_summarised_by_step(content: Content) -> None:
    answers = section(
        render_markdown(example_session(content, "older-several-medicines"), content), "## Answers in brief"
    )
    assert "- **About you**: Age: 76; Sex: Female" in answers
    assert "omeprazole" in answers and "Osteoporosis" in answers and "Pain score: 6" in answers
    assert answers.count("\n- **") == 7


def test_output_is_deterministic_and_ignores_the_local_time_zone(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = example_session(content, "vegan", now=datetime(2026, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=2))))
    first = render_markdown(session, content)
    assert first == render_markdown(session, content) == render_markdown(session)  # content is loaded when omitted
    assert first.startswith("# nutri-tui summary, 2026-03-01 23:30 UTC+02:00: For Dr Lee\n")
    if hasattr(time, "tzset"):
        monkeypatch.setenv("TZ", "America/Los_Angeles")
        time.tzset()
        try:
            assert render_markdown(session, content) == first
        finally:
            monkeypatch.undo()
            time.tzset()


def test_times_keep_their_own_offset() -> None:
    assert when(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2026-01-02 03:04 UTC"
    assert when(datetime(2026, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))) == (
        "2026-01-02 03:04 UTC-05:30"
    )


HOSTILE = "<script>alert(1)</script> | [x](http://e.vil) *bold* _it_ `code` # &amp;"


def test_text_from_the_file_cannot_inject_markup(content: Content) -> None:
    session = example_session(content, "vegan", label=HOSTILE)
    data = session.model_dump(mode="json")
    data["result"]["advice"][0]["text"] = "1. - ## not a heading\n\n<img src=x>"
    data["result"]["nutrients"][0]["reasons"][0]["answer"] = "diet.x = `tick`"
    report = render_markdown(Session.model_validate(data), content)
    assert not re.search(r"(?<!\\)(<script|</script|<img|\]\(|\*bold|_it_|\|)", report)
    assert "\\<script\\>" in report and "\\|" in report and "\\*bold\\*" in report and "\\&amp;" in report
    assert "- 1\\. - \\#\\# not a heading \\<img src=x\\>" in report
    assert f"({md('you said: diet.x = `tick`')})" in report  # an unknown answer is shown as given, escaped
    assert unescape(md(HOSTILE)) == HOSTILE


def test_md_escapes_block_starts_only_where_they_matter() -> None:
    assert md("0.1.0") == "0.1.0" and md("-5 degrees") == "-5 degrees"
    assert md("- item") == "\\- item" and md("---") == "\\---" and md("2) two") == "2\\) two"
    assert md("line\none\x1b(0") == "line one(0"


def test_ids_unknown_to_todays_content_still_render(content: Content) -> None:
    data = example_session(content, "older-several-medicines").model_dump(mode="json")
    data["answers"]["health"]["medicines"] = ["retired_medicine", "omeprazole"]
    data["answers"]["back_pain"]["red_flags"] = {"old_flag": "yes"}
    report = render_markdown(Session.model_validate(data), content)
    assert "Medicines: retired\\_medicine, omeprazole" in report


def test_an_empty_result_still_renders(content: Content) -> None:
    session = make_session(Answers(), assess(Answers(), content), content.version, now=NOW)
    report = render_markdown(session, content)
    assert report.startswith("# nutri-tui summary, 2026-11-26 06:40 UTC\n")
    assert NO_RED_FLAGS in report


def test_the_report_does_not_import_the_ui() -> None:
    code = (
        "import json, sys\n"
        "import nutri_tui.reports.markdown, nutri_tui.cli.sessions\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == []
