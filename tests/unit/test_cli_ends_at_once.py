"""``nutri-tui assess`` run as a process of its own ends without the interpreter's teardown (``end_now`` in
``nutri_tui/cli/main.py``), and nothing a person or a tool sees changes: the same output through a pipe, the same
exit codes and error lines as ``main([...])`` called in this process, which never ends it; an exit handler, a
profiler or a tracer still gets its turn (the process then exits as usual)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import run

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


def exits_as_usual(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str, str]:
    """``main([...])`` given its arguments, in this process, as tests and other callers do: it returns (the
    process goes on), so this is the output and exit code of the usual exit."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NUTRI_TUI_HOME", str(home))
        return run(capsys, *args)


@pytest.mark.parametrize("extra", [(), ("--json",)])
def test_the_command_ends_at_once_and_prints_the_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: tuple[str, ...]
) -> None:
    code, out, err = exits_as_usual(capsys, tmp_path, "assess", str(EXAMPLE), *extra)  # leaves the content cache
    fast = as_the_command(tmp_path, "assess", str(EXAMPLE), *extra)
    assert code == fast.returncode == 0
    assert err == fast.stderr == ""  # the process ended in main(): "main returned" never came
    assert fast.stdout == out and len(fast.stdout) > 1000


def test_bad_input_ends_at_once_with_the_same_line_and_code(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[about]\nage = 9\n", encoding="utf-8")
    for args in (
        ("assess", str(bad)),
        ("assess", str(tmp_path / "missing.toml")),
        ("assess", str(EXAMPLE), "--label", "x"),
    ):
        (code, out, err), fast = exits_as_usual(capsys, tmp_path, *args), as_the_command(tmp_path, *args)
        assert code == fast.returncode == 2, args
        assert err == fast.stderr and fast.stderr.count("\n") == 1, args  # and no "main returned" after it
        assert out == fast.stdout == "", args


def test_an_exit_handler_still_runs(tmp_path: Path) -> None:
    before = "import atexit, sys\natexit.register(lambda: print('handler ran', file=sys.stderr))\n"
    done = as_the_command(tmp_path, "assess", str(EXAMPLE), before=before)
    assert done.returncode == 0 and "nutri-tui result" in done.stdout
    assert "handler ran" in done.stderr and "main returned" in done.stderr  # the usual exit, handler first


def test_a_profiler_still_gets_its_report(tmp_path: Path) -> None:
    """A file that is not there: the command ends as soon, and a profile function called for every call of a
    whole assessment made this the slowest test here."""
    before = "import sys\nsys.setprofile(lambda *a: None)\n"
    done = as_the_command(tmp_path, "assess", str(tmp_path / "missing.toml"), before=before)
    assert done.returncode == 2 and "missing.toml" in done.stderr and done.stderr.endswith("main returned\n")


def test_other_commands_exit_as_usual(tmp_path: Path) -> None:
    done = as_the_command(tmp_path, "schema")
    assert done.returncode == 0 and done.stdout.startswith("{") and done.stderr == "main returned\n"
