"""The warning signs issue 18 added (facts-addendum-2 L), each asked only where it can apply.

Every case answers all the other warning signs "no", as a person finishing the step would; what the
person reads is checked in ``--json``, ``assess`` text and the Markdown report alike (tests/outputs.py).
"""

from __future__ import annotations

import re

import pytest

from nutri_tui.content import Content, ContentError
from nutri_tui.content.cross_checks import check_tests
from nutri_tui.engine.guidance import questions_for
from nutri_tui.models.answer_tests import When
from nutri_tui.models.answers import Answers
from nutri_tui.models.catalogues import RedFlag
from nutri_tui.questionnaire import QUESTIONS
from tests.outputs import Outputs, outputs


def all_no(content: Content, **answers: str) -> dict[str, str]:
    """Every warning sign that applies answered no, except those given (a sign that cannot apply is not given)."""
    return {flag_id: answers.get(flag_id, "no") for flag_id in content.red_flags}


def asked(content: Content, **sections: dict) -> dict[str, str | None]:
    return questions_for(Answers.model_validate(sections, context={"content": content}), content)


def found(seen: Outputs) -> dict[str, str]:
    return {flag.id: flag.urgency for flag in seen.result.red_flags}


# --- the done criteria of issue 18 ------------------------------------------------------------------------------


def test_a_72_year_old_smoker_with_sudden_severe_back_pain_is_told_it_is_an_emergency(content) -> None:
    about = {"age": 72, "sex": "male", "pregnancy": "no", "diet": "omnivore"}
    assert asked(content, about=about)["sudden_severe_pain"]
    seen = outputs(
        {
            "about": about,
            "lifestyle": {"smoking": "current"},
            "back_pain": {
                "areas": ["lower"],
                "duration": "acute",
                "red_flags": all_no(content, sudden_severe_pain="yes"),
            },
        },
        content,
    )
    assert found(seen) == {"sudden_severe_pain": "emergency"}
    assert seen.result.emergency and seen.result.summary[0].startswith("Get help now")
    assert seen.everywhere("Call your local emergency number now, and say the pain came on suddenly. Do not drive")
    assert seen.everywhere("aortic aneurysm")


def test_a_16_year_old_with_a_sore_back_is_not_sent_for_same_day_care(content) -> None:
    about = {"age": 16, "sex": "female", "pregnancy": "no", "diet": "omnivore"}
    questions = asked(content, about=about)
    assert questions["age_onset"] is None and questions["sudden_severe_pain"] is None
    assert questions["age_and_not_improving"] is None  # a combination: never asked
    seen = outputs(
        {"about": about, "back_pain": {"areas": ["lower"], "duration": "acute", "red_flags": all_no(content)}},
        content,
    )
    assert found(seen) == {} and not seen.result.emergency
    assert seen.nowhere("Get seen the same day")


def test_age_alone_is_a_pointer_and_only_raises_other_answers(content) -> None:
    """First back pain at 50 or over: book an appointment. With pain that has not improved: seen urgently."""
    about = {"age": 58, "sex": "female", "pregnancy": "no"}
    first_time = outputs({"about": about, "back_pain": {"red_flags": all_no(content, age_onset="yes")}}, content)
    assert found(first_time) == {"age_onset": "soon"}
    assert first_time.nowhere("Get seen the same day")
    both = outputs(
        {"about": about, "back_pain": {"red_flags": all_no(content, age_onset="yes", not_improving="yes")}}, content
    )
    assert found(both) == {"age_onset": "soon", "not_improving": "soon", "age_and_not_improving": "urgent"}
    # Long-standing pain at 58 that is slow to settle: no first onset at this age, so nothing is raised.
    long_standing = outputs({"about": about, "back_pain": {"red_flags": all_no(content, not_improving="yes")}}, content)
    assert found(long_standing) == {"not_improving": "soon"}
    teenager = outputs(
        {"about": {"age": 17}, "back_pain": {"red_flags": all_no(content, not_improving="yes")}}, content
    )
    assert found(teenager) == {"not_improving": "soon", "age_and_not_improving": "urgent"}


# --- each new sign, and each "cannot apply" rule ---------------------------------------------------------------


