"""Red flags, exercises and self-management advice for this person.

The findings themselves are prepared once per content (:mod:`nutri_tui.engine.index`); here
only the person's answers choose among them.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from nutri_tui.engine.index import ContentIndex, FlagFound
from nutri_tui.engine.pieces import ExercisePart
from nutri_tui.engine.profile import Profile
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import Advice, RedFlagFinding

_first = itemgetter(0)


def red_flags(answers: Answers, index: ContentIndex) -> tuple[tuple[RedFlagFinding, ...], int]:
    """Flags answered yes, raised by other answers, or answered "don't know", most urgent first; their sources.

    "Don't know" is listed (the person should find out) but, unlike yes, it does not by
    itself withhold the exercise plan: see docs/answers.md. Ties keep the content's order.
    """
    answered = given = answers.back_pain.red_flags
    for flag_id, check in index.implied_flags:
        if given.get(flag_id) != "yes" and check(answers) is not None:
            if answered is given:
                answered = dict(given)
            answered[flag_id] = "implied"
    table = index.red_flags_found
    found: list[FlagFound] = []
    for key in answered.items():
        entry = table.get(key)
        if entry is not None:  # None: answered no, or an id the content does not know (answers checked for shape only)
            found.append(entry)
    if not found:
        return (), 0
    found.sort(key=_first)
    cited = 0
    for _, _, sources in found:
        cited |= sources
    return tuple([finding for _, finding, _ in found]), cited


def exercises(profile: Profile, index: ContentIndex) -> ExercisePart:
    """Exercises that fit the pain duration and situation, best fit first, and the sources they cite."""
    return index.pieces.exercises(profile.duration, profile.situations)


def advice(answers: Answers, row: tuple[Any, ...], index: ContentIndex) -> tuple[tuple[Advice, ...], int]:
    """Self-management advice whose answers hold, in rules.toml order, and the sources it cites.

    ``row`` is ``index.read_row(answers)``.
    """
    given = []
    cited = 0
    for slot, accepted, check, item, sources in index.advice:
        if (row[slot] in accepted) if check is None else (check(answers) is not None):
            given.append(item)
            cited |= sources
    return tuple(given), cited
