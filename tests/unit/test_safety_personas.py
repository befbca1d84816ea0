"""What a person is shown is safe for them: the cautions the knowledge base holds reach the person they apply to.

Each persona is a case a dietitian or GP would check (issue 10). Every assertion about what the person
reads holds in ``--json``, in ``assess`` text and in the Markdown report alike (tests/outputs.py).
"""

from __future__ import annotations

import pytest

from nutri_tui.content import Content
from nutri_tui.models.assessment import Assessment, NutrientFinding
from nutri_tui.storage.answers_file import AnswersError, parse_answers
from tests.outputs import Outputs, outputs

ALL_NO = "no"


def finding(result: Assessment, nutrient_id: str) -> NutrientFinding:
    return next(n for n in result.nutrients if n.id == nutrient_id)


def food_ids(result: Assessment) -> set[str]:
    return {food.id for n in result.nutrients for food in n.foods}


def flags_answered(content: Content, **answers: str) -> dict[str, str]:
    """Every warning-sign question answered no, except those given."""
    return {flag_id: answers.get(flag_id, ALL_NO) for flag_id in content.red_flags}


@pytest.fixture
def show(content: Content):
    def go(**sections: dict) -> Outputs:
        return outputs(sections, content)

    return go


def test_pregnant_omnivore_gets_no_liver_or_fish_liver_oil(show, content) -> None:
    """NHS: no liver, liver products or fish-liver oils in pregnancy; say why, once, everywhere."""
    seen = show(
        about={"age": 30, "sex": "female", "pregnancy": "pregnant", "diet": "omnivore"},
        sun={"outdoor_minutes": "under_15", "season": "winter", "far_from_equator": "yes"},
        diet={"oily_fish": "never", "leafy_greens": "rarely", "dairy_or_fortified": "rarely"},
    )
    assert not food_ids(seen.result) & {"cod_liver_oil", "beef_liver"}
    rule = content.food_rules["pregnancy_vitamin_a"]
    assert seen.everywhere(rule.text), seen.missing(rule.text)
    # Vitamin D is still offered foods, oily fish first.
    vitamin_d = finding(seen.result, "vitamin_d")
    assert vitamin_d.level != "low" and vitamin_d.foods[0].id == "rainbow_trout"


def test_pregnant_and_offered_oily_fish_and_tuna_is_told_the_weekly_limits(show, content) -> None:
    """NHS: oily fish at most twice a week (pollutants), tuna at most 2 steaks or 4 cans (mercury): every fish
    suggested says so, in every output; other foods do not."""
    seen = show(
        about={"age": 30, "sex": "female", "pregnancy": "pregnant", "diet": "omnivore"},
        sun={"outdoor_minutes": "under_15", "season": "winter", "far_from_equator": "yes"},
        diet={"oily_fish": "never", "dairy_or_fortified": "rarely"},
    )
    limits = content.food_rules["pregnancy_fish_limits"].text
    vitamin_d = {food.id: food for food in finding(seen.result, "vitamin_d").foods}
    assert limits in vitamin_d["rainbow_trout"].advisories and limits in vitamin_d["sockeye_salmon"].advisories
    assert limits not in vitamin_d["uv_mushrooms"].advisories
    assert seen.everywhere(limits), seen.missing(limits)
    # Not pregnant: the same fish offered, no limits said.
    not_pregnant = show(about={"age": 30, "sex": "female"}, diet={"oily_fish": "never"})
    assert "salmon_atlantic_farmed" in food_ids(not_pregnant.result) and not_pregnant.nowhere(limits)


def test_trying_for_a_baby_gets_the_same_vitamin_a_advice_and_folic_acid(show, content) -> None:
    seen = show(about={"age": 33, "sex": "female", "pregnancy": "trying"}, diet={"leafy_greens": "never"})
    assert seen.everywhere(content.food_rules["pregnancy_vitamin_a"].text)
    assert any(a.id == "folic_acid_trying_for_a_baby" for a in seen.result.advice)  # test_action_plan.py: first
    assert finding(seen.result, "iron").target.life_stage == "female_31_50"  # targets do not change


def test_cod_liver_oil_is_never_the_first_food(show) -> None:
    seen = show(sun={"outdoor_minutes": "under_15", "housebound": True}, diet={"oily_fish": "never"})
    foods = [f.id for f in finding(seen.result, "vitamin_d").foods]
    assert "cod_liver_oil" in foods and foods[-1] == "cod_liver_oil"


