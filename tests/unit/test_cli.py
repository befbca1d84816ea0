"""The command line: check, assess, schema, and one-line errors with the right exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nutri_tui import __version__
from tests.cli_run import run

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.toml"))


def test_version(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"nutri-tui {__version__}"


def test_help_lists_the_commands(capsys) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("check", "assess", "schema"):
        assert command in out


@pytest.mark.parametrize(
    "argv",
    [["--bogus"], ["check", "--bogus"], ["assess"], ["frobnicate"], ["assess", "a.toml", "--jsn"]],
)
def test_bad_usage_is_one_line_and_exit_2(capsys, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("nutri-tui")


def test_check_prints_a_summary(capsys) -> None:
    code, out, err = run(capsys, "check")
    assert code == 0 and err == ""
    assert out.startswith("content ") and "10 nutrients" in out and out.count("\n") == 1


def test_check_reports_broken_content(capsys, content_copy: Path) -> None:
    path = content_copy / "nutrients/iron.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("pregnant_19_30 = 27", "pregnant_19_30 = -1"))
    code, out, err = run(capsys, "check", "--content", str(content_copy))
    assert code == 1 and out == ""
    assert err.strip() == ("content/nutrients/iron.toml: targets.values.pregnant_19_30: Input should be greater than 0")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_assess_examples(capsys, example: Path) -> None:
    code, out, err = run(capsys, "assess", str(example))
    assert code == 0 and err == ""
    assert out.startswith("nutri-tui result")
    assert "not medical advice" in out


def test_at_least_four_examples() -> None:
    assert {p.stem for p in EXAMPLES} >= {"healthy-adult", "vegan", "older-several-medicines", "emergency-red-flag"}


def test_assess_json_has_the_documented_keys(capsys) -> None:
    code, out, _ = run(capsys, "assess", str(REPO / "examples/older-several-medicines.toml"), "--json")
    assert code == 0
    data = json.loads(out)
    for key in ("red_flags", "nutrients", "exercises", "sources"):
        assert key in data
    nutrient = data["nutrients"][0]
    for key in ("id", "name", "level", "score", "reasons", "target", "upper_limit", "foods", "cautions", "tests"):
        assert key in nutrient
    assert set(nutrient["reasons"][0]) >= {"text", "answer", "sources"}
    assert set(nutrient["target"]) >= {"amount", "unit", "kind"}
    limits = [n["upper_limit"] for n in data["nutrients"] if n["upper_limit"] is not None]
    assert limits and all(set(u) >= {"amount", "unit", "applies_to"} for u in limits)
    assert any(n["upper_limit"] is None for n in data["nutrients"])  # potassium, B12, omega-3
    assert all(set(f) >= {"name", "serving", "amount", "unit"} for n in data["nutrients"] for f in n["foods"])
    assert all(set(c) >= {"text", "sources"} for n in data["nutrients"] for c in n["cautions"])
    cited = _cited_ids(data)
    listed = {s["id"] for s in data["sources"]}
    assert cited <= listed
    assert all(set(s) >= {"id", "title", "url"} for s in data["sources"])


def _cited_ids(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and value and isinstance(value[0], str):
                found.update(value)
            else:
                found |= _cited_ids(value)
    elif isinstance(node, list):
        for item in node:
            found |= _cited_ids(item)
    return found


def test_emergency_json_withholds_exercise(capsys) -> None:
    _code, out, _ = run(capsys, "assess", str(REPO / "examples/emergency-red-flag.toml"), "--json")
    data = json.loads(out)
    assert data["emergency"] is True and data["exercises"] == []
    assert data["red_flags"][0]["urgency"] == "emergency"
    assert set(data["red_flags"][0]) >= {"id", "urgency", "advice", "sources"}
    assert data["summary"][0].startswith("Get help now")


BAD_FILES = {
    "not_toml": (b"this is = = not toml", "not valid TOML"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a text file"),
    "wrong_type": (b'[about]\nage = "thirty"\n', "about.age: Input should be a valid integer"),
    "out_of_range": (b"[back_pain]\nintensity = 11\n", "back_pain.intensity: Input should be less than or equal to 10"),
    "too_young": (b"[about]\nage = 9\n", "about.age: must be 14 or over"),
    "unknown_medicine": (
        b'[health]\nmedicines = ["unobtainium"]\n',
        "health.medicines: 'unobtainium' is not in the list of medicines: give the closest class id",
    ),
    "unknown_field": (b"[about]\nshoe_size = 9\n", "about.shoe_size: unknown field"),
    "bad_choice": (b'[about]\ndiet = "carnivore"\n', "about.diet: Input should be 'omnivore', 'pescatarian'"),
    "unknown_red_flag": (b'[back_pain.red_flags]\nheadache = "yes"\n', "unknown red flag 'headache'"),
    "male_pregnant": (b'[about]\nsex = "male"\npregnancy = "pregnant"\n', "does not fit sex 'male'"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_answers_exit_2_with_one_line(capsys, tmp_path: Path, name: str) -> None:
    raw, expected = BAD_FILES[name]
    path = tmp_path / f"{name}.toml"
    path.write_bytes(raw)
    code, out, err = run(capsys, "assess", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"nutri-tui: error: {path}")
    assert expected in err


def test_missing_answers_file(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "assess", str(tmp_path / "nope.toml"))
    assert code == 2 and err.strip().endswith("nope.toml: no such file")


def test_folder_as_answers_file(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "assess", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_schema_is_json_schema(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Answers"
    assert {"about", "sun", "diet", "lifestyle", "health", "back_pain"} <= set(schema["properties"])


def test_module_entry_point_runs_outside_the_repo(tmp_path: Path) -> None:
    """``python -m nutri_tui`` works from any folder and finds its content."""
    done = subprocess.run(
        [sys.executable, "-m", "nutri_tui", "check"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "10 nutrients" in done.stdout