def test_collapse_with_sudden_back_or_tummy_pain_is_asked_at_any_age(content) -> None:
    assert asked(content, about={"age": 25})["aaa_collapse"]
    seen = outputs({"about": {"age": 25}, "back_pain": {"red_flags": all_no(content, aaa_collapse="yes")}}, content)
    assert found(seen) == {"aaa_collapse": "emergency"}
    assert seen.everywhere("Do not drive yourself")


def test_neck_signs_are_asked_only_with_neck_pain(content) -> None:
    lower = asked(content, back_pain={"areas": ["lower"]})
    assert lower["neck_sudden_clumsy_or_walking"] is None and lower["neck_cord_gradual"] is None
    neck = asked(content, back_pain={"areas": ["neck"]})
    assert neck["neck_sudden_clumsy_or_walking"] and neck["neck_cord_gradual"]
    sudden = outputs(
        {"back_pain": {"areas": ["neck"], "red_flags": all_no(content, neck_sudden_clumsy_or_walking="yes")}}, content
    )
    assert found(sudden) == {"neck_sudden_clumsy_or_walking": "emergency"}
    slow = outputs({"back_pain": {"areas": ["neck"], "red_flags": all_no(content, neck_cord_gradual="yes")}}, content)
    assert found(slow) == {"neck_cord_gradual": "urgent"}
    assert slow.everywhere("cervical myelopathy")


def test_signs_after_a_spine_operation_or_injection_are_asked_only_after_one(content) -> None:
    assert asked(content, back_pain={"recent_procedure": "no"})["after_spinal_procedure"] is None
    assert asked(content, back_pain={})["after_spinal_procedure"] is None  # older sessions: never asked
    for answer in ("yes", "dont_know"):
        assert asked(content, back_pain={"recent_procedure": answer})["after_spinal_procedure"]
    seen = outputs(
        {"back_pain": {"recent_procedure": "yes", "red_flags": all_no(content, after_spinal_procedure="yes")}},
        content,
    )
    assert found(seen) == {"after_spinal_procedure": "urgent"}
    assert seen.everywhere("Contact the team who did it")


def test_sudden_pain_on_a_blood_thinner_is_asked_only_of_people_taking_one(content) -> None:
    none = asked(content, health={"medicines": ["omeprazole"]})
    assert none["anticoagulant_sudden_pain"] is None and none["anticoagulant_nerve_signs"] is None
    warfarin = asked(content, health={"medicines": ["warfarin"]})
    assert warfarin["anticoagulant_sudden_pain"] and warfarin["anticoagulant_nerve_signs"] is None
    follow_up = asked(
        content,
        health={"medicines": ["Eliquis"]},
        back_pain={"red_flags": {"anticoagulant_sudden_pain": "dont_know"}},
    )
    assert follow_up["anticoagulant_nerve_signs"]
    pain_alone = outputs(
        {
            "health": {"medicines": ["warfarin"]},
            "back_pain": {"red_flags": all_no(content, anticoagulant_sudden_pain="yes")},
        },
        content,
    )
    assert found(pain_alone) == {"anticoagulant_sudden_pain": "urgent"}
    with_weakness = outputs(
        {
            "health": {"medicines": ["warfarin"]},
            "back_pain": {
                "red_flags": all_no(content, anticoagulant_sudden_pain="yes", anticoagulant_nerve_signs="yes")
            },
        },
        content,
    )
    assert found(with_weakness) == {"anticoagulant_nerve_signs": "emergency", "anticoagulant_sudden_pain": "urgent"}


def test_a_past_cancer_is_urgent_and_with_nerve_symptoms_an_emergency(content) -> None:
    alone = outputs({"back_pain": {"areas": ["lower"], "red_flags": all_no(content, cancer_history="yes")}}, content)
    assert found(alone) == {"cancer_history": "urgent"}
    assert alone.everywhere("Contact your cancer care team, or a doctor, today")
    assert asked(content, back_pain={"red_flags": {"cancer_history": "no"}})["cancer_nerve_signs"] is None
    assert asked(content, back_pain={"red_flags": {"cancer_history": "yes"}})["cancer_nerve_signs"]
    assert asked(content, health={"conditions": ["cancer_treatment"]})["cancer_nerve_signs"]
    nerves = outputs(
        {
            "back_pain": {
                "areas": ["lower"],
                "red_flags": all_no(content, cancer_history="yes", cancer_nerve_signs="yes"),
            }
        },
        content,
    )
    assert found(nerves) == {"cancer_nerve_signs": "emergency", "cancer_history": "urgent"}
    # Pain down one leg after a cancer is the sign NICE names: raised even if the follow-up was answered no.
    sciatica = outputs(
        {
            "back_pain": {
                "areas": ["lower"],
                "leg_spread": "one_leg",
                "red_flags": all_no(content, cancer_history="yes"),
            }
        },
        content,
    )
    assert found(sciatica)["cancer_nerve_signs"] == "emergency"
    assert sciatica.everywhere("Your other answers raise this warning sign")