def test_kidney_disease_on_an_ace_inhibitor_and_spironolactone(show, content) -> None:
    """Facts-addendum D: no potassium foods, no target to eat towards, ask the kidney team."""
    seen = show(
        about={"age": 67, "sex": "male"},
        diet={"fruit_veg": "weekly", "legumes": "rarely", "nuts_seeds": "rarely"},
        health={"medicines": ["lisinopril", "spironolactone"], "conditions": ["kidney_disease"]},
    )
    potassium = finding(seen.result, "potassium")
    assert potassium.diet_doctor_first and potassium.doctor_first
    assert potassium.foods == () and "kidney team" in potassium.foods_withheld
    assert seen.read("for reference only: your doctor advises what is right for you")
    assert seen.everywhere("ask your kidney team, doctor or dietitian how much potassium from food is right for you")
    assert seen.nowhere("Potassium-rich foods can help")
    # Magnesium foods are mostly potassium and phosphate foods too: for the kidney team as well.
    assert finding(seen.result, "magnesium").foods == ()
    # Any potassium-rich food left in another list says so.
    for nutrient in seen.result.nutrients:
        for food in nutrient.foods:
            tags = next(f.tags for f in content.nutrients[nutrient.id].foods if f.id == food.id)
            if "potassium_rich" in tags:
                assert content.food_rules["potassium_rich_kidney"].text in food.advisories


def test_a_vegan_with_kidney_disease_is_told_which_iron_and_folate_foods_are_rich_in_potassium(show, content) -> None:
    """White beans (about 1,200 mg of potassium a cup) and cooked spinach were suggested for iron with no word of
    potassium, while a banana carried it: every potassium-rich food says so, in every output."""
    seen = show(
        about={"age": 34, "sex": "female", "diet": "vegan"},
        diet={"leafy_greens": "rarely", "legumes": "rarely"},
        health={"conditions": ["kidney_disease"]},
    )
    caution = content.food_rules["potassium_rich_kidney"].text
    iron = {food.id: food for food in finding(seen.result, "iron").foods}
    for food_id in ("white_beans", "spinach_cooked", "lentils"):
        assert caution in iron[food_id].advisories, food_id
    assert caution not in iron["tofu_firm"].advisories
    assert caution in {food.id: food for food in finding(seen.result, "folate").foods}["spinach_boiled"].advisories
    assert seen.everywhere(caution), seen.missing(caution)


def test_coeliac_disease_gets_no_gluten_even_without_the_allergy_ticked(show, content) -> None:
    """A strict gluten-free diet is coeliac disease's only treatment (BDA): fortified wheat cereals, oatmeal and
    oat drink were offered to someone who reported it but did not also tick gluten as an allergy."""
    seen = show(about={"age": 40, "sex": "female"}, health={"conditions": ["coeliac_disease"]})
    offered = [
        food.id
        for nutrient in seen.result.nutrients
        for food in nutrient.foods
        if "gluten" in next(f.allergens for f in content.nutrients[nutrient.id].foods if f.id == food.id)
    ]
    assert food_ids(seen.result) and offered == []
    assert seen.everywhere(content.food_rules["coeliac_no_gluten"].text)
    without = show(about={"age": 40, "sex": "female"}, health={"conditions": ["ibd"]})
    assert "fortified_cereal" in food_ids(without.result)  # the same gut answers otherwise: cereals stay


def test_an_arb_alone_withholds_potassium_foods_too(show) -> None:
    seen = show(diet={"fruit_veg": "rarely"}, health={"medicines": ["losartan"]})
    assert finding(seen.result, "potassium").foods == ()


def test_trimethoprim_raises_potassium(show) -> None:
    seen = show(
        about={"age": 78, "sex": "female"}, diet={"fruit_veg": "rarely"}, health={"medicines": ["trimethoprim"]}
    )
    potassium = finding(seen.result, "potassium")
    assert potassium.diet_doctor_first and potassium.foods == ()
    assert seen.everywhere("Trimethoprim can raise blood potassium")


def test_warfarin_keeps_greens_steady_and_doacs_do_not(show, content) -> None:
    """ODS and NHS: on warfarin keep vitamin K intake steady, never cut greens out; DOACs have no such rule."""
    sections = {
        "about": {"age": 72, "sex": "female"},
        "diet": {"dairy_or_fortified": "rarely"},
        "health": {"conditions": ["osteoporosis"]},
    }
    rule = content.food_rules["warfarin_vitamin_k"].text
    on_warfarin = show(**{**sections, "health": {**sections["health"], "medicines": ["warfarin"]}})
    calcium = finding(on_warfarin.result, "calcium")
    greens = [f for f in calcium.foods if f.id in ("collard_greens", "kale_cooked")]
    assert greens and all(rule in f.advisories for f in greens)
    assert on_warfarin.everywhere(rule)
    assert on_warfarin.everywhere("keep the amount of vitamin K foods (leafy greens) about the same each week")
    on_apixaban = show(**{**sections, "health": {**sections["health"], "medicines": ["apixaban"]}})
    assert on_apixaban.nowhere(rule)
    assert on_apixaban.everywhere("these blood thinners have no vitamin K rule")


