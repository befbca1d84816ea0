"""The ``nutri-tui`` command line.

Bare ``nutri-tui`` starts the app, or plain mode (the questions a line at a time, for a
screen reader) with ``--plain``, ``NUTRI_TUI_PLAIN=1``, ``TERM=dumb`` or input that is not
a terminal. Sub-commands work without the UI (Textual is
imported only when the app starts, so they stay fast). Every failure is one
line on stderr: exit 1 for a content problem found by ``check`` or a file that
could not be written or listed, exit 2 for bad usage or bad input (including a
session file that cannot be read), as argparse does.

Two options work before or after any sub-command: ``--data-dir DIR`` (use DIR
for sessions and the draft instead of ``NUTRI_TUI_HOME`` or the platform
folder) and ``--where`` (print the folders in use and exit).
"""

from nutri_tui.cli.main import main

__all__ = ["main"]
