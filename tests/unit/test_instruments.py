"""Issue 16: the validated questionnaires, the Keele STarT Back Screening Tool and the PHQ-4.

Their wording and scoring are checked against the fact sheet's tables (facts-addendum K.1 and K.2, copied
here by hand, never read from the content); every band edge is scored; the loader refuses a questionnaire
file without its licence, address, date, allowed use or attribution; and every output that shows a score
says what it means and carries the attribution.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from nutri_tui.content import Content, ContentError, load_content
from nutri_tui.engine import assess
from nutri_tui.engine.instruments import score_instrument
from nutri_tui.models.answers import Answers
from nutri_tui.models.field_roles import ROLES
from nutri_tui.reports.plan import action_plan
from nutri_tui.text import validation_message
from tests.outputs import outputs

CONTENT = load_content()
START_BACK = CONTENT.instruments["start_back"]
PHQ4 = CONTENT.instruments["phq4"]

# --- the fact sheet, K.2 (verbatim) and K.1 --------------------------------------------------------------------

SBST_STEM = "Thinking about the last 2 weeks please answer the following questions:"
SBST_ITEMS = [
    "My back pain has spread down my leg(s) at some time in the last 2 weeks",
    "I have had pain in the shoulder or neck at some time in the last 2 weeks",
    "I have only walked short distances because of my back pain",
    "In the last 2 weeks, I have dressed more slowly than usual because of back pain",
    "It's not really safe for a person with a condition like mine to be physically active",
    "Worrying thoughts have been going through my mind a lot of the time",
    "I feel that my back pain is terrible and it's never going to get any better",
    "In general I have not enjoyed all the things I used to enjoy",
    "Overall, how bothersome has your back pain been in the last 2 weeks?",
]
SBST_PSYCHOSOCIAL = {5, 6, 7, 8, 9}
SBST_AGREE = {"Disagree": 0, "Agree": 1}
SBST_ITEM_9 = {"Not at all": 0, "Slightly": 0, "Moderately": 0, "Very much": 1, "Extremely": 1}
PHQ4_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
PHQ4_ITEMS = [
    ("Feeling nervous, anxious or on edge", "anxiety"),
    ("Not being able to stop or control worrying", "anxiety"),
    ("Little interest or pleasure in doing things", "depression"),
    ("Feeling down, depressed, or hopeless", "depression"),
]
PHQ4_ANSWERS = {"Not at all": 0, "Several days": 1, "More than half the days": 2, "Nearly every day": 3}
KEELE_COPYRIGHT = "Copyright (©2021) University of Keele."
PFIZER_NOTICE = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational "
    "grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."
)


def sbst_group(total: int, psychosocial: int) -> str:
    """K.2: total 3 or less low; 4 or more with the subscale 3 or less medium; 4 or more with 4 or more high."""
    if total <= 3:
        return "low"
    return "medium" if psychosocial <= 3 else "high"


def phq4_band(total: int) -> str:
    """K.1: 0-2 none, 3-5 mild, 6-8 moderate, 9-12 severe."""
    return "none" if total <= 2 else "mild" if total <= 5 else "moderate" if total <= 8 else "severe"


def test_start_back_wording_and_scores_are_the_fact_sheets() -> None:
    assert START_BACK.stem == SBST_STEM
    assert [item.text for item in START_BACK.item] == SBST_ITEMS
    assert [item.number for item in START_BACK.item] == list(range(1, 10))
    for item in START_BACK.item:
        offered = {a.text: a.score for a in START_BACK.answers_to(item)}
        assert offered == (SBST_ITEM_9 if item.number == 9 else SBST_AGREE), item.id
        assert ("psychosocial" in item.subscales) is (item.number in SBST_PSYCHOSOCIAL), item.id
    assert START_BACK.maximum("total") == 9 and START_BACK.maximum("psychosocial") == 5
    assert KEELE_COPYRIGHT in START_BACK.attribution and "Arthritis Research UK" in START_BACK.attribution
    assert START_BACK.licence.startswith(f"{KEELE_COPYRIGHT} No license is required for non-commercial use.")


def test_phq4_wording_and_scores_are_the_fact_sheets() -> None:
    assert PHQ4.stem == PHQ4_STEM
    assert [(item.text, *item.subscales) for item in PHQ4.item] == PHQ4_ITEMS
    for item in PHQ4.item:
        assert {a.text: a.score for a in PHQ4.answers_to(item)} == PHQ4_ANSWERS
    assert PHQ4.maximum("total") == 12 and PHQ4.maximum("anxiety") == PHQ4.maximum("depression") == 6
    assert PHQ4.attribution == PFIZER_NOTICE and PHQ4.attribution_unverified  # the PHQ-4's own footer: not seen (†)
    assert [s.follow_up.at_least for s in PHQ4.subscale if s.follow_up] == [3, 3]


def test_every_possible_set_of_answers_gets_the_fact_sheets_group() -> None:
    """All 1,280 complete STarT Back answer sets and all 256 PHQ-4 ones, against the rules written out above."""
    sets = [[a.id for a in START_BACK.answers_to(item)] for item in START_BACK.item]
    for chosen in itertools.product(*sets):
        score = score_instrument(START_BACK, dict(zip((i.id for i in START_BACK.item), chosen, strict=True)))
        points = [a for a in score.answers]
        total = sum(a.score or 0 for a in points)
        psychosocial = sum(a.score or 0 for a in points if a.number in SBST_PSYCHOSOCIAL)
        group = sbst_group(total, psychosocial)
        assert (score.total, score.subscales[0].score, score.band) == (total, psychosocial, group)
    for chosen in itertools.product(range(4), repeat=4):
        score = score_instrument(PHQ4, phq4(*chosen))
        assert (score.total, score.band) == (sum(chosen), phq4_band(sum(chosen)))
        assert [s.score for s in score.subscales] == [chosen[0] + chosen[1], chosen[2] + chosen[3]]


# --- STarT Back on every edge ------------------------------------------------------------------------------------


def start_back(agree: set[int] = frozenset(), bothersome: str = "not_at_all") -> dict[str, str]:
    """Answers with the numbered items 1-8 agreed to, the rest disagreed, and question 9 as given."""
    answers = {item.id: "agree" if item.number in agree else "disagree" for item in START_BACK.item[:8]}
    return {**answers, "bothersome": bothersome}


@pytest.mark.parametrize(
    ("agree", "bothersome", "total", "psychosocial", "band"),
    [
        (set(), "not_at_all", 0, 0, "low"),  # all disagree
        (set(range(1, 9)), "extremely", 9, 5, "high"),  # all agree
        ({1, 2, 3}, "not_at_all", 3, 0, "low"),  # total 3: low
        ({1, 2, 3, 4}, "not_at_all", 4, 0, "medium"),  # total 4: medium
        ({5, 6, 7}, "very_much", 4, 4, "high"),  # total 4, subscale 4: high
        ({1, 5, 6, 7}, "moderately", 4, 3, "medium"),  # total 4, subscale 3: medium
        ({5, 6, 7}, "moderately", 3, 3, "low"),  # a high subscale with a total of 3 is still low
        ({5, 6}, "extremely", 3, 3, "low"),
        (set(range(1, 9)), "moderately", 8, 4, "high"),
    ],
)
def test_start_back_edges(agree: set[int], bothersome: str, total: int, psychosocial: int, band: str) -> None:
    score = score_instrument(START_BACK, start_back(agree, bothersome))
    assert score.complete and (score.total, score.subscales[0].score, score.band) == (total, psychosocial, band)
    assert score.maximum == 9 and score.subscales[0].maximum == 5
    assert score.summary == (
        f"Total score {total} out of 9; psychosocial subscale (questions 5 to 9) {psychosocial} out of 5: "
        f"{score.band_name}."
    )
    assert not score.follow_ups and score.safety_net is None  # STarT Back asks for no follow-up of its own


@pytest.mark.parametrize(
    ("answer", "points"),
    [("not_at_all", 0), ("slightly", 0), ("moderately", 0), ("very_much", 1), ("extremely", 1)],
)
def test_question_9_scores_only_very_much_and_extremely(answer: str, points: int) -> None:
    score = score_instrument(START_BACK, start_back(bothersome=answer))
    assert score.total == points and score.subscales[0].score == points
    assert score.answers[8].score == points and score.answers[8].answer == answer


def test_an_incomplete_questionnaire_says_so_and_gives_no_score() -> None:
    given = start_back(set(range(1, 9)))
    del given["bothersome"]
    score = score_instrument(START_BACK, given)
    assert not score.complete and score.answered == 8 and score.questions == 9
    assert score.total is None and score.band is None and score.subscales == () and score.band_text == ""
    assert score.summary.startswith("Incomplete: 8 of its 9 questions answered.") and "none is given" in score.summary
    assert score.answers[8].answer == "" and score.answers[8].score is None
    # An answer the questionnaire does not have (a hand-edited session, read for shape only) counts as unanswered.
    assert not score_instrument(START_BACK, {**start_back(), "bothersome": "hugely"}).complete


# --- PHQ-4 on every edge -----------------------------------------------------------------------------------------


def phq4(*points: int) -> dict[str, str]:
    """Answers scoring ``points`` on questions 1 to 4 (0 Not at all ... 3 Nearly every day); fewer: the rest blank."""
    ids = ["not_at_all", "several_days", "more_than_half", "nearly_every_day"]
    return {item.id: ids[p] for item, p in zip(PHQ4.item, points, strict=False)}


@pytest.mark.parametrize(
    ("points", "total", "band"),
    [
        ((1, 1, 0, 0), 2, "none"),
        ((1, 1, 1, 0), 3, "mild"),
        ((2, 1, 1, 1), 5, "mild"),
        ((2, 1, 2, 1), 6, "moderate"),
        ((2, 2, 2, 2), 8, "moderate"),
        ((3, 2, 2, 2), 9, "severe"),
        ((0, 0, 0, 0), 0, "none"),
        ((3, 3, 3, 3), 12, "severe"),
    ],
)
def test_phq4_bands_at_2_3_5_6_8_9(points: tuple[int, ...], total: int, band: str) -> None:
    score = score_instrument(PHQ4, phq4(*points))
    assert score.complete and (score.total, score.band) == (total, band)
    assert score.band_text.startswith("A total of ") and "out of 12" in score.band_text


@pytest.mark.parametrize(
    ("points", "worth_talking"),
    [
        ((1, 1, 0, 0), []),  # anxiety 2: no follow-up
        ((2, 1, 0, 0), ["worry"]),  # anxiety 3
        ((0, 0, 1, 1), []),  # depression 2
        ((0, 0, 1, 2), ["mood"]),  # depression 3
        ((3, 3, 3, 3), ["worry", "mood"]),
    ],
)
def test_a_phq4_subscale_of_3_or_more_suggests_the_gp_kindly_with_where_to_get_urgent_help(
    points: tuple[int, ...], worth_talking: list[str]
) -> None:
    score = score_instrument(PHQ4, phq4(*points))
    said = [note.text for note in score.follow_ups]
    assert len(said) == len(worth_talking)
    for text, topic in zip(said, worth_talking, strict=True):
        assert f"talking to your GP (a doctor) about {'your mood' if topic == 'mood' else topic}" in text
        assert "not a diagnosis" in text
    if worth_talking:
        assert score.safety_net is not None
        assert "unable to keep yourself safe" in score.safety_net.text
        assert "your local emergency number" in score.safety_net.text
    else:
        assert score.safety_net is None


# --- who is asked ------------------------------------------------------------------------------------------------


def result_for(**sections: dict):
    return assess(Answers.model_validate(sections, context={"content": CONTENT}), CONTENT)


def test_start_back_is_scored_only_with_back_pain() -> None:
    given = start_back({1, 2, 3, 4})
    assert [i.id for i in result_for(back_pain={"areas": ["lower"], "start_back": given}).instruments] == ["start_back"]
    assert result_for(back_pain={"areas": [], "start_back": given}).instruments == ()
    assert result_for(back_pain={"areas": ["neck"], "start_back": given}).instruments == ()  # neck pain alone
    assert result_for(back_pain={"areas": ["lower"]}).instruments == ()  # not started: not listed
    assert [i.id for i in result_for(lifestyle={"phq4": phq4(0, 0, 0)}).instruments] == ["phq4"]


def test_answers_are_checked_against_the_questionnaire() -> None:
    with pytest.raises(ValidationError) as caught:
        Answers.model_validate({"lifestyle": {"phq4": {"nervous": "often"}}}, context={"content": CONTENT})
    message = validation_message(caught.value)
    assert message.startswith("lifestyle.phq4: nervous: 'often' is not one of its answers; allowed: not_at_all")
    with pytest.raises(ValidationError) as caught:
        Answers.model_validate({"back_pain": {"start_back": {"sleep": "agree"}}}, context={"content": CONTENT})
    assert "'sleep' is not a question of the Keele STarT Back Screening Tool; allowed: leg_pain" in str(caught.value)
    # A saved session is read for shape only: answers the content does not know still load.
    assert Answers.model_validate({"back_pain": {"start_back": {"sleep": "agree"}}}).back_pain.start_back


# --- the loader refuses what it must -----------------------------------------------------------------------------


def error_for(root: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert "\n" not in str(caught.value)
    return str(caught.value)


def without_key(path: Path, key: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(rf"(?m)^{key} = .*\n", "", text)
    assert count == 1, key
    path.write_text(changed, encoding="utf-8")


@pytest.mark.usefixtures("toml_parsed_once")  # the other files of the copy parsed once a process
@pytest.mark.parametrize("key", ["licence", "source_url", "verified_on", "allowed_use", "attribution"])
@pytest.mark.parametrize("file", ["start_back.toml", "phq4.toml"])
def test_a_questionnaire_without_its_licence_terms_or_attribution_is_refused(
    content_copy: Path, file: str, key: str
) -> None:
    without_key(content_copy / "instruments" / file, key)
    assert error_for(content_copy) == f"content/instruments/{file}: {key}: required key is missing"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.usefixtures("toml_parsed_once")  # the other files of the copy parsed once a process
@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("start_back.toml", 'attribution = "Copyright', 'attribution = " "\nx = "', "attribution: String should have"),
        (
            "start_back.toml",
            '{ score = "psychosocial", at_most = 3 }',
            '{ score = "psychosocial", at_most = 2 }',
            "band: for total 4, psychosocial 3, no band holds (every possible score needs exactly one band)",
        ),
        ("phq4.toml", '{ score = "total", at_most = 5 }', '{ score = "total", at_most = 6 }', "bands mild, moderate"),
        ("start_back.toml", 'answers = "bothersome"', 'answers = "bother"', "item[bothersome].answers: unknown"),
        ("start_back.toml", "number = 9", "number = 10", "item[bothersome].number: expected 9"),
        ("phq4.toml", 'field = "lifestyle.phq4"', 'field = "lifestyle.stress"', "field: 'lifestyle.stress' does not"),
        ("phq4.toml", 'sources = ["mhf-suicidal-thoughts"]', 'sources = ["nope"]', "unknown source id 'nope'"),
        ("phq4.toml", 'id = "phq4"', 'id = "phq_4"', "id: id 'phq_4' does not match the file name"),
    ],
)
def test_a_broken_questionnaire_file_is_refused_in_one_line(
    content_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    edit(content_copy / "instruments" / file, old, new)
    error = error_for(content_copy)
    assert error.startswith(f"content/instruments/{file}: ") and message in error, error


@pytest.mark.usefixtures("toml_parsed_once")  # the other files of the copy parsed once a process
def test_a_missing_questionnaire_file_is_refused(content_copy: Path) -> None:
    (content_copy / "instruments" / "phq4.toml").unlink()
    assert "no questionnaire file answers lifestyle.phq4" in error_for(content_copy)


def test_every_questionnaire_field_has_a_role() -> None:
    assert {"Instrument", "InstrumentItem", "InstrumentAnswer", "ScoreBand", "Subscale", "FollowUp"} <= set(ROLES)
    assert ROLES["Instrument"]["attribution"] == "shown" and ROLES["Instrument"]["licence"].startswith("background")


# --- what a person is shown, in every output ---------------------------------------------------------------------

BOTH = {
    "back_pain": {"areas": ["lower"], "start_back": start_back({1, 5, 6, 7}, "very_much")},
    "lifestyle": {"phq4": phq4(2, 1, 1, 2)},
}


def test_scores_reach_every_output_with_what_they_mean_and_the_attribution(content: Content) -> None:
    seen = outputs(BOTH, content)
    for score in seen.result.instruments:
        instrument = content.instruments[score.id]
        assert score.complete
        for text in (score.summary, score.band_text, instrument.purpose, instrument.stem, instrument.attribution):
            assert seen.everywhere(text), (score.id, text[:60], seen.missing(text))
        for item in instrument.item:  # every question with its answer, as the report lists them
            assert seen.everywhere(item.text), item.id
        for subscale in instrument.subscale:
            assert seen.everywhere(subscale.name[1:])  # lower-cased mid-sentence in the summary
            if subscale.follow_up is not None:
                assert seen.everywhere(subscale.follow_up.text)
    assert seen.everywhere(PHQ4.safety_net.text)
    assert seen.read("5. It's not really safe for a person with a condition like mine to be physically active: Agree")
    assert seen.read("9. Overall, how bothersome has your back pain been in the last 2 weeks? Very much (1 point)")
    assert seen.read("1. Feeling nervous, anxious or on edge: More than half the days (2 points)")
    assert seen.read(f"{PHQ4.name}: {PFIZER_NOTICE} †")  # not seen on the PHQ-4's own form: marked
    for instrument in (START_BACK, PHQ4):  # wherever the score or the questions are: the plan, then the section
        assert seen.report.count(instrument.attribution) == seen.text.count(instrument.attribution) == 2
    for source in ("keele-sbst-licence", "phq4-kroenke-2009", "mhf-suicidal-thoughts", "arroll-2010"):
        assert source in {s.id for s in seen.result.sources}


@pytest.mark.parametrize("band", [b.id for b in START_BACK.band] + [f"phq4:{b.id}" for b in PHQ4.band])
def test_each_band_reaches_a_person_in_it(content: Content, band: str) -> None:
    personas = {
        "low": {"back_pain": {"areas": ["lower"], "start_back": start_back()}},
        "medium": {"back_pain": {"areas": ["lower"], "start_back": start_back({1, 2, 3, 4})}},
        "high": {"back_pain": {"areas": ["lower"], "start_back": start_back({5, 6, 7, 8})}},
        **{f"phq4:{b}": {"lifestyle": {"phq4": phq4(*p)}} for b, p in {"none": (0,) * 4, "mild": (1,) * 4}.items()},
        "phq4:moderate": {"lifestyle": {"phq4": phq4(2, 2, 1, 1)}},
        "phq4:severe": {"lifestyle": {"phq4": phq4(3, 3, 3, 0)}},
    }
    seen = outputs(personas[band], content)
    instrument = PHQ4 if band.startswith("phq4:") else START_BACK
    text = next(b.text for b in instrument.band if b.id == band.removeprefix("phq4:"))
    assert seen.everywhere(text) and seen.everywhere(instrument.attribution)


def test_the_plan_shows_the_scores_before_the_safety_net_with_the_attribution(content: Content) -> None:
    result = result_for(**BOTH)
    plan = action_plan(result, content)
    titles = [step.title for step in plan]
    assert titles[-2:] == ["Scores to show your GP or physiotherapist", "If things change"]
    lines = [line.text for line in plan[-2].lines]
    assert lines[0].startswith("PHQ-4 (Patient Health Questionnaire-4): Total score 6 out of 12; anxiety subscale")
    assert any(KEELE_COPYRIGHT in line for line in lines) and any(PFIZER_NOTICE in line for line in lines)
    keele = next(line for line in lines if line.startswith("Keele STarT Back Screening Tool: Total score"))
    assert "a score to show your physiotherapist or GP" in keele and "not a treatment plan" in keele
    assert "not a diagnosis" in keele
    tones = [line.tone for line in plan[-2].lines if "GP (a doctor) about" in line.text or "keep yourself" in line.text]
    assert tones == ["caution"] * 3  # anxiety 3 and depression 3, then where to get help urgently, said once
    assert [step.title for step in action_plan(result_for(back_pain={"areas": ["lower"]}), content)] == [
        "Warning signs",
        "Safety first",
        "Nutrients worth checking",
        "Exercise to start with",
        "If things change",
    ]


def test_an_incomplete_questionnaire_is_shown_as_incomplete_with_its_answers_and_attribution(content: Content) -> None:
    seen = outputs({"lifestyle": {"phq4": phq4(3, 0, 1)}}, content)
    [score] = seen.result.instruments
    assert not score.complete
    assert seen.everywhere("Incomplete: 3 of its 4 questions answered. The score needs every question, so none")
    assert seen.read("4. Feeling down, depressed, or hopeless: not answered")
    assert seen.everywhere(PFIZER_NOTICE)
    assert seen.nowhere("Total score") and seen.nowhere(PHQ4.safety_net.text)


def test_the_review_lists_each_answer_and_the_report_says_how_many(content: Content) -> None:
    from nutri_tui.reports.answers_summary import summarise

    lines = summarise({"back_pain": BOTH["back_pain"], "lifestyle": {"phq4": {"nervous": "several_days"}}}, content)
    assert "Back-pain questionnaire (STarT Back): all 9 answered" in lines["back_pain"]
    assert "  9. Overall, how bothersome has your back pain been in the last 2 weeks? Very much" in lines["back_pain"]
    assert "Mood and worry (PHQ-4): 1 of 4 answered (incomplete, so no score)" in lines["lifestyle"]
    assert "  1. Feeling nervous, anxious or on edge: Several days" in lines["lifestyle"]
    blank = summarise({}, content)
    assert "Mood and worry (PHQ-4): none answered (optional)" in blank["lifestyle"]
    assert not any("PHQ-4" in line for line in summarise({}, content, blank_optional=False)["lifestyle"])
