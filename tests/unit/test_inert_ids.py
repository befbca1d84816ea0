"""No inert ids (issue 11): everything a person can answer changes some result, or is marked "asked for context".

An id the content accepts (a medicine class, a condition, a symptom) must change the assessment of some
persona compared with the same persona without it, beyond merely listing the item back with its sources:
a score, a caution, a food list, advice or a red flag. Every answer field of ``about``, ``sun``, ``diet``
and ``lifestyle`` must have some value that changes the assessment compared with its default. The
comparison is ``result_adapter().dump_python(assess(...), mode="json")``.
"""

from __future__ import annotations

import copy
import typing

import pytest

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import About, Answers, Diet, Lifestyle, Sun
from nutri_tui.models.assessment import result_adapter

CONTENT = load_content()
ADAPTER = result_adapter()

# A partner for ids whose effect needs a second answer (a combination caution or an implied red flag).
PARTNERS: dict[str, dict] = {
    "statin": {"health": {"symptoms": ["muscle_aches"]}},
    "paracetamol": {"health": {"conditions": ["liver_disease"]}},
    "tricyclic": {"health": {"medicines": ["tramadol"]}},
    "ssri_snri": {"health": {"medicines": ["aspirin"]}},
    "gabapentinoid": {"health": {"medicines": ["morphine"]}},
    "lithium": {"health": {"medicines": ["ibuprofen"]}},
    "cancer_treatment": {"back_pain": {"areas": ["lower"]}},
}
# Ids that change only their own line in the result (their note), with the reason they are asked anyway.
ASKED_FOR_CONTEXT_IDS: dict[str, str] = {}
DERIVED = {"pregnancy", "breastfeeding"}
"""Given as about.pregnancy, not as a condition (the answers file refuses them in health.conditions)."""

# Answer fields that change nothing, with the reason they are asked.
ASKED_FOR_CONTEXT_FIELDS = {
    "diet.processed_food": "no source links processed food to these nutrient gaps (issue 11), so the wizard no "
    "longer asks it; the field is kept so that older answers files and sessions still load",
    "lifestyle.smoking": "deliberately scores nothing (docs/content.md): no source shows smoking causes these "
    "deficiencies; asked for context",
}


def result(sections: dict, *, strip_own_items: bool = False) -> dict:
    answers = Answers.model_validate(sections, context={"content": CONTENT})
    dumped = ADAPTER.dump_python(assess(answers, CONTENT), mode="json")
    if strip_own_items:
        # The person's own medicines and conditions listed back, and the sources their notes cite.
        for key in ("medicines", "conditions", "sources"):
            dumped.pop(key, None)
    return dumped


def with_item(sections: dict, kind: str, value: str) -> dict:
    merged = copy.deepcopy(sections)
    health = merged.setdefault("health", {})
    health[kind] = [*health.get(kind, []), value]
    return merged


CATALOGUE_IDS = [
    *(("medicines", m) for m in CONTENT.medicines),
    *(("conditions", c) for c in CONTENT.conditions if c not in DERIVED),
    *(("symptoms", s) for s in CONTENT.symptoms),
]


@pytest.mark.parametrize(("kind", "item_id"), CATALOGUE_IDS, ids=[f"{k}:{i}" for k, i in CATALOGUE_IDS])
def test_every_content_id_changes_some_result(kind: str, item_id: str) -> None:
    if item_id in ASKED_FOR_CONTEXT_IDS:
        pytest.skip(ASKED_FOR_CONTEXT_IDS[item_id])
    value = CONTENT.medicines[item_id].examples[0] if kind == "medicines" else item_id
    partner = PARTNERS.get(item_id, {})
    before = result(partner, strip_own_items=True)
    after = result(with_item(partner, kind, value), strip_own_items=True)
    assert after != before, f"{kind} {item_id!r} changes nothing: give it an effect or list it as asked for context"


def test_the_exception_lists_name_real_ids_and_fields() -> None:
    assert set(ASKED_FOR_CONTEXT_IDS) <= set(CONTENT.medicines) | set(CONTENT.conditions) | set(CONTENT.symptoms)
    sections = {"about": About, "sun": Sun, "diet": Diet, "lifestyle": Lifestyle}
    for path in ASKED_FOR_CONTEXT_FIELDS:
        section, field = path.split(".")
        assert field in sections[section].model_fields, path


