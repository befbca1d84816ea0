"""The checked knowledge base kept in the cache folder, so that a command need not check ``content/`` every time.

Reading and validating ``content/`` (26 TOML files, about 1,400 entries, then the cross-checks) was most of
``nutri-tui assess``'s time. The first load with ``disk_cache`` leaves ``content.json`` in
:func:`nutri_tui.paths.cache_dir`; later ones rebuild the same objects from it (:mod:`.snapshot`).

When it is used. Its key is a SHA-256 of: this format; the app's version and pydantic's; the code that
decides what valid content is (the name, size and modification time of each ``.py`` file in
``nutri_tui/models``, ``nutri_tui/content`` and ``nutri_tui/questionnaire``, which is how Python itself
decides that a ``.pyc`` is stale); the content folder's path; and the name and bytes of every content file.
Editing the content or that code, in a checkout as much as by an upgrade, gives another key: the file is
refused and rebuilt.

Why it can be trusted, and why it is not a pickle:

- The folder must be a real folder (not a link) of this user's that no one else may enter (0700), and the
  file a regular file (not a link) of this user's that no one else may read or write (0600), of at most
  :data:`MAX_BYTES`. Only this user, or root, can then have put it there.
- Its first line holds the key and the SHA-256 of the rest: a file for other content or other code, one
  cut short or damaged, is refused before the rest is parsed.
- The rest is JSON, rebuilt by :func:`.snapshot.decode`, which makes nothing but the knowledge base's own
  model classes, each with exactly its fields, holding values of the types those fields allow. JSON cannot
  run code. Unpickling runs whatever the file names, so a pickle would turn "someone could write this
  file" into "someone can run code as this user".
- A keyed HMAC would add nothing: its key would have to sit where this user's processes can read it, and
  whoever can write the file can read that. A file forged by this user's own processes could change what
  the content says, which they could as well do by editing ``content/`` or the code.

On any doubt at all, :func:`read` returns None: the files are read and checked as if there were no cache,
and :func:`write` replaces it. Writing is best effort: a folder that cannot be written, or is not private,
means no cache, never an error. The file is written as ``storage.private_files`` writes (that module sits
in a layer above this one): a 0600 temporary file in the same folder, renamed over the old one, so a reader
sees the old file or the new one. It is not fsynced: a file cut short by a crash fails its digest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

import nutri_tui
from nutri_tui.content import snapshot
from nutri_tui.paths import cache_dir
from nutri_tui.safe_read import O_BINARY, O_CLOEXEC, O_NOFOLLOW, Unreadable, open_regular, read_at_most

if TYPE_CHECKING:
    from nutri_tui.content.knowledge_base import Content

FORMAT = 1
"""Bumped whenever :mod:`.snapshot` changes what it writes: an older file is then refused, not misread."""
FILE_NAME = "content.json"
MAX_BYTES = 16_000_000
"""A cache larger than this is neither read nor written (today's is about 0.5 MB)."""
TEMP_PREFIX, TEMP_SUFFIX = f".{FILE_NAME}.", ".tmp"
TEMP_MAX_AGE = 300
"""Seconds after which a temporary file is taken for one a crash left behind: a write takes milliseconds."""
RULING_CODE = ("models", "content", "questionnaire")
"""The packages whose code decides what valid content is, and what it is loaded into."""


def key_for(root: Path, files: list[tuple[str, bytes]]) -> str:
    """The cache key of the knowledge base in ``root`` made of ``files`` (name and bytes, as read), with this code."""
    import pydantic

    digest = hashlib.sha256()
    for part in (f"format {FORMAT}", nutri_tui.__version__, pydantic.VERSION, *_code_stamps(), str(root)):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for name, raw in files:
        digest.update(f"{name}\0{len(raw)}\0".encode("utf-8", "surrogateescape"))
        digest.update(raw)
    return digest.hexdigest()


def _code_stamps() -> list[str]:
    package = Path(nutri_tui.__file__).parent
    stamps: list[str] = []
    for folder in RULING_CODE:
        try:
            with os.scandir(package / folder) as entries:
                found = [entry for entry in entries if entry.name.endswith(".py")]
            for entry in sorted(found, key=lambda entry: entry.name):
                info = entry.stat()
                stamps.append(f"{folder}/{entry.name} {info.st_size} {info.st_mtime_ns}")
        except OSError:
            stamps.append(f"{folder} unreadable {os.urandom(8).hex()}")  # a key no cache file can have
    return stamps


def read(key: str, root: Path) -> Content | None:
    """The knowledge base the cache holds for ``key``, at ``root``; None if there is none, or any doubt."""
    try:
        return _read(key, root)
    except Exception:  # whatever is wrong with a cache, the files are there to be loaded instead
        return None


def _read(key: str, root: Path) -> Content | None:
    folder = cache_dir()
    try:
        if not _private(os.lstat(folder), folder=True):
            return None
        fd, info = open_regular(folder / FILE_NAME, "cache file", MAX_BYTES)
    except (OSError, Unreadable):
        return None
    try:
        if not _private(info, folder=False):
            return None
        data = read_at_most(fd, MAX_BYTES, "cache file")
    finally:
        os.close(fd)
    head, _, body = data.partition(b"\n")
    found = json.loads(head)
    if not isinstance(found, dict) or found.get("format") != FORMAT or found.get("key") != key:
        return None
    recorded = found.get("sha256")
    if recorded != hashlib.sha256(body).hexdigest():  # a plain comparison: there is no secret to time
        return None
    return snapshot.decode(body, root)


def _private(info: os.stat_result, *, folder: bool) -> bool:
    """Whether a folder (or file) is this user's alone: ours, no access for group or others, the right kind.
    Where there are no user ids (Windows), the per-user cache folder's own permissions are relied on."""
    right_kind = stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)
    if not right_kind:
        return False
    if not hasattr(os, "geteuid"):
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & 0o077


