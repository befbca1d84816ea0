"""Personas with the result a clinician would expect, written from the evidence (facts.md).

Each test states why the expectation holds; the numbers are the DRI tables' values.
"""

from __future__ import annotations

import pytest

from nutri_tui.engine import assess
from nutri_tui.models.assessment import Assessment, NutrientFinding

NO_RED_FLAGS = {"saddle_numbness": "no", "bladder_bowel_change": "no", "both_legs": "no", "chest_pain": "no"}


def nutrient(result: Assessment, nutrient_id: str) -> NutrientFinding:
    return next(n for n in result.nutrients if n.id == nutrient_id)


def caution_texts(finding: NutrientFinding) -> str:
    return " ".join(c.text for c in finding.cautions)


@pytest.fixture
def run(make_answers, content):
    def go(**sections) -> Assessment:
        return assess(make_answers(**sections), content)

    return go


def test_pregnant_vegetarian(run) -> None:
    """Pregnancy: iron RDA 27 mg, folate 600 mcg DFE, B12 2.6 mcg; iron and folate are main concerns."""
    result = run(
        about={"age": 29, "sex": "female", "pregnancy": "pregnant", "diet": "vegetarian"},
        diet={"oily_fish": "never", "meat": "never", "leafy_greens": "weekly", "dairy_or_fortified": "daily"},
        back_pain={"areas": ["lower"], "duration": "subacute", "intensity": 4, "red_flags": NO_RED_FLAGS},
    )
    iron, folate, b12 = nutrient(result, "iron"), nutrient(result, "folate"), nutrient(result, "vitamin_b12")
    assert iron.level == "high"
    assert (iron.target.amount, iron.target.life_stage) == (27, "pregnant_19_30")
    assert folate.level in ("high", "moderate") and folate.target.amount == 600
    assert b12.target.amount == 2.6 and b12.level in ("moderate", "low")
    assert iron.upper_limit and iron.upper_limit.amount == 45
    assert all("fish" not in f.name.lower() and "liver" not in f.name.lower() for f in iron.foods)
    assert any("pregnan" in c.lower() for e in result.exercises for c in e.cautions)


def test_vegan_office_worker(run) -> None:
    """Vegan, indoors, winter far from the equator: B12 and vitamin D high; no animal foods suggested."""
    result = run(
        about={"age": 31, "sex": "male", "diet": "vegan", "allergies": ["soy"]},
        sun={"outdoor_minutes": "under_15", "season": "winter", "far_from_equator": "yes"},
        diet={"oily_fish": "never", "dairy_or_fortified": "rarely"},
    )
    assert nutrient(result, "vitamin_b12").level == "high"
    assert nutrient(result, "vitamin_d").level == "high"
    assert nutrient(result, "calcium").level in ("high", "moderate")
    assert nutrient(result, "omega_3").level in ("high", "moderate")
    for finding in result.nutrients:
        for food in finding.foods:
            assert "soy" not in food.name.lower(), food.name
    b12_foods = nutrient(result, "vitamin_b12").foods
    assert b12_foods, "a vegan needs fortified B12 foods suggested"
    assert not any(word in f.name.lower() for f in b12_foods for word in ("beef", "clam", "salmon", "milk", "egg"))


def test_vegan_taking_b12_supplement_is_not_high(run) -> None:
    """A vegan who already takes more than the B12 target daily: the diet reason counts for less."""
    result = run(
        about={"age": 40, "sex": "female", "diet": "vegan"},
        health={"supplements": [{"nutrient": "vitamin_b12", "amount": 25}]},
    )
    b12 = nutrient(result, "vitamin_b12")
    assert b12.level == "low"
    assert "already take" in b12.reasons[0].text


