"""The content cache (``nutri_tui/content/cache.py``): written privately, reused only when it is exactly the
knowledge base these files and this code give, and refused (then rebuilt) on any doubt, never a crash.

The content is checked once for this module (``_first_load``, a copy of the content folder loaded with
``disk_cache``) and each test gets a copy of the cache file that load wrote, in its own data folder
(``private_home``): checking the files and writing the cache took a third of a second, and most tests here
only damage or move that file. The tests that edit the content, or look at what the first load itself
leaves behind, load their own copy of the folder (``fresh_cached``). The shared load is kept out of the
content this process keeps per folder, and a test that loads again forgets that first (``new_process``),
so the loaded content never stands in for the cache.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from nutri_tui.content import Content, ContentError, cache, find_content_dir, load_content, loader, snapshot
from nutri_tui.content.loader import Files
from nutri_tui.paths import cache_dir

pytestmark = pytest.mark.usefixtures("toml_parsed_once")
"""Each content file's text parsed once a process (``tests/unit/conftest.py``): what is checked here is the
cache, and the loads that check the files still validate and cross-check every one."""


def cache_file() -> Path:
    return cache_dir() / cache.FILE_NAME


def key_of(root: Path) -> str:
    files = Files(root.resolve()).every()
    assert files is not None
    return cache.key_for(root.resolve(), files)


def same(a: Any, b: Any, where: str = "content") -> None:
    """``a`` and ``b`` hold the same values of the same types, with the same fields set, all the way down."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, where
        for name in type(a).model_fields:
            same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif dataclasses.is_dataclass(a):
        for field in dataclasses.fields(a):
            same(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}")
    elif isinstance(a, tuple):
        assert len(a) == len(b), where
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{index}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for name in a:
            same(a[name], b[name], f"{where}[{name}]")
    else:
        assert a == b, where


def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the content loaded in this process, as a new ``nutri-tui`` process starts without it."""
    monkeypatch.setattr(loader, "_loaded", {})


@pytest.fixture(scope="module")
def _first_load(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Content, bytes]:
    """A copy of the content folder loaded once with ``disk_cache`` into a data folder of its own: the folder,
    the content its files gave, and the cache file that load wrote. No test may change the folder."""
    root = tmp_path_factory.mktemp("cached-content") / "content"
    shutil.copytree(find_content_dir(), root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NUTRI_TUI_HOME", str(tmp_path_factory.mktemp("first-load-home")))
        patch.setattr(loader, "_loaded", {})  # not kept in this process: a later load must find the cache
        content = load_content(root, disk_cache=True)
        written = cache_file().read_bytes()
        assert cache.read(key_of(root), root.resolve()) is not None  # so each copy is a cache that is taken
    return root.resolve(), content, written


@pytest.fixture
def cached(_first_load: tuple[Path, Content, bytes], private_home: Path) -> tuple[Path, Content]:
    """A content folder whose cache has just been written, and the content its files gave: the cache file of
    the module's first load, put in this test's data folder as that load left it (0600, in a 0700 folder)."""
    root, content, written = _first_load
    folder = cache_dir()
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    fd = os.open(folder / cache.FILE_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, written)
    finally:
        os.close(fd)
    os.chmod(folder / cache.FILE_NAME, 0o600)
    return root, content


@pytest.fixture
def fresh_cached(content_copy: Path) -> tuple[Path, Content]:
    """A content folder of this test's own, loaded with ``disk_cache``: its cache written by that very load."""
    content = load_content(content_copy, disk_cache=True)
    assert cache_file().is_file()
    return content_copy.resolve(), content


def test_the_cache_is_in_the_data_home_and_private(fresh_cached: tuple[Path, Content], private_home: Path) -> None:
    assert cache_dir() == private_home / "cache"
    assert stat.S_IMODE(os.stat(cache_dir()).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(cache_file()).st_mode) == 0o600
    assert os.listdir(cache_dir()) == [cache.FILE_NAME]  # no temporary file left behind


def test_the_cache_gives_back_exactly_what_the_files_gave(cached: tuple[Path, Content]) -> None:
    root, content = cached
    again = cache.read(key_of(root), root)
    assert again is not None and again is not content
    same(again, content)
    assert again.root == root


def test_a_new_process_takes_the_content_from_the_cache(cached: tuple[Path, Content], monkeypatch) -> None:
    root, content = cached
    new_process(monkeypatch)
    monkeypatch.setattr(loader, "_load_checked", lambda files: pytest.fail("checked the files again"))
    again = load_content(root, disk_cache=True)
    same(again, content)


def test_without_disk_cache_nothing_is_written(content_copy: Path) -> None:
    load_content(content_copy)
    assert not cache_dir().exists()


def test_a_second_load_in_another_process_reads_the_cache(cached: tuple[Path, Content]) -> None:
    """Nothing in the file changes when it is read; a later write of the same content gives the same bytes."""
    root, content = cached
    before = cache_file().read_bytes()
    cache.write(key_of(root), content)
    assert cache_file().read_bytes() == before


