"""Text made safe for a Markdown report: whatever a label or a file holds is shown as it was, never obeyed.

A report is read in editors and renderers that turn ``*``, ``[...](...)``, ``<b>``, a leading ``-`` or
``1.`` into formatting or links; a label or an answer from a file must not. Times are written with their
own offset, so a report reads the same wherever it is opened.
"""

from __future__ import annotations

import re
from datetime import datetime

from nutri_tui.text import clean_text

TEXT_LIMIT = 100_000
"""A single text in the report is cut to this many characters."""

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^([-+=])(?=[-+=\s]|$)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_URL = re.compile(r"https?://[^\s<>`\\]+")


def md(text: str) -> str:
    """``text`` as one line of inert Markdown: control characters dropped, markup characters escaped."""
    text = clean_text(str(text), TEXT_LIMIT)
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _BLOCK_START.sub(r"\\\1", text)
    return _ORDERED_START.sub(r"\1\\\2", text)


def when(moment: datetime) -> str:
    """The stored time with its own offset, whatever the reader's time zone: ``2026-11-26 08:40 UTC+02:00``."""
    offset = moment.utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    if seconds == 0:
        return f"{moment:%Y-%m-%d %H:%M} UTC"
    sign = "+" if seconds > 0 else "-"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    zone = f"UTC{sign}{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")
    return f"{moment:%Y-%m-%d %H:%M} {zone}"


def link(url: str) -> str:
    """A web address as an autolink (``<https://...>``) when it is a plain one; anything else as inert text."""
    return f"<{url}>" if _URL.fullmatch(url) else md(url)
