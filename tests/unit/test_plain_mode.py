"""Plain mode driven through in-memory streams: a whole persona to a saved session, and each rule on its own.

Plain mode reads a line at a time, so a test types into an ``io.StringIO`` (a fixed script, then the end of
input) or answers what it is asked (:class:`tests.plain_replies.Replies`), and reads what it said back.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nutri_tui.cli.main import plain_wanted
from nutri_tui.content import Content
from nutri_tui.content.choices import medicine_choices
from nutri_tui.models.answers import Answers
from nutri_tui.plain import EXIT_INTERRUPTED, EXIT_OK, EXIT_UNFINISHED, run
from nutri_tui.questionnaire import STEPS
from nutri_tui.storage import Storage, make_draft
from tests.cli_run import run as run_cli
from tests.plain_replies import Replies, example

PERSONAS = [
    "vegan",
    "emergency-red-flag",
    "healthy-adult",
    "housebound-older-woman",
    "older-several-medicines",
    "pregnant-vegetarian",
]
BEFORE_BACK_PAIN = {
    "about": {"age": 52, "sex": "male", "pregnancy": "no", "diet": "omnivore", "allergies": []},
    "lifestyle": {"chest_pain_on_activity": "no", "dizzy_or_faint": "no"},
}


def typed(storage: Storage, content: Content, *lines: str) -> tuple[int, list[str]]:
    """Plain mode with ``lines`` typed, then the end of input: its exit status and every line it said."""
    said = io.StringIO()
    status = run(content, storage, io.StringIO("".join(f"{line}\n" for line in lines)), said)
    return status, said.getvalue().splitlines()


def at_back_pain(storage: Storage) -> None:
    """A draft that stopped at the back-pain step (every earlier step done), so a test starts there with "r"."""
    storage.save_draft(make_draft("back_pain", {name: dict(values) for name, values in BEFORE_BACK_PAIN.items()}))


def saved_answers(storage: Storage) -> Answers:
    [entry] = storage.list_sessions()
    return storage.load_session(entry.path).answers


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_persona_piped_in_is_saved_as_the_wizard_keeps_it(tmp_path: Path, content: Content, persona: str) -> None:
    """Every answer of an examples/ file typed as a person would (numbers, names, y/n/s), then Enter at the review:
    the session holds the answers the wizard stores for them, the result is said plan first, and the draft is gone."""
    storage = Storage(tmp_path)
    said = io.StringIO()
    replies = Replies(example(persona), said, content)
    assert run(content, storage, replies, said) == EXIT_OK
    lines = said.getvalue().splitlines()
    assert saved_answers(storage) == Answers.model_validate(replies.expected(), context={"content": content})
    assert storage.load_draft() is None
    result = lines.index("Your result.")
    assert lines[result + 2] == "What to do first" and lines[result + 3].startswith("1. Warning signs: ")
    assert lines[-1].startswith("Saved to your past results: ")
    assert not any("\x1b" in line or "─" in line or "│" in line for line in lines)


def test_a_wrong_answer_gets_the_apps_message_and_the_question_again(tmp_path: Path, content: Content) -> None:
    status, lines = typed(Storage(tmp_path), content, "abc", "130", "44", "7", "male")
    age = next(line for line in lines if "Age in years" in line)
    problem = "Age: enter a whole number from 14 to 120, or leave it blank."
    assert lines.count(problem) == 2  # "abc", then 130: the app's own message, each time
    assert lines[lines.index(problem) + 1] == age  # and the question again, whole
    sex = next(line for line in lines if line.startswith("Question 2 of "))
    assert "Please type a number from 1 to 3: 7 is not one of the answers." in lines
    assert lines[lines.index("Please type a number from 1 to 3: 7 is not one of the answers.") + 1] == sex
    assert status == EXIT_UNFINISHED
    assert Storage(tmp_path).load_draft().answers["about"] == {"age": 44, "sex": "male"}  # "male" by its words


def test_a_required_question_left_blank_says_what_is_still_to_answer(tmp_path: Path, content: Content) -> None:
    _, lines = typed(Storage(tmp_path), content, "", "")
    assert "Still to answer: sex." in lines  # the app's "Still to answer" line


def test_question_mark_says_why_we_ask_then_the_question_again(tmp_path: Path, content: Content) -> None:
    _, lines = typed(Storage(tmp_path), content, "?")
    why = next(i for i, line in enumerate(lines) if line.startswith("Why we ask: "))
    assert lines[why] == f"Why we ask: {STEPS[0].help.split(chr(10))[0]}"
    assert lines[why + 2].startswith("Question 1 of ") and lines[why + 2] == lines[why - 1]


def test_an_emergency_answer_is_said_at_once_in_the_dialogs_words(tmp_path: Path, content: Content) -> None:
    """Yes to saddle numbness: before the next question, what the app's dialog says (and why), then Enter."""
    storage = Storage(tmp_path)
    at_back_pain(storage)
    # resume; lower back; no leg pain; under 4 weeks; lifting; pain 6; no procedure; then the first warning sign
    status, lines = typed(storage, content, "r", "1", "1", "1", "2", "6", "2", "?", "y", "")
    flag = content.red_flags["saddle_numbness"]
    sign = next(i for i, line in enumerate(lines) if line.startswith("Question ") and flag.question in line)
    assert lines[sign + 1] == f"Why we ask: {flag.meaning}"  # "?" on a warning sign: what it may mean
    assert lines[sign + 3 : sign + 9] == [
        "EMERGENCY: act now.",
        f"You said {flag.said}.",
        flag.advice,
        f"Why: {flag.meaning}",
        "You can finish the questions afterwards; this warning will lead your result. Do not wait for the result to "
        "get help.",
        "Press Enter when you have read this.",
    ]
    assert lines[sign + 9].startswith("Question ")  # then the next warning sign
    assert status == EXIT_UNFINISHED
    assert storage.load_draft().answers["back_pain"]["red_flags"] == {"saddle_numbness": "yes"}  # kept


