"""``python -m nutri_tui``: the same as the ``nutri-tui`` command."""

import sys

from nutri_tui.cli import main

if __name__ == "__main__":
    sys.exit(main())
