"""Answers the diet pattern settles: a vegetarian eats meat and oily fish never, a pescatarian meat, a vegan
meat, oily fish and eggs. Defined once in the questionnaire (``Question.known``), held in the answers, worded
alike in the review, the report and the reasons, and seen by the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.questionnaire import DIET, QUESTIONS, as_asked, known_answers, not_asked
from nutri_tui.reports.answers_summary import summarise
from nutri_tui.reports.own_words import said
from nutri_tui.storage.answers_file import read_answers
from tests.cli_run import run
from tests.outputs import outputs

KNOWN = {
    "omnivore": {},
    "not_stated": {},
    "pescatarian": {"meat": "never"},
    "vegetarian": {"oily_fish": "never", "meat": "never"},
    "vegan": {"oily_fish": "never", "meat": "never", "eggs": "never"},
}


def test_every_settled_answer_follows_a_real_question_and_is_one_of_its_answers() -> None:
    for question in QUESTIONS.values():
        if not question.follows:
            continue
        deciding = QUESTIONS[question.follows]
        assert set(question.known) | set(question.reworded) <= set(deciding.choices), question.field
        assert all(str(answer) in question.choices for answer in question.known.values()), question.field
        assert question.topic, f"{question.field}: the step names it when it is not asked"
        assert all(deciding.reason.get(pattern) for pattern in question.known), question.field


@pytest.mark.parametrize("pattern", list(KNOWN))
def test_the_diet_pattern_settles_the_foods_it_leaves_out(pattern: str) -> None:
    assert known_answers({"about": {"diet": pattern}}) == ({"diet": KNOWN[pattern]} if KNOWN[pattern] else {})
    answers = Answers.model_validate({"about": {"diet": pattern}})
    for name, value in KNOWN[pattern].items():
        assert getattr(answers.diet, name) == value


def test_a_vegan_is_still_asked_about_dairy_as_fortified_plant_drinks() -> None:
    dairy = QUESTIONS["diet.dairy_or_fortified"]
    vegan = {"about": {"diet": "vegan"}}
    assert "dairy_or_fortified" not in known_answers(vegan)["diet"]
    assert as_asked(dairy, vegan).text == "Fortified plant drinks and yogurts"
    assert as_asked(dairy, {"about": {"diet": "vegetarian"}}) is dairy


def test_the_step_says_what_it_does_not_ask_and_why() -> None:
    assert not_asked(DIET, {"about": {"diet": "omnivore"}}) == ""
    assert not_asked(DIET, {"about": {"diet": "vegetarian"}}) == (
        "You said you are vegetarian, so oily fish and meat are not asked: both count as Never. "
        "To change this, go back to About you."
    )
    vegan = not_asked(DIET, {"about": {"diet": "vegan"}})
    assert "so oily fish, meat and eggs are not asked: each counts as Never." in vegan
    assert "The dairy question asks about fortified plant drinks and yogurts." in vegan
    for pattern in KNOWN:
        assert "n't" not in not_asked(DIET, {"about": {"diet": pattern}})  # "Do not", never "don't"


def test_a_contradicting_answers_file_keeps_the_known_answer(content: Content, tmp_path: Path, capsys) -> None:
    """vegetarian with meat = "daily": the diet pattern wins (see Answers._known_answers for why)."""
    path = tmp_path / "answers.toml"
    path.write_text('[about]\ndiet = "vegetarian"\n\n[diet]\nmeat = "daily"\noily_fish = "often"\neggs = "daily"\n')
    answers = read_answers(path, content)
    assert (answers.diet.meat, answers.diet.oily_fish, answers.diet.eggs) == ("never", "never", "daily")
    code, out, _ = run(capsys, "assess", path)
    assert code == 0 and "nutri-tui result" in out


def test_a_vegetarian_result_is_what_answering_never_gives_and_no_meat_eater_rule_fires(content: Content) -> None:
    """Left unasked, the answers are what an honest answer gives (never), never a "don't know" that hides the
    missing fish; the rules for little meat are for meat eaters only, so they do not fire."""
    about = {"age": 40, "sex": "female", "diet": "vegetarian"}
    unasked = assess(Answers.model_validate({"about": about}, context={"content": content}), content)
    answered = assess(
        Answers.model_validate(
            {"about": about, "diet": {"meat": "never", "oily_fish": "never"}}, context={"content": content}
        ),
        content,
    )
    assert [(n.id, n.level, [r.text for r in n.reasons]) for n in unasked.nutrients] == [
        (n.id, n.level, [r.text for r in n.reasons]) for n in answered.nutrients
    ]
    texts = [r.text for n in unasked.nutrients for r in n.reasons]
    assert any("Oily fish is the main food source" in text for text in texts)  # the fish really is missing
    assert not any("meat" in text and "rarely or never eat" in text for text in texts)  # not for a vegetarian
    answers = [r.answer for n in unasked.nutrients for r in n.reasons]
    assert not any("diet.meat" in answer or "diet.oily_fish" in answer for answer in answers)  # not what they said


def test_the_review_the_report_and_the_reasons_say_why_it_was_not_asked(content: Content) -> None:
    sections = {"about": {"diet": "vegetarian"}, "diet": {"meat": "daily", "eggs": "weekly"}}
    diet = summarise(sections, content)["diet"]
    assert "Meat: Never (vegetarian)" in diet
    assert "Oily fish (salmon, sardines, mackerel): Never (vegetarian)" in diet
    assert "Eggs: 1-2 times a week" in diet
    vegan = summarise({"about": {"diet": "vegan"}, "diet": {"dairy_or_fortified": "daily"}}, content)["diet"]
    assert "Fortified plant drinks and yogurts: Every day" in vegan
    seen = outputs({"about": {"diet": "vegetarian"}}, content)
    assert "Meat: Never (vegetarian)" in seen.report
    assert said("diet.oily_fish = never", content, sections).endswith("Never (vegetarian)")
    assert said("diet.oily_fish = never", content) == "you said: Oily fish (salmon, sardines, mackerel): Never"


def test_a_vegetarian_who_skipped_the_diet_step_is_told_the_diet_was_not_answered() -> None:
    """Meat and oily fish are settled by the diet pattern, not answered: the section still counts as skipped."""
    from nutri_tui.engine.coverage import unanswered
    from nutri_tui.models.answers import Answers

    skipped = Answers.model_validate({"about": {"diet": "vegetarian"}})
    assert skipped.diet.meat == "never" and "diet" in unanswered(skipped)
    answered = Answers.model_validate({"about": {"diet": "vegetarian"}, "diet": {"eggs": "daily"}})
    assert "diet" not in unanswered(answered)


def test_a_reason_quotes_the_diet_the_person_gave_not_a_food_answer_it_settled() -> None:
    """A vegetarian is not asked about oily fish, so the reason says "you said: Diet: Vegetarian" (their words),
    and each settled answer still counts: the score is the one a "never" answer gives."""
    from nutri_tui.content import load_content
    from nutri_tui.engine import assess
    from nutri_tui.models.answers import Answers
    from nutri_tui.reports.own_words import said

    content = load_content()
    vegetarian = assess(Answers.model_validate({"about": {"diet": "vegetarian"}}), content)
    omega3 = next(n for n in vegetarian.nutrients if n.id == "omega_3")
    answers = [reason.answer for reason in omega3.reasons]
    assert "about.diet = vegetarian" in answers and not any("diet.oily_fish" in a for a in answers)
    assert said("about.diet = vegetarian", content) == "you said: Diet: Vegetarian"
    asked = assess(Answers.model_validate({"about": {"diet": "omnivore"}, "diet": {"oily_fish": "never"}}), content)
    by_fish = next(n for n in asked.nutrients if n.id == "omega_3")
    assert any(reason.answer == "diet.oily_fish = never" for reason in by_fish.reasons)
    assert omega3.score >= by_fish.score  # the settled "never" counts as the answer it stands for


def test_the_review_says_why_the_pregnancy_question_was_not_asked(content: Content) -> None:
    """A man, or a woman over 60, is not asked about pregnancy: the review and the report say the "No" was not
    theirs to give, and why, as they do for a vegetarian's meat; an answer given is shown as given."""
    about = {"about": {"sex": "male", "age": 72}}
    assert "Pregnant, breastfeeding or trying: No (male; not asked)" in summarise(about, content)["about"]
    older = {"about": {"sex": "female", "age": 72}}
    assert "Pregnant, breastfeeding or trying: No (age 72; not asked)" in summarise(older, content)["about"]
    asked = {"about": {"sex": "female", "age": 30, "pregnancy": "no"}}
    assert "Pregnant, breastfeeding or trying: No" in summarise(asked, content)["about"]
    assert "Pregnant, breastfeeding or trying: No (male; not asked)" in outputs(about, content).report
