"""The ``nutri-tui`` command line.

Bare ``nutri-tui`` starts the app. Sub-commands work without the UI (Textual is
imported only when the app starts, so they stay fast). Every failure is one
line on stderr: exit 1 for a content problem found by ``check`` or a file that
could not be written or listed, exit 2 for bad usage or bad input (including a
session file that cannot be read), as argparse does.

Two options work before or after any sub-command: ``--data-dir DIR`` (use DIR
for sessions and the draft instead of ``NUTRI_TUI_HOME`` or the platform
folder) and ``--where`` (print the folders in use and exit).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from nutri_tui import __version__

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
EXIT_STORAGE = 1
"""A session, report or folder that could not be written or listed (not the person's input)."""


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
    add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    check = commands.add_parser("check", help="load and cross-check the knowledge base")
    check.add_argument("--content", type=Path, metavar="DIR", help="check this content folder instead")
    check.set_defaults(handler=_cmd_check)

    from nutri_tui.cli.assess import add_assess_commands

    add_assess_commands(commands)

    from nutri_tui.cli.sessions import add_session_commands

    add_session_commands(commands)
    for command in commands.choices.values():  # also accepted after the sub-command
        add_global_options(command, default=argparse.SUPPRESS)
    return parser


def add_global_options(parser: argparse.ArgumentParser, default: object = None) -> None:
    """``--data-dir`` and ``--where``; sub-commands pass SUPPRESS so they never reset a value given before them."""
    parser.add_argument(
        "--data-dir",
        type=_data_dir,
        metavar="DIR",
        default=default,
        help="keep sessions and the draft in DIR (overrides NUTRI_TUI_HOME)",
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.where:
        from nutri_tui.cli.sessions import print_where

        return print_where(args)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        return _run_app(args)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `nutri-tui sessions --json | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


ERROR_MAX = 2_000
"""An error line is cut to this many characters."""


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """Print a one-line error on stderr and return the exit code.

    Messages quote paths and keys from files, so the line is cleaned here, for every command: nothing
    in it can change the terminal (paths arrive escaped by ``cli_sessions.shown``, so they stay findable).
    """
    from nutri_tui.text import clean_text

    print(f"nutri-tui: error: {clean_text(message, ERROR_MAX)}", file=sys.stderr)
    return code


def _cmd_check(args: argparse.Namespace) -> int:
    from nutri_tui.content import ContentError, load_content

    try:
        content = load_content(args.content)
    except ContentError as error:
        from nutri_tui.text import clean_text

        print(clean_text(str(error), ERROR_MAX), file=sys.stderr)  # it may quote a file from --content
        return EXIT_CONTENT
    print(content.summary())
    return EXIT_OK


def _run_app(args: argparse.Namespace) -> int:
    """Start the TUI. The content is validated just after the first screen paints (see NutriTuiApp);
    a problem there ends the app with the same one-line message and exit code as ``check``."""
    from nutri_tui.tui.app import NutriTuiApp

    app = NutriTuiApp(root=args.data_dir)
    app.run()
    if app.startup_error:
        return fail(app.startup_error, EXIT_CONTENT)
    return app.return_code or EXIT_OK
