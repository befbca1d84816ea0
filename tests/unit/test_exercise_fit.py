"""Exercise advice fitted to the person (issue 18; facts-addendum-2 M).

What comes first for a housebound 78-year-old, in pregnancy and with thin bones; a doctor's check before any
new exercise after chest pain, dizziness or fainting when active; falls; heat and numb skin; an inflammatory
pattern; and the situations the engine works out. Checked in ``--json``, ``assess`` text and the Markdown report
alike (tests/outputs.py). Texts are taken from the content, so a reworded sentence does not break a test but a
sentence that stops reaching the person does.
"""

from __future__ import annotations

import functools
import json
import tomllib
import typing

import pytest

from nutri_tui.content import load_content
from nutri_tui.engine.guidance import red_flags
from nutri_tui.engine.index import index_for
from nutri_tui.engine.profile import FLAG_SITUATIONS, NUMB, REDUCED_FEELING, build_profile, with_flag_situations
from nutri_tui.models.answers import Answers
from nutri_tui.models.catalogues import Situation
from nutri_tui.reports.markdown import IN_THE_REPORT
from nutri_tui.reports.phrases import fit_words
from nutri_tui.reports.plan import IN_THE_APP, IN_THE_DATA, action_plan, after_the_check
from nutri_tui.reports.text import IN_THE_TEXT
from tests.conftest import REPO
from tests.outputs import Outputs, json_of, outputs

CONTENT = load_content()
ADVICE = {rule.id: rule for rule in CONTENT.rules.advice}
FLAG_NO = {flag_id: "no" for flag_id in CONTENT.red_flags}


def example(name: str) -> dict:
    with (REPO / "examples" / f"{name}.toml").open("rb") as handle:
        sections = tomllib.load(handle)
    sections.pop("format", None)
    return sections


def pain(duration: str = "chronic", intensity: int = 5, **flags: str) -> dict:
    return {
        "areas": ["lower"],
        "leg_spread": "none",
        "duration": duration,
        "intensity": intensity,
        "cause": "gradual",
        "red_flags": {**FLAG_NO, **flags},
    }


def show(sections: dict) -> Outputs:
    """The outputs for these answers, worked out once per test process for each set of answers (each situation's
    persona is read by every caution the situation has; no test changes what it is given)."""
    return _shown(json.dumps(sections, sort_keys=True))


@functools.cache
def _shown(sections: str) -> Outputs:
    return outputs(json.loads(sections), CONTENT)


def text_of(rule_id: str) -> str:
    return ADVICE[rule_id].text


def ids(seen: Outputs) -> list[str]:
    return [exercise.id for exercise in seen.result.exercises]


def exercise_step(seen: Outputs) -> list[str]:
    return [line.text for line in action_plan(seen.result, CONTENT)[3].lines]


def named_in_plan(seen: Outputs) -> list[str]:
    """The exercises the plan's exercise step suggests starting with, by id."""
    by_name = {exercise.name: exercise.id for exercise in seen.result.exercises}
    return [by_name[line.split(":")[0]] for line in exercise_step(seen) if line.split(":")[0] in by_name]


# --- the situations --------------------------------------------------------------------------

SITUATION_PERSONAS: dict[str, dict] = {
    "pregnancy": {"about": {"age": 30, "sex": "female", "pregnancy": "pregnant"}},
    "osteoporosis": {"health": {"conditions": ["osteoporosis"]}},
    "acute_severe_pain": {"back_pain": pain("acute", 8)},
    "leg_symptoms": {"back_pain": {**pain(), "leg_spread": "one_leg"}},
    "neck_pain": {"back_pain": {**pain(), "areas": ["neck"]}},
    "older": {"about": {"age": 70}},
    "falls_risk": {"about": {"age": 40}, "lifestyle": {"falls_past_year": "one"}},
    "housebound": {"sun": {"housebound": True}},
    "exertion_symptoms": {"lifestyle": {"dizzy_or_faint": "dont_know"}},
    "numb_or_diabetes": {"health": {"conditions": ["type1_diabetes"]}},
    "inflammatory": {"about": {"age": 30}, "back_pain": pain(inflammatory_pattern="yes")},
}


def situations(sections: dict) -> frozenset[str]:
    """As ``assess`` works them out: from the answers, then from the warning signs found."""
    answers = Answers.model_validate(sections, context={"content": CONTENT})
    index = index_for(CONTENT)
    profile = build_profile(answers, CONTENT, index)
    found = tuple(flag.id for flag in red_flags(answers, index).findings)
    return with_flag_situations(profile.situations, found)


