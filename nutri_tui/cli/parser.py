"""The command line's grammar: every sub-command and the options that work before or after any of them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from nutri_tui import __version__
from nutri_tui.cli.assess import add_assess_commands
from nutri_tui.cli.check import add_check_command
from nutri_tui.cli.common import EXIT_USAGE
from nutri_tui.cli.profiles import add_profiles_command
from nutri_tui.cli.serve import add_serve_command
from nutri_tui.cli.sessions import add_session_commands


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not usage plus message."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="nutri-tui",
        description="A keyboard-driven guide to nutrient gaps, supplement cautions and exercise "
        "for people with back pain. Educational only: not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"nutri-tui {__version__}")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="ask the questions one line at a time on standard input and output, for a screen reader or braille "
        "display (also when TERM=dumb, NUTRI_TUI_PLAIN=1 or input is not a terminal)",
    )
    add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    add_check_command(commands)
    add_assess_commands(commands)
    add_session_commands(commands)
    add_profiles_command(commands)
    add_serve_command(commands)
    for command in commands.choices.values():  # also accepted after the sub-command
        add_global_options(command, default=argparse.SUPPRESS)
    return parser


def add_global_options(parser: argparse.ArgumentParser, default: object = None) -> None:
    """``--data-dir``, ``--profile`` and ``--where``; sub-commands pass SUPPRESS so that they never reset a value
    given before them."""
    parser.add_argument(
        "--data-dir",
        type=_data_dir,
        metavar="DIR",
        default=default,
        help="keep sessions and the draft in DIR (overrides NUTRI_TUI_HOME)",
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        default=default,
        help="whose results: use the profile NAME (the app creates it if it is new; see `nutri-tui profiles`)",
    )
    parser.add_argument(
        "--where",
        action="store_true",
        default=default if default is not None else False,
        help="print the data, sessions, draft and content locations, then exit",
    )


def _data_dir(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return Path(text).expanduser().absolute()
