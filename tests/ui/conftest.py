"""UI tests run with Textual's animations off (``TEXTUAL_ANIMATIONS=none``, a setting any user may choose).

Pilot waits for every animation to finish after each key: a tab's underline sliding across took half a
second per tab and most of the time of some tests. What is checked is where things end up, which is the
same either way; the pseudo-terminal tests (test_terminal_*.py) run the installed app as it ships, with
animations on.

Pilot's ``press`` waits, after each key, for the app to be idle, then for animations, then for it to be idle
again: at least 40 ms a key, most of a keyboard walk's time. With animations off nothing can start between the
two waits, so the second is left out (``_one_idle_wait_a_key``); each key still waits until the app is idle.

Each test starts its own app, and each app parses every stylesheet (ours and every widget's DEFAULT_CSS)
again: Textual keeps parsed rules per stylesheet, that is per app. A person runs one app, so that costs
them once; a test process runs a hundred, and the parsing was about a tenth of their time. Parsing is a
pure function of the text, where it came from and the theme's variables, so the rules parsed once are
kept for the whole test process, under exactly those (see ``_shared_css_rules``).
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import unicodedata
from collections.abc import Iterable

import pytest
import textual.constants
from textual import events
from textual.app import App
from textual.css.stylesheet import Stylesheet


@pytest.fixture(autouse=True)
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


def _shared_css_rules() -> None:
    """Keep the rules Textual parses from CSS for every app this process starts, not only for the one."""
    parse_rules = getattr(Stylesheet, "_parse_rules", None)
    if parse_rules is None or getattr(parse_rules, "shared", False):  # another Textual, or done already
        return
    parsed: dict[tuple, list] = {}

    def shared(
        self: Stylesheet,
        css: str,
        read_from: tuple,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list:
        variables = self._variables
        seen = self.__dict__.get("_tests_variables")
        if seen is None or seen[0] is not variables:  # set_variables (a theme change) gives a new dict
            seen = self.__dict__["_tests_variables"] = (variables, tuple(sorted(variables.items())))
        key = (css, read_from, is_default_rules, tie_breaker, scope, seen[1])
        if key not in parsed:
            parsed[key] = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        return parsed[key]

    shared.shared = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = shared  # type: ignore[method-assign]


_shared_css_rules()

PRESS_KEYS_SHA256 = "1999a9a2751290ae"
"""The start of the SHA-256 of Textual's ``App._press_keys`` (Textual 8.2) that ``_press_keys`` below copies."""


async def _press_keys(self: App, keys: Iterable[str]) -> None:
    """Textual's ``App._press_keys`` without the second ``wait_for_idle`` after each key."""
    from textual._wait import wait_for_idle
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    app = self
    driver = app._driver
    assert driver is not None
    for key in keys:
        if key.startswith("wait:"):
            _, wait_ms = key.split(":")
            await asyncio.sleep(float(wait_ms) / 1000)
            await app._animator.wait_until_complete()
        else:
            if len(key) == 1 and not key.isalnum():
                key = _character_to_key(key)
            original_key = REPLACED_KEYS.get(key, key)
            char: str | None
            try:
                char = unicodedata.lookup(_get_unicode_name_from_key(original_key))
            except KeyError:
                char = key if len(key) == 1 else None
            key_event = events.Key(key, char)
            key_event.set_sender(app)
            driver.send_message(key_event)
            await wait_for_idle(0)
            await app._animator.wait_until_complete()


def _one_idle_wait_a_key() -> None:
    """Use :func:`_press_keys` while the animations are off, and only for the Textual it was copied from (any
    other version keeps its own, slower but as it ships)."""
    original = App._press_keys
    if getattr(original, "copied", False):
        return
    source = inspect.getsource(original)
    if hashlib.sha256(source.encode()).hexdigest()[:16] != PRESS_KEYS_SHA256:
        return

    async def press_keys(self: App, keys: Iterable[str]) -> None:
        if textual.constants.TEXTUAL_ANIMATIONS == "none":
            await _press_keys(self, keys)
        else:
            await original(self, keys)

    press_keys.copied = True  # type: ignore[attr-defined]
    App._press_keys = press_keys  # type: ignore[method-assign]


_one_idle_wait_a_key()