def test_every_situation_has_a_persona_that_brings_it() -> None:
    assert set(SITUATION_PERSONAS) == set(typing.get_args(Situation))
    for situation, persona in SITUATION_PERSONAS.items():
        assert situation in situations(persona), situation


def test_the_ids_the_situations_read_are_in_the_content() -> None:
    """A renamed warning sign, condition or symptom must not silently drop a situation."""
    assert set(FLAG_SITUATIONS) <= set(CONTENT.red_flags)
    assert REDUCED_FEELING.issubset(CONTENT.conditions) and NUMB in CONTENT.symptoms
    check = [rule for rule in CONTENT.rules.advice if rule.topic == "exercise_first"]
    assert [rule.situation for rule in check] == ["exertion_symptoms"]  # the words for the check the plan asks


def test_a_plain_adult_has_no_situation() -> None:
    assert situations({"about": {"age": 40}, "back_pain": pain()}) == frozenset()


@pytest.mark.parametrize(
    ("sections", "situation"),
    [
        ({"about": {"age": 65}}, "falls_risk"),
        ({"lifestyle": {"falls_past_year": "more"}}, "falls_risk"),
        ({"lifestyle": {"chest_pain_on_activity": "yes"}}, "exertion_symptoms"),
        ({"lifestyle": {"dizzy_or_faint": "yes"}}, "exertion_symptoms"),
        ({"health": {"conditions": ["type2_diabetes"]}}, "numb_or_diabetes"),
        ({"health": {"conditions": ["poor_circulation"]}}, "numb_or_diabetes"),
        ({"health": {"symptoms": ["tingling_numbness"]}}, "numb_or_diabetes"),
        ({"back_pain": pain("acute", 8, fracture_risk="yes")}, "osteoporosis"),
        ({"back_pain": pain(fracture_risk="dont_know")}, "osteoporosis"),
    ],
)
def test_each_way_into_a_situation(sections: dict, situation: str) -> None:
    assert situation in situations(sections)


@pytest.mark.parametrize(
    ("sections", "situation"),
    [
        ({"about": {"age": 64}, "lifestyle": {"falls_past_year": "none"}}, "falls_risk"),
        ({"about": {"age": 40}, "lifestyle": {"falls_past_year": "dont_know"}}, "falls_risk"),
        ({"lifestyle": {"chest_pain_on_activity": "no", "dizzy_or_faint": "no"}}, "exertion_symptoms"),
        ({}, "exertion_symptoms"),  # not asked (a session from before the questions): no check is called for
    ],
)
def test_what_does_not_bring_a_situation(sections: dict, situation: str) -> None:
    assert situation not in situations(sections)


@pytest.mark.parametrize(
    ("exercise_id", "index"),
    [
        (exercise.id, index)
        for exercise in CONTENT.exercises.values()
        for index, caution in enumerate(exercise.cautions)
        if not caution.exclude
    ],
)
def test_each_exercise_caution_reaches_a_person_in_its_situation(exercise_id: str, index: int) -> None:
    caution = CONTENT.exercises[exercise_id].cautions[index]
    seen = show(SITUATION_PERSONAS[caution.when])
    assert seen.everywhere(caution.text), seen.missing(caution.text)
    suggestion = next(e for e in seen.result.exercises if e.id == exercise_id)
    assert set(caution.sources) <= set(suggestion.sources)
    assert (caution.text in suggestion.unverified_cautions) is caution.unverified


def test_a_cautions_sources_are_cited_only_where_it_applies() -> None:
    strength = CONTENT.exercises["strengthening"]
    falls = next(c for c in strength.cautions if c.when == "falls_risk")
    younger = show({"about": {"age": 40}, "back_pain": pain()})
    cited = next(e.sources for e in younger.result.exercises if e.id == "strengthening")
    assert set(falls.sources).isdisjoint(cited)
    older = show({"about": {"age": 70}, "back_pain": pain()})
    assert set(falls.sources) <= set(next(e.sources for e in older.result.exercises if e.id == "strengthening"))


def test_an_unconfirmed_caution_carries_a_dagger_in_text_and_report() -> None:
    seen = show({"health": {"conditions": ["osteoporosis"]}, "back_pain": pain()})
    yoga = next(c.text for c in CONTENT.exercises["yoga"].cautions if c.when == "osteoporosis")
    assert f"{yoga} †" in seen.text and f"{yoga} †" in seen.report


