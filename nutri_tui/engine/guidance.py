"""Red flags, exercises and self-management advice for this person.

The findings themselves are prepared once per content (:mod:`nutri_tui.engine.index`); here
only the person's answers choose among them.
"""

from __future__ import annotations

from operator import itemgetter
from typing import NamedTuple

from nutri_tui.content import Content
from nutri_tui.engine.answer_row import SLOTS
from nutri_tui.engine.checks import Row
from nutri_tui.engine.index import ContentIndex, FlagFound, index_for
from nutri_tui.engine.parts import ExercisePart
from nutri_tui.engine.profile import Profile
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import Advice, RedFlagFinding

_first = itemgetter(0)
RED_FLAGS = SLOTS["back_pain.red_flags"]


class FlagsFound(NamedTuple):
    findings: tuple[RedFlagFinding, ...]
    """Answered yes, raised by other answers, or answered "don't know", most urgent first."""
    mask: int
    asked: int
    """Warning-sign questions that apply to this person."""
    answered: int
    """How many of those they answered (yes, no or not sure)."""


def red_flags(answers: Answers, index: ContentIndex, row: Row | None = None) -> FlagsFound:
    """The red flags found for this person, the sources they cite, and how many questions applied and were answered.

    A question that cannot apply (pregnancy signs for a man) is not counted; a flag raised by other answers is
    found whether or not its question applies. Ties keep the content's order. ``row``: ``index.read_row(answers)``
    when the caller has it.
    """
    if row is None:
        row = index.read_row(answers)
    given = row[RED_FLAGS]
    answered_now = dict(given)
    for flag_id, check in index.implied_flags:
        if given.get(flag_id) != "yes" and check(row) is not None:
            answered_now[flag_id] = "implied"
    table = index.red_flags_found
    questions = index.flag_questions_by_id
    # Most questions are asked of everyone; only the few with conditions are tested for this person, each
    # distinct test once.
    not_asked = set(index.never_asked)
    for flag_ids, check in index.conditional_flag_groups:
        if check(row) is None:
            not_asked.update(flag_ids)
    asked = len(questions) - len(not_asked)
    answered = 0
    for flag_id in given:  # a loop, not sum() over a generator: a handful of answers, a generator per call
        if flag_id in questions and flag_id not in not_asked:
            answered += 1
    found: list[FlagFound] = []
    with_variants = index.flag_variants
    for flag_id, answer in answered_now.items():
        if answer == "no":
            continue
        variant = -1  # the main question, unless another wording fits this person
        if flag_id in with_variants:
            variants = with_variants[flag_id]
            variant = next((i for i, (check, _) in enumerate(variants) if check(row) is not None), -1)
        entry = table.get((flag_id, answer, variant))
        if entry is not None:  # None: an answer the content does not know (answers checked for shape only)
            found.append(entry)
    cited = 0
    for _, _, sources in found:
        cited |= sources
    found.sort(key=_first)
    return FlagsFound(tuple([finding for _, finding, _ in found]), cited, asked, answered)


def questions_for(answers: Answers, content: Content) -> dict[str, str | None]:
    """Each red flag's question as worded for this person, or None where it cannot apply (the wizard asks these)."""
    asked: dict[str, str | None] = {}
    index = index_for(content)
    row = index.read_row(answers)
    for question, flag in zip(index.flag_questions, content.red_flags.values(), strict=True):
        if question.asked is not None and question.asked(row) is None:
            asked[flag.id] = None
            continue
        asked[flag.id] = next((text for check, text in question.variants if check(row) is not None), flag.question)
    return asked


def exercises(profile: Profile, index: ContentIndex) -> ExercisePart:
    """Exercises that fit the pain duration and situation, best fit first, and the sources they cite."""
    return index.pieces.exercises(profile.duration, profile.situations)


def advice(
    row: Row,
    index: ContentIndex,
    doctor_first: frozenset[str] = frozenset(),
    situations: frozenset[str] = frozenset(),
    exercise: bool = True,
) -> tuple[tuple[Advice, ...], int]:
    """Self-management advice whose answers and situation hold, in rules.toml order, and the sources it cites.

    ``row`` is ``index.read_row(answers)``. Advice about taking a nutrient that this person must ask a doctor
    about first (``doctor_first``: nutrient ids) is withheld: the doctor-first caution says what to do instead.
    ``situations`` are the profile's; ``exercise`` False (an emergency sign) withholds the exercise topics.
    """
    given = []
    cited = 0
    for slot, accepted, check, item, sources in index.advice_for(doctor_first, situations, exercise):
        if (row[slot] in accepted) if check is None else (check(row) is not None):
            given.append(item)
            cited |= sources
    return tuple(given), cited
