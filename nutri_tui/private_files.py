"""Private, atomic file writes: the one place nutri-tui writes health data to disk.

Every file is created 0600 through a temporary file in the same folder (flushed and fsynced, then
renamed or linked into place, then the folder fsynced), so a crash or a full disk leaves the old
state or the new one, never a torn file; folders are created 0700.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from nutri_tui.models.session import clean_text

TEMP_SUFFIX = ".tmp"
REASON_MAX = 300
O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
O_BINARY = getattr(os, "O_BINARY", 0)
O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class StorageError(Exception):
    """A session or draft that cannot be read, written or removed; the message is one line for the user."""


def message(path: Path, reason: str) -> str:
    return clean_text(f"{path}: {reason}", 2 * REASON_MAX)


def os_reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def private_dir(path: Path) -> None:
    """Create ``path`` as 0700 if missing (parents as usual); an existing folder is left as it is."""
    if path.is_dir():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(path, 0o700)
    except FileExistsError:
        if not path.is_dir():
            raise StorageError(message(path, "exists but is not a folder")) from None
        return
    except OSError as error:
        raise StorageError(message(path, f"cannot create the folder ({os_reason(error)})")) from error
    os.chmod(path, 0o700)


def write_private_new(path: Path, data: bytes) -> None:
    """Write a new file readable only by its owner (0600), atomically; never replace an existing one.

    For exports and reports, which hold health answers. Raises StorageError with one line.
    """
    if not path.parent.is_dir():
        raise StorageError(message(path, "the folder does not exist"))
    try:
        atomic_write(path, data, exclusive=True)
    except FileExistsError:
        raise StorageError(message(path, "already exists; choose another name (nothing was overwritten)")) from None
    except OSError as error:
        raise StorageError(message(path, f"cannot write it ({os_reason(error)})")) from error


def atomic_write(target: Path, data: bytes, *, exclusive: bool) -> None:
    """Write ``data`` to ``target`` as 0600 through a temp file; ``exclusive`` raises FileExistsError if taken.

    On any failure the temp file is removed and an existing ``target`` is untouched.
    """
    folder = target.parent
    temp: Path | None = None
    fd = -1
    try:
        while temp is None:
            candidate = folder / f".{target.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
            try:
                fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_BINARY, 0o600)
            except FileExistsError:
                continue
            temp = candidate
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        if exclusive:
            moved = _claim(temp, target)
        else:
            os.replace(temp, target)
            moved = True
        if moved:
            temp = None
    finally:
        if fd >= 0:
            os.close(fd)
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    fsync_dir(folder)


def _claim(temp: Path, target: Path) -> bool:
    """Give the data in ``temp`` the name ``target`` only if nothing has it (FileExistsError otherwise).

    Returns True if ``temp`` was moved, False if it was hard-linked (the caller removes it).
    """
    try:
        os.link(temp, target)
        return False
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV):
            raise
    # No hard links on this file system: reserve the name exclusively, then move the data onto it.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600))
    try:
        os.replace(temp, target)
    except BaseException:
        os.unlink(target)
        raise
    return True


def fsync_dir(folder: Path) -> None:
    """Make a rename or removal in ``folder`` durable (where the system allows it)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF):
            raise
    finally:
        os.close(fd)
