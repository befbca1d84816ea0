"""No hidden safety knowledge: every field of the knowledge base reaches the person it applies to.

``nutri_tui/models/field_roles.py`` gives every content field a role (shown, rule, key, or background
with a reason) and the loader refuses a field without one. These tests check the "shown" half: for
each entry, a person it applies to sees its text in ``--json``, ``assess`` text and the Markdown
report. Conditional entries (a note, a food rule, an advice rule with ``when``) each need a persona
in the tables below; a test fails when content gains one without a persona, so nothing new can hide.
"""

from __future__ import annotations

import functools
import json

import pytest

from nutri_tui.content import ContentError, load_content
from nutri_tui.engine.wording import lower_first
from nutri_tui.models import field_roles
from nutri_tui.models.field_roles import ROLES, content_models, unclassified_fields
from tests.outputs import Outputs, outputs

CONTENT = load_content()
FLAG_NO = {flag_id: "no" for flag_id in CONTENT.red_flags}

# Flags every nutrient (checked below), so each nutrient's notes, facts and foods are shown.
EVERYTHING = {
    "about": {"age": 75, "sex": "female", "diet": "vegan"},
    "sun": {"outdoor_minutes": "under_15", "covering_clothing": "yes", "season": "winter", "far_from_equator": "yes"},
    "diet": {
        "oily_fish": "never",
        "dairy_or_fortified": "never",
        "leafy_greens": "never",
        "nuts_seeds": "never",
        "legumes": "never",
        "whole_grains": "never",
        "fruit_veg": "rarely",
    },
    "health": {
        "conditions": ["coeliac_disease", "chronic_diarrhoea"],
        "symptoms": ["fatigue", "hair_loss", "dry_scaly_skin", "frequent_infections"],
        # Selenium is rated low for nearly everyone (deficiency is rare); a supplement of it makes its
        # facts and cautions apply, so they are shown in full.
        "supplements": [{"nutrient": "selenium", "amount": 50}],
    },
}
OMNIVORE = {**EVERYTHING, "about": {"age": 75, "sex": "female", "diet": "omnivore"}}

