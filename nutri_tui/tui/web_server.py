"""The web server behind ``nutri-tui serve``: textual-serve's handlers in an aiohttp app that checks a token.

textual-serve has no authentication, so every request (the page, its websocket, its scripts and styles, a
download) passes :func:`token_guard` first: without the token, in the query string (``?token=...``) or in the
cookie the first authorised page load sets, it gets 403. A websocket from another site's page is refused too
(its ``Origin`` must be this server). The page is ``web/app_index.html``: textual-serve's own, without the
font it fetched from the internet, with addresses relative to the page, and with xterm.js's screen-reader mode
switched on (textual-serve builds the terminal in its script, so the script is served with that one option added).

Imported only by the ``serve`` command: aiohttp loads here, textual-serve (which loads Rich) in :func:`build_app`.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hashlib
import hmac
import os
import signal
import sys
import threading
import webbrowser
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web


class CannotServe(Exception):
    """The server could not start (the port cannot be listened on): one line, for the command to report."""


TEMPLATES = Path(__file__).parent / "web"
SCRIPT_ROUTE = "/nutri-tui/textual.js"
TERMINAL_OPTIONS = "scrollback:0,"
"""Where textual-serve's script gives xterm.js its options; ``screenReaderMode:!0,`` is added after it."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
TASKS = web.AppKey("websocket_tasks", set)


def cookie_name(token: str) -> str:
    """Cookies are shared by every port of a host, so each server's cookie has a name of its own (from its token)."""
    return "nutri_tui_" + hashlib.sha256(token.encode()).hexdigest()[:12]


def token_guard(token: str) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    """An aiohttp middleware: 403 for any request without ``token``; the first page load with it sets a cookie."""
    expected = token.encode("ascii")
    name = cookie_name(token)

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        in_query = request.query.get("token", "")
        given = in_query or request.cookies.get(name, "")
        if not hmac.compare_digest(given.encode("utf-8", "replace"), expected):
            raise web.HTTPForbidden(text="403: this address needs the token nutri-tui serve printed\n")
        if request.headers.get("Upgrade", "").lower() == "websocket":
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc != request.host:
                raise web.HTTPForbidden(text="403: a websocket from another site\n")
            task = asyncio.current_task()
            tasks = request.app[TASKS]
            if task is not None:
                tasks.add(task)
            try:
                return await handler(request)
            finally:
                tasks.discard(task)
        response = await handler(request)
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        if request.path == "/":
            response.headers["Cache-Control"] = "no-store"
            if in_query:
                response.set_cookie(name, token, path="/", httponly=True, samesite="Strict")
        return response

    return guard


def screen_reader_script(statics: Path) -> bytes | None:
    """textual-serve's script with xterm.js's ``screenReaderMode`` on, or None if its options are not where expected."""
    script = (statics / "js" / "textual.js").read_bytes()
    marker = TERMINAL_OPTIONS.encode()
    if script.count(marker) != 1:
        return None
    return script.replace(marker, marker + b"screenReaderMode:!0,")


def build_app(command: str, token: str) -> web.Application:
    """The aiohttp app: textual-serve's page, websocket, downloads and static files, behind the token."""
    import aiohttp_jinja2
    import jinja2
    from textual_serve.server import Server

    server = Server(command, title="nutri-tui")
    script = screen_reader_script(server.statics_path)
    if script is None:
        print(
            "nutri-tui: warning: this textual-serve's page could not switch on screen-reader mode",
            file=sys.stderr,
            flush=True,
        )
        script = (server.statics_path / "js" / "textual.js").read_bytes()

    async def handle_script(request: web.Request) -> web.Response:
        return web.Response(body=script, content_type="application/javascript")

    async def stop_websockets(app: web.Application) -> None:  # each stops its app process as it ends
        for task in list(app[TASKS]):
            task.cancel()

    app = web.Application(middlewares=[token_guard(token)])
    app[TASKS] = set()
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    app.add_routes(
        [
            web.get("/", server.handle_index, name="index"),
            web.get("/ws", server.handle_websocket, name="websocket"),
            web.get("/download/{key}", server.handle_download, name="download"),
            web.get(SCRIPT_ROUTE, handle_script),
            web.static("/static", server.statics_path, name="static"),
        ]
    )
    app.on_shutdown.append(stop_websockets)
    return app


def address(host: str, port: int, token: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def browser_available() -> bool:
    """A graphical browser may open: not on a Linux or BSD console without a display (a text browser would take
    over this terminal, and cannot run the page's script anyway)."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _open_browser(url: str) -> None:
    with contextlib.suppress(Exception):  # no browser is not an error: the address is printed
        webbrowser.open(url)


async def _run(command: str, host: str, port: int | None, default_port: int, token: str, open_browser: bool) -> int:
    stopped = asyncio.Event()
    interrupted: list[bool] = []

    def stop(by_ctrl_c: bool) -> None:
        interrupted.append(by_ctrl_c)
        stopped.set()

    loop = asyncio.get_running_loop()
    for sig, by_ctrl_c in ((signal.SIGINT, True), (signal.SIGTERM, False)):
        with contextlib.suppress(NotImplementedError, AttributeError):  # Windows: KeyboardInterrupt instead
            loop.add_signal_handler(sig, stop, by_ctrl_c)

    tries = [port] if port is not None else [default_port, 0]
    for index, chosen in enumerate(tries):
        runner = web.AppRunner(build_app(command, token), access_log=None, shutdown_timeout=5)
        await runner.setup()
        site = web.TCPSite(runner, host, chosen)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            if error.errno == errno.EADDRINUSE and index + 1 < len(tries):
                continue
            raise CannotServe(f"serve: cannot listen on {host} port {chosen}: {error.strerror or error}") from None
        break
    actual = runner.addresses[0][1] if runner.addresses else chosen
    url = address(host, actual, token)
    print(f"nutri-tui is serving the app at {url}", flush=True)
    print("Open it in a browser on this computer. Press ctrl+c to stop.", flush=True)
    if open_browser and browser_available():
        threading.Thread(target=_open_browser, args=(url,), daemon=True).start()
    try:
        await stopped.wait()
    finally:
        await runner.cleanup()
    print("nutri-tui: stopped serving", flush=True)
    return 130 if interrupted and interrupted[0] else 0


def serve(
    command: str, *, host: str, port: int | None, default_port: int, token: str, open_browser: bool = True
) -> int:
    """Serve ``command`` to browsers until ctrl+c (exit 130) or SIGTERM (exit 0); :class:`CannotServe` if it
    cannot listen."""
    try:
        return asyncio.run(_run(command, host, port, default_port, token, open_browser))
    except KeyboardInterrupt:  # where signal handlers cannot be installed
        return 130