def test_an_older_man_with_signs_of_anaemia_is_told_to_find_the_cause(show) -> None:
    """BSG and NICE CKS: low iron in a man needs the cause found, not iron tablets on his own."""
    seen = show(about={"age": 60, "sex": "male"}, health={"symptoms": ["fatigue", "pale_skin", "breathlessness"]})
    iron = finding(seen.result, "iron")
    assert iron.level != "low" and iron.doctor_first
    assert seen.everywhere("low iron needs a doctor to find the cause before it is treated")
    assert seen.everywhere("Ask your doctor first before taking any supplement of: Iron")


def test_a_young_woman_with_low_iron_is_not_given_the_mens_warning(show) -> None:
    seen = show(about={"age": 28, "sex": "female", "diet": "vegan"}, health={"symptoms": ["fatigue", "pale_skin"]})
    assert seen.nowhere("low iron needs a doctor to find the cause")


def test_statins_get_the_correction_of_the_seed_article(show, content) -> None:
    seen = show(health={"medicines": ["atorvastatin"]})
    assert seen.everywhere(content.medicines["statin"].note)
    assert seen.everywhere("statins are not known to cause vitamin or mineral deficiencies")


def test_plant_iron_comes_with_vitamin_c_advice(show) -> None:
    seen = show(about={"age": 25, "sex": "female", "diet": "vegan"})
    assert finding(seen.result, "iron").level != "low"
    assert seen.everywhere("Vitamin C eaten in the same meal helps the body absorb non-heme iron")


def test_trivial_sources_are_not_suggested(show) -> None:
    """Cheddar's 0.4 mcg is under 3% of the vitamin D target; tempeh's 0.1 mcg B12 is 4%."""
    seen = show(
        about={"age": 40, "diet": "vegetarian"},
        sun={"outdoor_minutes": "under_15", "covering_clothing": "yes"},
        diet={"oily_fish": "never"},
    )
    assert "cheddar" not in {f.id for f in finding(seen.result, "vitamin_d").foods}
    vegan = show(about={"age": 40, "diet": "vegan"})
    assert "tempeh" not in {f.id for f in finding(vegan.result, "vitamin_b12").foods}


def test_poor_tests_are_described_never_suggested(show) -> None:
    seen = show(
        about={"age": 40, "sex": "female", "diet": "vegan"},
        diet={"oily_fish": "never", "dairy_or_fortified": "never", "nuts_seeds": "never", "legumes": "never"},
        health={"medicines": ["omeprazole"]},
    )
    result = seen.result
    for nutrient_id in ("calcium", "magnesium", "omega_3"):
        assert finding(result, nutrient_id).level != "low"
        assert nutrient_id not in result.tests_to_ask
    tests_line = next(line for line in result.summary if line.startswith("Blood tests worth asking about"))
    assert "Magnesium" not in tests_line and "Omega-3" not in tests_line and "Calcium" not in tests_line
    assert seen.read("There is no standard blood test for this")
    assert seen.read("A blood test cannot show this well (Serum magnesium is a poor test)")
    assert [t.usefulness for t in finding(result, "omega_3").tests] == ["none"]


def test_valproate_withholds_the_folic_acid_advice_and_names_the_prescriber(show) -> None:
    seen = show(about={"age": 30, "sex": "female"}, health={"medicines": ["valproate"]})
    assert all(a.id != "folic_acid_before_pregnancy" for a in seen.result.advice)
    assert finding(seen.result, "folate").doctor_first
    assert seen.everywhere("Don't start or change folic acid without your prescriber")
    assert seen.nowhere("take 400 mcg of folic acid a day")


def test_a_thousand_typed_as_mcg_of_vitamin_d_asks_about_iu(content) -> None:
    with pytest.raises(AnswersError) as raised:
        parse_answers({"health": {"supplements": [{"nutrient": "vitamin_d", "amount": 1000}]}}, content)
    message = str(raised.value)
    assert message.startswith("answers: health.supplements: Vitamin D: 1,000 mcg a day is more than")
    assert "did you mean 1,000 IU" in message and 'form = "iu"' in message


