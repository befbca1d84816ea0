"""``nutri-tui serve``: the app in a browser on this computer (textual-serve), behind a random token.

Only the grammar and the checks live here; the web server (:mod:`nutri_tui.tui.web_server`, with aiohttp and
textual-serve) is imported when the command runs, so every other command starts as fast as before.
"""

from __future__ import annotations

import argparse
import os
import sys

from nutri_tui.cli.common import EXIT_CONTENT, EXIT_STORAGE, fail

DEFAULT_PORT = 8000
"""Tried first when ``--port`` is not given; a free port is used when it is taken."""

REMOTE_WARNING = (
    "nutri-tui: warning: serving on {host}: anyone on your network with the address can reach your health answers"
)


def add_serve_command(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="serve the app to a browser on this computer")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer)")
    serve.add_argument("--port", type=_port, help=f"port to listen on (default: {DEFAULT_PORT} if free, else any)")
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other than this computer (your answers would be reachable from the network)",
    )
    serve.add_argument("--no-browser", action="store_true", help="print the address but do not open a browser")
    serve.set_defaults(handler=_cmd_serve)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return port


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only: ``localhost`` or a loopback address (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        import ipaddress  # here, not at start-up: every command builds the parser that names serve

        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def served_command(args: argparse.Namespace) -> str:
    """The shell command each browser connection runs: this Python's ``-m nutri_tui``, with the same data folder
    and profile."""
    argv = [sys.executable, "-m", "nutri_tui"]
    if getattr(args, "data_dir", None) is not None:
        argv += ["--data-dir", str(args.data_dir)]
    profile = getattr(args, "chosen_profile", None)
    if profile is not None and not profile.is_default:  # made already (choose_profile): each page opens it
        argv += ["--profile", profile.name]
    import shlex
    import subprocess

    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def _cmd_serve(args: argparse.Namespace) -> int:
    host = args.host.strip().strip("[]")
    if not host:
        return fail("serve: --host must not be empty")
    if not is_loopback(host) and not args.allow_remote:
        return fail(f"serve: --host {host} lets other computers reach your answers: add --allow-remote to allow it")
    if not is_loopback(host):
        print(REMOTE_WARNING.format(host=host), file=sys.stderr, flush=True)
    try:
        from nutri_tui.tui.web_server import CannotServe, serve
    except ImportError as error:  # textual-serve is a dependency, but a broken install should still say so in a line
        return fail(f"serve: textual-serve is not installed ({error})", EXIT_CONTENT)
    import secrets

    token = secrets.token_urlsafe(32)
    try:
        return serve(
            served_command(args),
            host=host,
            port=args.port,
            default_port=DEFAULT_PORT,
            token=token,
            open_browser=not args.no_browser,
        )
    except CannotServe as error:
        return fail(str(error), EXIT_STORAGE)
