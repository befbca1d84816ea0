"""Each red flag's ``said``: its question as a plain clause the result can state back to the person.

The result says what the person answered in their own words ("You said ...", "You were not sure
whether ...", "Your other answers suggest ..."), so ``said`` must read on after each lead-in: a
lower-case first letter, no final full stop or question mark, and not the question itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nutri_tui.content import ContentError, load_content

CONTENT = load_content()
FLAGS = sorted(CONTENT.red_flags)


def test_there_are_red_flags_to_check() -> None:
    assert len(FLAGS) >= 20


@pytest.mark.parametrize("flag_id", FLAGS)
def test_said_follows_you_said(flag_id: str) -> None:
    said = CONTENT.red_flags[flag_id].said
    assert said == said.strip() and said, flag_id
    assert said[0].islower(), f"{flag_id}: said should start lower-case: {said!r}"
    assert not said.endswith((".", "?")), f"{flag_id}: said should not end with '.' or '?': {said!r}"
    assert "?" not in said, f"{flag_id}: said is a statement, not a question: {said!r}"


@pytest.mark.parametrize("flag_id", FLAGS)
def test_said_is_not_the_question(flag_id: str) -> None:
    flag = CONTENT.red_flags[flag_id]
    questions = [flag.question, *(variant.question for variant in flag.variants)]
    for question in questions:
        assert flag.said.casefold() != question.casefold(), flag_id
        assert flag.said.casefold() != question.rstrip("?").casefold(), flag_id


def test_a_red_flag_without_said_is_refused(content_copy: Path) -> None:
    path = content_copy / "red_flags.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^said = .*\n", "", text, count=1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("content/red_flags.toml: red_flag[saddle_numbness].said: required key is missing")


def test_a_red_flag_with_an_empty_said_is_refused(content_copy: Path) -> None:
    path = content_copy / "red_flags.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(?m)^said = ".*"\n', 'said = "  "\n', text, count=1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    assert str(caught.value).startswith("content/red_flags.toml: red_flag[saddle_numbness].said: ")