# --- what comes first, by person ------------------------------------------------------------


def test_a_housebound_78_year_old_starts_with_strength_and_walking_at_home_not_a_class() -> None:
    seen = show(example("housebound-older-woman"))
    order = ids(seen)
    assert order[:3] == ["strengthening", "walking", "tai_chi"]
    assert set(order[-3:]) == {"pilates", "yoga", "aquatic"}  # classes and pools need getting out
    assert named_in_plan(seen) == ["strengthening", "walking"]
    walking = next(c.text for c in CONTENT.exercises["walking"].cautions if c.when == "housebound")
    assert seen.everywhere(walking) and any(walking in line for line in exercise_step(seen))


def test_the_same_woman_able_to_go_out_still_starts_with_strength_and_balance() -> None:
    sections = example("housebound-older-woman")
    sections["sun"]["housebound"] = False
    assert ids(show(sections))[:2] == ["strengthening", "tai_chi"]


def test_in_pregnancy_walking_then_swimming_come_first_with_what_to_avoid() -> None:
    seen = show(example("pregnant-vegetarian"))
    assert ids(seen)[:2] == ["walking", "aquatic"]
    assert named_in_plan(seen) == ["walking", "aquatic"]
    advice = text_of("exercise_in_pregnancy")
    assert "especially after 16 weeks" in advice and "scuba diving" in advice
    assert seen.everywhere(advice) and exercise_step(seen)[0].startswith(advice)
    assert seen.everywhere(text_of("stop_signs_in_pregnancy"))
    assert not any("first trimester" in c for e in seen.result.exercises for c in e.cautions)


def test_with_thin_bones_strength_and_walking_come_first_and_activity_is_never_stopped() -> None:
    seen = show(
        {"about": {"age": 58, "sex": "female"}, "health": {"conditions": ["osteoporosis"]}, "back_pain": pain()}
    )
    order = ids(seen)
    assert order[:2] == ["strengthening", "walking"]
    assert order.index("tai_chi") < order.index("pilates")
    advice = text_of("exercise_with_thin_bones")
    assert seen.everywhere(advice) and ADVICE["exercise_with_thin_bones"].unverified
    assert f"{advice} †" in seen.text
    for phrase in ("walking", "strength", "balance", "high-impact jumping"):
        assert phrase in advice
    assert "stop exercising" not in advice.lower() and "keep active" in advice


def test_a_possible_spinal_fracture_gets_the_thin_bones_advice_and_a_doctor_the_same_day() -> None:
    seen = show({"about": {"age": 72, "sex": "female"}, "back_pain": pain("acute", 8, fracture_risk="yes")})
    assert seen.everywhere(text_of("exercise_with_thin_bones"))
    assert "See a doctor" in seen.result.exercise_note
    assert ids(seen)[0] == "walking" and "strengthening" not in ids(seen)  # new, severe pain: no weights


def test_the_older_example_with_thin_bones_starts_with_strength() -> None:
    seen = show(example("older-several-medicines"))
    assert ids(seen)[0] == "strengthening"
    step = exercise_step(seen)
    assert step[0] == text_of("balance_and_strength_for_falls")
    assert step[1].startswith(text_of("exercise_with_thin_bones"))


# --- a doctor's check first: chest pain, dizziness or fainting when active -------------------