def test_older_person_on_ppi_and_metformin(run) -> None:
    """Long-term PPI lowers magnesium and B12 from food; metformin lowers B12 (FDA, ADA)."""
    result = run(
        about={"age": 72, "sex": "male", "diet": "omnivore"},
        health={"medicines": ["omeprazole", "metformin"], "conditions": ["type2_diabetes"]},
    )
    b12, magnesium = nutrient(result, "vitamin_b12"), nutrient(result, "magnesium")
    assert b12.level == "high"
    assert magnesium.level in ("high", "moderate")
    assert "You take omeprazole (a PPI)" in caution_texts(magnesium)
    assert "You take metformin" in caution_texts(b12)
    assert any(r.answer == "health.medicines = metformin" for r in b12.reasons)
    assert nutrient(result, "vitamin_d").target.amount == 20  # 71+ RDA
    assert nutrient(result, "calcium").target.amount == 1200


def test_kidney_disease_on_ace_inhibitor(run) -> None:
    """Potassium and magnesium supplements are dangerous with kidney disease; ACE inhibitors raise potassium."""
    result = run(
        about={"age": 66, "sex": "male"},
        health={"medicines": ["lisinopril"], "conditions": ["kidney_disease"]},
        diet={"fruit_veg": "rarely"},
    )
    potassium, magnesium = nutrient(result, "potassium"), nutrient(result, "magnesium")
    assert potassium.doctor_first and magnesium.doctor_first
    texts = caution_texts(potassium)
    assert "You take lisinopril (an ACE inhibitor)" in texts
    assert "You reported kidney disease" in texts
    assert potassium.cautions[0].severity == "doctor_first"


def test_cauda_equina_signs(run) -> None:
    """Saddle numbness with bladder change: emergency first, exercise withheld."""
    result = run(
        about={"age": 45, "sex": "female"},
        back_pain={"areas": ["lower"], "red_flags": {"saddle_numbness": "yes", "bladder_bowel_change": "yes"}},
    )
    assert result.emergency and result.exercise_withheld and result.exercises == ()
    assert [f.urgency for f in result.red_flags][:2] == ["emergency", "emergency"]
    assert result.summary[0].startswith("Get help now")
    assert "emergency" in result.red_flags[0].advice.lower()


def test_serious_accident_is_an_emergency_without_the_question(run) -> None:
    """Pain that started after a serious accident is an emergency red flag even if its question was skipped."""
    result = run(back_pain={"areas": ["lower"], "cause": "serious_accident"})
    assert result.emergency
    assert result.red_flags[0].id == "serious_accident" and result.red_flags[0].answer == "implied"


def test_not_sure_about_an_emergency_sign_is_acted_on_until_ruled_out(run) -> None:
    """NHS urgency: "not sure" to saddle numbness leads the result as an emergency and holds back exercise."""
    result = run(back_pain={"areas": ["lower"], "red_flags": {"saddle_numbness": "dont_know"}})
    assert result.red_flags[0].answer == "dont_know"
    assert result.emergency and result.exercise_withheld and not result.exercises
    assert result.summary[0].startswith("Get help now: you were not sure")
    assert "treat it as an emergency" in result.summary[0]


def test_not_sure_about_an_urgent_sign_asks_to_find_out_today(run) -> None:
    result = run(back_pain={"areas": ["lower"], "red_flags": {"weight_loss": "dont_know"}})
    assert not result.emergency and result.exercises
    assert any("not sure about 1 warning sign" in line and "today" in line for line in result.summary)


def test_haemochromatosis_blocks_iron(run) -> None:
    result = run(about={"age": 50, "sex": "male"}, health={"conditions": ["haemochromatosis"]})
    iron = nutrient(result, "iron")
    assert iron.doctor_first
    assert "You reported haemochromatosis" in caution_texts(iron) or "You reported hereditary" in caution_texts(iron)


def test_heavy_periods_and_tiredness_point_to_iron(run) -> None:
    result = run(
        about={"age": 24, "sex": "female"},
        health={"conditions": ["heavy_periods"], "symptoms": ["fatigue", "pale_skin"]},
    )
    iron = nutrient(result, "iron")
    assert iron.level == "high"
    assert iron.target.amount == 18
    assert "iron" in result.tests_to_ask


