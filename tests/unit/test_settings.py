"""The settings file (the theme chosen last): round trip, privacy, and every broken file a notice, never a crash.

Written by ``nutri_tui.storage.settings``; read at start-up by ``nutri_tui.tui.themes.saved_theme``,
which must not load pydantic (or the storage package that imports it) before the first paint.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from nutri_tui.storage import StorageError, save_theme
from nutri_tui.storage import settings as settings_file
from nutri_tui.tui import themes
from nutri_tui.tui.themes import SETTINGS_FILE, SavedTheme, saved_theme

KNOWN = ("textual-dark", "textual-light", "nord", "nutri-high-contrast")
NO_ENV: dict[str, str] = {}


def read(root: Path) -> SavedTheme:
    return saved_theme(root, KNOWN, NO_ENV)


def test_reader_and_writer_agree_on_the_file() -> None:
    assert themes.SETTINGS_FILE == settings_file.SETTINGS_FILE
    assert themes.SETTINGS_FORMAT == settings_file.SETTINGS_FORMAT == 1


def test_round_trip(tmp_path: Path) -> None:
    path = save_theme(tmp_path, "nutri-high-contrast")
    assert path == tmp_path / SETTINGS_FILE
    assert path.read_text(encoding="utf-8") == 'format = 1\ntheme = "nutri-high-contrast"\n'
    assert read(tmp_path) == SavedTheme("nutri-high-contrast", None, "nutri-high-contrast")
    save_theme(tmp_path, "nord")
    assert read(tmp_path).name == "nord"


def test_the_file_is_private_and_its_folder_too(tmp_path: Path) -> None:
    root = tmp_path / "new" / "data"
    path = save_theme(root, "nord")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert sorted(p.name for p in root.iterdir()) == [SETTINGS_FILE]  # no temp file left behind


def test_a_save_replaces_the_old_file_whatever_it_held(tmp_path: Path) -> None:
    """Replaced atomically (a new file renamed over it) when the person chooses a theme again."""
    path = tmp_path / SETTINGS_FILE
    path.write_bytes(b"theme = [unclosed\n")
    os.chmod(path, 0o644)
    before = path.stat().st_ino
    save_theme(tmp_path, "textual-light")
    assert read(tmp_path) == SavedTheme("textual-light", None, "textual-light")
    assert path.stat().st_ino != before
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_file_is_the_default_quietly(tmp_path: Path) -> None:
    assert read(tmp_path) == SavedTheme(None, None, None)
    assert read(tmp_path / "missing" / "folder") == SavedTheme(None, None, None)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'format = 1\ntheme = "nord', "not valid TOML"),
        (b"theme = \n", "not valid TOML"),
        (b'format = 1\ntheme = "solarized-pink"\n', 'there is no theme called "solarized-pink"'),
        (b'theme = "nord\\u001b[2J"\n', 'there is no theme called "nord\\x1b[2J"'),
        (b"theme = 3\n", "theme must be a theme's name in quotes, not a number"),
        (b"theme = true\n", "not true or false"),
        (b'theme = ["nord"]\n', "not a list"),
        (b"[theme]\nname = 'nord'\n", "not a table"),
        (b"theme = 1979-05-27\n", "not a date or time"),
        (b'format = "1"\ntheme = "nord"\n', "format must be the number 1, not text"),
        (b'format = true\ntheme = "nord"\n', "format must be the number 1, not true or false"),
        (b'format = 2\ntheme = "nord"\n', "format 2 is not one this version reads"),
        (b'\xff\xfetheme = "nord"\n', "not UTF-8 text"),
        (b'theme = "nord"\x00\n', "not valid TOML"),
        (b"theme = " + b"[" * 50_000 + b"]" * 50_000, "too large"),
        (b"a = " + b"[" * 5_000 + b"]" * 5_000, "not valid TOML"),
    ],
    ids=lambda value: value[:24] if isinstance(value, bytes) else None,
)
def test_a_broken_file_is_the_default_with_one_line_and_is_left_as_it_is(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_bytes(content)
    before = path.stat()
    found = read(tmp_path)
    assert found.name is None
    assert found.stored is None
    assert_one_line(found, path, reason)
    after = path.stat()
    assert path.read_bytes() == content
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_a_folder_where_the_file_should_be(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).mkdir()
    assert_one_line(read(tmp_path), tmp_path / SETTINGS_FILE, "is a folder")
    with pytest.raises(StorageError, match="cannot save the theme") as raised:
        save_theme(tmp_path, "nord")
    assert "\n" not in str(raised.value)
    assert (tmp_path / SETTINGS_FILE).is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == [SETTINGS_FILE]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_where_the_file_should_be_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / SETTINGS_FILE)
    assert_one_line(read(tmp_path), tmp_path / SETTINGS_FILE, "not a regular file")


def test_a_link_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.toml").write_text('theme = "nord"\n', encoding="utf-8")
    (tmp_path / SETTINGS_FILE).symlink_to(tmp_path / "elsewhere.toml")
    assert_one_line(read(tmp_path), tmp_path / SETTINGS_FILE, "symbolic link")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_a_file_that_cannot_be_opened(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_text('theme = "nord"\n', encoding="utf-8")
    os.chmod(path, 0)
    try:
        assert_one_line(read(tmp_path), path, "cannot open it")
    finally:
        os.chmod(path, 0o600)


def test_a_hand_written_file_without_format_or_theme_is_fine(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_text('theme = "nord"  # my favourite\n', encoding="utf-8")
    assert read(tmp_path) == SavedTheme("nord", None, "nord")
    path.write_text("format = 1\n", encoding="utf-8")
    assert read(tmp_path) == SavedTheme(None, None, None)
    path.write_bytes(b'\xef\xbb\xbftheme = "nord"\nfuture_setting = 3\n')  # a BOM, a key from a later version
    assert read(tmp_path).name == "nord"


def test_textual_theme_in_the_environment_chooses_this_runs_theme(tmp_path: Path) -> None:
    save_theme(tmp_path, "nord")
    assert saved_theme(tmp_path, KNOWN, {"TEXTUAL_THEME": "textual-light"}) == SavedTheme(None, None, "nord")


@pytest.mark.parametrize("name", ["", "x" * 101, "nord\x1b[2J", "nord\n"])
def test_only_a_themes_name_is_saved(tmp_path: Path, name: str) -> None:
    with pytest.raises(StorageError, match="not a theme's name"):
        save_theme(tmp_path, name)
    assert not (tmp_path / SETTINGS_FILE).exists()


def test_reading_at_start_up_loads_neither_pydantic_nor_storage(tmp_path: Path) -> None:
    save_theme(tmp_path, "nord")
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from nutri_tui.tui.themes import saved_theme\n"
        f"found = saved_theme(Path({str(tmp_path)!r}), ['nord'], {{}})\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m.startswith('nutri_tui.storage'))\n"
        "print(json.dumps([found.name, heavy]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout) == ["nord", []]


def assert_one_line(found: SavedTheme, path: Path, reason: str) -> None:
    assert found.name is None
    assert found.problem is not None
    assert "\n" not in found.problem and len(found.problem) < 600, found.problem
    assert str(path) in found.problem
    assert reason in found.problem, found.problem
    assert "default theme" in found.problem
