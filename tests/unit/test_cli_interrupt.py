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


@pytest.mark.parametrize("raised", [KeyboardInterrupt(), stopped_while_making_a_class()], ids=["plain", "wrapped"])
def test_the_app_stopped_as_it_starts_ends_with_130(monkeypatch, tmp_path, raised) -> None:
    def starting(args):
        raise raised

    monkeypatch.setenv("NUTRI_TUI_HOME", str(tmp_path))
    monkeypatch.setattr(cli_main, "run_app", starting)
    monkeypatch.setattr(cli_main, "plain_wanted", lambda environ, stdin: False)
    assert main([]) == 130


def test_any_other_error_still_shows(monkeypatch, tmp_path) -> None:
    def starting(args):
        raise RuntimeError("a real bug")

    monkeypatch.setenv("NUTRI_TUI_HOME", str(tmp_path))
    monkeypatch.setattr(cli_main, "run_app", starting)
    monkeypatch.setattr(cli_main, "plain_wanted", lambda environ, stdin: False)
    with pytest.raises(RuntimeError, match="a real bug"):
        main([])
