"""Outside nutri_tui.tui nothing loads Textual or Rich (each module imported in a fresh interpreter).

The modules are found by walking the package with pkgutil, so a new module is checked the day it is
added; import-linter (in .ci/run) checks the same rule on the import graph, and this checks what
really loads, lazy imports included.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import nutri_tui

GROUND_FLOOR = [
    "nutri_tui.paths",
    "nutri_tui.text",
    "nutri_tui.safe_read",
    "nutri_tui.local_time",
    "nutri_tui.questionnaire",
]


def headless_modules() -> list[str]:
    """Every module of nutri_tui outside the tui package (``__main__`` runs the CLI, so it is left out)."""
    found = [
        module.name
        for module in pkgutil.walk_packages(nutri_tui.__path__, "nutri_tui.")
        if not module.name.startswith("nutri_tui.tui") and module.name != "nutri_tui.__main__"
    ]
    return sorted(found)


def loaded_after(names: list[str], then: str = "", heavy: tuple[str, ...] = ("textual", "rich")) -> list[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"{then}"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def test_the_walk_finds_every_layer() -> None:
    found = headless_modules()
    for expected in (
        "nutri_tui.engine.assess",
        "nutri_tui.storage.sessions",
        "nutri_tui.reports.markdown",
        "nutri_tui.cli.parser",
        "nutri_tui.content.loader",
        "nutri_tui.questionnaire",
    ):
        assert expected in found
    assert not any(name.startswith("nutri_tui.tui") for name in found)


def test_the_first_screens_helpers_load_neither_pydantic_nor_textual() -> None:
    """The welcome screen peeks at the draft and words its buttons before anything heavy loads."""
    assert loaded_after([*GROUND_FLOOR, "nutri_tui.flow"], heavy=("textual", "rich", "pydantic")) == []


def test_nothing_outside_the_tui_loads_textual_or_rich() -> None:
    """Importing every headless module, then assessing and reporting, and a step of plain mode (it must work where
    Textual cannot), loads neither."""
    then = (
        "import io, tempfile\n"
        "from nutri_tui.content import load_content\n"
        "from nutri_tui.engine import assess\n"
        "from nutri_tui.models.answers import Answers\n"
        "from nutri_tui.plain import run\n"
        "from nutri_tui.reports.text import plain_lines, render_text\n"
        "from nutri_tui.storage import Storage\n"
        "render_text(assess(Answers(), load_content()))\n"
        "plain_lines(assess(Answers(), load_content()))\n"
        "run(load_content(), Storage(tempfile.mkdtemp()), io.StringIO('40\\n2\\n'), io.StringIO())\n"
    )
    assert loaded_after(headless_modules(), then) == []
