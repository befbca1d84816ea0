"""One result in every form a person reads it: ``--json``, ``assess`` text and the Markdown report.

The tests of what a person is shown assert on all three, so a caution can never reach one output
and be missing from another. Text is compared with its line wrapping undone, and the report with
its Markdown escapes removed.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import Assessment, result_adapter
from nutri_tui.reports.markdown import render_markdown
from nutri_tui.reports.plan import IN_THE_DATA, action_plan
from nutri_tui.reports.text import render_text
from nutri_tui.storage import make_session

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _flat(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Outputs:
    result: Assessment
    json_text: str
    text: str
    report: str

    def everywhere(self, fragment: str) -> bool:
        """Whether ``fragment`` (one sentence or phrase) appears in the JSON, the text and the report."""
        wanted = _flat(fragment)
        return all(wanted in output for output in (self.json_text, self.text, self.report))

    def read(self, fragment: str) -> bool:
        """Whether ``fragment`` appears where it is rendered as sentences: ``assess`` text and the report.

        For wording the renderers compose (a target "for reference only"), ``--json`` carries the data instead.
        """
        wanted = _flat(fragment)
        return wanted in self.text and wanted in self.report

    def missing(self, fragment: str) -> list[str]:
        wanted = _flat(fragment)
        names = {"--json": self.json_text, "assess text": self.text, "report": self.report}
        return [name for name, output in names.items() if wanted not in output]

    def nowhere(self, fragment: str) -> bool:
        wanted = _flat(fragment)
        return not any(wanted in output for output in (self.json_text, self.text, self.report))


def outputs(sections: dict, content: Content) -> Outputs:
    answers = Answers.model_validate(sections, context={"content": content})
    result = assess(answers, content)
    data = result_adapter().dump_python(result, mode="json")
    data["plan"] = [asdict(step) for step in action_plan(result, content, IN_THE_DATA)]  # as ``assess --json`` has it
    strings = _strings(data)
    session = make_session(answers, result, content.version, now=NOW)
    report = re.sub(r"\\(.)", r"\1", render_markdown(session, content))
    return Outputs(result, _flat(" ".join(strings)), _flat(render_text(result, content)), _flat(report))


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list | tuple):
        return [s for value in node for s in _strings(value)]
    return []


def json_of(result: Assessment) -> dict:
    return json.loads(result_adapter().dump_json(result))
