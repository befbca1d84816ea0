"""``nutri-tui assess`` run as a process of its own ends without the interpreter's teardown (``end_now`` in
``nutri_tui/cli/main.py``), and nothing a person or a tool sees changes: the same output through a pipe, the same
exit codes and error lines as ``main([...])`` in a process that exits as usual; an exit handler, a profiler or a
tracer still gets its turn (the process then exits as usual)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "healthy-adult.toml"

# "main returned" on stderr: main() came back, and the process exits as usual; silent when it ended at once.
RETURNED = "print('main returned', file=sys.stderr)\nsys.exit(code)\n"


def child(home: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUTRI_TUI_")}
    env["NUTRI_TUI_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def as_the_command(home: Path, *args: str, before: str = "") -> subprocess.CompletedProcess[str]:
    """``main()`` reading the command line, as the ``nutri-tui`` script and ``python -m nutri_tui`` call it."""
    code = "import sys\nfrom nutri_tui.cli import main\nsys.argv[0] = 'nutri-tui'\ncode = main()\n"
    return child(home, before + code + RETURNED, *args)


def exits_as_usual(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``main([...])`` given its arguments, as tests and other callers do: never ends the process itself."""
    return child(home, "import sys\nfrom nutri_tui.cli import main\ncode = main(sys.argv[1:])\n" + RETURNED, *args)


@pytest.mark.parametrize("extra", [(), ("--json",)])
def test_the_command_ends_at_once_and_prints_the_same(tmp_path: Path, extra: tuple[str, ...]) -> None:
    usual = exits_as_usual(tmp_path, "assess", str(EXAMPLE), *extra)  # the first also leaves the content cache
    fast = as_the_command(tmp_path, "assess", str(EXAMPLE), *extra)
    assert usual.returncode == fast.returncode == 0
    assert usual.stderr == "main returned\n" and fast.stderr == ""  # the process ended in main()
    assert fast.stdout == usual.stdout and len(fast.stdout) > 1000


def test_bad_input_ends_at_once_with_the_same_line_and_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[about]\nage = 9\n", encoding="utf-8")
    for args in (
        ("assess", str(bad)),
        ("assess", str(tmp_path / "missing.toml")),
        ("assess", str(EXAMPLE), "--label", "x"),
    ):
        usual, fast = exits_as_usual(tmp_path, *args), as_the_command(tmp_path, *args)
        assert usual.returncode == fast.returncode == 2, args
        assert usual.stderr == fast.stderr + "main returned\n" and fast.stderr.count("\n") == 1, args
        assert usual.stdout == fast.stdout == "", args


def test_an_exit_handler_still_runs(tmp_path: Path) -> None:
    before = "import atexit, sys\natexit.register(lambda: print('handler ran', file=sys.stderr))\n"
    done = as_the_command(tmp_path, "assess", str(EXAMPLE), before=before)
    assert done.returncode == 0 and "nutri-tui result" in done.stdout
    assert "handler ran" in done.stderr and "main returned" in done.stderr  # the usual exit, handler first


def test_a_profiler_still_gets_its_report(tmp_path: Path) -> None:
    before = "import sys\nsys.setprofile(lambda *a: None)\n"
    done = as_the_command(tmp_path, "assess", str(EXAMPLE), before=before)
    assert done.returncode == 0 and "nutri-tui result" in done.stdout and "main returned" in done.stderr


def test_other_commands_exit_as_usual(tmp_path: Path) -> None:
    done = as_the_command(tmp_path, "schema")
    assert done.returncode == 0 and done.stdout.startswith("{") and done.stderr == "main returned\n"
