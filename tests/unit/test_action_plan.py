"""The action plan that opens every result (issue 13): warning signs, safety first, at most three nutrients,
one or two exercises, and a safety net, in that order, in the person's own words.

The three walkthrough personas are checked in ``--json``, ``assess`` text and the Markdown report alike
(tests/outputs.py); the ordering rules are checked on every example.
"""

from __future__ import annotations

import tomllib

import pytest

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.reports.plan import MOST_EXERCISES, MOST_NUTRIENTS, action_plan
from tests.conftest import REPO
from tests.outputs import outputs


def example_sections(name: str) -> dict:
    with (REPO / "examples" / f"{name}.toml").open("rb") as handle:
        sections = tomllib.load(handle)
    sections.pop("format", None)
    return sections


TITLES = ["Warning signs", "Safety first", "Nutrients worth checking", "Exercise to start with", "If things change"]


def no_flags(content: Content, **yes: str) -> dict[str, str]:
    return {flag: yes.get(flag, "no") for flag in content.red_flags}


def pain(content: Content, **yes: str) -> dict:
    return {
        "areas": ["lower"],
        "leg_spread": "none",
        "duration": "chronic",
        "intensity": 5,
        "cause": "gradual",
        "red_flags": no_flags(content, **yes),
    }


def test_older_housebound_woman_on_metformin_and_omeprazole_is_told_the_nhs_vitamin_d_advice(content) -> None:
    seen = outputs(
        {
            "about": {"age": 78, "sex": "female", "diet": "omnivore"},
            "sun": {"housebound": True, "outdoor_minutes": "under_15"},
            "health": {"medicines": ["metformin", "omeprazole"], "symptoms": ["fatigue", "muscle_cramps"]},
            "back_pain": pain(content),
        },
        content,
    )
    plan = action_plan(seen.result, content)
    assert [step.title for step in plan] == TITLES
    assert seen.everywhere("No warning signs in your answers.")
    nutrients = [line.text for line in plan[2].lines]
    assert any(
        "Vitamin D" in line and "10 mcg (400 IU) of vitamin D a day all year round" in line for line in nutrients
    )
    assert seen.everywhere("the NHS advises 10 mcg (400 IU) of vitamin D a day all year round")
    # facts.md content rule 4: the advice says, with it, who should check first (she takes two medicines).
    check = content.rules.general_caution.text
    assert any(f"all year round, not just in autumn and winter. {check}" in line for line in nutrients)
    assert any(line.startswith("▲ Vitamin B12") and "You take metformin:" in line for line in nutrients)
    assert "metformin (metformin)" not in seen.text  # the class is named only when it adds something
    assert len([line for line in nutrients if line[0] in "▲◆"]) <= MOST_NUTRIENTS
    assert seen.everywhere(plan[4].lines[0].text)  # the safety net, in all three outputs


def test_man_with_saddle_numbness_reads_the_emergency_first_as_a_statement(content) -> None:
    seen = outputs(
        {
            "about": {"age": 45, "sex": "male", "diet": "omnivore"},
            "back_pain": {**pain(content, saddle_numbness="yes"), "duration": "acute", "intensity": 8},
        },
        content,
    )
    plan = action_plan(seen.result, content)
    first = plan[0].lines[0]
    assert first.tone == "emergency"
    assert first.text.startswith("EMERGENCY: Get help now. You said you have numbness, tingling or reduced feeling")
    assert "Do you have" not in first.text  # a statement, not the question
    assert seen.everywhere(first.text)
    assert [line.text for line in plan[3].lines] == ["Exercise advice is held back until a clinician has seen you."]


def test_unsure_about_an_emergency_sign_is_acted_on(content) -> None:
    seen = outputs({"about": {"age": 45}, "back_pain": pain(content, saddle_numbness="dont_know")}, content)
    first = action_plan(seen.result, content)[0].lines[0]
    assert first.text.startswith("EMERGENCY: Get help now. You were not sure whether you have numbness")
    assert "treat it as an emergency" in first.text


def test_pregnant_vegetarian_gets_pregnancy_safety_and_exercise_that_fits_pregnancy(content) -> None:
    seen = outputs(
        {
            "about": {"age": 31, "sex": "female", "pregnancy": "pregnant", "diet": "vegetarian"},
            "health": {"symptoms": ["fatigue", "muscle_cramps"]},
            "back_pain": {**pain(content), "duration": "subacute", "intensity": 4},
        },
        content,
    )
    plan = action_plan(seen.result, content)
    safety = " ".join(line.text for line in plan[1].lines)
    assert "best avoided in pregnancy" in safety and seen.everywhere("best avoided in pregnancy")
    lines = [line.text for line in plan[3].lines]
    names = {exercise.name for exercise in seen.result.exercises}
    exercises = [line for line in lines if line.split(":")[0] in names]
    assert 1 <= len(exercises) <= MOST_EXERCISES
    assert all("pregnan" in line for line in exercises)  # each with what applies in pregnancy
    assert lines[0].startswith("In pregnancy, walking, swimming")  # what pregnancy means for exercise, first
    assert plan[2].lines[0].text.startswith("Up to 12 weeks into pregnancy, 400 mcg of folic acid")  # to act on now
    assert plan[2].lines[1].text.startswith("In pregnancy and while breastfeeding, a supplement of 10 mcg")
    assert plan[2].lines[2].text.startswith("▲ Iron")


