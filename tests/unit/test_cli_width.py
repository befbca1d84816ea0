"""What the commands print fits 80 columns: ``assess`` text, ``sessions``, ``report --output``, ``--help``.

Only a path or a web address longer than the line is left whole (it is copied, so it is never broken),
and every nutrient's level starts in one column in ``assess`` text, whatever the names' lengths.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from nutri_tui.cli.common import COLUMNS, columns, cut, with_path, wrapped
from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.assessment import Assessment
from nutri_tui.reports.text import render_text
from nutri_tui.storage import Storage, make_session
from nutri_tui.storage.answers_file import read_answers
from tests.cli_run import run

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.toml"))
LONG_LABEL = "A very long label that somebody typed to remember exactly what this session was about, with many words"
WIDE_LABEL = "所有的营养素都是中等的长标签，用于检查宽字符的截断是否正确处理"
LEVEL = re.compile(r"(▲ high|◆ moderate|○ low) +(RDA|AI) ")


def too_wide(text: str, whole: tuple[str, ...] = ()) -> list[str]:
    """The lines over :data:`COLUMNS`, but for a line that is one address, or one of the paths ``whole``."""
    return [
        line
        for line in text.splitlines()
        if columns(line) > COLUMNS and not re.fullmatch(r" *https?://\S+", line) and line.strip() not in whole
    ]


# -- the helpers ------------------------------------------------------------------------------------


def test_columns_count_wide_characters_twice_and_marks_not_at_all() -> None:
    assert columns("Vitamin D") == 9
    assert columns("营养") == 4
    assert columns("e\u0301") == 1  # e and a combining acute accent


@pytest.mark.parametrize("text", ["x" * 100, WIDE_LABEL, "a " * 60, "é" * 90])
@pytest.mark.parametrize("width", [1, 10, 33])
def test_cut_fits_and_ends_with_an_ellipsis(text: str, width: int) -> None:
    shortened = cut(text, width)
    assert columns(shortened) <= width and shortened.endswith("…")
    assert text.startswith(shortened[:-1].rstrip())


def test_cut_leaves_what_fits() -> None:
    assert cut("vegan", 5) == "vegan"


def test_wrapped_never_breaks_a_word() -> None:
    path = "/a/" + "b" * 100 + "/c-d.toml"
    lines = wrapped(f"cannot read {path} because of something said at length " * 2, "    ")
    assert [line for line in lines if columns(line) > COLUMNS] == [f"    {path}", f"    {path}"]
    assert all(line.startswith("    ") for line in lines)


def test_with_path_puts_a_long_path_on_its_own_line() -> None:
    assert with_path("Report written to", "/tmp/r.md") == ["Report written to /tmp/r.md"]
    long = "/tmp/" + "x" * 80 + ".md"
    assert with_path("Report written to", long) == ["Report written to:", f"  {long}"]


# -- assess -----------------------------------------------------------------------------------------


def nutrient_heads(text: str) -> list[str]:
    """The lines of the Nutrients section that hold a level."""
    section = text.split("\nNutrients\n", 1)[1].split("\n\n", 1)[0]
    return [line for line in section.splitlines() if LEVEL.search(line)]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_assess_text_fits_80_columns(capsys, example: Path) -> None:
    code, out, err = run(capsys, "assess", example)
    assert code == 0 and err == ""
    assert too_wide(out) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_assess_levels_start_in_one_column(capsys, content: Content, example: Path) -> None:
    _, out, _ = run(capsys, "assess", example)
    heads = nutrient_heads(out)
    assert len(heads) == len(content.nutrients)
    assert len({LEVEL.search(line).start() for line in heads}) == 1, "\n".join(heads)
    # The name column is wide enough for the longest name: every name sits whole before its level.
    for name in ("Omega-3 fatty acids", "Folate (folic acid)"):
        [head] = [line for line in heads if name in line]
        assert head.index(name) + len(name) < LEVEL.search(head).start()


def renamed(result: Assessment, names: dict[str, str]) -> Assessment:
    nutrients = tuple(dataclasses.replace(f, name=names.get(f.id, f.name)) for f in result.nutrients)
    return dataclasses.replace(result, nutrients=nutrients)


@pytest.mark.parametrize(
    "names",
    [
        {"omega_3": "Omega-3 fatty acids (EPA and DHA)"},  # longer than the column used to be
        {"folate": "Folate (folic acid, and the folates in food)", "iron": "Iron (haem and non-haem iron)"},
    ],
    ids=["longer", "longest"],
)
def test_levels_stay_aligned_with_longer_names(content: Content, names: dict[str, str]) -> None:
    answers = read_answers(REPO / "examples" / "older-several-medicines.toml", content)
    text = render_text(renamed(assess(answers, content), names), content)
    heads = nutrient_heads(text)
    assert len(heads) == len(content.nutrients)
    assert len({LEVEL.search(line).start() for line in heads}) == 1, "\n".join(heads)
    for name in names.values():
        assert f"  {name}" in text.splitlines() or any(line.startswith(f"  {name}  ") for line in heads)
    assert too_wide(text) == []


# -- sessions ---------------------------------------------------------------------------------------


def with_levels(result: Assessment, levels: dict[str, str]) -> Assessment:
    """The result with these nutrients rated so, first and in this order (the rest low)."""
    order = list(levels)
    nutrients = [dataclasses.replace(f, level=levels.get(f.id, "low")) for f in result.nutrients]
    nutrients.sort(key=lambda f: order.index(f.id) if f.id in order else len(order))
    return dataclasses.replace(result, nutrients=tuple(nutrients))


@pytest.fixture
def history(capsys, private_home: Path, content: Content) -> list[Path]:
    """Sessions as people make them, with a very long label, the longest names, and a label in wide characters."""
    paths = []
    for example, label in [("vegan", LONG_LABEL), ("healthy-adult", ""), ("emergency-red-flag", "emergency")]:
        code, out, _ = run(capsys, "assess", EXAMPLES[0].parent / f"{example}.toml", "--save", "--label", label)
        assert code == 0
        paths.append(Path(out.splitlines()[-1]))
    answers = read_answers(REPO / "examples" / "older-several-medicines.toml", content)
    result = assess(answers, content)
    store = Storage()
    for levels, label in [
        ({"omega_3": "high", "folate": "high", "vitamin_b12": "moderate"}, "long names " * 10),
        ({"omega_3": "moderate", "folate": "moderate", "vitamin_b12": "moderate"}, WIDE_LABEL),
    ]:
        session = make_session(answers, with_levels(result, levels), content.version, label=label)
        paths.append(store.save_session(session))
    return paths


def test_sessions_fit_80_columns(capsys, history: list[Path]) -> None:
    code, out, err = run(capsys, "sessions")
    assert code == 0 and err == ""
    assert too_wide(out, tuple(str(path) for path in history)) == []
    lines = out.splitlines()
    assert lines[0] == "5 saved sessions, newest first (with the nutrients worth checking):"
    # Three lines a session: when, label, pain and red flag; what is worth checking; the path, whole.
    entries = [lines[i : i + 3] for i in range(1, len(lines), 3)]
    assert [entry[2] for entry in entries] == [f"    {path}" for path in reversed(history)]
    wide, names, emergency, healthy, vegan = entries
    assert vegan[0].endswith('…"  pain 5/10  no red flag') and vegan[0].startswith("  20")
    assert columns(vegan[0]) == COLUMNS and LONG_LABEL[:30] in vegan[0]
    assert vegan[1] == "    high: Vitamin D, Vitamin B12, Calcium; moderate: Iron, Omega-3 fatty acids"
    assert healthy[0].endswith("  (no label)  pain 4/10  no red flag") and healthy[1] == "    no nutrient flagged"
    assert emergency[0].endswith('  "emergency"  pain 8/10  RED FLAG')
    assert names[1] == "    high: Omega-3 fatty acids, Folate (folic acid); moderate: Vitamin B12"
    assert wide[1] == "    moderate: Omega-3 fatty acids, Folate (folic acid), Vitamin B12"
    assert WIDE_LABEL[:10] in wide[0] and columns(wide[0]) <= COLUMNS


def test_unreadable_sessions_fit_80_columns(capsys, history: list[Path]) -> None:
    folder = history[0].parent
    odd = folder / ("a file name with spaces, rather long for a session file, " * 2 + ".toml")
    odd.write_text("x = ")
    key = " ".join(["a quoted key with many words in it"] * 4)
    long_reason = folder / "long-reason.toml"
    long_reason.write_text(f'"{key}" = 1\n' + history[0].read_text())
    code, out, err = run(capsys, "sessions")
    assert code == 0 and err == ""
    assert too_wide(out, tuple(str(path) for path in (*history, odd, long_reason))) == []
    lines = out.splitlines()
    start = lines.index("2 files that cannot be read (left as they are):")
    assert lines[start + 1] == f"  {odd}" and lines[start + 2].startswith("    not valid TOML")
    assert lines[start + 3] == f"  {long_reason}"
    assert key in " ".join(line.strip() for line in lines[start + 4 :])  # wrapped, every word kept


def test_no_sessions_in_a_long_folder_fits(capsys, tmp_path: Path) -> None:
    folder = tmp_path / ("a-rather-long-folder-name-for-the-data-" * 2)
    code, out, _ = run(capsys, "--data-dir", folder, "sessions")
    assert code == 0
    assert out.splitlines() == ["No saved sessions yet, in:", f"  {folder / 'sessions'}"]


def test_report_output_fits(capsys, history: list[Path], tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / ("a-report-for-the-physiotherapist-" * 3 + ".md")
    code, out, _ = run(capsys, "report", history[0], "--output", target)
    assert code == 0 and out.splitlines() == ["Report written to:", f"  {target}"]
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "report", history[0], "--output", "r.md")
    assert code == 0 and out == "Report written to r.md\n"


@pytest.mark.parametrize("command", [(), ("check",), ("assess",), ("sessions",), ("report",), ("open",)])
def test_help_fits_80_columns(capsys, monkeypatch, command: tuple[str, ...]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0 and out and too_wide(out) == []
