"""The content cache changes nothing a person reads: ``assess`` text and ``--json`` are byte for byte the same
from the cached knowledge base as from the files checked afresh, for every example and every persona.

The two sides run in fresh processes (``nutri-tui assess`` in-process there, for each answers file in turn), so
no cache in this process (the engine's, or the loaded content) can stand in for the other side. Each side also
reports whether it checked the files (the cross-checks were imported): the cached side must not have, and
the uncached side must have. The personas are the answers given by the tests of ``test_personas.py`` and
``test_safety_personas.py``, recorded by running those tests with a ``run`` and a ``show`` that note them.
"""

from __future__ import annotations

import contextlib
import inspect
import itertools
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from nutri_tui.content import Content, load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from tests.outputs import outputs
from tests.unit import test_personas, test_safety_personas

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.toml"))

CHILD = """
import contextlib, io, json, sys
from nutri_tui.cli import main
done = []
for path in json.loads(sys.argv[1]):
    for extra in ([], ["--json"]):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["assess", path, *extra])
        done.append([code, out.getvalue()])
print(json.dumps({"outputs": done, "checked": "nutri_tui.content.cross_checks" in sys.modules}))
"""


def run_side(files: list[Path], home: Path) -> tuple[list[list[Any]], bool]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUTRI_TUI_")}
    env["NUTRI_TUI_HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps([str(f) for f in files])],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    found = json.loads(done.stdout)
    return found["outputs"], found["checked"]


def parameter_sets(test: Callable[..., Any]) -> Iterator[dict[str, Any]]:
    """Every combination of a test's ``pytest.mark.parametrize`` values (one empty set if it has none)."""
    choices: list[list[dict[str, Any]]] = []
    for mark in getattr(test, "pytestmark", []):
        if mark.name != "parametrize":
            continue
        names = [name.strip() for name in mark.args[0].split(",")] if isinstance(mark.args[0], str) else mark.args[0]
        options = []
        for value in mark.args[1]:
            values = value.values if hasattr(value, "values") else value
            options.append(dict(zip(names, values if len(names) > 1 else [values], strict=True)))
        choices.append(options)
    for combination in itertools.product(*choices):
        yield {k: v for part in combination for k, v in part.items()}


def persona_answers(content: Content) -> list[dict[str, Any]]:
    """The answers every persona test gives, recorded by running the tests with recording fixtures."""
    recorded: list[dict[str, Any]] = []

    def run(**sections: Any) -> Any:
        recorded.append(sections)
        return assess(Answers.model_validate(sections, context={"content": content}), content)

    def show(**sections: Any) -> Any:
        recorded.append(sections)
        return outputs(sections, content)

    fixtures = {"run": run, "show": show, "content": content}
    for module in (test_personas, test_safety_personas):
        for name, test in vars(module).items():
            if not name.startswith("test_") or not inspect.isfunction(test):
                continue
            for params in parameter_sets(test):
                wanted = inspect.signature(test).parameters
                if any(p not in fixtures and p not in params for p in wanted):
                    continue
                with contextlib.suppress(Exception):  # only the answers matter here: the tests run as tests anyway
                    test(**{p: params[p] if p in params else fixtures[p] for p in wanted})
    return recorded


def _no_nones(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, dict):
        return all(_no_nones(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(_no_nones(v) for v in value)
    return True


@pytest.fixture(scope="module")
def answers_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("personas")
    personas = [sections for sections in persona_answers(load_content()) if _no_nones(sections)]
    written = []
    for number, sections in enumerate(personas):
        path = folder / f"persona-{number:03d}.toml"
        path.write_text(tomli_w.dumps(sections), encoding="utf-8")
        written.append(path)
    return [*EXAMPLES, *written]


def test_the_personas_are_found(answers_files: list[Path]) -> None:
    assert len(EXAMPLES) >= 6
    assert len(answers_files) - len(EXAMPLES) >= 40  # the persona tests give about fifty answers


def test_cached_content_gives_the_same_text_and_json_byte_for_byte(answers_files: list[Path], tmp_path: Path) -> None:
    cached_home, uncached_home = tmp_path / "cached", tmp_path / "uncached"
    cached_home.mkdir()
    uncached_home.mkdir()
    (uncached_home / "cache").write_text("not a folder: no cache can be kept here")
    run_side(EXAMPLES[:1], cached_home)  # leaves the cache
    assert (cached_home / "cache" / "content.json").is_file()

    from_cache, checked_there = run_side(answers_files, cached_home)
    afresh, checked_here = run_side(answers_files, uncached_home)

    assert not checked_there and checked_here  # one side read the cache, the other checked the files
    assert len(from_cache) == len(afresh) == 2 * len(answers_files)
    for index, (cached, fresh) in enumerate(zip(from_cache, afresh, strict=True)):
        path, mode = answers_files[index // 2], ("text", "--json")[index % 2]
        assert cached == fresh, f"{path.name} {mode} differs"
        assert fresh[0] == 0 and fresh[1].strip(), f"{path.name} {mode}: {fresh}"
