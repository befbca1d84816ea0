"""The compiled tests (engine/checks.py: each check written out as Python source, groups inline) decide exactly what
the tests say, and their source holds nothing from the content.

Each is checked against a plain reading of the content's ``when`` lists over generated answers: every list the
engine compiles (nutrient rules, notes, warning signs, food rules, advice, cautions).
"""

from __future__ import annotations

import io
import linecache
import re
import tokenize
import traceback
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutri_tui.engine import checks
from nutri_tui.engine.answer_row import SLOTS
from nutri_tui.engine.checks import compile_check
from nutri_tui.engine.index import index_for
from nutri_tui.models.answer_tests import When, value_holds, walk
from nutri_tui.models.answers import Answers, field_value
from tests.unit.test_engine_properties import CONTENT, answers_data, build

INDEX = index_for(CONTENT)
NAMES = INDEX.medicine_by_name


def _answer(answers: Answers, field: str) -> Any:
    prefix = "back_pain.red_flags."
    if field.startswith(prefix):
        return answers.back_pain.red_flags.get(field.removeprefix(prefix))
    return field_value(answers, field)


def _holds(test: When, answers: Answers) -> bool:
    """What a test means, read the slow way (no slots, no shortcuts)."""
    if test.group == "all":
        return all(_holds(member, answers) for member in test.members)
    if test.group == "any":
        return any(_holds(member, answers) for member in test.members)
    if test.group == "none":
        return not any(_holds(member, answers) for member in test.members)
    value = _answer(answers, test.field or "")
    if test.field == "health.supplements" and test.includes:
        return any(supplement.nutrient in test.includes for supplement in value)
    if test.classes:
        taken = {c for name in value for c in NAMES.get(name.casefold(), ())}
        return not taken.isdisjoint(test.classes)
    return value_holds(test, value)


def _every_when() -> list[tuple[When, ...]]:
    found = [rule.when for rule in CONTENT.rules.nutrient_rule]
    found += [note.when for n in CONTENT.nutrients.values() for note in n.notes if note.when]
    for flag in CONTENT.red_flags.values():
        found += [tests for tests in (flag.implied_by, flag.ask_when) if tests]
        found += [variant.when for variant in flag.variants]
    found += [rule.when for rule in CONTENT.food_rules.values() if rule.when]
    found += [rule.when for rule in CONTENT.rules.advice if rule.when]
    found += [caution.when for caution in CONTENT.medicine_cautions.values() if caution.when]
    return found


WHENS = _every_when()
CHECKS = [(tests, compile_check(tests, NAMES)) for tests in WHENS]


def test_checks_of_one_shape_share_their_compiled_code() -> None:
    """Compiling costs about 60 microseconds a shape: the content's checks are far fewer shapes than checks."""
    codes = {check.__code__ for _, check in CHECKS}
    assert len(codes) * 2 < len(CHECKS)


def _source_of(check: Any) -> str:
    return "".join(linecache.getlines(check.__code__.co_filename))


ALLOWED_NAMES = {"def", "make", "check", "row", "names", "return", "None", "True", "False", "if", "not", "in", "is"}
ALLOWED_NAMES |= {"and", "or", "else", "isdisjoint", "get", "_last_classes", "_classes_of"}
STRINGS = {tokenize.STRING, getattr(tokenize, "FSTRING_START", tokenize.STRING)}  # f-strings: 3.12 and later


def test_a_compiled_check_holds_no_content_text() -> None:
    """Content reaches the code only as the maker's arguments: the source is names, operators and the three
    indexes of ``_last_classes``, whatever the content says (so a hand-edited content file cannot inject code)."""
    for tests, check in CHECKS:
        text = _source_of(check)
        assert text.startswith("def make(names"), tests
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.NAME:
                assert token.string in ALLOWED_NAMES or re.fullmatch(r"[kvt][0-9]+", token.string), token
            elif token.type == tokenize.NUMBER:
                assert token.string in {"0", "1", "2"}, token
            else:
                assert token.type not in STRINGS, token


def test_a_failing_compiled_check_shows_its_source_in_the_traceback() -> None:
    """The source is kept for tracebacks: a bug in a shape is read there, not guessed at."""
    tests = (When.model_validate({"field": "about.age", "at_least": 50}),)
    check = compile_check(tests, NAMES)
    row = list(INDEX.read_row(build({})))
    row[SLOTS["about.age"]] = "fifty"  # a value of the wrong type, as no validated answer has
    with pytest.raises(TypeError) as raised:
        check(tuple(row))
    assert ">=" in "".join(traceback.format_tb(raised.tb))


LEAVES = sorted({test for tests in WHENS for test in walk(tests)}, key=repr)


def _group(kind: str, members: list[When]) -> When:
    return When.model_validate({kind: members})


whens = st.recursive(
    st.sampled_from(LEAVES),
    lambda inner: st.builds(_group, st.sampled_from(["any", "all", "none"]), st.lists(inner, min_size=1, max_size=3)),
    max_leaves=8,
)
"""Any nesting of groups over the content's own field tests: shapes the content does not use yet."""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers_data, st.lists(whens, min_size=1, max_size=3))
def test_a_compiled_check_of_any_shape_holds_when_its_tests_do(data: dict, tests: list[When]) -> None:
    answers = build(data)
    row = INDEX.read_row(answers)
    values = compile_check(tuple(tests), NAMES)(row)
    assert (values is not None) == all(_holds(test, answers) for test in tests), tests
    if values is not None:
        assert values == tuple(row if test.group else _answer(answers, test.field or "") for test in tests)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers_data)
def test_every_compiled_test_holds_when_its_tests_do(data: dict) -> None:
    answers = build(data)
    row = INDEX.read_row(answers)
    for tests, check in CHECKS:
        values = check(row)
        assert (values is not None) == all(_holds(test, answers) for test in tests), tests
        if values is not None and not any(test.group for test in tests):
            assert values == tuple(_answer(answers, test.field or "") for test in tests)


def test_a_class_test_in_a_group_resolves_medicines_not_resolved_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first medicines an assessment reads: nothing resolved yet, so the check must resolve them itself (a
    first version read the medicines only when the last ones resolved matched, and failed here)."""
    monkeypatch.setattr(checks, "_last_classes", (None, None, frozenset()))
    group = When.model_validate({"any": [{"field": "health.medicines", "classes": ["ppi"]}]})
    row = list(INDEX.read_row(build({})))
    row[SLOTS["health.medicines"]] = ("omeprazole",)
    assert compile_check((group,), NAMES)(tuple(row)) is not None
