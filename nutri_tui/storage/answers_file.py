"""Read an answers file (TOML) safely, with one-line errors naming the field at fault."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nutri_tui.content import Content
from nutri_tui.models.answers import Answers
from nutri_tui.safe_read import Unreadable, read_regular
from nutri_tui.text import escaped, validation_message

MAX_BYTES = 1_000_000


class AnswersError(ValueError):
    """An answers file that cannot be used; the message is one line for the user."""


def parse_answers(data: dict[str, Any], content: Content, where: str = "answers") -> Answers:
    try:
        return Answers.model_validate(data, context={"content": content})
    except ValidationError as error:
        raise AnswersError(f"{where}: {validation_message(error)}") from None


def read_answers(path: Path, content: Content) -> Answers:
    """Read and validate an answers file; :class:`AnswersError` with one line naming the problem.

    The file is looked at before it is read (a FIFO, a device such as ``/dev/zero`` or a link to one is
    refused without blocking; a file over :data:`MAX_BYTES` is refused unread), and at most the limit
    plus one byte is read. A UTF-8 byte-order mark is skipped, as in session files.
    """
    where = escaped(path)
    try:
        raw = read_regular(path, "answers file", MAX_BYTES, follow_links=True)
    except Unreadable as error:
        raise AnswersError(f"{where}: {error}") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise AnswersError(f"{where}: not a text file (answers files are UTF-8 TOML)") from None
    if "\x00" in text:
        raise AnswersError(f"{where}: not a text file (answers files are UTF-8 TOML)")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AnswersError(f"{where}: not valid TOML: {error}") from None
    except RecursionError:
        raise AnswersError(f"{where}: not valid TOML: nested too deeply") from None
    try:
        return parse_answers(data, content, where)
    except RecursionError:
        raise AnswersError(f"{where}: nested too deeply") from None
