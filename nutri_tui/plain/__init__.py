"""Plain mode (``nutri-tui --plain``): the whole assessment on standard input and output, a line at a time.

Textual has no screen-reader support, so this is the way in for a screen reader or a braille display, and
for anyone whose terminal cannot show the full-screen app (``TERM=dumb``) or who pipes answers in. It asks
the same questionnaire (:mod:`nutri_tui.questionnaire`) by the same rules (:mod:`nutri_tui.engine.steps`),
follows the same course with the same draft and saved session (:mod:`nutri_tui.flow`), and words the
result with the same report (:func:`nutri_tui.reports.text.plain_lines`): no question, rule or sentence of
its own beyond how to type an answer. No Textual, no Rich, no colour, no cursor movement.

``run`` returns the exit status: 0 once the result is saved, 1 when input ends first (the answers so far are
kept in the draft) or the result cannot be saved, 130 after Ctrl+C (answers kept too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from nutri_tui.plain.console import Console, InputEnded
from nutri_tui.plain.course import EXIT_INTERRUPTED, EXIT_OK, EXIT_UNFINISHED, Course

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.storage import Storage

__all__ = ["EXIT_INTERRUPTED", "EXIT_OK", "EXIT_UNFINISHED", "run"]


def run(content: Content, storage: Storage, into: TextIO, out: TextIO) -> int:
    """Ask every question on ``into``/``out``, then show and save the result; the exit status."""
    console = Console(into, out)
    course = Course(console, content, storage)
    try:
        return course.run()
    except InputEnded:
        console.say(course.stopped("Input ended before the result"))
        return EXIT_UNFINISHED
    except KeyboardInterrupt:
        console.say("", course.stopped("Stopped"))
        return EXIT_INTERRUPTED
