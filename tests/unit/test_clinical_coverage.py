"""Clinical coverage (issue 11): the medicines, conditions and symptoms people with back pain actually have.

Each new medicine class, condition and symptom has a persona whose result says what a GP or pharmacist
would expect; the issue's "done" personas (ibuprofen with co-codamol, apixaban, a bowel resection, 50 mg
of vitamin B6 with tingling) are checked as a new user would meet them. Expected wording is read from
the content, so a reworded caution does not break a test, but a caution that stops reaching the person
does. Every assertion about the person's reading holds in ``--json``, ``assess`` text and the Markdown
report (tests/outputs.py), back-pain notes and every medicine caution included.
"""

from __future__ import annotations

import pytest

from nutri_tui.content import load_content
from nutri_tui.engine.index import index_for
from nutri_tui.engine.wording import lower_first
from nutri_tui.models.assessment import Assessment, NutrientFinding
from tests.outputs import Outputs, outputs

CONTENT = load_content()
FLAG_NO = {flag_id: "no" for flag_id in CONTENT.red_flags}


def show(**sections: dict) -> Outputs:
    return outputs(sections, CONTENT)


def finding(result: Assessment, nutrient_id: str) -> NutrientFinding:
    return next(n for n in result.nutrients if n.id == nutrient_id)


def caution_ids(result: Assessment) -> set[str]:
    return {c.about.removeprefix("medicines:") for c in result.medicine_cautions}


def interaction(nutrient_id: str, *, medicine: str = "", condition: str = ""):
    return next(
        i
        for i in CONTENT.nutrients[nutrient_id].interactions
        if (medicine and i.medicine == medicine) or (condition and i.condition == condition)
    )


def in_json(seen: Outputs, text: str) -> bool:
    return " ".join(text.split()) in seen.json_text


def assert_everywhere(seen: Outputs, text: str) -> None:
    assert seen.everywhere(text), f"missing in {seen.missing(text)}: {text[:90]!r}"


def assert_doctor_first_caution(seen: Outputs, caution_id: str) -> None:
    """A doctor-first combination caution leads the summary, in every output."""
    caution = CONTENT.medicine_cautions[caution_id]
    assert caution.severity == "doctor_first"
    assert caution_id in caution_ids(seen.result)
    assert_everywhere(seen, f"Ask your doctor or pharmacist first: {caution.text}")


def assert_caution_given(seen: Outputs, caution_id: str) -> None:
    """A caution or info combination caution is in the result (rendered in --json)."""
    assert caution_id in caution_ids(seen.result), caution_ids(seen.result)
    assert in_json(seen, CONTENT.medicine_cautions[caution_id].text)


def assert_back_pain_note(seen: Outputs, medicine_id: str) -> None:
    note = CONTENT.medicines[medicine_id].back_pain_note
    assert note and any(m.id == medicine_id and m.back_pain_note == note for m in seen.result.medicines)
    assert in_json(seen, note)


# --- the issue's "done" personas --------------------------------------------------------------------


def test_ibuprofen_and_co_codamol_as_a_new_user_types_them() -> None:
    """Both names are accepted; co-codamol counts as codeine and as paracetamol; NICE's view of each is given."""
    seen = show(
        about={"age": 58, "sex": "male"},
        health={"medicines": ["Ibuprofen", "co-codamol"]},
        back_pain={"areas": ["lower"], "duration": "acute", "intensity": 6, "red_flags": FLAG_NO},
    )
    taken = {(m.said_as, m.id) for m in seen.result.medicines}
    assert taken == {("Ibuprofen", "nsaid"), ("co-codamol", "opioid_weak"), ("co-codamol", "paracetamol")}
    for medicine_id in ("nsaid", "opioid_weak", "paracetamol"):
        assert_everywhere(seen, CONTENT.medicines[medicine_id].note)
        assert_back_pain_note(seen, medicine_id)
    # Gut bleeding and iron, potassium and the kidneys: what a GP checks before an NSAID.
    assert_everywhere(seen, lower_first(interaction("iron", medicine="nsaid").text))
    assert_everywhere(seen, lower_first(interaction("potassium", medicine="nsaid").text))
    assert_caution_given(seen, "opioid_constipation")
    assert "nsaid_age_65" not in caution_ids(seen.result)