def test_not_sure_to_an_emergency_sign_is_acted_on_as_yes(tmp_path: Path, content: Content) -> None:
    storage = Storage(tmp_path)
    at_back_pain(storage)
    _, lines = typed(storage, content, "r", "1", "1", "1", "2", "6", "2", "s", "")
    assert "NOT SURE? Treat it as an emergency." in lines
    assert any(line.startswith("You were not sure about a sign that needs checking straight away.") for line in lines)


def questions_asked(content: Content, tmp_path: Path, sections: dict) -> list[str]:
    """The question lines plain mode asks a persona given by ``sections``, through to the saved result."""
    said = io.StringIO()
    assert run(content, Storage(tmp_path), Replies(sections, said, content), said) == EXIT_OK
    return [line for line in said.getvalue().splitlines() if line.startswith("Question ")]


def test_a_question_that_cannot_apply_is_not_asked(tmp_path: Path, content: Content) -> None:
    """A man is not asked about pregnancy, a vegetarian about meat and oily fish (and is told why); with no pain
    now, the pain profile is not asked; a warning sign's follow-up is asked only after the answer it depends on,
    straight after it."""
    lifestyle = BEFORE_BACK_PAIN["lifestyle"]
    about = {"age": 60, "sex": "male", "diet": "vegetarian"}
    no_pain = {"areas": [], "recent_procedure": "no"}
    cancer = content.red_flags["cancer_history"].question
    follow_up = content.red_flags["cancer_nerve_signs"].question
    sections = {"about": about, "lifestyle": lifestyle, "back_pain": {**no_pain, "red_flags": {"cancer_history": "no"}}}
    asked = questions_asked(content, tmp_path / "no", sections)
    assert not any("pregnant" in line for line in asked)
    assert not any(line.split(": ", 1)[1].startswith(("Meat.", "Oily fish")) for line in asked)
    assert not any("spread into your legs" in line or "Pain now" in line for line in asked)
    assert any(cancer in line for line in asked) and not any(follow_up in line for line in asked)
    answers = saved_answers(Storage(tmp_path / "no"))
    assert answers.about.pregnancy == "no" and answers.diet.meat == "never" and answers.diet.oily_fish == "never"

    sections["back_pain"]["red_flags"] = {"cancer_history": "yes"}
    asked = questions_asked(content, tmp_path / "yes", sections)
    at = next(i for i, line in enumerate(asked) if cancer in line)
    assert follow_up in asked[at + 1]


def test_the_step_says_what_an_earlier_answer_settles(tmp_path: Path, content: Content) -> None:
    said = io.StringIO()
    sections = {"about": {"age": 30, "sex": "female", "diet": "vegetarian"}, "lifestyle": BEFORE_BACK_PAIN["lifestyle"]}
    run(content, Storage(tmp_path), Replies(sections, said, content), said)
    lines = said.getvalue().splitlines()
    at = lines.index("Step 3 of 7: Diet.")
    assert lines[at + 1] == "You said you are vegetarian, so oily fish and meat are not asked: both count as Never."