def test_a_thousand_iu_of_vitamin_d_is_25_mcg(show) -> None:
    seen = show(health={"supplements": [{"nutrient": "vitamin_d", "amount": 1000, "form": "iu"}]})
    vitamin_d = finding(seen.result, "vitamin_d")
    assert vitamin_d.upper_limit is not None and vitamin_d.upper_limit.already_taken == 25
    assert seen.read("1,000 IU (international units) = 25 mcg a day")
    assert seen.result.supplements[0].entered == "1,000 IU (international units)"


def test_a_fish_oil_capsule_is_not_a_gram_of_epa_and_dha(show) -> None:
    """facts.md 5 #7: a 1,000 mg capsule is oil, with about 300 mg EPA+DHA; the result says it assumed so."""
    seen = show(health={"supplements": [{"nutrient": "omega_3", "amount": 1000, "form": "fish_oil"}]})
    taken = seen.result.supplements[0]
    assert taken.amount == pytest.approx(0.3) and taken.assumed
    assert seen.read("a typical figure for this kind of product")


def test_an_iron_tablet_is_counted_by_its_elemental_iron(show) -> None:
    seen = show(health={"supplements": [{"nutrient": "iron", "amount": 200, "form": "ferrous_sulfate_dried"}]})
    assert seen.result.supplements[0].amount == pytest.approx(65)


def test_old_answers_without_forms_keep_their_meaning(show) -> None:
    seen = show(health={"supplements": [{"nutrient": "omega_3", "amount": 0.5}, {"nutrient": "iron", "amount": 14}]})
    assert [s.amount for s in seen.result.supplements] == [0.5, 14]


def test_pregnancy_counts_once_per_nutrient(show) -> None:
    """One answer, one count: pregnancy is a rule and a condition, but adds to iron, folate and zinc once."""
    seen = show(about={"age": 30, "sex": "female", "pregnancy": "pregnant"})
    for nutrient_id in ("iron", "folate", "zinc"):
        answers = [r.answer for r in finding(seen.result, nutrient_id).reasons]
        assert answers.count("about.pregnancy = pregnant") == 1, (nutrient_id, answers)
    assert finding(seen.result, "iron").score == 3.0


def test_the_periods_reason_is_not_given_in_pregnancy_or_after_fifty(show) -> None:
    def periods(about: dict) -> bool:
        seen = show(about=about)
        return any("Periods make iron needs higher" in r.text for r in finding(seen.result, "iron").reasons)

    assert periods({"age": 30, "sex": "female"})
    assert not periods({"age": 30, "sex": "female", "pregnancy": "pregnant"})
    assert not periods({"age": 30, "sex": "female", "pregnancy": "breastfeeding"})
    assert not periods({"age": 55, "sex": "female"})


def test_heavy_drinking_follows_the_threshold_for_each_sex(show) -> None:
    """NIAAA: more than 7 drinks a week for women, more than 14 for men."""

    def heavy(sex: str, drinks: int) -> bool:
        seen = show(about={"age": 40, "sex": sex}, diet={"alcohol_drinks_per_week": drinks})
        return any(c.id == "alcohol_use" for c in seen.result.conditions)

    assert heavy("female", 8) and not heavy("female", 7)
    assert heavy("male", 15) and not heavy("male", 14)
    assert heavy("not_stated", 8)
    seen = show(about={"age": 40, "sex": "female"}, diet={"alcohol_drinks_per_week": 10})
    magnesium = finding(seen.result, "magnesium")
    reason = next(r for r in magnesium.reasons if r.answer == "diet.alcohol_drinks_per_week = 10")
    assert "niaaa-rd" in reason.sources and "more than 7 for women" in reason.text


@pytest.mark.parametrize("condition", ["ileal_resection", "gastrectomy", "pernicious_anaemia", "bariatric_surgery"])
def test_losing_where_b12_is_absorbed_makes_b12_high_on_its_own(show, condition: str) -> None:
    seen = show(about={"age": 45}, health={"conditions": [condition]})
    assert finding(seen.result, "vitamin_b12").level == "high"


def test_osteoporosis_on_alendronate_makes_calcium_and_vitamin_d_worth_checking(show) -> None:
    seen = show(
        about={"age": 66, "sex": "female"},
        health={"conditions": ["osteoporosis"], "medicines": ["alendronate"]},
    )
    for nutrient_id in ("calcium", "vitamin_d"):
        assert finding(seen.result, nutrient_id).level != "low", nutrient_id