# --- refused: the key ------------------------------------------------------------------------------------


def test_another_content_is_another_key(fresh_cached: tuple[Path, Content]) -> None:
    root, _ = fresh_cached
    key = key_of(root)
    path = root / "nutrients" / "iron.toml"
    path.write_bytes(path.read_bytes() + b"\n# a comment changes the bytes, so the key\n")
    assert key_of(root) != key
    assert cache.read(key_of(root), root) is None


def test_another_app_version_or_code_is_another_key(cached: tuple[Path, Content], monkeypatch) -> None:
    root, _ = cached
    key = key_of(root)
    monkeypatch.setattr("nutri_tui.__version__", "0.0.0-other")
    assert key_of(root) != key
    monkeypatch.undo()
    monkeypatch.setattr(cache, "_code_stamps", lambda: ["models/content.py 1 2"])
    assert key_of(root) != key


def test_a_file_that_cannot_be_read_gives_no_key(content_copy: Path) -> None:
    (content_copy / "rules.toml").unlink()
    assert Files(content_copy).every() is None
    with pytest.raises(ContentError, match=r"rules.toml: \(file\): file is missing"):
        load_content(content_copy, disk_cache=True)


def test_content_broken_after_caching_is_reported_as_without_a_cache(
    fresh_cached: tuple[Path, Content], monkeypatch
) -> None:
    root, _ = fresh_cached
    path = root / "nutrients" / "iron.toml"
    path.write_text(path.read_text().replace('unit = "mg"', 'unit = "g"', 1))
    new_process(monkeypatch)
    with pytest.raises(ContentError) as with_cache:
        load_content(root, disk_cache=True)
    with pytest.raises(ContentError) as without:
        load_content(root)
    assert str(with_cache.value) == str(without.value)
    assert "implausible" in str(with_cache.value) or "does not match" in str(with_cache.value)


# --- refused: what the file holds ------------------------------------------------------------------------


def rewrite(change: Callable[[dict[str, Any]], Any]) -> None:
    """Change the cache's body as JSON and give it a correct digest again: what only a forger would do."""
    head, _, body = cache_file().read_bytes().partition(b"\n")
    data = json.loads(body)
    data = change(data) or data
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    header = json.loads(head)
    header["sha256"] = __import__("hashlib").sha256(body).hexdigest()
    cache_file().write_bytes(json.dumps(header).encode() + b"\n" + body)


def first_food(data: dict[str, Any]) -> dict[str, Any]:
    return data["nutrients"]["iron"]["foods"][0]


def _set(where: Callable[[dict[str, Any]], dict[str, Any]], key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: where(data).__setitem__(key, value)


def _first_source(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["sources"].values()))


FORGED: dict[str, Callable[[dict[str, Any]], Any]] = {
    "a class from outside the knowledge base": _set(lambda d: d["nutrients"]["iron"], "$", "Answers"),
    "an unknown class": _set(first_food, "$", "Pickle"),
    "a field missing": lambda d: first_food(d).pop("name"),
    "a field too many": _set(first_food, "extra", 1),
    "fields out of order": lambda d: first_food(d).update({"id": first_food(d).pop("id")}),
    "a string for a number": _set(first_food, "amount", "12"),
    "an integer for a float": _set(first_food, "amount", 12),
    "a boolean for a string": _set(first_food, "name", True),
    "a value outside its literal": _set(first_food, "diet", "carnivore"),
    "a list inside a tuple": _set(first_food, "sources", [["ods-iron"]]),
    "an object for a tuple": _set(first_food, "sources", {"a": 1}),
    "a bad date": _set(_first_source, "reviewed", {"$date": "yesterday"}),
    "a string for a date": _set(_first_source, "reviewed", "2026-01-01"),
    "an unknown unset field": _set(first_food, "$unset", ["nope"]),
    "a catalogue missing": lambda d: d.pop("topics"),
    "a model where a catalogue is": _set(lambda d: d, "topics", {"$": "Levels", "high": 1.0, "moderate": 0.5}),
    "not an object": lambda d: [1, 2, 3],
    "nested too deeply": lambda d: b"[" * 200_000 + b"]" * 200_000,
    "not UTF-8": lambda d: b"\xff\xfe{}",
}


@pytest.mark.parametrize("forgery", FORGED.values(), ids=FORGED.keys())
def test_a_forged_body_is_refused(cached: tuple[Path, Content], forgery: Callable[[dict[str, Any]], Any]) -> None:
    root, _ = cached
    rewrite(forgery)
    assert cache.read(key_of(root), root) is None


