"""Shared fixtures: the real content, a writable copy for breaking, and a private data folder."""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from nutri_tui.content import Content, find_content_dir, load_content
from nutri_tui.models.answers import Answers

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test's data out of the developer's real data folder."""
    home = tmp_path_factory.mktemp("nutri-home")
    monkeypatch.setenv("NUTRI_TUI_HOME", str(home))
    monkeypatch.delenv("NUTRI_TUI_CONTENT", raising=False)
    return home


class _Terminal(io.TextIOBase):
    """Standard input for in-process command tests: a terminal nobody types at. Bare ``nutri-tui`` then starts the
    app, as it does for a person at a terminal, not plain mode (which starts when input is not a terminal); a
    test of plain mode gives its own input."""

    def isatty(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:
        raise OSError("a test read standard input without giving it any")


@pytest.fixture(autouse=True)
def terminal_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal())


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the real content folder."""
    target = tmp_path / "content"
    shutil.copytree(find_content_dir(), target)
    return target


@pytest.fixture
def make_answers(content: Content) -> Callable[..., Answers]:
    """Build validated Answers from nested dicts, e.g. make_answers(about={"age": 30})."""

    def build(**sections: dict) -> Answers:
        return Answers.model_validate(sections, context={"content": content})

    return build
