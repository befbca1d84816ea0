"""Reading a file that anyone may have put there, without hanging, filling memory or following a trap.

A name can hide a FIFO (opening or reading it waits forever for a writer), a device (``/dev/zero``
never ends), a symbolic link to either, or a file of hundreds of megabytes. So before a byte is read:
the file is looked at (``lstat``, or ``stat`` where links are allowed), opened with ``O_NONBLOCK``
(so a FIFO cannot block the open) and looked at again through the open descriptor (it may have been
swapped in between); anything but a regular file within the size limit is refused. Reading then stops
at the limit plus one byte, because a file can grow while it is read.

Every refusal is :class:`Unreadable` with a one-line reason without the path (callers add it). No
pydantic here: the welcome screen peeks at the draft through this before anything heavy is loaded.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
O_BINARY = getattr(os, "O_BINARY", 0)
READ_FLAGS = os.O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_BINARY
"""How a file is opened to be read (never waiting on a FIFO); ``| O_NOFOLLOW`` never to follow a link."""
CHUNK = 1 << 20


class Unreadable(Exception):
    """Why a file cannot be used, in one line, without the path (callers add it)."""


def os_reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def check_kind(info: os.stat_result, what: str, limit: int) -> None:
    """Refuse anything but a regular file of at most ``limit`` bytes (``what``: "session file", "index")."""
    if info.st_size <= limit and stat.S_ISREG(info.st_mode):
        return  # the usual case, twice for each of 10,000 files in a first listing: no words made for nothing
    a_what = f"{'an' if what[:1] in 'aeiou' else 'a'} {what}"
    if stat.S_ISLNK(info.st_mode):
        raise Unreadable("is a symbolic link; not followed")
    if stat.S_ISDIR(info.st_mode):
        raise Unreadable(f"is a folder, not {a_what}")
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(f"not a regular file, so not {a_what}")
    if info.st_size > limit:
        raise Unreadable(f"too large for {a_what} ({info.st_size:,} bytes; the limit is {limit:,})")


def open_regular(
    path: str | Path, what: str, limit: int, lstat: os.stat_result | None = None, *, follow_links: bool = False
) -> tuple[int, os.stat_result]:
    """An open descriptor of a regular file of at most ``limit`` bytes, and its ``fstat``.

    ``lstat`` is the file's ``os.lstat`` if the caller has it already (from ``os.scandir``). Without
    ``follow_links`` a symbolic link is refused, even one to a good file.
    """
    if lstat is None:
        try:
            lstat = os.stat(path) if follow_links else os.lstat(path)
        except FileNotFoundError:
            raise Unreadable("no such file") from None
        except OSError as error:
            raise Unreadable(f"cannot look at it ({os_reason(error)})") from None
    check_kind(lstat, what, limit)
    flags = READ_FLAGS | (0 if follow_links else O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise Unreadable("is a symbolic link; not followed") from None
        raise Unreadable(f"cannot open it ({os_reason(error)})") from None
    try:
        info = os.fstat(fd)
        check_kind(info, what, limit)  # it may have been swapped since it was looked at
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_at_most(fd: int, limit: int, what: str, start: bytes = b"") -> bytes:
    """``start`` (bytes already read from ``fd``) plus the rest of the file, refused past ``limit`` bytes."""
    chunks = [start]
    size = len(start)
    try:
        while size <= limit:
            chunk = os.read(fd, min(CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise Unreadable(f"cannot read it ({os_reason(error)})") from None
    if size > limit:
        raise Unreadable(f"too large for {'an' if what[:1] in 'aeiou' else 'a'} {what} (the limit is {limit:,} bytes)")
    return b"".join(chunks)


def read_regular(path: str | Path, what: str, limit: int, *, follow_links: bool = False) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes (see :func:`open_regular`)."""
    fd, _ = open_regular(path, what, limit, follow_links=follow_links)
    try:
        return read_at_most(fd, limit, what)
    finally:
        os.close(fd)