def test_warfarin_and_omega_3(run) -> None:
    """Fish oil has a mild antiplatelet effect: anyone on a blood thinner should tell the prescriber."""
    result = run(about={"age": 70, "sex": "female"}, health={"medicines": ["warfarin"]})
    assert "You take warfarin (" in caution_texts(nutrient(result, "omega_3"))


def test_vitamin_d_supplement_above_the_upper_limit(run) -> None:
    """5,000 IU (125 mcg) a day is above the 100 mcg UL: no room left, and a doctor-first caution."""
    result = run(about={"age": 45, "sex": "female"}, health={"supplements": [{"nutrient": "vitamin_d", "amount": 125}]})
    vitamin_d = nutrient(result, "vitamin_d")
    assert vitamin_d.upper_limit and vitamin_d.upper_limit.supplement_room == 0
    first = vitamin_d.cautions[0]
    assert first.about == "upper_limit" and first.severity == "doctor_first" and "above it" in first.text


def test_sixteen_year_old(run) -> None:
    """14-18 values (calcium 1,300 mg; zinc UL 34 mg; folic acid UL 800 mcg) and a note to involve an adult."""
    result = run(about={"age": 16, "sex": "male"})
    assert nutrient(result, "calcium").target.amount == 1300
    assert nutrient(result, "zinc").upper_limit.amount == 34
    assert nutrient(result, "folate").upper_limit.amount == 800
    assert any("parent" in note for note in result.notes)


def test_sex_not_stated_shows_the_range(run) -> None:
    result = run(about={"age": 40, "sex": "not_stated"})
    magnesium = nutrient(result, "magnesium")
    assert (magnesium.target.low, magnesium.target.amount) == (320, 420)
    assert nutrient(result, "vitamin_d").target.low is None  # same for both sexes


def test_no_age_uses_adult_values(run) -> None:
    result = run(about={"sex": "male"})
    assert nutrient(result, "magnesium").target.amount == 420
    assert any("No age" in note for note in result.notes)


def test_stress_never_changes_nutrient_scores(run) -> None:
    """No source shows stress causes these deficiencies: it feeds advice, not scores (NICE NG59)."""
    calm = run(about={"age": 35}, lifestyle={"stress": "low"}, back_pain={"duration": "chronic"})
    stressed = run(about={"age": 35}, lifestyle={"stress": "high"}, back_pain={"duration": "chronic"})
    assert [(n.id, n.score) for n in calm.nutrients] == [(n.id, n.score) for n in stressed.nutrients]
    assert any(a.topic == "stress" for a in stressed.advice)
    assert not any(a.topic == "stress" for a in calm.advice)
    assert all("stress" not in r.text.lower() for n in stressed.nutrients for r in n.reasons)


def test_heavy_drinking_flags_magnesium_folate_and_zinc(run) -> None:
    result = run(about={"age": 50, "sex": "male"}, diet={"alcohol_drinks_per_week": 30})
    for nutrient_id in ("magnesium", "folate", "zinc"):
        reasons = nutrient(result, nutrient_id).reasons
        assert any(r.answer == "diet.alcohol_drinks_per_week = 30" for r in reasons), nutrient_id


def test_osteoporosis_with_severe_acute_pain_after_lifting(run) -> None:
    """Possible fracture (urgent), and no vigorous strengthening suggested in severe acute pain."""
    result = run(
        about={"age": 68, "sex": "female"},
        health={"conditions": ["osteoporosis"]},
        back_pain={"areas": ["middle"], "duration": "acute", "intensity": 8, "cause": "lifting_or_strain"},
    )
    assert result.red_flags[0].id == "fracture_risk" and result.red_flags[0].urgency == "urgent"
    assert "strengthening" not in {e.id for e in result.exercises}
    assert "See a doctor" in result.exercise_note
    assert result.exercises[0].id == "walking"