def test_apixaban_has_no_vitamin_k_rule_and_ibuprofen_on_top_needs_a_doctor_first() -> None:
    seen = show(about={"age": 72, "sex": "female"}, health={"medicines": ["apixaban"]})
    assert [m.id for m in seen.result.medicines] == ["doac"]
    assert_everywhere(seen, CONTENT.medicines["doac"].note)
    assert seen.nowhere(CONTENT.food_rules["warfarin_vitamin_k"].text)
    with_nsaid = show(about={"age": 72, "sex": "female"}, health={"medicines": ["Eliquis", "ibuprofen"]})
    assert_doctor_first_caution(with_nsaid, "nsaid_blood_thinner")
    assert_caution_given(with_nsaid, "nsaid_age_65")


def test_a_bowel_resection_that_removed_the_ileum_makes_b12_high_and_says_why() -> None:
    seen = show(about={"age": 45, "sex": "male"}, health={"conditions": ["ileal_resection"]})
    b12 = finding(seen.result, "vitamin_b12")
    assert b12.level == "high"
    assert_everywhere(seen, CONTENT.conditions["ileal_resection"].note)
    assert_everywhere(seen, lower_first(interaction("vitamin_b12", condition="ileal_resection").text))


def test_50_mg_of_b6_with_tingling_points_to_the_b6_itself() -> None:
    seen = show(
        about={"age": 40, "sex": "female"},
        health={"supplements": [{"nutrient": "vitamin_b6", "amount": 50}], "symptoms": ["tingling_numbness"]},
    )
    cautions = {c.text: c for c in seen.result.supplement_cautions}
    b6 = CONTENT.topics["vitamin_b6"].supplement_cautions
    assert set(cautions) == {b6[0].text, b6[1].text}  # over 10 mg, and over 10 mg with tingling; not over 100
    assert_everywhere(seen, f"Ask your doctor or pharmacist first: {b6[1].text}")


# --- one persona per new medicine class -----------------------------------------------------------------


def test_nsaid_with_a_blood_pressure_medicine_and_a_water_tablet_is_the_triple_whammy() -> None:
    seen = show(health={"medicines": ["ramipril", "furosemide", "naproxen"]})
    assert_doctor_first_caution(seen, "triple_whammy")
    two_only = show(health={"medicines": ["ramipril", "naproxen"]})
    assert "triple_whammy" not in caution_ids(two_only.result)


@pytest.mark.parametrize(
    ("medicines", "conditions", "about", "caution_id"),
    [
        (["ibuprofen", "aspirin"], [], {}, "nsaid_antiplatelet"),
        (["ibuprofen", "lithium"], [], {}, "nsaid_lithium"),
        (["diclofenac"], ["kidney_disease"], {}, "nsaid_kidney_disease"),
        (["ibuprofen"], ["heart_failure"], {}, "nsaid_heart_failure"),
        (["ibuprofen"], ["peptic_ulcer"], {}, "nsaid_past_ulcer"),
        (["ibuprofen", "tacrolimus"], [], {}, "nsaid_calcineurin"),
        (["ibuprofen"], [], {"age": 30, "sex": "female", "pregnancy": "pregnant"}, "nsaid_pregnancy"),
    ],
)
def test_nsaid_combinations_that_need_a_doctor_first(medicines, conditions, about, caution_id) -> None:
    seen = show(about=about, health={"medicines": medicines, "conditions": conditions})
    assert_doctor_first_caution(seen, caution_id)


@pytest.mark.parametrize(
    ("medicines", "caution_id"),
    [(["ibuprofen", "sertraline"], "nsaid_ssri"), (["ibuprofen", "prednisolone"], "nsaid_steroid")],
)
def test_nsaid_combinations_that_raise_stomach_bleeding(medicines, caution_id) -> None:
    assert_caution_given(show(health={"medicines": medicines}), caution_id)


