"""The lines a person reads first: warning signs, then safety, then what is worth checking, honestly.

Order: an emergency (answered yes, implied, or "not sure": an emergency sign is acted on until a
clinician rules it out), same-day and routine warning signs, warning-sign questions left unanswered,
anything to ask a doctor about first, the nutrients worth checking and which blood tests are worth
asking for, and what was left unanswered. A result built from few answers never says that they
"point to no gap".
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import NamedTuple

from nutri_tui.content.shared_wording import ask_first, doctor_first_line
from nutri_tui.models.assessment import Advice, Caution, NutrientFinding, RedFlagFinding


class FlagCounts(NamedTuple):
    """What the red flags found mean for the rest of the result."""

    first_emergency: RedFlagFinding | None
    """The first emergency flag answered yes, implied or "not sure" (its advice leads the summary)."""
    urgent: int
    soon: int
    """Flags answered yes or implied, by urgency."""
    unsure: int
    """Urgent flags answered "don't know" (an unsure emergency flag is treated as an emergency)."""
    asked: int
    answered: int


def summary_lines(
    counts: FlagCounts,
    findings: Sequence[NutrientFinding],
    tests: Sequence[str],
    advice_given: Sequence[Advice],
    unanswered: Sequence[str],
    personal: Sequence[Caution] = (),
    taking: Collection[str] = (),
) -> tuple[str, ...]:
    """``taking``: the nutrients the person takes a supplement of (their doctor-first line asks whether to go on)."""
    lines: list[str] = []
    # Unpacked once: each read of a NamedTuple's field by name is a generic attribute look-up.
    emergency, urgent, soon, unsure, asked, answered = counts
    if emergency is not None and emergency.answer == "dont_know":
        lines.append(
            f"Get help now: you were not sure about a sign that needs checking straight away ({emergency.question}). "
            f"Until a clinician has ruled it out, treat it as an emergency. {emergency.advice}"
        )
        lines.append("Exercise advice is held back until a clinician has seen you.")
    elif emergency is not None:
        lines.append(f"Get help now: {emergency.advice}")
        lines.append("Exercise advice is held back until a clinician has seen you.")
    if urgent:
        lines.append(
            f"Get seen the same day: {_count(urgent, 'of your answers needs', 'of your answers need')} "
            "a doctor today (see Red flags)."
        )
    if soon:
        lines.append(
            f"Book an appointment: {_count(soon, 'of your answers is', 'of your answers are')} "
            "worth a routine check (see Red flags)."
        )
    if unsure:
        lines.append(
            f"You were not sure about {_count(unsure, 'warning sign', 'warning signs')} that would need a "
            "doctor the same day: please find out today, and if it applies, get seen today."
        )
    if asked and answered == 0:
        lines.append(
            "The warning-sign questions were not answered, so this result has not screened your back pain for "
            "signs that need a doctor urgently. Please answer them before relying on anything below."
        )
    elif answered < asked:
        missing = asked - answered
        lines.append(
            f"{_count(missing, 'warning-sign question was', 'warning-sign questions were')} not answered, so "
            "those signs were not screened."
        )

    # A check before new exercise (chest pain or dizziness when active: PAR-Q) is said with the other doctor-firsts.
    # One loop over the advice for both of its kinds that the summary mentions (stress: at the end).
    stress = False
    for item in advice_given:
        if item.topic == "exercise_first":
            lines.append(f"See a doctor before starting new exercise: {item.text}")
        elif item.topic == "stress":
            stress = True
    # Doctor-first cautions about the person's medicines and supplements are said here in full.
    lines += [doctor_first_line(caution.text) for caution in personal if caution.severity == "doctor_first"]
    # What the nutrients say depends on a few of each finding's values: built once per combination.
    flagged = tuple(
        [
            (
                f.name,
                f.level,
                f.doctor_first,
                f.diet_doctor_first,
                f.tests[0].name if f.id in tests else None,
                f.id in taking,
            )
            for f in findings
            if f.level != "low" or f.diet_doctor_first
        ]
    )
    lines += _nutrient_lines(flagged, bool(unanswered))
    if unanswered:
        lines.append(
            f"Not answered: {', '.join(unanswered)}. Anything that depends on those answers could not be judged."
        )
    if stress:
        lines.append("Stress does not change your nutrient results, but it can slow back-pain recovery (see Advice).")
    return tuple(lines)


Flagged = tuple[tuple[str, str, bool, bool, str | None, bool], ...]
"""(name, level, doctor first, diet doctor first, the blood test worth asking about or None, a supplement of it
taken), most worth first."""


@lru_cache(maxsize=4096)
def _nutrient_lines(flagged: Flagged, anything_unanswered: bool) -> tuple[str, ...]:
    lines: list[str] = []
    diet = [name for name, _, _, diet_first, *_ in flagged if diet_first]
    if diet:
        lines.append(
            f"Ask your doctor how much is right for you, from food as well as supplements: {', '.join(diet)} "
            "(see Supplement cautions)."
        )
    first = [
        (name, taken)
        for name, level, first, diet_first, _, taken in flagged
        if first and not diet_first and level != "low"
    ]
    lines += [f"{line[:-1]} (see Supplement cautions)." for line in ask_first(first)]
    worth = [f"{name} ({level})" for name, level, *_ in flagged if level != "low"]
    if worth:
        lines.append(f"Worth checking with a doctor: {', '.join(worth)}.")
        named = [f"{name} ({test})" for name, _, _, _, test, _ in flagged if test is not None]
        if named:
            lines.append(f"Blood tests worth asking about: {', '.join(named)}.")
        no_test = [name for name, level, _, _, test, _ in flagged if level != "low" and test is None]
        if no_test:
            lines.append(
                f"No blood test shows these well: {', '.join(no_test)}; each one's entry says what a test can and "
                "cannot show."
            )
    elif anything_unanswered:
        lines.append("From the answers given, no nutrient stands out.")
    else:
        lines.append("Your answers do not point strongly to any nutrient gap.")
    return tuple(lines)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
