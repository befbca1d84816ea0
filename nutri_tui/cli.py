"""The ``nutri-tui`` command line.

Bare ``nutri-tui`` starts the app. Sub-commands work without the UI (Textual is
imported only when the app starts, so they stay fast). Every failure is one
line on stderr: exit 1 for a content problem found by ``check``, exit 2 for
bad usage or bad input, as argparse does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from nutri_tui import __version__

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    check = commands.add_parser("check", help="load and cross-check the knowledge base")
    check.add_argument("--content", type=Path, metavar="DIR", help="check this content folder instead")
    check.set_defaults(handler=_cmd_check)

    from nutri_tui.cli_assess import add_assess_commands

    add_assess_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        return _run_app()
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """Print a one-line error on stderr and return the exit code."""
    print(f"nutri-tui: error: {message}", file=sys.stderr)
    return code


def _cmd_check(args: argparse.Namespace) -> int:
    from nutri_tui.content import ContentError, load_content

    try:
        content = load_content(args.content)
    except ContentError as error:
        print(error, file=sys.stderr)
        return EXIT_CONTENT
    print(content.summary())
    return EXIT_OK


def _run_app() -> int:
    from nutri_tui.content import ContentError, load_content

    try:
        load_content()
    except ContentError as error:
        return fail(str(error), EXIT_CONTENT)
    from nutri_tui.app import NutriTuiApp

    NutriTuiApp().run()
    return EXIT_OK