def test_a_doctor_first_caution_is_in_safety_first_and_the_nutrient_never_advises_taking_it(content) -> None:
    sections = example_sections("older-several-medicines")  # a thiazide with vitamin D
    result = assess(Answers.model_validate(sections, context={"content": content}), content)
    plan = action_plan(result, content)
    assert any("hydrochlorothiazide" in line.text for line in plan[1].lines)
    vitamin_d = next(line.text for line in plan[2].lines if "Vitamin D" in line.text)
    # She already takes 10 mcg a day: asked whether to go on, never to start.
    assert "You take 10 mcg a day: ask your doctor whether to go on with it (see Safety first)." in vitamin_d
    assert "NHS advises" not in vitamin_d


@pytest.mark.parametrize("example", sorted(p.stem for p in (REPO / "examples").glob("*.toml")))
def test_every_example_gets_five_steps_in_order_each_with_something_to_read(content, example: str) -> None:
    result = assess(Answers.model_validate(example_sections(example), context={"content": content}), content)
    plan = action_plan(result, content)
    assert [step.title for step in plan] == TITLES
    assert all(step.lines for step in plan)
    assert sum(line.text[0] in "▲◆" for line in plan[2].lines) <= MOST_NUTRIENTS
    if result.red_flags:
        assert plan[0].lines[0].tone == result.red_flags[0].urgency


def test_a_symptom_warning_is_said_once_in_the_safety_net_not_in_every_nutrient(content) -> None:
    """Everyday tingling points to two nutrients; "an emergency" is said once, with the safety net."""
    seen = outputs({"about": {"age": 50, "sex": "female"}, "health": {"symptoms": ["tingling_numbness"]}}, content)
    reasons = [r.text for f in seen.result.nutrients for r in f.reasons if "tingling" in r.text.lower()]
    assert len(reasons) >= 2 and not any("emergency" in r for r in reasons)
    net = [line.text for line in action_plan(seen.result, content)[4].lines]
    warning = content.symptoms["tingling_numbness"].warning
    assert any(warning in line for line in net) and seen.everywhere(warning)
    assert seen.text.count(warning) == 2  # the plan's safety net, and the Cautions list


def test_an_amount_above_the_upper_limit_comes_first_in_safety_first(content) -> None:
    seen = outputs(
        {"about": {"age": 40, "sex": "male"}, "health": {"supplements": [{"nutrient": "vitamin_d", "amount": 150}]}},
        content,
    )
    safety = action_plan(seen.result, content)[1].lines
    assert safety[0].text.startswith("Vitamin D: you take 150 mcg a day, more than the upper limit of 100 mcg")
    assert safety[0].sources and seen.everywhere(safety[0].text)


FROM_65 = "The UK Chief Medical Officers advise this for everyone aged 65 or over."


def test_from_65_the_plan_starts_with_strength_and_balance(content) -> None:
    """UK CMOs 2019 (facts-addendum-2 M.2): strength and balance on 2 days a week from 65, said once before the
    exercises; under 65 (and no fall), the exercises that fit the pain come first."""
    older = outputs({"about": {"age": 70, "sex": "female"}, "back_pain": pain(content)}, content)
    lines = [line.text for line in action_plan(older.result, content)[3].lines]
    assert FROM_65 in lines[0]
    assert [line.split(":")[0] for line in lines[1:-1]] == ["Strength (resistance) training", "Tai chi"]
    assert older.everywhere(FROM_65)
    younger = outputs({"about": {"age": 50, "sex": "female"}, "back_pain": pain(content)}, content)
    assert [e.id for e in younger.result.exercises[:1]] != ["tai_chi"]
    assert younger.nowhere(FROM_65)


def test_ask_how_much_is_right_cites_what_says_so_not_all_the_nutrients_sources(content) -> None:
    """Kidney disease, tiredness and cramps: "Magnesium: ask your doctor how much is right for you" cites the kidney
    caution's sources (the kidney guidance), not all of magnesium's, which once put eighteen numbers on the line,
    foods and blood tests among them."""
    sections = {
        "about": {"age": 72, "sex": "male", "diet": "omnivore"},
        "health": {"conditions": ["kidney_disease"], "symptoms": ["fatigue", "muscle_cramps"]},
        "back_pain": pain(content),
    }
    result = assess(Answers.model_validate(sections, context={"content": content}), content)
    magnesium = next(f for f in result.nutrients if f.id == "magnesium")
    assert magnesium.diet_doctor_first and magnesium.level != "low"
    kidney = next(c for c in magnesium.cautions if c.about == "condition:kidney_disease")
    line = next(line for line in action_plan(result, content)[1].lines if line.text.startswith("Magnesium: ask"))
    assert set(line.sources) == set(kidney.sources)
    assert len(line.sources) < len(magnesium.sources)