def test_nsaid_from_65_asks_about_stomach_protection_unless_a_ppi_is_taken() -> None:
    assert_caution_given(show(about={"age": 70}, health={"medicines": ["ibuprofen"]}), "nsaid_age_65")
    protected = show(about={"age": 70}, health={"medicines": ["ibuprofen", "omeprazole"]})
    assert "nsaid_age_65" not in caution_ids(protected.result)


def test_paracetamol_says_nice_advises_against_it_alone_and_warns_on_liver_weight_and_alcohol() -> None:
    seen = show(health={"medicines": ["paracetamol"], "conditions": ["liver_disease", "eating_disorder_low_weight"]})
    assert_back_pain_note(seen, "paracetamol")
    assert {"paracetamol_liver_disease", "paracetamol_low_weight"} <= caution_ids(seen.result)
    drinking = show(diet={"alcohol_drinks_per_week": 28}, health={"medicines": ["Panadol"]})
    assert_caution_given(drinking, "paracetamol_alcohol")


def test_opioids_advise_on_constipation_and_breathing_with_gabapentinoids() -> None:
    seen = show(health={"medicines": ["morphine", "pregabalin"]})
    assert_back_pain_note(seen, "opioid_strong")
    assert_back_pain_note(seen, "gabapentinoid")
    assert {"opioid_constipation", "opioid_gabapentinoid"} <= caution_ids(seen.result)
    assert_everywhere(seen, CONTENT.medicines["gabapentinoid"].note)


def test_tramadol_with_an_antidepressant_warns_of_serotonin_syndrome() -> None:
    for antidepressant, medicine_id in (("amitriptyline", "tricyclic"), ("Prozac", "ssri_snri")):
        seen = show(health={"medicines": ["Zydol", antidepressant]})
        assert_caution_given(seen, "tramadol_antidepressant")
        assert_back_pain_note(seen, medicine_id)
        assert_back_pain_note(seen, "tramadol")


def test_ssri_with_aspirin_or_fish_oil_mentions_bleeding() -> None:
    seen = show(health={"medicines": ["sertraline", "aspirin"], "supplements": [{"nutrient": "omega_3", "amount": 1}]})
    assert {"ssri_bleeding_risk", "ssri_fish_oil"} <= caution_ids(seen.result)
    assert_everywhere(seen, CONTENT.medicines["ssri_snri"].note)


def test_the_pill_tells_a_vegan_that_a_b12_result_may_read_low_without_a_shortage() -> None:
    seen = show(about={"age": 25, "sex": "female", "diet": "vegan"}, health={"medicines": ["desogestrel"]})
    note = next(n for n in CONTENT.nutrients["vitamin_b12"].notes if n.text.startswith("On a contraceptive pill"))
    assert any(n.text == note.text for n in finding(seen.result, "vitamin_b12").notes)
    assert_everywhere(seen, note.text)
    assert_everywhere(seen, CONTENT.medicines["oral_contraceptive"].note)
    without = show(about={"age": 25, "sex": "female", "diet": "vegan"})
    assert without.nowhere(note.text)


def test_lithium_with_a_water_tablet_is_a_caution() -> None:
    assert_caution_given(show(health={"medicines": ["Priadel", "bendroflumethiazide"]}), "lithium_water_tablets")


def test_colchicine_lowers_b12_a_little_and_statins_raise_colchicine() -> None:
    seen = show(health={"medicines": ["colchicine", "Lipitor"]})
    assert any(r.answer == "health.medicines = colchicine" for r in finding(seen.result, "vitamin_b12").reasons)
    assert_caution_given(seen, "colchicine_statin")


def test_tacrolimus_needs_the_team_for_potassium_lowers_magnesium_and_implies_infection_risk() -> None:
    seen = show(health={"medicines": ["Prograf"]}, back_pain={"areas": ["lower"]})
    potassium = finding(seen.result, "potassium")
    assert potassium.diet_doctor_first and potassium.foods == ()
    assert any(r.answer == "health.medicines = Prograf" for r in finding(seen.result, "magnesium").reasons)
    flag = next(f for f in seen.result.red_flags if f.id == "infection_risk")
    assert flag.answer == "implied"


def test_denosumab_needs_calcium_and_vitamin_d_and_a_doctor_first_with_kidney_disease() -> None:
    seen = show(health={"medicines": ["Prolia"], "conditions": ["kidney_disease"]})
    for nutrient_id in ("calcium", "vitamin_d"):
        assert any(r.answer == "health.medicines = Prolia" for r in finding(seen.result, nutrient_id).reasons)
    assert_doctor_first_caution(seen, "denosumab_kidney_disease")


def test_calcitriol_means_no_other_vitamin_d_and_calcium_only_as_the_specialist_says() -> None:
    seen = show(health={"medicines": ["calcitriol"]})
    vitamin_d, calcium = finding(seen.result, "vitamin_d"), finding(seen.result, "calcium")
    assert vitamin_d.doctor_first and calcium.doctor_first and calcium.diet_doctor_first
    assert_everywhere(seen, lower_first(interaction("vitamin_d", medicine="active_vitamin_d").text))
    assert_everywhere(seen, lower_first(interaction("calcium", medicine="active_vitamin_d").text))


def test_milk_of_magnesia_counts_towards_the_magnesium_limit_and_needs_a_doctor_with_kidney_disease() -> None:
    seen = show(health={"medicines": ["Milk of Magnesia"], "conditions": ["kidney_disease"]})
    assert_everywhere(seen, lower_first(interaction("magnesium", medicine="magnesium_antacid_laxative").text))
    assert_doctor_first_caution(seen, "magnesium_antacid_kidney_disease")


def test_rennie_counts_as_calcium_and_magnesium_and_is_not_for_people_with_stones() -> None:
    seen = show(health={"medicines": ["Rennie"], "conditions": ["kidney_stones_high_calcium"]})
    assert {m.id for m in seen.result.medicines} == {"calcium_antacid", "magnesium_antacid_laxative"}
    assert_doctor_first_caution(seen, "calcium_antacid_stones_kidney")
    assert_everywhere(seen, lower_first(interaction("calcium", medicine="calcium_antacid").text))


def test_antacids_are_kept_apart_from_thyroid_tablets_and_iron() -> None:
    seen = show(
        health={
            "medicines": ["Gaviscon", "levothyroxine"],
            "supplements": [{"nutrient": "iron", "amount": 65}],
        }
    )
    assert {"antacid_spacing", "antacid_iron_supplement"} <= caution_ids(seen.result)


def test_nitrous_oxide_makes_b12_high_and_with_numb_legs_sends_the_person_to_a_doctor_today() -> None:
    seen = show(about={"age": 22, "sex": "male"}, health={"medicines": ["laughing gas"]})
    b12 = finding(seen.result, "vitamin_b12")
    assert b12.level == "high" and b12.doctor_first
    assert_everywhere(seen, CONTENT.medicines["nitrous_oxide"].note)
    numb = show(
        about={"age": 22, "sex": "male"},
        health={"medicines": ["nitrous oxide"], "symptoms": ["tingling_numbness"]},
    )
    assert_doctor_first_caution(numb, "nitrous_oxide_nerve_symptoms")
    assert "emergency" in CONTENT.medicine_cautions["nitrous_oxide_nerve_symptoms"].text


# --- one persona per new condition and symptom ---------------------------------------------------------


@pytest.mark.parametrize(
    ("condition_id", "nutrient_id"),
    [
        ("heart_failure", "iron"),
        ("obesity", "vitamin_d"),
        ("eating_disorder_low_weight", "calcium"),
        ("cf_pancreatic_insufficiency", "vitamin_d"),
        ("peptic_ulcer", "iron"),
    ],
)
def test_each_new_condition_gives_its_reason_and_note(condition_id: str, nutrient_id: str) -> None:
    seen = show(health={"conditions": [condition_id]})
    assert_everywhere(seen, CONTENT.conditions[condition_id].note)
    reasons = finding(seen.result, nutrient_id).reasons
    assert any(r.answer == f"health.conditions = {condition_id}" for r in reasons)


def test_an_eating_disorder_asks_a_doctor_before_any_potassium_supplement() -> None:
    seen = show(health={"conditions": ["eating_disorder_low_weight"]})
    assert finding(seen.result, "potassium").doctor_first
    assert_everywhere(seen, lower_first(interaction("potassium", condition="eating_disorder_low_weight").text))


def test_past_kidney_stones_keep_calcium_foods_but_ask_before_calcium_or_vitamin_d_supplements() -> None:
    seen = show(
        about={"age": 60, "sex": "female"},
        diet={"dairy_or_fortified": "never"},
        health={"conditions": ["kidney_stones_high_calcium"]},
    )
    calcium, vitamin_d = finding(seen.result, "calcium"), finding(seen.result, "vitamin_d")
    assert calcium.doctor_first and not calcium.diet_doctor_first and calcium.foods
    assert vitamin_d.doctor_first
    assert_everywhere(seen, CONTENT.conditions["kidney_stones_high_calcium"].note)


def test_thalassaemia_or_sickle_cell_never_suggests_iron_even_when_iron_looks_low() -> None:
    seen = show(
        about={"age": 30, "sex": "female"},
        diet={"meat": "never", "legumes": "never", "leafy_greens": "never"},
        health={"conditions": ["thalassaemia_sickle_cell", "heavy_periods"], "symptoms": ["fatigue", "pale_skin"]},
    )
    iron = finding(seen.result, "iron")
    assert iron.level != "low" and iron.doctor_first
    assert all(a.id != "tea_and_iron_tablets" for a in seen.result.advice)
    assert_everywhere(seen, lower_first(interaction("iron", condition="thalassaemia_sickle_cell").text))
    assert "Ask your doctor first before taking any supplement of: Iron" in seen.text


def test_cancer_treatment_with_back_pain_implies_the_cancer_red_flag_and_asks_about_supplements() -> None:
    seen = show(
        health={"conditions": ["cancer_treatment"], "supplements": [{"nutrient": "vitamin_d", "amount": 25}]},
        back_pain={"areas": ["lower"], "red_flags": {**FLAG_NO, "cancer_history": "no"}},
    )
    flag = next(f for f in seen.result.red_flags if f.id == "cancer_history")
    assert flag.answer == "implied"
    assert_everywhere(seen, CONTENT.red_flags["cancer_history"].advice)
    assert_caution_given(seen, "cancer_treatment_supplements")
    no_pain = show(health={"conditions": ["cancer_treatment"]})
    assert all(f.id != "cancer_history" or f.answer != "implied" for f in no_pain.result.red_flags)


def test_aching_muscles_point_to_vitamin_d_with_their_other_causes_and_to_a_statin() -> None:
    seen = show(
        sun={"outdoor_minutes": "under_15"},  # vitamin D flagged, so the report shows its reasons in full
        health={"symptoms": ["muscle_aches"], "medicines": ["simvastatin"]},
    )
    reason = next(r for r in finding(seen.result, "vitamin_d").reasons if r.answer == "health.symptoms = muscle_aches")
    assert CONTENT.symptoms["muscle_aches"].note in reason.text
    assert_everywhere(seen, CONTENT.symptoms["muscle_aches"].note)
    assert_caution_given(seen, "statin_muscle_aches")


def test_breathlessness_says_when_it_is_an_emergency() -> None:
    symptom = CONTENT.symptoms["breathlessness"]
    assert "emergency" in symptom.warning and "chest pain" in symptom.warning
    assert "emergency" not in symptom.note  # the everyday causes are not worded as an emergency
    # Iron flagged (heavy periods), so the report shows its reasons in full.
    seen = show(
        about={"age": 30, "sex": "female"}, health={"symptoms": ["breathlessness"], "conditions": ["heavy_periods"]}
    )
    assert_everywhere(seen, symptom.note)
    assert_everywhere(seen, symptom.warning)  # once, with the safety net


# --- the answers that used to change nothing ------------------------------------------------------------