# A persona with every section answered (so "not answered" never changes) and several nutrients flagged
# (so food lists, which allergies act on, are shown). The field under test is taken out of it.
RICH = {
    "about": {"age": 40, "sex": "female", "diet": "vegetarian"},
    "sun": {"outdoor_minutes": "under_15", "season": "winter", "far_from_equator": "yes"},
    "diet": {"dairy_or_fortified": "never", "oily_fish": "never", "leafy_greens": "rarely"},
    "lifestyle": {"activity": "30_to_150", "sleep": "7_to_9"},
}
# Answers a field's rule reads together with it.
CONTEXT: dict[str, dict] = {
    "diet.meat": {"about": {"diet": "omnivore"}},
    "diet.oily_fish": {"about": {"diet": "omnivore"}},  # a vegetarian's oily fish is settled as never
}
NUMBERS = {
    "about.age": [14, 20, 35, 55, 75],
    "diet.alcohol_drinks_per_week": [0, 10, 30],
    "diet.caffeine_cups_per_day": [0, 3],
}


def _values(path: str, annotation: typing.Any) -> list[typing.Any]:
    if path in NUMBERS:
        return NUMBERS[path]
    instrument = CONTENT.instrument_asking(path)
    if instrument is not None:  # a questionnaire's answers (lifestyle.phq4): every question, at its highest score
        return [{item.id: max(instrument.answers_to(item), key=lambda a: a.score).id for item in instrument.item}]
    if annotation is bool:
        return [True]
    literals = _literals(annotation)
    if typing.get_origin(annotation) is tuple:
        return [(value,) for value in literals]
    return literals


def _literals(annotation: typing.Any) -> list[typing.Any]:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return [value for arg in typing.get_args(annotation) for value in _literals(arg)]


ANSWER_FIELDS = [
    (section, name, info.annotation)
    for section, model in (("about", About), ("sun", Sun), ("diet", Diet), ("lifestyle", Lifestyle))
    for name, info in model.model_fields.items()
]


@pytest.mark.parametrize(
    ("section", "name", "annotation"), ANSWER_FIELDS, ids=[f"{s}.{n}" for s, n, _ in ANSWER_FIELDS]
)
def test_every_answer_field_has_a_value_that_changes_a_result(section: str, name: str, annotation) -> None:
    path = f"{section}.{name}"
    if path in ASKED_FOR_CONTEXT_FIELDS:
        pytest.skip(ASKED_FOR_CONTEXT_FIELDS[path])
    base = copy.deepcopy(RICH)
    base[section].pop(name, None)
    for context_section, answers in CONTEXT.get(path, {}).items():
        base[context_section].update(answers)
    default = result(base)
    for value in _values(path, annotation):
        changed = copy.deepcopy(base)
        changed[section][name] = value
        if result(changed) != default:
            return
    pytest.fail(f"no value of {path} changes a result: give it a sourced rule or list it as asked for context")


@pytest.mark.parametrize("path", sorted(ASKED_FOR_CONTEXT_FIELDS))
def test_the_fields_asked_for_context_really_change_nothing(path: str) -> None:
    """If one gains a rule, it should leave the exception list."""
    section, name = path.split(".")
    annotation = {"about": About, "sun": Sun, "diet": Diet, "lifestyle": Lifestyle}[section].model_fields[name]
    base = copy.deepcopy(RICH)
    base[section].pop(name, None)
    default = result(base)
    for value in _values(path, annotation.annotation):
        changed = copy.deepcopy(base)
        changed[section][name] = value
        assert result(changed) == default, f"{path} = {value!r} changes a result: remove it from the exceptions"


def test_the_wizard_asks_nothing_that_changes_nothing_except_for_context() -> None:
    """A question without a sourced effect is asked only for context (smoking), or not asked at all."""
    from nutri_tui.questionnaire import QUESTIONS

    assert "diet.processed_food" not in QUESTIONS
    assert {path for path in ASKED_FOR_CONTEXT_FIELDS if path in QUESTIONS} == {"lifestyle.smoking"}
