"""The compiled tests' shortcuts (engine/checks.py: plain answers read inline, two ``in`` tests in one call, a group
without a read step) decide exactly what the tests say.

Each is checked against a plain reading of the content's ``when`` lists over generated answers: every list the
engine compiles (nutrient rules, notes, warning signs, food rules, advice, cautions).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from nutri_tui.engine.checks import compile_check
from nutri_tui.engine.index import index_for
from nutri_tui.models.answer_tests import When, value_holds
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


def test_the_content_has_each_kind_of_shortcut() -> None:
    kinds = {check.__name__ for _, check in CHECKS}
    assert {"check_group", "check_in_in", "check_in_at_least", "check_at_least"} <= kinds


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
