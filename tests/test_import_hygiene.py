"""Below the UI nothing imports Textual or Rich (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

HEADLESS = [
    "nutri_tui.models.content",
    "nutri_tui.models.answers",
    "nutri_tui.models.assessment",
    "nutri_tui.models.rules",
    "nutri_tui.content",
    "nutri_tui.engine",
    "nutri_tui.storage.answers_file",
    "nutri_tui.reports.text",
    "nutri_tui.cli",
    "nutri_tui.storage",
    "nutri_tui.models.session",
    "nutri_tui.tui.flow",
    "nutri_tui.labels",
    "nutri_tui.reports.answers_summary",
    "nutri_tui.reports.result_text",
    "nutri_tui.reports.comparison",
    "nutri_tui.paths",
    "nutri_tui.storage.private_files",
    "nutri_tui.storage.index",
    "nutri_tui.storage.drafts",
    "nutri_tui.reports.markdown",
    "nutri_tui.text",
    "nutri_tui.safe_read",
    "nutri_tui.local_time",
    "nutri_tui.models.bounds",
]


def test_the_first_screens_helpers_load_neither_pydantic_nor_textual() -> None:
    """The welcome screen peeks at the draft (paths, safe_read) and cleans text before anything heavy loads."""
    names = ["nutri_tui.paths", "nutri_tui.text", "nutri_tui.safe_read", "nutri_tui.local_time"]
    code = (
        "import importlib, json, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'pydantic'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == []


def test_headless_modules_do_not_import_textual() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {HEADLESS!r}: importlib.import_module(name)\n"
        "from nutri_tui.content import load_content\n"
        "from nutri_tui.engine import assess\n"
        "from nutri_tui.models.answers import Answers\n"
        "assess(Answers(), load_content())\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == []
