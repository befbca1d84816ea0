"""A doctor-first nutrient for someone who already takes a supplement of it (facts.md 2.4 and 3.2).

A thiazide water tablet holds calcium in the body, so calcium or vitamin D supplements can push blood calcium too
high (ODS-Ca, Mayo-D). The calcium caution told her to check with her doctor before taking calcium, yet it was not
doctor-first like its vitamin D twin: for a woman taking 1,200 mg a day the upper-limit caution said "any further
supplement must stay under 800 mg" beside it. And Safety first asked a woman taking 10 mcg of vitamin D a day to
see her doctor "before taking any supplement" of it, as if she took none.
"""

from __future__ import annotations

import re

import pytest

from nutri_tui.content import Content
from nutri_tui.content.shared_wording import ask_first
from nutri_tui.reports.plan import IN_THE_DATA, action_plan
from tests.outputs import Outputs, outputs

THIAZIDE = {"about": {"age": 76, "sex": "female"}, "diet": {"dairy_or_fortified": "rarely"}}


def _show(content: Content, supplements: list[dict]) -> Outputs:
    health = {"medicines": ["hydrochlorothiazide"], "conditions": ["osteoporosis"], "supplements": supplements}
    return outputs({**THIAZIDE, "health": health}, content)


@pytest.mark.parametrize("medicine", ["hydrochlorothiazide", "digoxin"])
def test_calcium_is_doctor_first_with_a_thiazide_or_digoxin_like_vitamin_d(content: Content, medicine: str) -> None:
    seen = outputs({**THIAZIDE, "health": {"medicines": [medicine], "conditions": ["osteoporosis"]}}, content)
    calcium = next(n for n in seen.result.nutrients if n.id == "calcium")
    vitamin_d = next(n for n in seen.result.nutrients if n.id == "vitamin_d")
    assert calcium.doctor_first and vitamin_d.doctor_first
    assert calcium.foods  # food is fine: only supplements need the doctor
    asked = "Ask your doctor first before taking any supplement of: {}, {}."  # most worth checking first
    assert seen.read(asked.format("Vitamin D", "Calcium")) or seen.read(asked.format("Calcium", "Vitamin D"))


def test_someone_already_taking_is_asked_whether_to_go_on_and_is_given_no_room_to_take_more(content: Content) -> None:
    seen = _show(content, [{"nutrient": "calcium", "amount": 1200}, {"nutrient": "vitamin_d", "amount": 10}])
    assert seen.everywhere(
        "You already take supplements of: Vitamin D, Calcium. Ask your doctor whether each is right for you to go "
        "on with, and before taking any more."
    )
    assert seen.nowhere("before taking any supplement of: Vitamin D")
    assert seen.everywhere("You already take 1,200 mg a day: ask your doctor before taking any more.")
    assert seen.nowhere("any further supplement must stay under 800 mg")
    assert seen.read("You take 1,200 mg a day: ask your doctor whether to go on with it (see Safety first).")


def test_taking_one_and_not_the_other_gets_one_line_each(content: Content) -> None:
    seen = _show(content, [{"nutrient": "vitamin_d", "amount": 10}])
    assert seen.everywhere("Ask your doctor first before taking any supplement of: Calcium")
    assert seen.everywhere(
        "You already take a supplement of: Vitamin D. Ask your doctor whether it is right for you to go on with it, "
        "and before taking any more."
    )


def test_the_wording_for_none_one_and_several() -> None:
    assert ask_first([]) == []
    assert ask_first([("Iron", False), ("Zinc", False)]) == [
        "Ask your doctor first before taking any supplement of: Iron, Zinc."
    ]
    assert ask_first([("Iron", True), ("Zinc", False)])[0].endswith("of: Zinc.")
    assert ask_first([("Iron", True), ("Zinc", True)])[0].startswith("You already take supplements of: Iron, Zinc.")