# --- the content rules behind them ---------------------------------------------------------------------------


def test_a_test_on_a_warning_sign_names_a_real_one_and_uses_in(content) -> None:
    with pytest.raises(ContentError, match="not a red flag"):
        check_tests((When(field="back_pain.red_flags.no_such_flag", in_=("yes",)),), content, "red_flags.toml", "x")
    with pytest.raises(ContentError, match="not an answer to a warning sign"):
        check_tests((When(field="back_pain.red_flags.chest_pain", in_=("maybe",)),), content, "red_flags.toml", "x")
    with pytest.raises(ContentError, match="with 'in'"):
        check_tests((When(field="back_pain.red_flags.chest_pain", blank=True),), content, "red_flags.toml", "x")


def test_a_flag_that_is_never_asked_must_be_raised_by_other_answers(content) -> None:
    flag = content.red_flags["age_and_not_improving"].model_dump(by_alias=True)
    with pytest.raises(ValueError, match="needs implied_by"):
        RedFlag.model_validate({**flag, "implied_by": ()})


def test_a_follow_up_sits_right_after_the_question_it_follows(content) -> None:
    """The wizard asks flags in content order; a follow-up shown above its question would be missed."""
    order = list(content.red_flags)
    for flag in content.red_flags.values():
        parents = {
            test.field.removeprefix("back_pain.red_flags.")
            for test in _walk(flag.ask_when)
            if test.field and test.field.startswith("back_pain.red_flags.")
        }
        for parent in parents:
            assert order.index(parent) < order.index(flag.id), (flag.id, parent)


def _walk(tests):
    for test in tests:
        yield test
        yield from _walk(test.any + test.all + test.none)


# --- wording: questions asked in the positive -------------------------------------------------------------------

NEGATED_QUESTION = re.compile(
    r"^(?:[^,?]*,\s*)?(?:is|are|has|have|do|does|did|can|could|will|would)\b[^,?]*\b(?:not|never)\b", re.IGNORECASE
)
"""A yes/no question whose own clause is negated ("Has your pain not improved?"): a Yes or No to it is easy to
misread (NHS service manual; Fayers and Machin: avoid double negatives). A "not" later in a list is fine."""


def every_question(content: Content) -> list[str]:
    texts = [q.text for q in QUESTIONS.values()]
    for flag in content.red_flags.values():
        texts += [flag.question, *(v.question for v in flag.variants)]
    return texts


def test_no_question_is_asked_in_the_negative(content) -> None:
    negated = [text for text in every_question(content) if NEGATED_QUESTION.search(text)]
    assert not negated
    assert NEGATED_QUESTION.search("Has your back pain not improved after a few weeks?")
    assert NEGATED_QUESTION.search("Is your pain not eased by rest?")
    assert NEGATED_QUESTION.search("Along with that, do you not feel well?")


def test_no_question_uses_a_negative_contraction(content) -> None:
    """NHS service manual: "Do not use negative contractions like can't and don't" (users misread them)."""
    assert not [text for text in every_question(content) if re.search(r"n't\b|n’t\b", text)]


def test_the_inflammatory_pattern_is_asked_only_when_the_pain_may_have_lasted_3_months(content) -> None:
    assert asked(content, back_pain={"duration": "acute"})["inflammatory_pattern"] is None
    assert asked(content, back_pain={"duration": "subacute"})["inflammatory_pattern"] is None
    assert asked(content, back_pain={"duration": "chronic"})["inflammatory_pattern"]
    assert asked(content, back_pain={})["inflammatory_pattern"]  # duration not known: asked
