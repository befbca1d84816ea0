"""The terminal stops echoing keys from the moment the app is asked for until it has gone.

Why: the app takes a few hundred milliseconds to start (Python, Textual, the first screen), and only then does
Textual put the terminal in raw mode. A key typed meanwhile (a fast "n" for a new assessment) was echoed on the
normal screen, where it stayed after the app had ended, as well as reaching the app. With echo off from here the
key still reaches the app (the terminal holds it), and nothing is printed. Textual saves the terminal's settings
as it starts and puts them back as it ends, so it puts back "no echo": the settings from before are restored here,
after it, whatever way the app ended.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

try:
    import termios
except ImportError:  # not on Windows: there the console does not echo before the app starts reading
    termios = None  # type: ignore[assignment]

NOT_A_TERMINAL: tuple[type[Exception], ...] = (AttributeError, ValueError, OSError) + (
    (termios.error,) if termios is not None else ()
)
"""What asking a stream for its terminal settings raises when it has none (a pipe, a file, a test's stand-in)."""


@contextlib.contextmanager
def no_echo(stream: TextIO | None = None) -> Iterator[None]:
    """Echo off while the block runs, if ``stream`` (standard input) is a terminal; its settings restored after."""
    stream = sys.stdin if stream is None else stream
    try:
        fd = stream.fileno()
        before = termios.tcgetattr(fd) if termios is not None else None
    except NOT_A_TERMINAL:
        before = None  # not a terminal (or no file at all): nothing to quieten
    if before is None:
        yield
        return
    quiet = list(before)
    quiet[3] = before[3] & ~termios.ECHO  # the local flags; line editing is left as it was
    try:
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
    except termios.error:
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, before)
