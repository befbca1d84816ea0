"""What keeps ``nutri-tui assess FILE`` quick (issue 15), checked by what it does rather than by a clock.

With the content cache warm, ``assess`` reads the knowledge base from the cache: it neither imports the
cross-checks nor builds the validator of any content model (``defer_build``), and loads nothing that only
other commands need. The answers models no longer read their attribute docstrings on import; ``schema``
reads them itself, and must print what pydantic printed when the models did. ``--json`` writes the result
without building pydantic's serializer (``models/result_json.py``), and must print what pydantic gives.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models import answers
from nutri_tui.models.answers import Answers
from nutri_tui.models.answers_schema import answers_json_schema
from nutri_tui.models.assessment import result_adapter
from nutri_tui.models.result_json import NotPlain, result_data, result_json
from nutri_tui.storage.answers_file import read_answers
from tests.unit.test_content_cache_outputs import EXAMPLES

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "healthy-adult.toml"

CHILD = """
import contextlib, io, json, sys
from nutri_tui.cli import main
runs = []
for extra in json.loads(sys.argv[2]):
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["assess", sys.argv[1], *extra])
    from nutri_tui.models.field_roles import content_models
    built = sorted(m.__name__ for m in content_models() if m.__pydantic_complete__)
    runs.append({"code": code, "modules": sorted(sys.modules), "built": built})
print(json.dumps(runs))
"""

NOT_FOR_ASSESS = (
    "nutri_tui.content.cross_checks",  # the content was checked when the cache was written
    "nutri_tui.reports.markdown",
    "nutri_tui.reports.comparison",
    "nutri_tui.reports.progress",
    "nutri_tui.tui",
    "textual",
    "rich",
)


def assess_in_child(home: Path, *runs: tuple[str, ...]) -> list[dict]:
    """``assess EXAMPLE`` with each set of extra arguments in turn, in one new process: after each, its code,
    the modules loaded so far and the content models whose validators were built so far."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUTRI_TUI_")}
    env["NUTRI_TUI_HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(EXAMPLE), json.dumps(runs)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def test_a_warm_assess_builds_no_content_validator_and_loads_only_what_it_needs(tmp_path: Path) -> None:
    """The warm runs share one process, ``--json`` first: what the text run is checked for is what both runs
    loaded and built between them, so it is held to no less than in a process of its own."""
    [first] = assess_in_child(tmp_path, ())  # checks the files and writes the cache
    assert first["code"] == 0 and "nutri_tui.content.cross_checks" in first["modules"]
    for extra, found in zip((("--json",), ()), assess_in_child(tmp_path, ("--json",), ()), strict=True):
        assert found["code"] == 0
        assert found["built"] == [], f"content validators built: {found['built']}"
        unwanted = NOT_FOR_ASSESS + (("nutri_tui.reports.text",) if extra else ())  # --json: the plan only
        loaded = [m for m in found["modules"] if m.startswith(unwanted)]
        assert loaded == [], f"assess {' '.join(extra)} loaded {loaded}"


def test_the_schema_describes_the_fields_as_pydantic_did(tmp_path: Path) -> None:
    """The answers models made again with pydantic's ``use_attribute_docstrings`` give the same schema."""
    source = Path(answers.__file__).read_text(encoding="utf-8")
    old = 'model_config = ConfigDict(extra="forbid", frozen=True)'
    assert source.count(old) == 1
    copy = tmp_path / "answers_with_docstrings.py"
    copy.write_text(source.replace(old, old[:-1] + ", use_attribute_docstrings=True)"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("answers_with_docstrings", copy)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        expected = module.Answers.model_json_schema()
    finally:
        del sys.modules[spec.name]
    assert json.dumps(answers_json_schema(), indent=2) == json.dumps(expected, indent=2)
    assert json.dumps(expected).count('"description"') > 20  # the docstrings were found at all


def as_pydantic_writes(result) -> str:
    return json.dumps(result_adapter().dump_python(result, mode="json"), indent=2, ensure_ascii=False)


def test_json_is_what_pydantic_writes_for_every_example_and_persona(
    content: Content, persona_sections: tuple[dict[str, Any], ...]
) -> None:
    results = [assess(read_answers(path, content), content) for path in EXAMPLES]
    results += [assess(Answers.model_validate(p, context={"content": content}), content) for p in persona_sections]
    assert len(results) > 50
    for result in results:
        assert json.dumps(result_data(result), indent=2, ensure_ascii=False) == as_pydantic_writes(result)


@pytest.mark.parametrize(
    "change",
    [
        {"emergency": 1},  # an int where a bool belongs
        {"content_version": None},
        {"summary": ["a list, not a tuple"]},
        {"exercise_note": 3.5},
    ],
)
def test_a_value_pydantic_would_write_otherwise_is_left_to_pydantic(content: Content, change: dict) -> None:
    result = assess(read_answers(EXAMPLES[0], content), content)
    odd = dataclasses.replace(result, **change)
    with pytest.raises(NotPlain):
        result_data(odd)
    with warnings.catch_warnings():  # pydantic serialises it anyway, most with a warning
        warnings.simplefilter("ignore")
        assert json.dumps(result_json(odd)) == json.dumps(result_adapter().dump_python(odd, mode="json"))


def test_a_number_that_is_not_finite_is_left_to_pydantic(content: Content) -> None:
    result = assess(read_answers(EXAMPLES[0], content), content)
    finding = dataclasses.replace(result.nutrients[0], score=float("nan"))
    odd = dataclasses.replace(result, nutrients=(finding, *result.nutrients[1:]))
    with pytest.raises(NotPlain):
        result_data(odd)
    assert json.dumps(result_json(odd)) == json.dumps(result_adapter().dump_python(odd, mode="json"))
