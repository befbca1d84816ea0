"""Shared fixtures: the real content, a writable copy for breaking, and a private data folder."""

from __future__ import annotations

import gc
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest


def _keep_compiled_tests() -> None:
    """Keep the compiled test modules (and nutri_tui's) between runs, outside the repository, even where
    ``PYTHONDONTWRITEBYTECODE`` is set.

    Each pytest-xdist worker imports every test module: with nothing kept, each of the four compiled nutri_tui
    and rewrote the asserts of every test module again, on every run (2.4 of its 4 CPU-seconds of start-up).
    Only the test process keeps them, under the temporary folder (``sys.pycache_prefix``), never beside the
    sources; the ``nutri-tui`` processes the tests start run as the environment says.
    ``NUTRI_TUI_TEST_NO_PYCACHE=1`` turns this off."""
    if not sys.dont_write_bytecode or os.environ.get("NUTRI_TUI_TEST_NO_PYCACHE"):
        return
    if sys.pycache_prefix is None:
        user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
        sys.pycache_prefix = str(Path(tempfile.gettempdir()) / f"nutri-tui-tests-pycache-{user}")
    sys.dont_write_bytecode = False


_keep_compiled_tests()


from nutri_tui.content import Content, find_content_dir, load_content  # noqa: E402 - after the bytecode choice
from nutri_tui.models.answers import Answers  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def pytest_collection_finish(session: pytest.Session) -> None:
    """Garbage collection tuned for a process that runs two thousand tests: it took about a tenth of each
    worker's time (20 of 160 CPU-seconds, measured with ``gc.callbacks``), now about 4.

    What collection made (every module, the content each test module loads) lives until the process ends, and
    each full pass went through all of it again: ``gc.freeze`` moves it where those passes no longer look. The
    apps the UI tests start make objects by the million, and a pass every 700 new objects (the default) came to
    about 5,000 passes a worker (the full ones four fifths of the time); every 20,000 is still many a test. What
    the tests make is collected as before, only in fewer, larger passes; the app itself is not changed."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, *gc.get_threshold()[1:])


@pytest.fixture(scope="session")
def _homes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("nutri-homes")


@pytest.fixture(autouse=True)
def private_home(_homes: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test's data out of the developer's real data folder: a new, empty folder for each test.

    Made with mkdtemp, not ``tmp_path_factory.mktemp``: that numbers each folder by listing every folder made
    before it, which for the two thousand tests here cost more than some of the tests."""
    home = Path(tempfile.mkdtemp(prefix="nutri-home-", dir=_homes))
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