def test_statins_cause_no_nutrient_gap(run) -> None:
    """Statins are not known to cause vitamin or mineral deficiencies (the article's claim was misleading)."""
    with_statin = run(about={"age": 60, "sex": "male"}, health={"medicines": ["atorvastatin"]})
    without = run(about={"age": 60, "sex": "male"})
    assert [(n.id, n.score) for n in with_statin.nutrients] == [(n.id, n.score) for n in without.nutrients]


def test_healthy_person_has_no_high_levels(run) -> None:
    result = run(
        about={"age": 34, "sex": "male"},
        sun={"outdoor_minutes": "30_to_60"},
        diet={k: "often" for k in ("oily_fish", "dairy_or_fortified", "leafy_greens", "nuts_seeds", "legumes")},
    )
    assert all(n.level == "low" for n in result.nutrients)
    assert result.red_flags == () and result.exercises


def test_a_zinc_supplement_leaves_out_a_food_that_would_pass_the_limit_with_it(run) -> None:
    """Coeliac disease and 25 mg of zinc a day: 15 mg is left under the 40 mg limit, so oysters (32 mg a serving)
    are left out, saying why; other zinc foods are still suggested. Without the supplement oysters are suggested.
    With 50 mg a day no food is suggested, and the list says why (the same words in every output)."""
    health = {"conditions": ["coeliac_disease"]}
    taking = {**health, "supplements": [{"nutrient": "zinc", "amount": 25}]}
    zinc = nutrient(run(about={"age": 40, "sex": "male"}, health=taking), "zinc")
    assert zinc.level != "low" and zinc.foods
    assert "oysters" not in {food.id for food in zinc.foods}
    assert all(food.amount + 25 <= 40 for food in zinc.foods)
    left_out = [c.text for c in zinc.cautions if c.about == "food"]
    assert left_out == [
        "Oysters, cooked is left out of the suggestions: one serving (85 g (3 oz)) has 32 mg, which with the 25 mg a "
        "day you take in supplements is above your upper limit of 40 mg."
    ]
    without = nutrient(run(about={"age": 40, "sex": "male"}, health=health), "zinc")
    assert "oysters" in {food.id for food in without.foods}
    reaching = {**health, "supplements": [{"nutrient": "zinc", "amount": 50}]}
    zinc = nutrient(run(about={"age": 40, "sex": "male"}, health=reaching), "zinc")
    assert zinc.foods == () and zinc.foods_withheld.startswith("No foods are suggested: the 50 mg a day you take")


def test_foods_left_out_for_a_supplement_are_said_in_every_output(content) -> None:
    """The food left out, and the reason no food is listed, reach ``--json``, ``assess`` text and the report (the
    report's supplement cautions once left the foods' cautions out)."""
    from tests.outputs import outputs

    about = {"age": 40, "sex": "male"}
    taking = {
        "about": about,
        "health": {"conditions": ["coeliac_disease"], "supplements": [{"nutrient": "zinc", "amount": 25}]},
    }
    seen = outputs(taking, content)
    left_out = next(c.text for c in nutrient(seen.result, "zinc").cautions if c.about == "food")
    assert seen.missing(left_out) == []
    reaching = {
        "about": about,
        "health": {"conditions": ["coeliac_disease"], "supplements": [{"nutrient": "zinc", "amount": 50}]},
    }
    seen = outputs(reaching, content)
    assert seen.missing(nutrient(seen.result, "zinc").foods_withheld) == []


def test_a_note_marked_unconfirmed_ends_once_in_assess_text(content) -> None:
    """ "Who may run short" joins notes as sentences: one already ended and marked unconfirmed reads "surgery. †",
    not "surgery. †." (assess text once doubled the full stop after the mark)."""
    from tests.outputs import outputs

    seen = outputs({"about": {"age": 40, "sex": "male"}, "health": {"conditions": ["coeliac_disease"]}}, content)
    assert ". †." not in seen.text and ". † " in seen.text