def test_an_interaction_that_asks_for_the_doctor_before_a_supplement_that_could_push_a_level_too_high_is_doctor_first(
    content: Content,
) -> None:
    """docs/content.md, severities: as "caution", the upper-limit caution beside it still said how much more may be
    taken. "Tell the doctor" (omega-3 with a blood thinner) informs and is not asked here."""
    asks_first = re.compile(r"^(Ask|Check with) your doctor( or pharmacist)? before taking")
    wrong = [
        (nutrient.id, interaction.medicine or interaction.condition)
        for nutrient in content.nutrients.values()
        for interaction in nutrient.interactions
        if interaction.effect in ("raises_level", "supplement_risk")
        and asks_first.match(interaction.advice)
        and interaction.severity != "doctor_first"
    ]
    assert wrong == []


def test_an_interaction_asking_for_the_doctor_before_any_supplement_of_a_nutrient_advised_to_take_is_doctor_first(
    content: Content,
) -> None:
    """Vitamin D's notes give the NHS's 10 mcg a day; a caution beside it saying "Ask your doctor before taking any
    supplement" (liver disease, until content 1.6.8) left the two to contradict each other. Doctor-first withholds
    the advice to take it and says, in Safety first, to ask."""
    asks_first = re.compile(r"^(Ask|Check with) your doctor( or pharmacist)? before taking")
    wrong = [
        (nutrient.id, interaction.medicine or interaction.condition)
        for nutrient in content.nutrients.values()
        if any(note.advises_taking for note in nutrient.notes)
        for interaction in nutrient.interactions
        if asks_first.match(interaction.advice) and interaction.severity != "doctor_first"
    ]
    assert wrong == []


def test_with_liver_disease_the_plan_asks_first_and_gives_no_amount_of_vitamin_d_to_take(content: Content) -> None:
    sections = {
        "about": {"age": 58, "sex": "male"},
        "sun": {"outdoor_minutes": "under_15", "housebound": True, "season": "winter", "far_from_equator": "yes"},
        "health": {"conditions": ["liver_disease"]},
    }
    seen = outputs(sections, content)
    for text in (seen.text, seen.report, seen.json_text):
        assert "Ask your doctor first before taking any supplement of: Vitamin D" in text
        assert "the NHS advises 10 mcg" not in text


@pytest.mark.parametrize("supplements", [[], [{"nutrient": "vitamin_d", "amount": 10}]], ids=["none", "vitamin-d"])
def test_in_cancer_treatment_safety_first_names_the_cancer_team_before_any_supplement(
    content: Content, supplements: list
) -> None:
    """Content 1.6.8: the plan advised the NHS's 10 mcg of vitamin D a day to someone in cancer treatment while what
    to tell the cancer team sat only in a later section. Now it leads Safety first, with or without supplements,
    not said a third time by the condition's note, and not prefixed by "Ask your doctor ... first" where it already
    says whom to tell."""
    sections = {
        "sun": {"outdoor_minutes": "under_15", "housebound": True},
        "health": {"conditions": ["cancer_treatment"], "supplements": supplements},
    }
    seen = outputs(sections, content)
    caution_id = "cancer_treatment_supplements" if supplements else "cancer_treatment_before_supplements"
    text = content.medicine_cautions[caution_id].text
    safety = next(step for step in action_plan(seen.result, content, IN_THE_DATA) if step.title == "Safety first")
    said = text if text.startswith("Tell") else f"Ask your doctor or pharmacist first: {text}"
    assert safety.lines[0].text == said and said in seen.result.summary  # the --json summary words it the same
    assert seen.everywhere(text), seen.missing(text)
    # Once in the plan and once among the cautions; the condition's note no longer says it a third time.
    assert seen.text.count(text[:60]) == 2 and seen.report.count(text[:60]) == 2
    assert "cancer team" not in content.conditions["cancer_treatment"].note
    given = {c.about.removeprefix("medicines:") for c in seen.result.medicine_cautions}
    other = "cancer_treatment_before_supplements" if supplements else "cancer_treatment_supplements"
    assert caution_id in given and other not in given
