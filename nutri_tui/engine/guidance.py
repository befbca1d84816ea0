"""Red flags, exercises and self-management advice for this person."""

from __future__ import annotations

from nutri_tui.content import Content
from nutri_tui.engine.profile import Profile
from nutri_tui.models.answers import Answers, field_value
from nutri_tui.models.assessment import Advice, ExerciseSuggestion, RedFlagFinding

URGENCY_ORDER = {"emergency": 0, "urgent": 1, "soon": 2}
ANSWER_ORDER = {"yes": 0, "implied": 0, "dont_know": 1}
CERTAINTY_ORDER = {"high": 0, "moderate": 1, "low": 2, "very_low": 3}


def red_flags(answers: Answers, content: Content) -> tuple[RedFlagFinding, ...]:
    """Flags answered yes, raised by other answers, or answered "don't know", most urgent first.

    "Don't know" is listed (the person should find out) but, unlike yes, it does not by
    itself withhold the exercise plan: see docs/answers.md.
    """
    found: list[RedFlagFinding] = []
    given = answers.back_pain.red_flags
    for flag in content.red_flags.values():
        answer = given.get(flag.id)
        if answer != "yes" and flag.implied_by and all(t.holds(field_value(answers, t.field)) for t in flag.implied_by):
            answer = "implied"
        if answer in ("yes", "implied", "dont_know"):
            found.append(
                RedFlagFinding(
                    id=flag.id,
                    question=flag.question,
                    urgency=flag.urgency,
                    answer=answer,
                    meaning=flag.meaning,
                    advice=flag.advice,
                    sources=flag.sources,
                )
            )
    found.sort(key=lambda f: (URGENCY_ORDER[f.urgency], ANSWER_ORDER[f.answer]))
    return tuple(found)


def exercises(profile: Profile, content: Content) -> tuple[ExerciseSuggestion, ...]:
    """Exercises that fit the pain duration and situation, best fit first; exclusions dropped."""
    chosen: list[tuple[tuple[int, int, str], ExerciseSuggestion]] = []
    for exercise in content.exercises.values():
        fit = exercise.fit[profile.duration]  # type: ignore[index]
        applying = [c for c in exercise.cautions if c.when in profile.situations]
        if fit == 0 or any(c.exclude for c in applying):
            continue
        suggestion = ExerciseSuggestion(
            id=exercise.id,
            name=exercise.name,
            fit=fit,
            description=exercise.description,
            suits=exercise.suits,
            evidence=exercise.evidence,
            certainty=exercise.certainty,
            cautions=tuple(c.text for c in applying),
            stop_if=exercise.stop_if,
            sources=exercise.sources,
        )
        chosen.append(((-fit, CERTAINTY_ORDER[exercise.certainty], exercise.name), suggestion))
    chosen.sort(key=lambda pair: pair[0])
    return tuple(s for _, s in chosen)


def advice(answers: Answers, content: Content) -> tuple[Advice, ...]:
    return tuple(
        Advice(id=rule.id, topic=rule.topic, text=rule.text, sources=rule.sources)
        for rule in content.rules.advice
        if all(t.holds(field_value(answers, t.field)) for t in rule.when)
    )
