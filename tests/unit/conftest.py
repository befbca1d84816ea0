"""Fixtures that more than one unit test module uses, made once a process (the persona answers once a run)."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import tomllib
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: each worker records its own
    fcntl = None  # type: ignore[assignment]

import pytest

from nutri_tui.content import Content, loader


@pytest.fixture(scope="session")
def persona_sections(content: Content, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], ...]:
    """The answers every persona test gives (:func:`tests.unit._personas.persona_answers`), recorded once a
    run: recording runs those tests (most of a second). Shared: read them, never change them.

    Under pytest-xdist the workers of one run share a folder (their temporary folders' parent): the first worker
    to need the answers records them there as JSON, named by the run's id (plain TOML values: they come back
    from JSON as they went in), and the others read that file instead of recording them again."""
    from tests.unit._personas import persona_answers

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")
    if not os.environ.get("PYTEST_XDIST_WORKER") or not run.isalnum() or fcntl is None:
        return tuple(persona_answers(content))
    shared = tmp_path_factory.getbasetemp().parent / f"persona-sections-{run}.json"
    with open(shared.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not shared.exists():
            recorded = persona_answers(content)
            written = shared.with_suffix(f".{os.getpid()}.tmp")
            written.write_text(json.dumps(recorded), encoding="utf-8")
            os.replace(written, shared)
            return tuple(recorded)
    return tuple(json.loads(shared.read_text(encoding="utf-8")))


class _ParsedOnce:
    """``tomllib`` for the content loader, each text parsed once a process and given back as a new copy.

    A test that breaks one file of a copy of the content folder loads the whole folder: parsing the forty
    other, unchanged files was 60 of its 100 milliseconds. ``tomllib.loads`` is a pure function of the text, so
    the data a text gave is kept (pickled, so each caller gets its own objects to change) under that very text;
    a changed file is a new text, parsed afresh, and a text that fails to parse is never kept (its error is
    raised as tomllib raises it). Everything after parsing (validation, cross-checks) runs as it does."""

    TOMLDecodeError = tomllib.TOMLDecodeError

    def __init__(self) -> None:
        self._parsed: dict[str, bytes] = {}

    def loads(self, text: str) -> dict[str, Any]:
        found = self._parsed.get(text)
        if found is not None:
            return pickle.loads(found)
        data = tomllib.loads(text)
        with contextlib.suppress(RecursionError):  # nested too deeply to keep: parsed again next time
            self._parsed[text] = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        return data


_PARSED_ONCE = _ParsedOnce()


@pytest.fixture
def toml_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The content loader parses each file's text once a process (:class:`_ParsedOnce`): for tests that load
    copies of the content folder, where what is checked is what the loader makes of a changed file."""
    monkeypatch.setattr(loader, "tomllib", _PARSED_ONCE)
