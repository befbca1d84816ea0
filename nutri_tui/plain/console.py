"""Lines out, lines in: the only place plain mode touches its streams.

Every line said is one line of plain text (whitespace made single spaces, anything that would steer a
terminal dropped: :func:`nutri_tui.text.clean_text`), written whole and flushed, so a screen reader or a
braille display gets it once and nothing on the screen moves. No colour, no cursor movement, no prompt
character: the person types on the line below the question.
"""

from __future__ import annotations

from typing import TextIO

from nutri_tui.text import clean_text

LINE_LIMIT = 20_000
"""A said line is cut to this many characters (a long help text or result paragraph fits easily)."""
INPUT_LIMIT = 2_000
"""An answer line is read up to this many characters; the rest of a longer line is dropped."""


class InputEnded(Exception):
    """Standard input ended (Ctrl+D, or the end of a piped file) before the questions did."""


class Console:
    """Says lines on ``out`` and reads answers from ``into``, a line each."""

    def __init__(self, into: TextIO, out: TextIO) -> None:
        self.into = into
        self.out = out

    def say(self, *lines: str) -> None:
        """Each line on its own; an empty string is an empty line (between sections)."""
        for line in lines:
            self.out.write(clean_text(line, LINE_LIMIT) + "\n")
        self.out.flush()

    def read(self) -> str:
        """The next answer, trimmed; :class:`InputEnded` at the end of input."""
        line = self.into.readline(INPUT_LIMIT)
        if not line:
            raise InputEnded
        if not line.endswith("\n"):  # a longer line than the limit: drop the rest of it
            while (rest := self.into.readline(INPUT_LIMIT)) and not rest.endswith("\n"):
                pass
        return clean_text(line, INPUT_LIMIT)
