"""``nutri-tui check``: load and cross-check the knowledge base, and say what it holds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nutri_tui.cli.common import ERROR_MAX, EXIT_CONTENT, EXIT_OK
from nutri_tui.text import clean_text


def add_check_command(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="load and cross-check the knowledge base")
    check.add_argument("--content", type=Path, metavar="DIR", help="check this content folder instead")
    check.set_defaults(handler=_cmd_check)


def _cmd_check(args: argparse.Namespace) -> int:
    from nutri_tui.content import ContentError, load_content

    try:
        content = load_content(args.content)
    except ContentError as error:
        print(clean_text(str(error), ERROR_MAX), file=sys.stderr)  # it may quote a file from --content
        return EXIT_CONTENT
    print(content.summary())
    return EXIT_OK
