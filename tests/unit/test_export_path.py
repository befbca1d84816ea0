"""The export's default name is never taken, and an export never overwrites a file unless asked to."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nutri_tui.storage import StorageError, export_path
from nutri_tui.storage.export_path import export_name, unique_export_path, write_export

CREATED = datetime(2026, 11, 26, 6, 40, 12, tzinfo=UTC)
STAMP = f"{CREATED.astimezone():%Y-%m-%d-%H%M}"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_name_holds_the_local_date_and_time() -> None:
    assert export_name(CREATED) == f"nutri-tui-report-{STAMP}.md"
    assert export_name(CREATED, 2) == f"nutri-tui-report-{STAMP}-2.md"
    # Two results of the same day no longer share a name.
    assert export_name(CREATED) != export_name(CREATED + timedelta(hours=3))


def test_a_taken_name_gets_the_next_counter(tmp_path: Path) -> None:
    assert unique_export_path(tmp_path, CREATED) == tmp_path / f"nutri-tui-report-{STAMP}.md"
    (tmp_path / f"nutri-tui-report-{STAMP}.md").write_text("first")
    assert unique_export_path(tmp_path, CREATED) == tmp_path / f"nutri-tui-report-{STAMP}-2.md"
    (tmp_path / f"nutri-tui-report-{STAMP}-2.md").mkdir()  # a folder takes the name too
    os.symlink(tmp_path / "nowhere", tmp_path / f"nutri-tui-report-{STAMP}-3.md")  # and a dangling link
    assert unique_export_path(tmp_path, CREATED) == tmp_path / f"nutri-tui-report-{STAMP}-4.md"
    assert (tmp_path / f"nutri-tui-report-{STAMP}.md").read_text() == "first"


def test_past_the_last_counter_a_random_part_keeps_the_name_free(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(export_path, "COUNTER_MAX", 2)
    for counter in (1, 2):
        (tmp_path / export_name(CREATED, counter)).write_text("taken")
    free = unique_export_path(tmp_path, CREATED)
    assert free.parent == tmp_path and not free.exists()
    assert free.name.startswith(f"nutri-tui-report-{STAMP}-") and free.suffix == ".md"


def test_a_new_export_is_private_and_never_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_export(target, b"one")
    assert target.read_bytes() == b"one" and mode(target) == 0o600
    with pytest.raises(StorageError, match="already exists"):
        write_export(target, b"two")
    assert target.read_bytes() == b"one"
    assert os.listdir(tmp_path) == ["report.md"]  # no temp file left behind


def test_a_confirmed_replacement_is_private_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_bytes(b"old report, readable by all")
    os.chmod(target, 0o644)
    write_export(target, b"new", replace=True)
    assert target.read_bytes() == b"new" and mode(target) == 0o600
    assert os.listdir(tmp_path) == ["report.md"]


def test_a_replacement_never_writes_through_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"not yours to change")
    link = tmp_path / "report.md"
    os.symlink(elsewhere, link)
    write_export(link, b"report", replace=True)
    assert not link.is_symlink() and link.read_bytes() == b"report"
    assert elsewhere.read_bytes() == b"not yours to change"


def test_a_replacement_refuses_a_folder_and_a_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "report.md").mkdir()
    with pytest.raises(StorageError, match="is a folder"):
        write_export(tmp_path / "report.md", b"x", replace=True)
    with pytest.raises(StorageError, match="folder does not exist"):
        write_export(tmp_path / "missing" / "report.md", b"x", replace=True)
    assert os.listdir(tmp_path) == ["report.md"]
