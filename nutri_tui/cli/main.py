"""``nutri-tui`` itself: parse the command line, then run a sub-command or start the app."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from nutri_tui.cli.common import EXIT_CONTENT, EXIT_OK, fail
from nutri_tui.cli.parser import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.where:
        from nutri_tui.cli.sessions import print_where

        return print_where(args)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        return run_app(args)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `nutri-tui sessions --json | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def run_app(args: argparse.Namespace) -> int:
    """Start the TUI. The content is validated just after the first screen paints (see NutriTuiApp);
    a problem there ends the app with the same one-line message and exit code as ``check``."""
    from nutri_tui.tui.app import NutriTuiApp

    app = NutriTuiApp(root=args.data_dir)
    app.run()
    if app.startup_error:
        return fail(app.startup_error, EXIT_CONTENT)
    return app.return_code or EXIT_OK
