"""The answer row (engine/answer_row.py) holds exactly what the models hold: every compiled test reads it instead
of the pydantic attributes, so a slot out of step would change results silently."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from nutri_tui.engine.answer_row import FIELDS, SLOTS, read_row, reader
from nutri_tui.models.answers import Answers, field_value
from tests.unit.test_engine_properties import CONTENT, answers_data, build


def test_the_row_has_every_answer_of_every_section_once() -> None:
    expected = [
        f"{section}.{name}"
        for section, info in Answers.model_fields.items()
        if section != "format"
        for name in info.annotation.model_fields
    ]
    assert list(FIELDS) == expected
    assert len(SLOTS) == len(FIELDS)


def test_an_empty_answers_file_reads_as_its_defaults() -> None:
    answers = Answers()
    assert read_row(answers) == tuple(field_value(answers, field) for field in FIELDS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers_data)
def test_each_slot_is_the_answer_itself(data: dict) -> None:
    answers = build(data)
    row = read_row(answers)
    for field in FIELDS:
        assert row[SLOTS[field]] is field_value(answers, field)
    for flag in CONTENT.red_flags:
        read = reader(f"back_pain.red_flags.{flag}")
        assert not isinstance(read, int)
        assert read(row) == answers.back_pain.red_flags.get(flag)