@pytest.mark.parametrize(
    "lifestyle",
    [
        {"chest_pain_on_activity": "yes", "dizzy_or_faint": "no"},
        {"chest_pain_on_activity": "dont_know", "dizzy_or_faint": "no"},
        {"chest_pain_on_activity": "no", "dizzy_or_faint": "yes"},
    ],
    ids=["chest-pain", "chest-pain-not-sure", "dizzy"],
)
def test_exertion_symptoms_hold_back_new_exercise_until_a_doctor_has_checked(lifestyle: dict) -> None:
    seen = show({"about": {"age": 55, "sex": "male"}, "lifestyle": lifestyle, "back_pain": pain("acute", 4)})
    check = text_of("check_before_exercise")
    assert "worth" in check and "not a diagnosis" in check
    assert seen.result.exercise_check_first and json_of(seen.result)["exercise_check_first"] is True
    step = action_plan(seen.result, CONTENT)[3]
    assert [line.text for line in step.lines] == [check, after_the_check(IN_THE_APP)]
    assert step.lines[0].tone == "caution"
    assert named_in_plan(seen) == []  # no exercise suggested to start with
    assert seen.everywhere(check)
    # Where the exercises are, in each output's own words: a tab in the app, a section below in the text and
    # the report, the list in the data for --json.
    assert "the Exercises tab" in after_the_check(IN_THE_APP)
    flat_text, flat_report = (" ".join(output.split()) for output in (seen.text, seen.report))
    assert after_the_check(IN_THE_TEXT) in flat_text and "the Exercises tab" not in flat_text
    assert after_the_check(IN_THE_REPORT) in flat_report and "the Exercises tab" not in flat_report
    assert after_the_check(IN_THE_DATA) in seen.json_text
    exercise = seen.text.split(" Exercise ---", 1)[1]
    first_card = f"({fit_words(seen.result.exercises[0].fit)}"  # "Walking (a first choice for you): ..."
    assert exercise.index(check) < exercise.index(seen.result.exercise_note) < exercise.index(first_card)
    report = seen.report.split("## Exercise", 1)[1]
    assert report.lstrip().startswith(f"**{check}**")
    assert "safe for you to start" in seen.result.exercise_note


def test_without_those_signs_the_plan_names_exercises_to_start_with() -> None:
    for lifestyle in ({"chest_pain_on_activity": "no", "dizzy_or_faint": "no"}, {}):
        seen = show({"about": {"age": 55}, "lifestyle": lifestyle, "back_pain": pain("acute", 4)})
        assert not seen.result.exercise_check_first
        assert seen.nowhere(text_of("check_before_exercise"))
        assert len(named_in_plan(seen)) == 2


def test_an_emergency_sign_withholds_the_check_and_every_exercise_advice_too() -> None:
    seen = show({"lifestyle": {"chest_pain_on_activity": "yes"}, "back_pain": pain(saddle_numbness="yes")})
    result = seen.result
    assert result.exercise_withheld and not result.exercise_check_first
    assert not any(a.topic.startswith("exercise") for a in result.advice)
    assert seen.nowhere(text_of("stop_signs"))


# --- falls --------------------------------------------------------------------------------------


def test_one_fall_brings_strength_and_balance_but_not_a_falls_assessment() -> None:
    seen = show({"about": {"age": 40}, "lifestyle": {"falls_past_year": "one"}, "back_pain": pain()})
    assert seen.everywhere(text_of("balance_and_strength_for_falls"))
    assert seen.nowhere(text_of("falls_assessment"))
    assert ids(seen)[0] == "strengthening"


def test_more_than_one_fall_asks_the_doctor_about_a_falls_assessment() -> None:
    seen = show({"about": {"age": 80}, "lifestyle": {"falls_past_year": "more"}, "back_pain": pain()})
    assessment = text_of("falls_assessment")
    assert "about a falls assessment and a strength and balance programme" in assessment
    assert seen.everywhere(assessment) and seen.everywhere(text_of("balance_and_strength_for_falls"))
    assert any(assessment in line for line in exercise_step(seen))
    assert "nice-qs86" in {s.id for s in seen.result.sources}


@pytest.mark.parametrize("falls", ["none", "dont_know"])
def test_no_fall_under_65_brings_neither(falls: str) -> None:
    seen = show({"about": {"age": 40}, "lifestyle": {"falls_past_year": falls}, "back_pain": pain()})
    assert seen.nowhere(text_of("balance_and_strength_for_falls")) and seen.nowhere(text_of("falls_assessment"))


# --- heat ---------------------------------------------------------------------------------------

HEAT = "A heat wrap or hot-water bottle can ease recent back pain"


def test_heat_is_suggested_with_how_to_use_it_safely() -> None:
    seen = show({"about": {"age": 40}, "back_pain": pain("acute", 4)})
    heat = text_of("heat_for_short_term_relief")
    assert seen.everywhere(heat)
    for phrase in ("wrap it in a towel", "10 to 15 minutes", "Never go to sleep with it"):
        assert phrase in heat
    assert seen.nowhere(text_of("heat_with_reduced_feeling"))


