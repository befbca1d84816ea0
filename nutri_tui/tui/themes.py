"""The high-contrast theme, and which theme the person chose last (the built-in themes cover the rest;
NO_COLOR is honoured by Textual).

**High contrast.** Every colour text is drawn in meets WCAG AA (4.5:1) against what it is drawn on, in
a true-colour terminal and in a 256-colour one (``tests/unit/test_high_contrast.py`` computes each pair).
Textual derives most text colours from a theme with transparency (``$text-muted`` is "auto 60%", an
Input's placeholder ``$text-disabled`` "auto 38%", about 3:1 on black), and ``auto`` in a component style
is worked out against the widget's background, not the component's: a focused choice came out white on
yellow. So every text colour is set here as a plain colour, and :data:`HIGH_CONTRAST_CSS` covers the one
place Textual hard-codes a faded colour (an unselected tab is "$foreground 50%").

**The chosen theme** is kept in ``<data folder>/settings.toml`` (``format = 1``, ``theme = "name"``),
written by :mod:`nutri_tui.storage.settings` when the person changes theme. :func:`saved_theme` reads it
before the first screen, so it uses only the standard library and the ground floor: importing
``nutri_tui.storage`` would load pydantic (about 0.2 s) before the first paint.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from pathlib import Path

from textual.theme import Theme

from nutri_tui.frozen import Frozen
from nutri_tui.safe_read import Unreadable, read_regular
from nutri_tui.text import clean_text, escaped

HIGH_CONTRAST = Theme(
    name="nutri-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF00",
    warning="#FFD700",
    error="#FF5555",
    dark=True,
    variables={
        # Text on the background, the surface and panels (fields, the header, the key bar).
        "text": "#FFFFFF",
        "text-muted": "#BCBCBC",
        "text-disabled": "#949494",  # an Input's placeholder, a disabled list option
        "foreground-muted": "#BCBCBC",  # an unselected tab (see HIGH_CONTRAST_CSS)
        "foreground-disabled": "#949494",
        "text-primary": "#FFFF00",
        "text-secondary": "#00FFFF",
        "text-accent": "#FFFFFF",
        "text-warning": "#FFD700",
        "text-error": "#FF7777",
        "text-success": "#00FF00",
        "link-color": "#FFFFFF",
        "footer-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "button-foreground": "#FFFFFF",
        # Text on a bright colour: the cursor in lists and tabs, a focused choice, coloured buttons.
        "block-cursor-foreground": "#000000",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#5F5F00",  # a 256-colour terminal shows it as it is
        "button-color-foreground": "#000000",
        "input-cursor-foreground": "#000000",
        "input-cursor-background": "#FFFFFF",
        "input-selection-foreground": "#FFFFFF",
        "input-selection-background": "#0000AA",
        "link-color-hover": "#000000",
        "link-background-hover": "#FFFF00",
        "screen-selection-foreground": "#000000",
        "screen-selection-background": "#FFFF00",
    },
)

HIGH_CONTRAST_CSS = """
/* High contrast: an unselected tab is "$foreground 50%" in Textual's own styles, which no theme variable
   reaches. These rules restate Tab's colours for this theme only (app CSS outranks DEFAULT_CSS whatever
   the selectors, so the selected and focused tab are restated too). */
.-theme-nutri-high-contrast Tab { color: $foreground-muted; }
.-theme-nutri-high-contrast Tab.-active, .-theme-nutri-high-contrast Tab:hover { color: $foreground; }
/* $text-disabled, not $foreground-disabled: every theme has it (the ANSI themes lack the other, and crashed). */
.-theme-nutri-high-contrast Tab:disabled { color: $text-disabled; }
.-theme-nutri-high-contrast Tabs:focus Tab.-active { color: $block-cursor-foreground; }
/* The command palette dims each command's help, to about 3:1 on the highlighted row. */
.-theme-nutri-high-contrast CommandPalette > .command-palette--help-text { text-style: not dim not bold; }
"""
"""App-wide CSS for :data:`HIGH_CONTRAST` (``NutriTuiApp.CSS``); it changes nothing in other themes."""

# --- the chosen theme, read at start-up ------------------------------------------------------------

SETTINGS_FILE = "settings.toml"
"""The settings file in the data folder (the same name as ``nutri_tui.storage.settings.SETTINGS_FILE``)."""
SETTINGS_FORMAT = 1
SETTINGS_LIMIT = 64_000
"""A settings file is a few dozen bytes; a bigger one is refused without being read."""
THEME_ENV = "TEXTUAL_THEME"
"""Textual's own setting: when set, it chooses the theme for this run, over the saved one."""


class SavedTheme(Frozen):
    """What the settings file says, read-only (``frozen.Frozen``: a dataclass made here cost about 4 M
    instructions before the first paint, a third of a percent of it; issue 15)."""

    __slots__ = __match_args__ = ("name", "problem", "stored")
    name: str | None
    """The theme to start with, or None for the default."""
    problem: str | None
    """Why the settings file could not be used, in one line for a notice; None if it could (or is absent)."""
    stored: str | None
    """The theme the file holds (even when the environment overrides it): only a change from it is written."""

    def __init__(self, name: str | None, problem: str | None = None, stored: str | None = None) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "problem", problem)
        object.__setattr__(self, "stored", stored)


def saved_theme(root: Path, known: Collection[str], environ: Mapping[str, str] = os.environ) -> SavedTheme:
    """The theme chosen last, from ``<root>/settings.toml``; never raises.

    A missing file is the default theme, quietly. Anything else that cannot be used (a folder, a FIFO or a
    link where the file should be, bad TOML, a newer format, a theme this app does not have, wrong types)
    is the default theme with a one-line ``problem``; the file is left as it is.
    """
    path = root / SETTINGS_FILE
    try:
        name = _theme_in(path, known)
    except Unreadable as error:
        shown = clean_text(escaped(path), 300)
        problem = (
            f"Your theme setting could not be used: {shown}: {error}. The default theme is shown; "
            "choosing a theme (Ctrl+P, Theme) replaces the file."
        )
        return SavedTheme(None, problem)
    return SavedTheme(None if environ.get(THEME_ENV) else name, None, name)


def _theme_in(path: Path, known: Collection[str]) -> str | None:
    try:
        raw = read_regular(path, "settings file", SETTINGS_LIMIT)
    except Unreadable as error:
        if str(error) == "no such file":
            return None
        raise
    import tomllib  # only when there is a settings file: the first paint of a new install needs no parser

    try:
        data = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as error:
        raise Unreadable(f"not UTF-8 text (bad byte at offset {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        raise Unreadable(clean_text(f"not valid TOML: {error}", 200)) from None
    except RecursionError:
        raise Unreadable("not valid TOML: nested too deeply") from None
    version = data.get("format", SETTINGS_FORMAT)  # a hand-written file may leave it out
    if type(version) is not int:
        raise Unreadable(f"format must be the number {SETTINGS_FORMAT}, not {_kind(version)}")
    if version != SETTINGS_FORMAT:
        raise Unreadable(f"format {version} is not one this version reads (it reads format {SETTINGS_FORMAT})")
    name = data.get("theme")
    if name is None:
        return None
    if not isinstance(name, str):
        raise Unreadable(f"theme must be a theme's name in quotes, not {_kind(name)}")
    if name not in known:
        raise Unreadable(f'there is no theme called "{clean_text(escaped(name), 60)}"')
    return name


def _kind(value: object) -> str:
    kinds = {bool: "true or false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a table"}
    return next((kind for type_, kind in kinds.items() if isinstance(value, type_)), "a date or time")