def test_trying_for_a_baby_the_plan_opens_its_nutrients_with_folic_acid_said_once(content: Content) -> None:
    """Content 1.6.8: for a woman trying for a baby the plan said "no nutrient stands out", and the folic acid
    advice (IOM-2005) came only after it, among the general advice. Now it opens the nutrients step, with the
    general supplement caution (facts.md's content rule 4), and is not said again after the plan."""
    sections = {"about": {"age": 33, "sex": "female", "pregnancy": "trying"}}
    seen = outputs(sections, content)
    advice = next(a for a in content.rules.advice if a.id == "folic_acid_trying_for_a_baby")
    nutrients = action_plan(seen.result, content)[2].lines
    assert nutrients[0].text == f"{advice.text} {content.rules.general_caution.text}"
    assert nutrients[1].text.startswith("From the answers given, no nutrient stands out")
    assert seen.everywhere(advice.text)
    assert seen.text.count(advice.text[:50]) == 1 and seen.report.count(advice.text[:50]) == 1
    # On a medicine that makes folic acid a question for the prescriber, it is withheld like the advice before it.
    on_valproate = outputs({**sections, "health": {"medicines": ["valproate"]}}, content)
    assert on_valproate.nowhere(advice.text)
    assert all(a.id != "folic_acid_before_pregnancy" for a in seen.result.advice)


@pytest.mark.parametrize(
    ("pregnancy", "conditions", "rule"),
    [
        ("pregnant", [], "folic_acid_early_pregnancy"),
        ("trying", ["type2_diabetes"], "folic_acid_higher_dose"),
        ("pregnant", ["obesity"], "folic_acid_higher_dose"),
    ],
)
def test_early_pregnancy_and_a_higher_dose_are_said_first_and_never_as_an_amount_over_the_limit(
    content: Content, pregnancy: str, conditions: list[str], rule: str
) -> None:
    """The NHS's 12 weeks, and its 5 mg with diabetes or a BMI of 30 or more: a dose above the folic acid upper
    limit (1,000 mcg), so named only as what the GP prescribes, and the 400 mcg is then not advised instead."""
    sections = {"about": {"age": 30, "sex": "female", "pregnancy": pregnancy}, "health": {"conditions": conditions}}
    seen = outputs(sections, content)
    advice = {a.id: a for a in content.rules.advice}
    first = action_plan(seen.result, content)[2].lines[0].text
    assert first.startswith(advice[rule].text) and seen.everywhere(advice[rule].text)
    others = {"folic_acid_trying_for_a_baby", "folic_acid_early_pregnancy", "folic_acid_higher_dose"} - {rule}
    assert all(seen.nowhere(advice[other].text) for other in others)
    if rule == "folic_acid_higher_dose":
        assert "prescribed by your GP" in first and "5 mg" in first


def test_vitamin_d_in_pregnancy_and_breastfeeding_is_said_first_once_with_one_supplement_caution(
    content: Content,
) -> None:
    """The NHS maternity page: 10 mcg a day in pregnancy and breastfeeding. Said first; the vitamin D line below
    then gives no NHS advice of its own, and the general supplement caution is said once in the step. Withheld
    where vitamin D is doctor-first (a thiazide)."""
    advice = next(a for a in content.rules.advice if a.id == "vitamin_d_pregnancy_breastfeeding")
    check = content.rules.general_caution.text
    sections = {"about": {"age": 30, "sex": "female", "pregnancy": "breastfeeding"}, "sun": {"housebound": True}}
    seen = outputs(sections, content)
    lines = [line.text for line in action_plan(seen.result, content)[2].lines]
    assert lines[0] == f"{advice.text} {check}" and seen.everywhere(advice.text)
    vitamin_d = next(line for line in lines if line.startswith("◆ Vitamin D") or line.startswith("▲ Vitamin D"))
    assert "NHS advises" not in vitamin_d and sum(check in line for line in lines) == 1
    pregnant = outputs({"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}}, content)
    lines = [line.text for line in action_plan(pregnant.result, content)[2].lines]
    assert lines[1].startswith(advice.text) and check not in lines[0] and check in lines[1]  # folic acid, then D
    on_thiazide = outputs({**sections, "health": {"medicines": ["hydrochlorothiazide"]}}, content)
    assert on_thiazide.nowhere(advice.text)