def test_little_meat_for_an_omnivore_adds_to_iron_and_zinc() -> None:
    seen = show(about={"diet": "omnivore"}, diet={"meat": "rarely"})
    for nutrient_id, rule_id in (("iron", "little_meat_iron"), ("zinc", "little_meat_zinc")):
        rule = next(r for r in CONTENT.rules.nutrient_rule if r.id == rule_id)
        assert any(r.text.startswith(rule.text) for r in finding(seen.result, nutrient_id).reasons)


def test_tea_drinkers_taking_iron_are_told_to_take_it_apart() -> None:
    seen = show(diet={"caffeine_cups_per_day": 4}, health={"supplements": [{"nutrient": "iron", "amount": 65}]})
    assert any(a.id == "tea_and_iron_tablets" for a in seen.result.advice)


# --- every output ---------------------------------------------------------------------


def test_back_pain_notes_and_every_medicine_caution_reach_the_text_and_the_report() -> None:
    seen = show(about={"age": 70}, health={"medicines": ["ibuprofen", "codeine"]})
    assert_everywhere(seen, CONTENT.medicines["nsaid"].back_pain_note)
    assert_everywhere(seen, CONTENT.medicine_cautions["opioid_constipation"].text)
    assert_everywhere(seen, CONTENT.medicine_cautions["nsaid_age_65"].text)


# --- brand and combination names ---------------------------------------------------------------------

REQUIRED_NAMES = {
    "Nurofen": ("nsaid",),
    "Advil": ("nsaid",),
    "Brufen": ("nsaid",),
    "Voltarol": ("nsaid",),
    "Voltaren": ("nsaid",),
    "Naprosyn": ("nsaid",),
    "Celebrex": ("nsaid",),
    "Arcoxia": ("nsaid",),
    "Panadol": ("paracetamol",),
    "Tylenol": ("paracetamol",),
    "co-codamol": ("opioid_weak", "paracetamol"),
    "co-dydramol": ("opioid_weak", "paracetamol"),
    "Nuromol": ("nsaid", "paracetamol"),
    "Vimovo": ("nsaid", "ppi"),
    "Zydol": ("tramadol",),
    "Losec": ("ppi",),
    "Prilosec": ("ppi",),
    "Nexium": ("ppi",),
    "Lipitor": ("statin",),
    "Zocor": ("statin",),
    "Crestor": ("statin",),
    "Coumadin": ("warfarin",),
    "Marevan": ("warfarin",),
    "Eliquis": ("doac",),
    "Xarelto": ("doac",),
    "Lixiana": ("doac",),
    "Savaysa": ("doac",),
    "Pradaxa": ("doac",),
    "Plavix": ("antiplatelet",),
    "Fosamax": ("bisphosphonate",),
    "Lanoxin": ("digoxin",),
    "Glucophage": ("metformin",),
    "Prozac": ("ssri_snri",),
    "Cymbalta": ("ssri_snri",),
    "Lyrica": ("gabapentinoid",),
    "Neurontin": ("gabapentinoid",),
    "Gaviscon": ("calcium_antacid", "magnesium_antacid_laxative"),
    "Rennie": ("calcium_antacid", "magnesium_antacid_laxative"),
    "Milk of Magnesia": ("magnesium_antacid_laxative",),
}


def test_every_name_in_the_brand_table_resolves_to_its_classes() -> None:
    names = index_for(CONTENT).medicine_by_name
    for folded, entry in CONTENT.medicine_names.items():
        assert names[folded] == entry.classes, entry.name
        assert names[entry.name.upper().casefold()] == entry.classes


@pytest.mark.parametrize("name", sorted(REQUIRED_NAMES))
def test_the_names_the_issue_asks_for_are_in_the_table_and_accepted_in_an_answers_file(name: str) -> None:
    assert index_for(CONTENT).medicine_by_name[name.casefold()] == REQUIRED_NAMES[name]
    seen = show(health={"medicines": [name.upper()]})
    assert tuple(sorted(m.id for m in seen.result.medicines)) == tuple(sorted(REQUIRED_NAMES[name]))


def test_an_ambiguous_name_says_so_in_its_note() -> None:
    gaviscon = CONTENT.medicine_names["gaviscon"]
    assert "country" in gaviscon.note and "check your pack" in gaviscon.note
