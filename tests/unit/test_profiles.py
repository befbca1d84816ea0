"""Profiles (issue 16): several people's results on one machine, each private and kept apart.

The recorded folder ``tests/data/data-folder-before-profiles`` is a data folder as nutri-tui left it
before profiles existed: two sessions (schemas 3 and 4), an unfinished draft and a theme setting.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutri_tui.paths import peek_draft_step
from nutri_tui.profiles import (
    DEFAULT_NAME,
    NAME_MAX,
    PROFILE_FILE,
    PROFILES_DIR,
    find_profile,
    is_shown,
    list_profiles,
    profile_at,
    session_count,
)
from nutri_tui.storage import Storage, StorageError
from nutri_tui.storage.index_db import is_index_file
from nutri_tui.storage.profile_folders import NameNotUsable, create_profile, rename_profile

RECORDED = Path(__file__).resolve().parents[1] / "data" / "data-folder-before-profiles"


def every_file(folder: Path) -> dict[str, str]:
    """Each file under ``folder`` (relative path) with a hash of its bytes; not the history list's cache,
    which listing writes (it is rebuilt from the sessions whenever it disagrees with them)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not is_index_file(path.name)
    }


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(RECORDED, data)
    return data


def test_existing_data_is_the_default_profile_with_nothing_moved(recorded: Path) -> None:
    before = every_file(recorded)
    [default] = list_profiles(recorded)
    assert (default.name, default.root, default.is_default, default.problem) == (DEFAULT_NAME, recorded, True, "")
    assert session_count(default) == 2
    assert len(Storage(default.root).list_sessions()) == 2  # both sessions still list, schema 3 and 4
    assert peek_draft_step(default.root) == "lifestyle"  # the unfinished answers are still where they were
    assert not is_shown([default])  # one unnamed profile: screens and reports look as they did
    assert every_file(recorded) == before  # listing changed nothing


def test_a_new_profile_leaves_the_existing_data_as_it_was(recorded: Path) -> None:
    before = every_file(recorded)
    anna = create_profile(recorded, "Anna K")
    after = every_file(recorded)
    assert {k: v for k, v in after.items() if not k.startswith(PROFILES_DIR)} == before
    assert anna.root.parent == recorded / PROFILES_DIR and len(anna.root.name) == 12
    assert [p.name for p in list_profiles(recorded)] == [DEFAULT_NAME, "Anna K"]
    assert is_shown(list_profiles(recorded))


def test_a_profile_is_private(tmp_path: Path) -> None:
    anna = create_profile(tmp_path, "Anna K")
    for folder in (tmp_path / PROFILES_DIR, anna.root):
        assert stat.S_IMODE(os.lstat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.lstat(anna.root / PROFILE_FILE).st_mode) == 0o600
    saved = Storage(anna.root).save_session(_session())
    assert stat.S_IMODE(os.lstat(saved).st_mode) == 0o600
    assert stat.S_IMODE(os.lstat(saved.parent).st_mode) == 0o700


def test_a_session_saved_in_one_profile_never_lists_in_another(recorded: Path) -> None:
    anna, ben = create_profile(recorded, "Anna K"), create_profile(recorded, "Ben")
    saved = Storage(anna.root).save_session(_session())
    assert [e.path for e in Storage(anna.root).list_sessions()] == [saved]
    assert Storage(ben.root).list_sessions() == []
    assert saved not in [e.path for e in Storage(recorded).list_sessions()]  # nor in the default profile
    assert len(Storage(recorded).list_sessions()) == 2
    assert (session_count(anna), session_count(ben)) == (1, 0)


def test_names_are_unique_ignoring_case_and_spacing(tmp_path: Path) -> None:
    create_profile(tmp_path, "Anna K")
    for taken in ("anna k", "  ANNA   K ", "Anna\tK"):
        with pytest.raises(NameNotUsable, match='already a profile called "Anna K"'):
            create_profile(tmp_path, taken)
    with pytest.raises(NameNotUsable, match="already"):
        create_profile(tmp_path, DEFAULT_NAME.lower())  # the default profile's name is taken too
    assert len(list_profiles(tmp_path)) == 2
    assert find_profile(tmp_path, "ANNA k") is not None


@pytest.mark.parametrize("empty", ["", "   ", "\x1b", "\u202e\u200b", "\n\t"])
def test_a_name_with_nothing_to_show_is_refused(tmp_path: Path, empty: str) -> None:
    with pytest.raises(NameNotUsable, match="needs a name"):
        create_profile(tmp_path, empty)
    assert not (tmp_path / PROFILES_DIR).exists() or os.listdir(tmp_path / PROFILES_DIR) == []