def write(key: str, content: Content) -> None:
    """Keep ``content`` (just loaded and checked) as the cache for ``key``; never an error."""
    with contextlib.suppress(Exception):  # a cache that cannot be written only means the next run checks again
        _write(key, content)


def _write(key: str, content: Content) -> None:
    try:
        body = snapshot.encode(content)
    except snapshot.SnapshotRefused:
        return
    head = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode()
    data = head + b"\n" + body
    if len(data) > MAX_BYTES:
        return
    folder = cache_dir()
    if not _private_folder(folder):
        return
    _sweep(folder)
    temp = folder / f"{TEMP_PREFIX}{os.urandom(6).hex()}{TEMP_SUFFIX}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_BINARY, 0o600)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # whatever the umask
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temp, folder / FILE_NAME)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _private_folder(folder: Path) -> bool:
    """Make the cache folder (0700) if it is missing; whether it is private (an existing one is not changed)."""
    try:
        return _private(os.lstat(folder), folder=True)
    except FileNotFoundError:
        pass
    missing = [folder]
    while not os.path.lexists(missing[-1].parent) and missing[-1].parent != missing[-1]:
        missing.append(missing[-1].parent)
    # Every folder made here is 0700: with NUTRI_TUI_HOME set, the first of them is the data folder itself,
    # which the first `assess` makes before any session is saved in it.
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another nutri-tui: looked at below
            os.mkdir(made, 0o700)
            os.chmod(made, 0o700)  # whatever the umask
    return _private(os.lstat(folder), folder=True)


def _sweep(folder: Path) -> None:
    """Remove temporary files a crash left behind (ours, by name, older than :data:`TEMP_MAX_AGE`)."""
    now = time.time()
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX):
                info = entry.stat(follow_symlinks=False)
                if _private(info, folder=False) and now - info.st_mtime > TEMP_MAX_AGE:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
