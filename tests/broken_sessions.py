"""Broken session files, made from a good session: the corpus the storage, CLI and app tests all list."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from nutri_tui.models.session import SESSION_SCHEMA_VERSION, Session
from nutri_tui.storage import make_draft, session_file


def good_data(session: Session) -> dict[str, Any]:
    return session.model_dump(mode="json", exclude_none=True)


def changed(session: Session, **changes: Any) -> bytes:
    data = good_data(session)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if value is DROP:
            del target[last]
        else:
            target[last] = value
    return tomli_w.dumps(data).encode()


DROP = object()


def corpus(session: Session, elsewhere: Path) -> Iterator[tuple[str, bytes | Callable[[Path], None], str]]:
    """(file name, bytes or a function making the file, text expected in the reason)."""
    good = tomli_w.dumps(good_data(session))
    yield "empty.toml", b"", "empty file"
    yield "blank.toml", b"  \n\n\t\n", "empty file"
    yield "prose.toml", b"Dear diary, my back hurts.\n", "not valid TOML"
    yield "half-written.toml", good[: good.index('label = "') + 10].encode(), "not valid TOML"
    yield "binary.toml", bytes(range(256)) * 8, "not a text file"
    yield "high-bytes.toml", bytes(range(128, 256)), "not UTF-8"
    yield "nul.toml", b"label = 1\x00\n", "NUL"
    yield "utf16-bom.toml", good.encode("utf-16"), "UTF-16"
    yield "utf16-le.toml", good.encode("utf-16-le"), "NUL"
    yield "latin1.toml", changed(session, label="caf\u00e9").decode().encode("latin-1"), "not UTF-8"
    yield "huge-string.toml", changed(session, label="x" * 4_000_000), "label: String should have at most 200"
    yield "deep-array.toml", b"a = " + b"[" * 5000, "nested too deeply"
    yield "deep-table.toml", b"a = " + b"{b = " * 3000 + b"1" + b"}" * 3000, "nested too deeply"
    yield "duplicate-key.toml", ("schema_version = 1\n" + good).encode(), "not valid TOML: Cannot overwrite"
    yield "duplicate-table.toml", (good + "\n[answers]\nformat = 1\n").encode(), "not valid TOML"
    yield "bad-escape.toml", b'label = "\\q"\n', "not valid TOML"
    yield "missing-result.toml", changed(session, result=DROP), "result: required field is missing"
    yield "missing-answers.toml", changed(session, answers=DROP), "answers: required field is missing"
    yield "missing-created.toml", changed(session, created=DROP), "created: required field is missing"
    yield "missing-version.toml", changed(session, schema_version=DROP), "schema_version: required field is missing"
    yield "version-string.toml", changed(session, schema_version="1"), "schema_version: Input should be a valid int"
    yield "version-float.toml", changed(session, schema_version=1.0), "schema_version: Input should be a valid int"
    yield "version-bool.toml", changed(session, schema_version=True), "schema_version: Input should be a valid int"
    newer = SESSION_SCHEMA_VERSION + 1
    yield (
        "version-future.toml",
        changed(session, schema_version=newer),
        f"written by a newer nutri-tui (schema {newer})",
    )
    yield "version-far-future.toml", changed(session, schema_version=10**9), f"reads up to {SESSION_SCHEMA_VERSION}"
    yield "version-zero.toml", changed(session, schema_version=0), "unknown schema 0"
    yield "naive-string.toml", changed(session, created="2026-11-26T06:40:12"), "created: Input should have timezone"
    yield "naive-toml.toml", changed(session, created=datetime(2026, 11, 26, 6, 40)), "created: Input should have"
    yield "not-a-date.toml", changed(session, created="yesterday"), "created:"
    yield "extra-key.toml", changed(session, colour="red"), "colour: unknown field"
    yield "extra-answer.toml", changed(session, answers__about__shoe_size=44), "answers.about.shoe_size: unknown field"
    yield "label-number.toml", changed(session, label=42), "label: Input should be a valid string"
    yield "label-control.toml", changed(session, label="a\x07b"), "label: must not contain control characters"
    yield "age-words.toml", changed(session, answers__about__age="forty"), "answers.about.age:"
    yield "result-string.toml", changed(session, result="none"), "result:"
    yield "bad-level.toml", changed(session, result__nutrients__0__level="extreme"), "result.nutrients.0.level:"
    yield (
        "escape-in-key.toml",
        changed(session, answers__back_pain__red_flags={"\x1b]0;pwned\x07": "maybe"}),
        "answers.back_pain.red_flags.",
    )
    yield "draft-as-session.toml", tomli_w.dumps(make_draft("x", {}).model_dump(mode="json")).encode(), "field"
    # as the app writes them (schema 2, [summary] first): broken after writing, so the size no longer matches
    written = session_file.dump_session(session)
    yield "cut-in-summary.toml", written[: written.index(b"\nred_flag = ") + 12], "not valid TOML"
    yield "cut-in-body.toml", written[: written.rindex(b'url = "') + 12], "cut off: "
    yield "junk-after-body.toml", written + b"\nnotes = [\n", "not valid TOML"
    yield "summary-type.toml", re.sub(rb"red_flag = \w+", b'red_flag = "no"', written), "summary.red_flag: Input"
    yield "summary-extra.toml", written.replace(b"[summary]\n", b"[summary]\nmood = 1\n"), "summary.mood: unknown"
    low = re.sub(rb"top_nutrients = .*", b'top_nutrients = [["iron", "low"]]', written)
    yield "summary-level.toml", low, "summary.top_nutrients.0.1: Input should be 'high' or 'moderate'"
    yield "six-megabytes.toml", b"# " + b"x" * 6_000_000 + b"\n", "too large"
    yield "symlink-to-good.toml", lambda p: p.symlink_to(elsewhere), "symbolic link"
    yield "dangling-symlink.toml", lambda p: p.symlink_to(p.with_name("nowhere.toml")), "symbolic link"
    yield "folder.toml", lambda p: p.mkdir(), "is a folder"
    if hasattr(os, "mkfifo"):
        yield "fifo.toml", lambda p: os.mkfifo(p), "not a regular file"


def write_corpus(folder: Path, session: Session, elsewhere: Path) -> dict[str, str]:
    """Put every broken file of :func:`corpus` into ``folder``; file name -> the reason it must be refused for."""
    expected: dict[str, str] = {}
    for name, make, reason in corpus(session, elsewhere):
        path = folder / name
        if callable(make):
            make(path)
        else:
            path.write_bytes(make)
        expected[name] = reason
    return expected


def snapshot(path: Path) -> tuple[Any, ...]:
    info = os.lstat(path)
    body = path.read_bytes() if stat.S_ISREG(info.st_mode) else os.readlink(path) if path.is_symlink() else None
    return info.st_mode, info.st_size, info.st_mtime_ns, body