def test_cramps_do_not_score_potassium_or_calcium(show) -> None:
    """Low blood potassium and calcium come from disease and medicines, not from what someone eats."""
    seen = show(health={"symptoms": ["muscle_cramps", "muscle_weakness", "palpitations", "fatigue"]})
    for nutrient_id in ("potassium", "calcium"):
        assert all(not r.answer.startswith("health.symptoms") for r in finding(seen.result, nutrient_id).reasons)


def test_cramps_on_a_water_tablet_point_to_a_potassium_blood_test(show) -> None:
    seen = show(health={"symptoms": ["muscle_cramps"], "medicines": ["furosemide"]})
    assert seen.everywhere("can come from a low blood potassium level")


@pytest.mark.parametrize(
    ("about", "health"),
    [
        ({"age": 72}, {}),
        ({"age": 40}, {"conditions": ["osteoporosis"]}),
        ({"age": 40}, {"medicines": ["prednisolone"]}),
    ],
)
def test_a_minor_fall_implies_a_possible_fracture_when_bones_are_fragile(show, about, health) -> None:
    seen = show(about=about, health=health, back_pain={"areas": ["lower"], "cause": "minor_fall"})
    assert any(f.id == "fracture_risk" and f.answer == "implied" for f in seen.result.red_flags)


def test_steroid_tablets_answer_the_infection_risk_question(show) -> None:
    seen = show(health={"medicines": ["prednisolone"]})
    assert any(f.id == "infection_risk" and f.answer == "implied" for f in seen.result.red_flags)


def test_an_urgent_sign_says_same_day(show, content) -> None:
    seen = show(about={"age": 40}, back_pain={"red_flags": flags_answered(content, fever_unwell="yes")})
    assert seen.result.summary[0].startswith("Get seen the same day")
    assert seen.everywhere("Get seen the same day")


def test_not_sure_about_saddle_numbness_leads_as_an_emergency(show, content) -> None:
    seen = show(about={"age": 45}, back_pain={"red_flags": flags_answered(content, saddle_numbness="dont_know")})
    result = seen.result
    assert result.emergency and result.exercise_withheld and result.exercises == ()
    assert seen.everywhere("Until a clinician has ruled it out, treat it as an emergency")


def test_questions_that_cannot_apply_are_not_counted_or_worded_wrongly(content) -> None:
    from nutri_tui.engine.guidance import questions_for
    from nutri_tui.models.answers import Answers

    older_woman = questions_for(Answers.model_validate({"about": {"age": 78, "sex": "female"}}), content)
    assert "erection" not in older_woman["sexual_dysfunction"]
    assert older_woman["age_onset"] is not None and "under 20" not in older_woman["age_onset"]
    assert older_woman["pregnancy_warning_signs"] is None
    young_man = questions_for(Answers.model_validate({"about": {"age": 30, "sex": "male"}}), content)
    assert young_man["age_onset"] is None and "erection" in young_man["sexual_dysfunction"]
    pregnant = questions_for(
        Answers.model_validate({"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}}), content
    )
    assert pregnant["pregnancy_warning_signs"] and pregnant["pregnancy_bleeding_pain"]


def test_back_pain_in_pregnancy_adds_its_own_warning_signs_and_advice(show, content) -> None:
    seen = show(
        about={"age": 30, "sex": "female", "pregnancy": "pregnant"},
        back_pain={"areas": ["lower"], "red_flags": flags_answered(content, pregnancy_warning_signs="yes")},
    )
    assert any(f.id == "pregnancy_warning_signs" for f in seen.result.red_flags)
    assert seen.everywhere("Contact your midwife or maternity unit now, the same day")
    assert seen.everywhere("Back pain is very common in pregnancy")
    assert seen.result.flags_asked == seen.result.flags_answered


def test_a_result_from_almost_no_answers_says_what_was_not_answered(show) -> None:
    seen = show(about={"age": 50})
    summary = " ".join(seen.result.summary)
    assert "do not point" not in summary
    assert "The warning-sign questions were not answered" in summary
    assert "Not answered: sun exposure, diet, stress and lifestyle, back pain" in summary
    assert seen.everywhere("this result has not screened your back pain")


def test_a_full_healthy_result_may_say_no_gap(show, content) -> None:
    seen = show(
        about={"age": 34, "sex": "male"},
        sun={"outdoor_minutes": "30_to_60", "season": "summer"},
        diet={"oily_fish": "weekly", "dairy_or_fortified": "daily", "fruit_veg": "daily"},
        lifestyle={"stress": "low"},
        back_pain={"areas": ["lower"], "duration": "acute", "intensity": 3, "red_flags": flags_answered(content)},
    )
    assert "Your answers do not point strongly to any nutrient gap." in seen.result.summary