DAMAGED: dict[str, Callable[[bytes], bytes]] = {
    "cut short": lambda data: data[: len(data) // 2],
    "one byte changed": lambda data: data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
    "empty": lambda data: b"",
    "no header": lambda data: data.partition(b"\n")[2],
    "another format": lambda data: data.replace(b'"format": 1', b'"format": 99', 1),
    "another key": lambda data: data.replace(b'"key": "', b'"key": "0', 1),
    "binary": lambda data: os.urandom(4096),
    "a pickle": lambda data: b"\x80\x04\x95\x1d\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x94\x8c\x06system\x94\x93\x94.",
}


@pytest.mark.parametrize("damage", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_or_foreign_file_is_refused_and_rebuilt(
    cached, damage: Callable[[bytes], bytes], monkeypatch
) -> None:
    root, content = cached
    cache_file().write_bytes(damage(cache_file().read_bytes()))
    assert cache.read(key_of(root), root) is None
    # A new process finds the same file: it checks the files, gets the same content and writes a good cache.
    new_process(monkeypatch)
    again = load_content(root, disk_cache=True)
    assert again is not content
    same(again, content)
    assert cache.read(key_of(root), root) is not None


def test_what_the_snapshot_cannot_keep_is_not_written(cached: tuple[Path, Content]) -> None:
    root, content = cached
    broken = dataclasses.replace(content, rules=content.rules.model_copy(update={"supplement_factor": float("nan")}))
    with pytest.raises(snapshot.SnapshotRefused):
        snapshot.encode(broken)
    cache_file().unlink()
    cache.write(key_of(root), broken)
    assert not cache_file().exists()


# --- refused: where the file is and whose it is ----------------------------------------------------------


def test_a_file_others_may_read_or_write_is_refused(cached: tuple[Path, Content]) -> None:
    root, _ = cached
    for mode in (0o644, 0o620, 0o606):
        os.chmod(cache_file(), mode)
        assert cache.read(key_of(root), root) is None
    os.chmod(cache_file(), 0o600)
    assert cache.read(key_of(root), root) is not None


def test_a_folder_others_may_enter_is_neither_read_nor_written(cached: tuple[Path, Content]) -> None:
    root, content = cached
    os.chmod(cache_dir(), 0o755)
    assert cache.read(key_of(root), root) is None
    cache_file().unlink()
    cache.write(key_of(root), content)
    assert not cache_file().exists()
    assert stat.S_IMODE(os.stat(cache_dir()).st_mode) == 0o755  # someone's folder: left as it is


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_a_file_or_folder_of_another_user_is_refused(cached: tuple[Path, Content]) -> None:
    root, _ = cached
    os.chown(cache_file(), 12345, -1)
    assert cache.read(key_of(root), root) is None
    os.chown(cache_file(), 0, -1)
    os.chown(cache_dir(), 12345, -1)
    assert cache.read(key_of(root), root) is None


def test_a_link_a_fifo_or_a_folder_in_its_place_is_refused(cached: tuple[Path, Content], tmp_path: Path) -> None:
    root, _ = cached
    real = tmp_path / "elsewhere.json"
    cache_file().rename(real)
    cache_file().symlink_to(real)
    assert cache.read(key_of(root), root) is None
    cache_file().unlink()
    os.mkfifo(cache_file(), 0o600)  # opened without waiting for a writer, then refused
    assert cache.read(key_of(root), root) is None
    cache_file().unlink()
    cache_file().mkdir(mode=0o700)
    assert cache.read(key_of(root), root) is None


def test_a_linked_cache_folder_is_refused(cached: tuple[Path, Content], tmp_path: Path) -> None:
    root, _ = cached
    moved = tmp_path / "moved-cache"
    cache_dir().rename(moved)
    cache_dir().symlink_to(moved)
    assert cache.read(key_of(root), root) is None


def test_a_file_too_large_is_not_read(cached: tuple[Path, Content], monkeypatch) -> None:
    root, _ = cached
    monkeypatch.setattr(cache, "MAX_BYTES", 1000)
    assert cache.read(key_of(root), root) is None


def test_a_cache_that_cannot_be_written_is_no_error(content_copy: Path, private_home: Path) -> None:
    private_home.mkdir(exist_ok=True)
    (private_home / "cache").write_text("a file where the folder would go")
    content = load_content(content_copy, disk_cache=True)
    assert content.nutrients
    assert (private_home / "cache").read_text() == "a file where the folder would go"


def test_a_temporary_file_a_crash_left_is_swept(cached: tuple[Path, Content]) -> None:
    root, content = cached
    left = cache_dir() / f"{cache.TEMP_PREFIX}0123456789ab{cache.TEMP_SUFFIX}"
    left.write_bytes(b"half a cache")
    os.chmod(left, 0o600)
    os.utime(left, (1, 1))
    cache.write(key_of(root), content)
    assert not left.exists()
    assert sorted(os.listdir(cache_dir())) == [cache.FILE_NAME]


def test_the_folders_the_cache_makes_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With NUTRI_TUI_HOME set and missing, the cache folder's parent is the data folder: it must be 0700 too
    (a first `assess` made it 0755, and the sessions saved into it later kept that)."""
    home = tmp_path / "new" / "home"
    monkeypatch.setenv("NUTRI_TUI_HOME", str(home))
    new_process(monkeypatch)
    old = os.umask(0o022)
    try:
        load_content(disk_cache=True)
    finally:
        os.umask(old)
    for folder in (tmp_path / "new", home, home / "cache"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
