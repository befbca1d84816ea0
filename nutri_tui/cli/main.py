"""``nutri-tui`` itself: parse the command line, then run a sub-command, start the app, or plain mode."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from nutri_tui.cli.common import (
    EXIT_CONTENT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    choose_profile,
    data_folder,
    fail,
    plain_wanted,
    storage_for,
)
from nutri_tui.cli.quick_args import quick_args

if TYPE_CHECKING:
    import argparse

    from nutri_tui.tui.app import NutriTuiApp

ENDS_AT_ONCE = frozenset({"assess", "sessions"})
"""Commands after which a process of their own ends without tearing the interpreter down (see :func:`end_now`):
``sessions`` closes its index before it prints, and freeing the 10,000 entries of a long history one by one took
about a twentieth of listing them."""


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = quick_args(sys.argv[1:] if argv is None else argv)
        if args is None:  # anything but the commands run most often: the whole grammar, its help and its errors
            from nutri_tui.cli.parser import build_parser

            args = build_parser().parse_args(argv)
        code = _run(args)
    except KeyboardInterrupt:
        # ctrl+c while a command runs, or while the app starts (before Textual's raw mode makes it a key the app
        # reads): the person stopped it, so it ends as Unix commands do, with 130 and no traceback.
        return EXIT_INTERRUPTED
    except Exception as error:
        if not interrupted(error):
            raise
        return EXIT_INTERRUPTED
    if argv is None and args.command in ENDS_AT_ONCE:  # the process's own command line: nothing runs after this
        end_now(code)
    return code


def interrupted(error: BaseException) -> bool:
    """Whether ``error`` came of ctrl+c. Python 3.11 reports an interrupt that lands while a class is being made
    (as importing Textual and Rich does for a few hundred milliseconds) as a ``RuntimeError`` from ``__set_name__``,
    caused by the ``KeyboardInterrupt``: that is the person stopping the start too."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def end_now(code: int) -> None:
    """End the process with ``code`` once its output is flushed, without the interpreter's teardown, or return.

    After ``assess``, tearing down the interpreter (clearing every module and freeing each of the several hundred
    thousand objects that pydantic, the knowledge base and the engine made, one by one) took about 50 ms, a fifth of
    the whole command, while nothing was left to do: no exit handler, no other thread, no file open but the standard
    streams. So the process ends here with ``os._exit`` once those are flushed. It returns instead, for the usual
    exit, when anything could still want to run: an exit handler (a coverage tool's), a profiler or tracer, another
    thread, or a flush that fails (the reader went away): that ends as it always did."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return
    if getattr(atexit, "_ncallbacks", lambda: 1)():
        return
    threading = sys.modules.get("threading")  # not imported: no thread was started through it
    if threading is not None and threading.active_count() != 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):  # no stream, a closed one, or a reader gone
        return
    os._exit(code)


def _run(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    starts_a_run = not args.where and (handler is None or args.command == "serve")
    if (code := choose_profile(args, create=starts_a_run)) is not None:
        return code
    if args.where:
        from nutri_tui.cli.sessions import print_where

        return print_where(args)
    if handler is None:
        return run_plain(args) if args.plain or plain_wanted(os.environ, sys.stdin) else run_app(args)
    try:
        return handler(args)
    except BrokenPipeError:
        # The reader went away (e.g. `nutri-tui sessions --json | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def run_app(args: argparse.Namespace) -> int:
    """Start the TUI. The content is validated just after the first screen paints (see NutriTuiApp);
    a problem there ends the app with the same one-line message and exit code as ``check``."""
    import gc

    # Start-up makes tens of thousands of objects that live as long as the app, and the collector went over them
    # again and again before the first paint (about 200 collections, 15 ms; first paint 4% sooner without). The
    # welcome screen's settle_start_up freezes them and turns the collector back on just after that paint.
    gc.disable()
    from nutri_tui.cli.quiet_terminal import run_to_the_end

    def make_app() -> NutriTuiApp:
        from nutri_tui.tui.app import NutriTuiApp

        return NutriTuiApp(root=args.chosen_profile.root, data=data_folder(args), start_note=args.profile_note)

    app = run_to_the_end(make_app)
    if app.startup_error:
        return fail(app.startup_error, EXIT_CONTENT)
    return app.return_code or EXIT_OK


def run_plain(args: argparse.Namespace) -> int:
    """Plain mode (:mod:`nutri_tui.plain`) on this process's standard input and output."""
    from nutri_tui.content import ContentError, load_content
    from nutri_tui.plain import run

    try:
        content = load_content(disk_cache=True)  # checked once, then reused (nutri_tui/content/cache.py)
    except ContentError as error:
        return fail(str(error), EXIT_CONTENT)
    for stream in (sys.stdout, sys.stdin):  # a character the locale cannot encode must not end the run
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    from nutri_tui.profiles import is_shown, list_profiles

    if args.profile_note:
        print(args.profile_note)
    if is_shown(list_profiles(data_folder(args))):  # whose answers these will be, before the first question
        print(f"Profile: {args.chosen_profile.name}. These answers and results are kept in this profile.")
    try:
        return run(content, storage_for(args), sys.stdin, sys.stdout)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