@pytest.mark.parametrize(
    "hostile",
    ["../../etc", "/etc/passwd", "..", "CON", "a/b\\c", "\x1b]0;pwned\x07Mum", "[bold]x[/]", "x" * 500, "~root"],
)
def test_a_hostile_name_is_only_ever_a_name(tmp_path: Path, hostile: str) -> None:
    """A name never becomes a path: whatever it holds, the profile is a random id under profiles/, and the
    name is kept cleaned (one line, no control characters, at most NAME_MAX characters)."""
    data = tmp_path / "data"
    made = create_profile(data, hostile)
    assert made.root.parent == data / PROFILES_DIR
    assert set(os.listdir(tmp_path)) == {"data"}
    assert sorted(os.listdir(data)) == [PROFILES_DIR]
    assert len(made.name) <= NAME_MAX and made.name.isprintable()
    assert list_profiles(data)[1].name == made.name


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=80))
def test_any_name_either_makes_a_profile_inside_the_folder_or_is_refused(tmp_path_factory, name: str) -> None:
    # A new folder for each example; mkdtemp, since mktemp numbers each folder by listing all those made before.
    data = Path(tempfile.mkdtemp(prefix="any-", dir=tmp_path_factory.getbasetemp())) / "data"
    try:
        made = create_profile(data, name)
    except NameNotUsable:
        assert not (data / PROFILES_DIR).exists() or os.listdir(data / PROFILES_DIR) == []
        return
    assert made.root.parent == data / PROFILES_DIR
    assert os.listdir(made.root) == [PROFILE_FILE]
    assert [p.name for p in list_profiles(data)] == [DEFAULT_NAME, made.name] or made.key == DEFAULT_NAME.casefold()


def test_renaming_moves_nothing(recorded: Path) -> None:
    anna = create_profile(recorded, "Anna K")
    Storage(anna.root).save_session(_session())
    files = every_file(anna.root)
    renamed = rename_profile(recorded, anna, "Anna Kowalska")
    assert renamed.root == anna.root
    assert {k: v for k, v in every_file(anna.root).items() if k != PROFILE_FILE} == {
        k: v for k, v in files.items() if k != PROFILE_FILE
    }
    assert [p.name for p in list_profiles(recorded)] == [DEFAULT_NAME, "Anna Kowalska"]
    rename_profile(recorded, renamed, "anna kowalska")  # its own name in another case is fine
    assert list_profiles(recorded)[1].name == "anna kowalska"


def test_the_default_profile_can_be_renamed_without_moving_its_data(recorded: Path) -> None:
    before = every_file(recorded)
    default = list_profiles(recorded)[0]
    me = rename_profile(recorded, default, "Margaret")
    assert me.is_default and me.root == recorded
    assert {k: v for k, v in every_file(recorded).items() if k != PROFILE_FILE} == before
    assert list_profiles(recorded)[0].name == "Margaret"
    assert is_shown(list_profiles(recorded))  # a name given: screens say whose results they are
    assert profile_at(recorded, recorded).name == "Margaret"


def test_a_rename_to_another_profiles_name_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    anna, ben = create_profile(tmp_path, "Anna K"), create_profile(tmp_path, "Ben")
    before = every_file(tmp_path)
    with pytest.raises(NameNotUsable):
        rename_profile(tmp_path, ben, "ANNA K")
    assert every_file(tmp_path) == before
    assert {p.name for p in list_profiles(tmp_path)} == {DEFAULT_NAME, anna.name, ben.name}


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda f: f.write_text("name = [", encoding="utf-8"), "not valid TOML"),
        (lambda f: f.write_text('format = 1\nname = ""\n', encoding="utf-8"), "no name"),
        (lambda f: (f.unlink(), os.mkfifo(f)), "not a regular file"),
        (lambda f: (f.unlink(), f.symlink_to("/etc/hostname")), "link"),
        (lambda f: f.unlink(), "no such file"),
    ],
    ids=["bad-toml", "no-name", "fifo", "symlink", "missing"],
)
def test_a_broken_profile_file_is_reported_and_left_as_it_is(tmp_path: Path, damage, problem: str) -> None:
    anna = create_profile(tmp_path, "Anna K")
    Storage(anna.root).save_session(_session())
    damage(anna.root / PROFILE_FILE)
    before = os.listdir(anna.root)
    [_, listed] = list_profiles(tmp_path)
    assert listed.root == anna.root and problem in listed.problem
    assert listed.name == f"Profile {anna.root.name}"  # a stand-in; the profile is still usable
    assert session_count(listed) == 1
    assert os.listdir(anna.root) == before


def test_only_real_profile_folders_count(tmp_path: Path) -> None:
    """A link, a file or a stray folder under profiles/ is not a profile (a link is never followed)."""
    create_profile(tmp_path, "Anna K")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / PROFILE_FILE).write_text('format = 1\nname = "Evil"\n', encoding="utf-8")
    (tmp_path / PROFILES_DIR / "0123456789ab").symlink_to(outside)
    (tmp_path / PROFILES_DIR / "notes").mkdir()
    (tmp_path / PROFILES_DIR / "abcdefabcdef").write_text("a file", encoding="utf-8")
    assert [p.name for p in list_profiles(tmp_path)] == [DEFAULT_NAME, "Anna K"]


def test_a_file_where_the_profiles_folder_should_be_is_one_line(tmp_path: Path) -> None:
    (tmp_path / PROFILES_DIR).write_text("not a folder", encoding="utf-8")
    assert [p.name for p in list_profiles(tmp_path)] == [DEFAULT_NAME]
    with pytest.raises(StorageError, match="not a folder"):
        create_profile(tmp_path, "Anna K")
    assert (tmp_path / PROFILES_DIR).read_text(encoding="utf-8") == "not a folder"


def _session():
    from nutri_tui.content import load_content
    from nutri_tui.engine import assess
    from nutri_tui.models.answers import Answers
    from nutri_tui.storage import make_session

    content = load_content()
    return make_session(Answers(), assess(Answers(), content), content.version)
