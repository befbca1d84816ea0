"""``assess``: answers and content in, a complete, cited Assessment out.

Cited sources are gathered as masks (:mod:`nutri_tui.engine.sources`) and listed at the end.
"""

from __future__ import annotations

from typing import NamedTuple

from nutri_tui.content import Content
from nutri_tui.engine.guidance import advice, exercises, red_flags
from nutri_tui.engine.index import index_for
from nutri_tui.engine.nutrients import nutrient_findings
from nutri_tui.engine.profile import build_profile
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import Advice, Assessment, RedFlagFinding

CONFIRMED = ("yes", "implied")


class _FlagCounts(NamedTuple):
    """What the red flags found mean for the rest of the result."""

    first_emergency: RedFlagFinding | None
    """The first emergency flag answered yes or implied (its advice leads the summary)."""
    urgent: int
    soon: int
    """Flags answered yes or implied, by urgency."""
    unsure: int
    """Emergency and urgent flags answered "don't know"."""


def assess(answers: Answers, content: Content) -> Assessment:
    """Turn one person's answers into a result. Pure: no I/O, no clock, no randomness."""
    index = index_for(content)
    profile = build_profile(answers, content, index)
    flags, cited = red_flags(answers, index)
    counts = _count(flags)
    emergency = counts.first_emergency is not None

    row = index.read_row(answers)
    findings, nutrient_sources = nutrient_findings(answers, row, profile, content, index)
    suggested = exercises(profile, index) if not emergency else None
    if emergency:
        exercise_note = (
            "Exercise advice is withheld: one of your answers needs a clinician to see you first. "
            "Follow the red-flag advice above now."
        )
    elif counts.urgent:
        exercise_note = "See a doctor about the red flags above before starting any new exercise."
    else:
        exercise_note = "Start gently and build up; it is normal for pain to rise a little at first."
    advice_given, advice_sources = advice(answers, row, index)
    worth: list[str] = []
    tests: list[str] = []
    for finding in findings:  # most worth checking first
        if finding.level != "low":
            worth.append(f"{finding.name} ({finding.level})")
            if finding.tests and finding.tests[0].usefulness != "none":
                tests.append(finding.id)

    cited |= nutrient_sources | advice_sources | index.general_sources
    if suggested is not None:
        cited |= suggested.mask
    return Assessment(
        content_version=content.version,
        life_stage=profile.stages[0] if len(profile.stages) == 1 else f"adult_{profile.age_band}",
        notes=profile.notes,
        summary=_summary(counts, worth, advice_given),
        red_flags=flags,
        emergency=emergency,
        exercise_withheld=emergency,
        nutrients=tuple(findings),
        tests_to_ask=tuple(tests),
        exercises=suggested.suggestions if suggested is not None else (),
        exercise_note=exercise_note,
        advice=advice_given,
        general_cautions=index.general_cautions,
        disclaimer=content.manifest.disclaimer,
        sources=index.masks.refs(cited),
    )


def _count(flags: tuple[RedFlagFinding, ...]) -> _FlagCounts:
    first_emergency = None
    by_urgency = {"urgent": 0, "soon": 0}
    unsure = 0
    for flag in flags:
        if flag.answer in CONFIRMED:
            if flag.urgency != "emergency":
                by_urgency[flag.urgency] += 1
            elif first_emergency is None:
                first_emergency = flag
        elif flag.answer == "dont_know" and flag.urgency != "soon":
            unsure += 1
    return _FlagCounts(first_emergency, by_urgency["urgent"], by_urgency["soon"], unsure)


def _summary(counts: _FlagCounts, worth: list[str], advice_given: tuple[Advice, ...]) -> tuple[str, ...]:
    """The lines read first; ``worth``: the nutrients rated high or moderate, as ``Name (level)``."""
    lines: list[str] = []
    if counts.first_emergency is not None:
        lines.append(f"Get help now: {counts.first_emergency.advice}")
        lines.append("Exercise advice is held back until a clinician has seen you.")
    for count, lead in ((counts.urgent, "See a doctor soon"), (counts.soon, "Book an appointment")):
        if count:
            lines.append(
                f"{lead}: {count} of your answers {'needs' if count == 1 else 'need'} a check (see Red flags)."
            )
    if counts.unsure:
        lines.append(
            f"You were unsure about {counts.unsure} warning sign(s): please find out, and act as advised if they apply."
        )
    if worth:
        lines.append(f"Worth checking with a doctor, perhaps with a blood test: {', '.join(worth)}.")
    else:
        lines.append("Your answers do not point strongly to any nutrient gap.")
    for item in advice_given:
        if item.topic == "stress":
            lines.append(
                "Stress does not change your nutrient results, but it can slow back-pain recovery (see Advice)."
            )
            break
    return tuple(lines)