# Personas for each conditional entry: (kind, id or note text start) -> answers.
NOTE_PERSONAS = {
    ("iron", "In men, and in women past the menopause"): {
        "about": {"age": 60, "sex": "male"},
        "health": {"symptoms": ["fatigue", "pale_skin", "breathlessness"]},
    },
    ("vitamin_d", "Because you are not often outdoors"): {"sun": {"housebound": True}},
    ("potassium", "Muscle cramps, weakness or palpitations"): {
        "health": {"symptoms": ["muscle_cramps"], "medicines": ["furosemide"]},
    },
    ("vitamin_b12", "On a contraceptive pill"): {
        "about": {"age": 25, "sex": "female", "diet": "vegan"},
        "health": {"medicines": ["desogestrel"]},
    },
    # Notes about a food, for the people who may eat it; the statin note, for people who take one.
    ("vitamin_b12", "Canned salmon and tuna"): OMNIVORE,
    ("calcium", "The soft bones in canned sardines"): OMNIVORE,
    ("zinc", "Oysters hold more zinc"): OMNIVORE,
    ("vitamin_d", "Cheese and ice cream"): OMNIVORE,
    ("vitamin_d", "Statins are not known"): {
        **OMNIVORE,
        "health": {**OMNIVORE["health"], "medicines": ["simvastatin"]},
    },
}
FOOD_RULE_PERSONAS = {
    "pregnancy_vitamin_a": {"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}},
    "pregnancy_fish_limits": {
        "about": {"age": 30, "sex": "female", "pregnancy": "pregnant"},
        "sun": {"outdoor_minutes": "under_15", "season": "winter"},
        "diet": {"oily_fish": "never"},
    },
    "liver_last": {"sun": {"outdoor_minutes": "under_15", "housebound": True}},
    "warfarin_vitamin_k": {
        "about": {"age": 72, "sex": "female"},
        "diet": {"dairy_or_fortified": "never"},
        "health": {"medicines": ["warfarin"]},
    },
    "coeliac_no_gluten": {"about": {"age": 40, "sex": "female"}, "health": {"conditions": ["coeliac_disease"]}},
    "potassium_rich_kidney": {
        "about": {"age": 40, "sex": "female"},
        "diet": {"legumes": "never", "leafy_greens": "never", "fruit_veg": "rarely"},
        "health": {"conditions": ["kidney_disease"]},
    },
}
ADVICE_PERSONAS = {
    "stress_and_recovery": {"lifestyle": {"stress": "high"}},
    "sleep_and_recovery": {"lifestyle": {"sleep": "under_6"}},
    "heat_for_short_term_relief": {"back_pain": {"areas": ["lower"], "duration": "acute"}},
    "group_exercise_for_chronic_pain": {"back_pain": {"areas": ["lower"], "duration": "chronic"}},
    "little_activity": {"lifestyle": {"activity": "under_30"}},
    "folic_acid_before_pregnancy": {"about": {"age": 30, "sex": "female"}},
    "folic_acid_trying_for_a_baby": {"about": {"age": 30, "sex": "female", "pregnancy": "trying"}},
    "folic_acid_early_pregnancy": {"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}},
    "vitamin_d_pregnancy_breastfeeding": {"about": {"age": 30, "sex": "female", "pregnancy": "breastfeeding"}},
    "folic_acid_higher_dose": {
        "about": {"age": 30, "sex": "female", "pregnancy": "trying"},
        "health": {"conditions": ["type1_diabetes"]},
    },
    "back_pain_in_pregnancy": {"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}},
    "tea_and_iron_tablets": {
        "diet": {"caffeine_cups_per_day": 3},
        "health": {"supplements": [{"nutrient": "iron", "amount": 65}]},
    },
    "tea_coffee_and_plant_iron": {"about": {"diet": "vegetarian"}, "diet": {"caffeine_cups_per_day": 2}},
    "sun_protection": {"sun": {"sunscreen": "never"}},
    "heat_with_reduced_feeling": {"health": {"conditions": ["type2_diabetes"]}},
    "check_before_exercise": {"lifestyle": {"chest_pain_on_activity": "yes"}},
    "balance_and_strength_for_falls": {"about": {"age": 70}},
    "falls_assessment": {"about": {"age": 80}, "lifestyle": {"falls_past_year": "more"}},
    "exercise_with_thin_bones": {"health": {"conditions": ["osteoporosis"]}},
    "exercise_in_pregnancy": {"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}},
    "exercise_for_inflammatory_pattern": {
        "about": {"age": 30},
        "back_pain": {"areas": ["lower"], "duration": "chronic", "red_flags": {"inflammatory_pattern": "yes"}},
    },
    "stop_signs_in_pregnancy": {"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}},
}
RED_FLAG_PERSONAS = {
    "pregnancy_bleeding_pain": {"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}},
    "pregnancy_warning_signs": {"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}},
    "age_onset": {"about": {"age": 60}},
}
DERIVED_CONDITIONS = {
    "pregnancy": {"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}},
    "breastfeeding": {"about": {"age": 30, "sex": "female", "pregnancy": "breastfeeding"}},
    "alcohol_use": {"about": {"age": 40, "sex": "male"}, "diet": {"alcohol_drinks_per_week": 30}},
}


def show(sections: dict) -> Outputs:
    """The outputs for these answers; worked out once per test process for each set of answers (the flag-everything
    personas are read by a hundred of the tests below, and none changes what it is given)."""
    return _shown(json.dumps(sections, sort_keys=True))


@functools.cache
def _shown(sections: str) -> Outputs:
    return outputs(json.loads(sections), CONTENT)


def assert_shown(seen: Outputs, text: str, what: str) -> None:
    assert seen.everywhere(text), f"{what}: not shown in {', '.join(seen.missing(text))}: {text[:80]!r}"


# --- every field has a role, and the loader enforces it -------------------------------------------


def test_every_content_field_has_a_role() -> None:
    assert unclassified_fields() == []
    for model in content_models():
        for name in ROLES.get(model.__name__, {}):
            assert name in model.model_fields or (model.__name__, name) == ("Source", "kind"), (model, name)


def test_a_field_without_a_role_stops_the_loader(monkeypatch: pytest.MonkeyPatch, content_copy) -> None:
    roles = {model: dict(fields) for model, fields in ROLES.items()}
    del roles["Food"]["note"]
    monkeypatch.setattr(field_roles, "ROLES", roles)
    with pytest.raises(ContentError, match=r"Food\.note: no display role"):
        load_content(content_copy)


def test_background_fields_say_why() -> None:
    for fields in ROLES.values():
        for role in fields.values():
            if role.startswith("background"):
                assert len(role) > len("background: ") + 20


# --- what a person sees -----------------------------------------------------------------------------


def test_the_flag_everything_personas_show_every_nutrient_in_full() -> None:
    from nutri_tui.reports.result_text import in_full

    for sections in (EVERYTHING, OMNIVORE):
        result = show(sections).result
        assert all(in_full(n, result) for n in result.nutrients), {n.id: n.level for n in result.nutrients}


@pytest.mark.parametrize("medicine_id", sorted(CONTENT.medicines))
def test_each_medicine_note_and_its_interactions_reach_a_person_who_takes_it(medicine_id: str) -> None:
    medicine = CONTENT.medicines[medicine_id]
    seen = show({"health": {"medicines": [medicine.examples[0]]}})
    assert_shown(seen, medicine.note, f"medicine {medicine_id}")
    for nutrient in CONTENT.nutrients.values():
        for interaction in nutrient.interactions:
            if interaction.medicine == medicine_id:
                assert_shown(seen, lower_first(interaction.text), f"{nutrient.id} x {medicine_id}")
                assert_shown(seen, interaction.advice, f"{nutrient.id} x {medicine_id}")


@pytest.mark.parametrize("condition_id", sorted(CONTENT.conditions))
def test_each_condition_note_and_its_interactions_reach_a_person_who_has_it(condition_id: str) -> None:
    condition = CONTENT.conditions[condition_id]
    seen = show(DERIVED_CONDITIONS.get(condition_id, {"health": {"conditions": [condition_id]}}))
    assert_shown(seen, condition.note, f"condition {condition_id}")
    for nutrient in CONTENT.nutrients.values():
        for interaction in nutrient.interactions:
            if interaction.condition == condition_id:
                assert_shown(seen, lower_first(interaction.text), f"{nutrient.id} x {condition_id}")


@pytest.mark.parametrize("nutrient_id", sorted(CONTENT.nutrients))
def test_each_nutrients_facts_and_notes_reach_a_person_it_is_flagged_for(nutrient_id: str) -> None:
    nutrient = CONTENT.nutrients[nutrient_id]
    seen = show(EVERYTHING)
    for statement in (nutrient.summary, *nutrient.at_risk, *nutrient.signs, *nutrient.excess):
        assert_shown(seen, statement.text, f"{nutrient_id} statement")
    assert_shown(seen, nutrient.test.limits, f"{nutrient_id} test")
    if nutrient.targets.note:
        assert_shown(seen, nutrient.targets.note, f"{nutrient_id} target note")
    assert_shown(seen, nutrient.upper_limit.note, f"{nutrient_id} upper-limit note")
    for note in nutrient.notes:
        if note.background:
            continue
        if note.when:
            persona = next(
                (p for (n, start), p in NOTE_PERSONAS.items() if n == nutrient_id and note.text.startswith(start))
            )
            assert_shown(show(persona), note.text, f"{nutrient_id} conditional note")
        elif not note.advises_taking or nutrient_id != "vitamin_d":
            assert_shown(seen, note.text, f"{nutrient_id} note")


def test_every_conditional_note_has_a_persona() -> None:
    conditional = {(n.id, note.text) for n in CONTENT.nutrients.values() for note in n.notes if note.when}
    covered = {
        (n, text) for n, text in conditional for (m, start) in NOTE_PERSONAS if m == n and text.startswith(start)
    }
    assert covered == conditional


@pytest.mark.parametrize("sections", [EVERYTHING, OMNIVORE], ids=["vegan", "omnivore"])
def test_each_suggested_food_carries_its_note_everywhere_it_is_listed(sections: dict) -> None:
    seen = show(sections)
    for finding in seen.result.nutrients:
        for position, food in enumerate(finding.foods):
            if not food.note:
                continue
            assert food.note in seen.json_text
            if position < 4:  # assess text lists the first four foods of each nutrient, the report six
                assert food.note in seen.text and food.note in seen.report, (finding.id, food.id)


@pytest.mark.parametrize("rule_id", sorted(CONTENT.food_rules))
def test_each_food_rule_reaches_a_person_it_applies_to(rule_id: str) -> None:
    assert_shown(show(FOOD_RULE_PERSONAS[rule_id]), CONTENT.food_rules[rule_id].text, f"food rule {rule_id}")


@pytest.mark.parametrize("rule_id", [rule.id for rule in CONTENT.rules.advice])
def test_each_advice_rule_reaches_a_person_it_applies_to(rule_id: str) -> None:
    rule = next(r for r in CONTENT.rules.advice if r.id == rule_id)
    conditional = bool(rule.when) or rule.situation is not None
    persona = ADVICE_PERSONAS.get(rule_id, {}) if conditional else {}
    assert not conditional or rule_id in ADVICE_PERSONAS, f"advice {rule_id} needs a persona"
    assert_shown(show(persona), rule.text, f"advice {rule_id}")


@pytest.mark.parametrize("rule_id", [rule.id for rule in CONTENT.rules.nutrient_rule])
def test_each_scoring_rule_gives_its_reason_in_words(rule_id: str) -> None:
    rule = next(r for r in CONTENT.rules.nutrient_rule if r.id == rule_id)
    seen = show(EVERYTHING if rule.nutrient != "iron" else OMNIVORE)
    reasons = [r.text for n in seen.result.nutrients for r in n.reasons]
    if any(reason.startswith(rule.text) for reason in reasons):
        assert_shown(seen, rule.text, f"rule {rule_id}")


@pytest.mark.parametrize("flag_id", sorted(CONTENT.red_flags))
def test_each_red_flag_said_yes_shows_its_meaning_and_advice(flag_id: str) -> None:
    flag = CONTENT.red_flags[flag_id]
    persona = RED_FLAG_PERSONAS.get(flag_id, {})
    seen = show({**persona, "back_pain": {"areas": ["lower"], "red_flags": {**FLAG_NO, flag_id: "yes"}}})
    for text in (flag.meaning, flag.advice):
        assert_shown(seen, text, f"red flag {flag_id}")
    assert seen.result.flags_answered == seen.result.flags_asked


@pytest.mark.parametrize("exercise_id", sorted(CONTENT.exercises))
def test_each_exercise_shows_what_it_is_who_it_suits_its_evidence_and_when_to_stop(exercise_id: str) -> None:
    exercise = CONTENT.exercises[exercise_id]
    seen = show({"back_pain": {"areas": ["lower"], "duration": "chronic", "intensity": 4, "red_flags": FLAG_NO}})
    for text in (exercise.description, exercise.suits, exercise.evidence, exercise.stop_if):
        assert_shown(seen, text, f"exercise {exercise_id}")


def test_the_knowledge_base_version_review_date_and_disclaimer_are_shown() -> None:
    seen = show({})
    assert seen.result.content_version == CONTENT.version
    assert seen.result.content_reviewed == CONTENT.manifest.reviewed.isoformat()
    assert_shown(seen, CONTENT.manifest.disclaimer, "disclaimer")
    assert f"knowledge base {CONTENT.version}, reviewed {CONTENT.manifest.reviewed.isoformat()}" in seen.text
    assert f"reviewed {CONTENT.manifest.reviewed.isoformat()}" in seen.report


def test_sources_show_when_they_were_checked_and_whether_the_address_is_confirmed() -> None:
    seen = show(EVERYTHING)
    unconfirmed = next(s for s in seen.result.sources if s.url_unverified)
    assert "(address not yet confirmed)" in seen.text and "(address not yet confirmed)" in seen.report
    assert f"Checked {unconfirmed.reviewed}." in seen.text
