"""The content cache changes nothing a person reads: ``assess`` text and ``--json`` are byte for byte the same
from the cached knowledge base as from the files checked afresh, for every example and every persona.

The two sides run in fresh processes (``nutri-tui assess`` in-process there, for each answers file in turn), so
no cache in this process (the engine's, or the loaded content) can stand in for the other side. Each side also
reports whether it checked the files (the cross-checks were imported): the cached side must not have, and
the uncached side must have. The personas are the answers given by the tests of ``test_personas.py`` and
``test_safety_personas.py``, recorded by running those tests with a ``run`` and a ``show`` that note them
(``tests/unit/_personas.py``). The cache the cached side reads is written here, by the cache's own writer
from the content this process checked, as a first load leaves it: a process of its own for that was half a
CPU-second.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from nutri_tui.content import cache, load_content
from nutri_tui.content.loader import Files

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


def _no_nones(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, dict):
        return all(_no_nones(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(_no_nones(v) for v in value)
    return True


@pytest.fixture(scope="module")
def answers_files(tmp_path_factory: pytest.TempPathFactory, persona_sections: tuple[dict[str, Any], ...]) -> list[Path]:
    folder = tmp_path_factory.mktemp("personas")
    personas = [sections for sections in persona_sections if _no_nones(sections)]
    written = []
    for number, sections in enumerate(personas):
        path = folder / f"persona-{number:03d}.toml"
        path.write_text(tomli_w.dumps(sections), encoding="utf-8")
        written.append(path)
    return [*EXAMPLES, *written]


def test_the_personas_are_found(answers_files: list[Path]) -> None:
    assert len(EXAMPLES) >= 6
    assert len(answers_files) - len(EXAMPLES) >= 40  # the persona tests give about fifty answers


def test_cached_content_gives_the_same_text_and_json_byte_for_byte(
    answers_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_home, uncached_home = tmp_path / "cached", tmp_path / "uncached"
    cached_home.mkdir()
    uncached_home.mkdir()
    (uncached_home / "cache").write_text("not a folder: no cache can be kept here")
    monkeypatch.setenv("NUTRI_TUI_HOME", str(cached_home))
    content = load_content()  # the folder the children use: NUTRI_TUI_CONTENT is not set
    every = Files(content.root).every()
    assert every is not None
    cache.write(cache.key_for(content.root, every), content)  # as the first `assess` there would leave it
    assert (cached_home / "cache" / "content.json").is_file()

    from_cache, checked_there = run_side(answers_files, cached_home)
    afresh, checked_here = run_side(answers_files, uncached_home)

    assert not checked_there and checked_here  # one side read the cache, the other checked the files
    assert len(from_cache) == len(afresh) == 2 * len(answers_files)
    for index, (cached, fresh) in enumerate(zip(from_cache, afresh, strict=True)):
        path, mode = answers_files[index // 2], ("text", "--json")[index % 2]
        assert cached == fresh, f"{path.name} {mode} differs"
        assert fresh[0] == 0 and fresh[1].strip(), f"{path.name} {mode}: {fresh}"