@pytest.mark.parametrize(
    "health",
    [
        {"conditions": ["type2_diabetes"]},
        {"conditions": ["type1_diabetes"]},
        {"conditions": ["poor_circulation"]},
        {"symptoms": ["tingling_numbness"]},
    ],
    ids=["type-2-diabetes", "type-1-diabetes", "poor-circulation", "numbness"],
)
def test_heat_is_withheld_with_diabetes_poor_circulation_or_numb_skin(health: dict) -> None:
    seen = show({"about": {"age": 40}, "health": health, "back_pain": pain("acute", 4)})
    assert seen.nowhere(HEAT)
    caution = text_of("heat_with_reduced_feeling")
    assert seen.everywhere(caution) and "Do not use heat on skin that is numb" in caution


# --- inflammatory back pain, NICE NG59, staying active ----------------------------------------


@pytest.mark.parametrize("answer", ["yes", "dont_know"])
def test_an_inflammatory_pattern_makes_exercise_first_line_care_alongside_a_doctor(answer: str) -> None:
    seen = show({"about": {"age": 30, "sex": "male"}, "back_pain": pain(inflammatory_pattern=answer)})
    advice = text_of("exercise_for_inflammatory_pattern")
    assert "first-line" in advice and "alongside seeing a doctor" in advice
    assert seen.everywhere(advice) and any(advice in line for line in exercise_step(seen))
    assert seen.result.exercises and not seen.result.exercise_check_first
    assert {"nice-qs170", "nice-ng65"} <= {s.id for s in seen.result.sources}


def test_nice_ng59s_do_not_offer_list_and_staying_active_are_stated() -> None:
    seen = show({"about": {"age": 40}, "back_pain": pain()})
    ng59 = text_of("not_recommended_for_back_pain")
    for item in ("belts or corsets", "foot orthotics", "rocker-sole shoes", "traction", "acupuncture", "TENS"):
        assert item in ng59
    assert ADVICE["not_recommended_for_back_pain"].unverified
    assert seen.everywhere(ng59) and f"{ng59} †" in seen.text and f"{ng59} †" in seen.report
    assert "Bed rest is bad for your back" in text_of("stay_active") and seen.everywhere(text_of("stay_active"))
    report = seen.report.split("## Advice given", 1)[1]
    assert ng59 in report


# --- the stop signs, said once --------------------------------------------------------------


@pytest.mark.parametrize("name", ["healthy-adult", "older-several-medicines", "pregnant-vegetarian", "vegan"])
def test_the_stop_signs_are_said_once_in_every_output(name: str) -> None:
    from nutri_tui.reports.result_text import STOP_HEADING

    seen = show(example(name))
    for rule_id in ("stop_signs", "chest_pain_while_active"):
        stop = text_of(rule_id)
        for output in (seen.json_text, seen.text, seen.report):
            assert output.count(stop) == 1, (rule_id, output[:60])
    assert seen.text.count(f"{STOP_HEADING}:") == 1 and seen.report.count(f"{STOP_HEADING}:") == 1
    assert "Stop if:" not in seen.text and "Stop if:" not in seen.report
    assert not any(text_of("stop_signs") in e.stop_if for e in seen.result.exercises)


def test_only_tai_chi_and_the_pool_add_stop_signs_of_their_own() -> None:
    assert {e.id for e in CONTENT.exercises.values() if e.stop_if} == {"tai_chi", "aquatic"}


def test_a_card_from_an_older_session_shows_its_stop_text_once_without_repeating_stop() -> None:
    from dataclasses import replace

    from nutri_tui.reports.citations import Citations
    from nutri_tui.reports.result_text import exercise_text

    seen = show({"back_pain": pain()})
    old = "Stop and get medical advice if you develop new weakness, numbness or pins and needles in a leg."
    card = exercise_text(replace(seen.result.exercises[0], stop_if=old), Citations(seen.result))
    assert card.count(old) == 1 and "Stop if: Stop" not in card and "Stop and get advice if: Stop" not in card


def test_the_summary_lines_in_json_say_the_check_before_exercise(content) -> None:
    """``--json``'s summary (read by programs) says the check too, with the other things to ask a doctor first."""
    from nutri_tui.engine import assess
    from nutri_tui.models.answers import Answers

    result = assess(Answers.model_validate({"lifestyle": {"chest_pain_on_activity": "dont_know"}}), content)
    assert any(line.startswith("See a doctor before starting new exercise: ") for line in result.summary)
    clear = assess(Answers.model_validate({"lifestyle": {"chest_pain_on_activity": "no"}}), content)
    assert not any("before starting new exercise" in line for line in clear.summary)
