"""Private files: atomic writes (the one place nutri-tui writes health data to disk) and careful reads.

Every file is created 0600 through a temporary file in the same folder (flushed and fsynced, then
renamed or linked into place, then the folder fsynced), so a crash or a full disk leaves the old
state or the new one, never a torn file; folders are created 0700.

Reading refuses symbolic links, folders, devices and anything over :data:`MAX_BYTES` before reading a
byte, and turns every problem (bad encoding, bad TOML, a failed validation) into :class:`Unreadable`
with a one-line reason. A file that validates is still refused if any of its strings (or keys) holds a
character a terminal would obey (:data:`nutri_tui.text.UNSAFE`) or is absurdly long (:data:`TEXT_MAX`):
whatever the app later shows from it is then plain text.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from nutri_tui.safe_read import O_BINARY, O_CLOEXEC, O_NOFOLLOW, Unreadable, open_regular, os_reason, read_at_most
from nutri_tui.text import clean_text, describe, escaped, find_unsafe, validation_message

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

TEMP_SUFFIX = ".tmp"
TEMP_NAME = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")
"""The temp files :func:`atomic_write` makes (``.<final name>.<12 hex digits>.tmp``), and nothing else."""
TEMP_MAX_AGE = 300
"""Seconds after which a temp file is taken for one a crash left behind: a save takes milliseconds."""
NAME_IN_TEMP = 200
"""At most this much of the final name goes into a temp file's name, which must stay under 255 bytes."""
REASON_MAX = 300
MAX_BYTES = 5_000_000
"""Files larger than this are refused without being read."""
TEXT_MAX = 20_000
"""The longest string a session or draft may hold (the longest the knowledge base makes is under 1,000)."""
O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


Kind = Literal["session", "draft"]
M = TypeVar("M", bound="BaseModel")


class StorageError(Exception):
    """A session or draft that cannot be read, written or removed; the message is one line for the user."""


def message(path: Path, reason: str) -> str:
    return clean_text(f"{path}: {reason}", 2 * REASON_MAX)


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
    if not os.path.isdir(path.parent):  # never raises, even for a path too long for the system
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
            # os.urandom(n).hex() is what secrets.token_hex(n) returns, without importing secrets (and hmac)
            candidate = folder / f".{target.name[:NAME_IN_TEMP]}.{os.urandom(6).hex()}{TEMP_SUFFIX}"
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


def replace_private(root: Path, path: Path, data: bytes, what: str) -> Path:
    """Replace ``path`` (a file in the data folder ``root``) with ``data``, atomically and 0600, creating the
    folder 0700 if needed; StorageError naming ``path`` and ``what`` could not be done ("cannot save it")."""
    private_dir(root)
    sweep_once(root)
    try:
        atomic_write(path, data, exclusive=False)
    except OSError as error:
        raise StorageError(message(path, f"{what} ({os_reason(error)})")) from error
    return path


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


def remove_if_stale(path: str | Path, info: os.stat_result, now: float | None = None) -> None:
    """Remove ``path`` if it is one of our temp files (by name), a regular file of ours, and older than
    :data:`TEMP_MAX_AGE`: what a crash mid-save (``kill -9``, a power cut) leaves behind. Never an error."""
    if not TEMP_NAME.match(os.path.basename(path)) or not stat.S_ISREG(info.st_mode):
        return
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return
    if (now if now is not None else time.time()) - info.st_mtime < TEMP_MAX_AGE:
        return  # perhaps a save in progress, in this process or another
    with contextlib.suppress(OSError):
        os.unlink(path)


_swept: set[str] = set()


def sweep_once(folder: Path) -> None:
    """Remove stale temp files from ``folder`` (see :func:`remove_if_stale`), once per process: a save is
    then as quick as before however many files the folder holds. Listing sessions sweeps every time."""
    key = os.path.realpath(folder)
    if key in _swept:
        return
    _swept.add(key)
    now = time.time()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
                    with contextlib.suppress(OSError):
                        remove_if_stale(entry.path, entry.stat(follow_symlinks=False), now)
    except OSError:
        pass


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


