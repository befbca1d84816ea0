"""The command lines read without the whole parser (``cli/quick_args.py``) read as the parser reads them.

For every command line built from the commands, flags, file names and options below, ``quick_args`` either gives
None (the parser then reads it) or exactly the attributes and values ``build_parser().parse_args`` gives; and
the app (no arguments), ``open FILE``, ``sessions --json`` and ``assess FILE`` are among those it reads itself,
without importing argparse.
"""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from nutri_tui.cli.parser import build_parser
from nutri_tui.cli.quick_args import quick_args

TOKENS = [
    "--json",
    "--all-profiles",
    "--save",
    "--js",
    "--label",
    "x",
    "a.toml",
    "-",
    "--",
    "",
    "--where",
    "--profile",
    "--data-dir=/tmp",
    "-h",
    "--plain",
    "sessions",
    "assess",
]


def _parsed(argv: list[str]) -> dict[str, object] | None:
    try:
        return vars(build_parser().parse_args(argv))
    except SystemExit:
        return None


def _lines() -> list[list[str]]:
    lines: list[list[str]] = [[]]
    for command in ("sessions", "assess", "open", "report", "check", "--json"):
        for count in range(4):
            lines += [[command, *rest] for rest in itertools.product(TOKENS, repeat=count)]
    return lines


def test_a_line_read_quickly_reads_as_the_parser_reads_it(capsys: pytest.CaptureFixture[str]) -> None:
    read = 0
    for argv in _lines():
        quick = quick_args(argv)
        if quick is None:
            continue
        read += 1
        assert vars(quick) == _parsed(argv), argv
    capsys.readouterr()  # the parser's errors for the lines quick_args leaves to it
    assert read > 50


@pytest.mark.parametrize(
    "argv",
    [
        ["sessions", "--json"],
        ["sessions"],
        ["sessions", "--all-profiles", "--json"],
        ["assess", "a.toml"],
        ["assess", "--json", "a.toml", "--save"],
        [],
        ["open", "a.toml"],
    ],
)
def test_the_commands_run_most_often_are_read_quickly(argv: list[str]) -> None:
    quick = quick_args(argv)
    assert quick is not None and vars(quick) == _parsed(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["--plain"],
        ["open"],
        ["open", "a.toml", "b.toml"],
        ["open", "--json", "a.toml"],
        ["sessions", "x"],
        ["sessions", "--js"],
        ["assess"],
        ["assess", "a.toml", "b.toml"],
        ["assess", "a.toml", "--label", "x"],
        ["assess", "-"],
        ["sessions", "--help"],
        ["--data-dir", "/tmp", "sessions"],
        ["report", "a.toml"],
    ],
)
def test_anything_else_is_left_to_the_parser(argv: list[str]) -> None:
    assert quick_args(argv) is None


def test_sessions_json_does_not_import_argparse(tmp_path: object) -> None:
    code = (
        "import sys\nfrom nutri_tui.cli.main import main\nmain(['sessions', '--json'])\n"
        "assert 'argparse' not in sys.modules and 'platformdirs' not in sys.modules, sorted(sys.modules)\n"
    )
    env = {"NUTRI_TUI_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"
