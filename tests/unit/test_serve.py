"""``nutri-tui serve`` without a browser: the token guards the page, its files and its websocket; loopback only."""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from nutri_tui.cli.serve import is_loopback
from tests.cli_run import run
from tests.serving import served, stop, without_token


def status(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def upgrade_headers(**more: str) -> dict[str, str]:
    return {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
        **more,
    }


def test_every_request_needs_the_token(tmp_path: Path) -> None:
    with served(tmp_path) as (address, process):
        base = without_token(address)
        token = address.split("token=", 1)[1]
        assert address.startswith("http://127.0.0.1:")

        for path in ("", "?token=wrong", "static/css/xterm.css", "nutri-tui/textual.js", "download/x", "nowhere"):
            assert status(base + path)[0] == 403, path
        assert status(base + "ws", upgrade_headers())[0] == 403
        assert status(base + "ws?token=" + token[:-1], upgrade_headers())[0] == 403
        assert status(base + "static/css/xterm.css", {"Cookie": "nutri_tui_0=" + token})[0] == 403  # wrong name

        code, page, headers = status(address)
        assert code == 200
        assert b"textual-terminal" in page and b"/nutri-tui/textual.js" in page
        assert b"googleapis" not in page  # the page asks nothing of any other server
        cookie = headers["Set-Cookie"].split(";", 1)[0]
        assert token in cookie and "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]

        # The page's script, style and websocket carry the cookie, not the token.
        code, script, _ = status(base + "nutri-tui/textual.js", {"Cookie": cookie})
        assert code == 200 and b"scrollback:0,screenReaderMode:!0," in script
        assert status(base + "static/css/xterm.css", {"Cookie": cookie})[0] == 200
        foreign = upgrade_headers(Cookie=cookie, Origin="http://evil.example")
        assert status(base + "ws", foreign)[0] == 403

        code, out, err = stop(process)
    assert code == 130
    assert "Traceback" not in out + err and err == ""
    assert out.strip().endswith("stopped serving")


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::", "example.org"])
def test_a_host_beyond_this_computer_needs_allow_remote(capsys, host: str) -> None:
    code, out, err = run(capsys, "serve", "--no-browser", "--host", host)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--allow-remote" in err and err.startswith("nutri-tui: error:")


def test_loopback_hosts() -> None:
    assert all(is_loopback(host) for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"))
    assert not any(is_loopback(host) for host in ("0.0.0.0", "::", "10.0.0.1", "example.org", ""))


def test_allow_remote_warns_in_one_line(tmp_path: Path) -> None:
    with served(tmp_path, "--host", "0.0.0.0", "--allow-remote") as (address, process):
        assert status(without_token(address))[0] == 403
        code, _, err = stop(process)
    assert code == 130
    assert err.count("\n") == 1 and err.startswith("nutri-tui: warning:") and "network" in err


def test_each_browser_page_opens_the_profile_served(tmp_path) -> None:
    """`nutri-tui serve --profile "Anna K"`: every page the browser opens runs the app in Anna's profile
    (made by then), in the same data folder; without --profile, in the default one."""
    import argparse
    import shlex

    from nutri_tui.cli.serve import served_command
    from nutri_tui.profiles import default_profile
    from nutri_tui.storage.profile_folders import create_profile

    anna = create_profile(tmp_path, "Anna K")
    args = argparse.Namespace(data_dir=tmp_path, chosen_profile=anna)
    assert shlex.split(served_command(args))[-4:] == ["--data-dir", str(tmp_path), "--profile", "Anna K"]
    args.chosen_profile = default_profile(tmp_path)
    assert shlex.split(served_command(args))[-2:] == ["--data-dir", str(tmp_path)]
