"""Running ``nutri-tui`` in this process, as the command-line tests do."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutri_tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """``main(argv)``: its exit status, stdout and stderr (argparse's SystemExit becomes the status)."""
    try:
        code = main([str(arg) for arg in argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
