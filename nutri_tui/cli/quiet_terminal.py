"""From the moment the app is asked for until it has gone, a key typed reaches the app as it would once started.

Why: the app takes a few hundred milliseconds to start (Python, Textual, the first screen), and only then does
Textual put the terminal in raw mode. Until then the terminal's line discipline had the keys first: it echoed them
on the normal screen (where they stayed after the app had ended), turned Enter into ctrl+j (so a fast Enter on the
welcome screen did nothing), swallowed ctrl+q and ctrl+s as flow control (a fast ctrl+q did not quit, a ctrl+s
stopped the output) and held the rest as a line to edit. Here the terminal gets the input settings Textual's raw
mode gives it (no echo, no line editing, no flow control, Enter kept as Enter), so the held keys wait, unchanged,
for the app to read them. Only ctrl+c keeps its meaning: it still stops a start the person no longer wants (the
command line ends with 130, without a traceback). Textual saves the terminal's settings as it starts and puts them
back as it ends, so it puts back these: the settings from before are restored here, after it, whatever way the
app ended.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Protocol, TextIO, TypeVar

try:
    import termios
except ImportError:  # not on Windows: there the console does not echo before the app starts reading
    termios = None  # type: ignore[assignment]

NOT_A_TERMINAL: tuple[type[Exception], ...] = (AttributeError, ValueError, OSError) + (
    (termios.error,) if termios is not None else ()
)
"""What asking a stream for its terminal settings raises when it has none (a pipe, a file, a test's stand-in)."""

if termios is not None:
    # The same flags Textual's Linux driver clears for its raw mode (_patch_iflag, _patch_lflag), but ISIG.
    INPUT_FLAGS_OFF = termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR
    LOCAL_FLAGS_OFF = termios.ECHO | termios.ICANON | termios.IEXTEN


@contextlib.contextmanager
def keys_wait_for_app(stream: TextIO | None = None) -> Iterator[None]:
    """While the block runs, keys typed on ``stream`` (standard input), if a terminal, are neither printed nor
    changed, only held for the app; its settings restored after."""
    stream = sys.stdin if stream is None else stream
    try:
        fd = stream.fileno()
        before = termios.tcgetattr(fd) if termios is not None else None
    except NOT_A_TERMINAL:
        before = None  # not a terminal (or no file at all): nothing to change
    if before is None:
        yield
        return
    held = list(before)
    held[0] = before[0] & ~INPUT_FLAGS_OFF
    held[3] = before[3] & ~LOCAL_FLAGS_OFF
    try:
        termios.tcsetattr(fd, termios.TCSANOW, held)
    except termios.error:
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, before)


class EndingApp(Protocol):
    ends_process: bool

    def run(self) -> object: ...


AppT = TypeVar("AppT", bound=EndingApp)


def run_to_the_end(make_app: Callable[[], AppT]) -> AppT:
    """Make the app and run it as the process's last act: keys held for it from before ``make_app`` (which does
    the app's imports, the slow part), and ``ends_process`` set, so what it froze for the collector stays frozen
    (no full collection on the way out)."""
    with keys_wait_for_app():
        app = make_app()
        app.ends_process = True
        app.run()
    return app