def test_the_review_changes_an_answer_by_its_number(tmp_path: Path, content: Content) -> None:
    """At the review, 4 (diet) then 3 (vegetarian): the answer is asked again, the review says it is changed, and
    the saved session holds it, with what a vegetarian is not asked."""
    storage = Storage(tmp_path)
    said = io.StringIO()
    replies = Replies(example("healthy-adult"), said, content)
    original, changing = replies.reply, ["4", "3"]  # at the review: 4, then 3 when the diet is asked again

    def reply(asked: str) -> str:
        if changing and asked.startswith("Type a number from 1 to") and changing[0] == "4":
            return changing.pop(0)
        if changing and asked.startswith("About you: Which best describes how you eat?"):
            return changing.pop(0)
        return original(asked)

    replies.reply = reply  # type: ignore[method-assign]
    assert run(content, storage, replies, said) == EXIT_OK
    lines = said.getvalue().splitlines()
    assert "Now: Diet: Vegetarian" in lines
    assert next(line for line in lines if line.startswith("4. ")) == "4. Diet: I eat meat and fish"
    answers = saved_answers(storage)
    assert answers.about.diet == "vegetarian" and answers.diet.meat == "never"


def test_a_change_in_the_review_asks_what_it_brings_in(tmp_path: Path, content: Content) -> None:
    """A man of 34 changes his sex to female at the review: she is asked about pregnancy at once (it now applies),
    and, once pregnant, the warning signs of pregnancy on the back-pain step before the result."""
    storage = Storage(tmp_path)
    said = io.StringIO()
    replies = Replies(example("healthy-adult"), said, content)
    original, changing = replies.reply, ["2", "1", "2"]  # sex, Female, then Pregnant

    def reply(asked: str) -> str:
        if changing and asked.startswith("Type a number from 1 to") and changing[0] == "2" and len(changing) == 3:
            return changing.pop(0)
        if changing and asked.startswith("About you: Sex. ") and len(changing) == 2:
            return changing.pop(0)
        if changing and asked.startswith("About you: Are you pregnant"):
            return changing.pop(0)
        return original(asked)

    replies.reply = reply  # type: ignore[method-assign]
    assert run(content, storage, replies, said) == EXIT_OK
    lines = said.getvalue().splitlines()
    assert not changing
    assert "Back pain: still to answer." in lines
    pregnancy_signs = [flag.question for flag in content.red_flags.values() if flag.id.startswith("pregnancy_")]
    asked = [line for line in lines if line.startswith("Back pain: Warning sign: ")]
    assert {line.split(": ", 2)[2].split(" 1) ")[0] for line in asked} == set(pregnancy_signs)
    answers = saved_answers(storage)
    assert answers.about.sex == "female" and answers.about.pregnancy == "pregnant"
    assert {"pregnancy_bleeding_pain", "pregnancy_warning_signs"} <= set(answers.back_pain.red_flags)


def test_a_draft_that_cannot_be_resumed_is_kept_and_a_new_run_starts(tmp_path: Path, content: Content) -> None:
    storage = Storage(tmp_path)
    storage.draft_path.write_text("this is [not toml", encoding="utf-8")
    status, lines = typed(storage, content, "r", "s", "33")
    assert any(line.startswith("Your unfinished answers cannot be resumed: ") for line in lines)
    assert status == EXIT_UNFINISHED
    assert list(tmp_path.glob("draft.broken-*.toml"))  # set aside as the app does, never lost
    assert storage.load_draft().answers["about"] == {"age": 33}


def test_lists_take_numbers_names_brands_and_words_to_search(tmp_path: Path, content: Content) -> None:
    """Medicines by a brand name (Losec ticks omeprazole) and words that find several: those are listed with their
    numbers, and a number ticks one; a condition by its number."""
    rows = [row.value for row in medicine_choices(content)]
    storage = Storage(tmp_path)
    storage.save_draft(make_draft("medicines", {name: dict(values) for name, values in BEFORE_BACK_PAIN.items()}))
    furosemide = str(rows.index("furosemide") + 1)
    status, lines = typed(storage, content, "r", "Losec, diuretic", furosemide, "5", "")
    found = next(line for line in lines if line.startswith("diuretic matches "))
    assert lines[lines.index(found) + 1] == f"{furosemide}) furosemide (a loop diuretic)"
    assert any(line.startswith("Ticked so far: omeprazole (a PPI).") for line in lines)
    assert "Ticked: omeprazole (a PPI), furosemide (a loop diuretic)." in lines
    assert "Ticked: Type 2 diabetes." in lines
    assert status == EXIT_UNFINISHED
    health = storage.load_draft().answers["health"]
    assert health == {"medicines": ["furosemide", "omeprazole"], "conditions": ["type2_diabetes"], "supplements": []}