def utc_stamp(moment: datetime) -> str:
    """``2026-11-26T06-40-12Z``: safe in a file name on every system."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")


# -- reading ------------------------------------------------------------------------------------------


def load(path: Path, model: type[M], kind: Kind) -> M:
    """Read, migrate and validate a whole file; :class:`StorageError` (one line, with the path) if it cannot be used."""
    try:
        return validated(model, migrated(parse_toml(read_file(path, kind)), kind))
    except Unreadable as error:
        raise StorageError(message(path, str(error))) from None
    except Exception as error:  # reported as one line, never a traceback
        raise StorageError(message(path, unexpected(error))) from error


def open_file(path: str | Path, kind: Kind, lstat: os.stat_result | None = None) -> tuple[int, os.stat_result]:
    """An open descriptor and its ``fstat``, refusing links, folders, devices and files over :data:`MAX_BYTES`.

    ``lstat`` is the file's ``os.lstat`` if the caller has it already (from ``os.scandir``).
    """
    return open_regular(path, f"{kind} file", MAX_BYTES, lstat)


def read_rest(fd: int, kind: Kind, start: bytes = b"") -> bytes:
    """``start`` (bytes already read from ``fd``) plus the rest of the file, never more than :data:`MAX_BYTES`."""
    return read_at_most(fd, MAX_BYTES, f"{kind} file", start)


def read_file(path: Path, kind: Kind) -> bytes:
    """The whole file (see :func:`open_file`)."""
    fd, _ = open_file(path, kind)
    try:
        return read_rest(fd, kind)
    finally:
        os.close(fd)


def parse_toml(raw: bytes) -> dict[str, Any]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("looks like UTF-16 text; files here are UTF-8 TOML")
    if b"\x00" in raw:
        raise Unreadable("not a text file (it contains NUL bytes); files here are UTF-8 TOML")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise Unreadable(f"not UTF-8 text (bad byte at offset {error.start}); files here are UTF-8 TOML") from None
    if not text.strip():
        raise Unreadable("empty file")
    import tomllib  # only when a whole file is parsed: a listing of written heads never loads the parser

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise Unreadable(clean_text(f"not valid TOML: {error}", REASON_MAX)) from None
    except RecursionError:
        raise Unreadable("not valid TOML: nested too deeply") from None


def migrated(data: dict[str, Any], kind: Kind) -> dict[str, Any]:
    """:func:`nutri_tui.models.session.migrate`, with its refusals as :class:`Unreadable`."""
    from nutri_tui.models.session import migrate  # pydantic models: only where a whole file is read

    try:
        return migrate(data, kind)
    except ValueError as error:
        raise Unreadable(clean_text(str(error), REASON_MAX)) from None


def validated(model: type[M], data: Any) -> M:
    """``data`` as a ``model``, its strings checked too (:func:`string_problem`); else :class:`Unreadable`."""
    from pydantic import ValidationError

    try:
        valid = model.model_validate(data)
    except ValidationError as error:
        raise Unreadable(validation_reason(error)) from None
    except RecursionError:
        raise Unreadable("nested too deeply") from None
    problem = string_problem(data)
    if problem is not None:
        raise Unreadable(problem)
    return valid


def string_problem(data: Any) -> str | None:
    """The first string or key in ``data`` (parsed TOML or JSON) holding a character of
    :data:`nutri_tui.text.UNSAFE` or longer than :data:`TEXT_MAX`, as a one-line reason; None if all are fine.

    Without recursion, so it cannot overflow. A first pass only gathers the strings and checks them in one
    search (about a sixth of the time of walking with paths); the second, which names the place, runs
    only for a file that has a problem, breadth first, so it names the problem nearest the top.
    """
    if _all_clean(data):
        return None
    queue: deque[tuple[tuple[object, ...], Any]] = deque([((), data)])
    while queue:
        where, value = queue.popleft()
        if isinstance(value, str):
            problem = _text_problem(value)
            if problem is not None:
                return f"{_location(where)}: {problem}"
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = _text_problem(str(key))
                if problem is not None:
                    return f"{_location((*where, key))}: a key {problem}"
                queue.append(((*where, key), item))
        elif isinstance(value, list | tuple):
            queue.extend(((*where, index), item) for index, item in enumerate(value))
    return None


def _all_clean(data: Any) -> bool:
    strings: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if type(value) is str:
            strings.append(value)
        elif type(value) is dict:
            strings.extend(str(key) for key in value)
            stack.extend(value.values())
        elif type(value) in (list, tuple):
            stack.extend(value)
        elif isinstance(value, str | dict | list | tuple):  # a subclass: let the careful pass decide
            return False
    if max(map(len, strings), default=0) > TEXT_MAX:
        return False
    return find_unsafe("\n".join(strings)) is None


def _text_problem(value: str) -> str | None:
    if len(value) > TEXT_MAX:
        return f"is too long ({len(value):,} characters; the limit is {TEXT_MAX:,})"
    bad = find_unsafe(value)
    if bad is not None:
        return f"must not contain control characters (found {describe(bad)})"
    return None


def _location(where: tuple[object, ...]) -> str:
    # A key is shown with its unsafe characters escaped, so the reason names it without obeying it.
    return clean_text(".".join(escaped(part) for part in where), REASON_MAX // 2) or "(top level)"


def validation_reason(error: ValidationError) -> str:
    """The first problem as ``field.path: what is wrong``, plus how many more (the style of answers files)."""
    return clean_text(validation_message(error, docs="docs/session-format.md"), REASON_MAX)


def unexpected(error: BaseException) -> str:
    return clean_text(f"cannot read it ({type(error).__name__}: {error})", REASON_MAX)
