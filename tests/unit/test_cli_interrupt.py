"""ctrl+c ends any command with 130 and no traceback (cli/main.py), however Python reports it: as it lands while
importing Textual and Rich makes classes, Python 3.11 raises a RuntimeError caused by the KeyboardInterrupt (CI
saw that traceback from the real app in a pty)."""

from __future__ import annotations

import importlib

import pytest

from nutri_tui.cli.main import interrupted, main

cli_main = importlib.import_module("nutri_tui.cli.main")  # the module: the package's ``main`` is the function


def stopped_while_making_a_class() -> RuntimeError:
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as interrupt:
            raise RuntimeError("Error calling __set_name__ on 'Field' instance 'buffer'") from interrupt
    except RuntimeError as error:
        return error


def test_an_interrupt_is_seen_through_what_wrapped_it() -> None:
    assert interrupted(KeyboardInterrupt())
    assert interrupted(stopped_while_making_a_class())
    assert not interrupted(RuntimeError("a real bug"))


@pytest.fixture
def app_start(monkeypatch, tmp_path):
    """Bare ``nutri-tui`` with the app's start replaced: set ``app_start.raises`` to what the start raises."""

    class Start:
        raises: BaseException = RuntimeError("unset")

        def __call__(self, args: object) -> int:
            raise self.raises

    start = Start()
    monkeypatch.setenv("NUTRI_TUI_HOME", str(tmp_path))
    monkeypatch.setattr(cli_main, "run_app", start)
    monkeypatch.setattr(cli_main, "plain_wanted", lambda environ, stdin: False)
    return start


@pytest.mark.parametrize("raised", [KeyboardInterrupt(), stopped_while_making_a_class()], ids=["plain", "wrapped"])
def test_the_app_stopped_as_it_starts_ends_with_130(app_start, raised) -> None:
    app_start.raises = raised
    assert main([]) == 130


def test_any_other_error_still_shows(app_start) -> None:
    app_start.raises = RuntimeError("a real bug")
    with pytest.raises(RuntimeError, match="a real bug"):
        main([])