def test_a_supplement_is_asked_its_amount_and_unit_and_a_unit_mix_up_is_caught(
    tmp_path: Path, content: Content
) -> None:
    """1,000 mcg of vitamin D is probably IU: the app's sentence, then the amount again ("abc" gets the app's message
    for an amount), then 1,000 IU is kept as the app stores it."""
    storage = Storage(tmp_path)
    storage.save_draft(make_draft("medicines", {name: dict(values) for name, values in BEFORE_BACK_PAIN.items()}))
    status, lines = typed(storage, content, "r", "", "", "vitamin d", "1000", "1", "abc", "1000", "2")
    mix_up = next(line for line in lines if "probably a unit mix-up" in line)
    assert mix_up.startswith("Vitamin D: 1,000 mcg a day is more than ")
    assert mix_up.endswith(" Did you mean IU? Choose it when asked which unit or form the amount is in.")
    assert "Supplement amounts must be numbers of 0 or more: check Vitamin D." in lines
    assert status == EXIT_UNFINISHED
    supplements = storage.load_draft().answers["health"]["supplements"]
    assert supplements == [{"nutrient": "vitamin_d", "amount": 1000.0, "form": "iu"}]


def test_end_of_input_keeps_the_draft_and_says_so_in_one_line(tmp_path: Path, content: Content) -> None:
    storage = Storage(tmp_path)
    status, lines = typed(storage, content, "44", "2", "4")
    assert status == EXIT_UNFINISHED
    assert lines[-1] == (
        "Input ended before the result: your answers so far are saved; run nutri-tui --plain again to carry on "
        "(About you)."
    )
    assert storage.load_draft().answers["about"] == {"age": 44, "sex": "male", "diet": "vegan"}
    status, lines = typed(storage, content, "r")  # run again: it offers the draft, and carries on where it stopped
    assert any(line.startswith("You have unfinished answers (stopped at About you).") for line in lines)
    assert any("Enter to keep 44" in line for line in lines)


def test_nothing_answered_saves_nothing(tmp_path: Path, content: Content) -> None:
    storage = Storage(tmp_path)
    status, lines = typed(storage, content)
    assert status == EXIT_UNFINISHED
    assert lines[-1] == "Input ended before the result: nothing was answered, so nothing was saved."
    assert storage.load_draft() is None


def test_ctrl_c_keeps_the_draft_without_a_traceback(tmp_path: Path, content: Content) -> None:
    class Interrupted(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            line = super().readline(size)
            if not line:
                raise KeyboardInterrupt
            return line

    storage = Storage(tmp_path)
    said = io.StringIO()
    assert run(content, storage, Interrupted("50\n1\n"), said) == EXIT_INTERRUPTED
    lines = said.getvalue().splitlines()
    assert lines[-1].startswith("Stopped: your answers so far are saved")
    assert not any("Traceback" in line for line in lines)
    assert storage.load_draft().answers["about"] == {"age": 50, "sex": "female"}


def test_plain_mode_starts_by_itself_where_the_app_cannot_work() -> None:
    class Stream(io.StringIO):
        def __init__(self, tty: bool) -> None:
            super().__init__()
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    terminal, pipe = Stream(True), Stream(False)
    assert not plain_wanted({"TERM": "xterm-256color"}, terminal)
    assert plain_wanted({"TERM": "dumb"}, terminal)
    assert plain_wanted({"TERM": "xterm-256color", "NUTRI_TUI_PLAIN": "1"}, terminal)
    assert plain_wanted({"TERM": "xterm-256color"}, pipe)
    assert plain_wanted({"TERM": "xterm-256color"}, None)


def test_the_command_starts_plain_mode_on_a_pipe(tmp_path: Path, capsys, monkeypatch) -> None:
    """Bare ``nutri-tui`` with input from a pipe (here, not a terminal): plain mode, and exit 1 when it ends."""
    monkeypatch.setattr("sys.stdin", io.StringIO("40\n"))
    code, out, _ = run_cli(capsys, "--data-dir", tmp_path)
    assert code == EXIT_UNFINISHED
    assert out.startswith("nutri-tui, plain mode:")
    assert "Question 2 of " in out
