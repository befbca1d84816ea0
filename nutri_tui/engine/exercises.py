"""The exercises offered to a person: those that fit their pain's duration and situation, best placed first.

A caution that applies to the person (a situation such as pregnancy or a fall risk) is said on its card, and
one marked ``exclude`` drops the exercise; the order is by where the cautions place it, then fit, certainty
and name. Built once per (duration, situations) by :class:`~nutri_tui.engine.pieces.Pieces`.
"""

from __future__ import annotations

from nutri_tui.content import Content
from nutri_tui.engine.parts import CERTAINTY_ORDER, ExercisePart, exercise_place
from nutri_tui.engine.sources import SourceMasks
from nutri_tui.models.assessment import ExerciseSuggestion


def exercise_part(content: Content, masks: SourceMasks, duration: str, situations: frozenset[str]) -> ExercisePart:
    """Exercises that fit the pain duration and situation, best placed first (see ``exercise_place``), then best
    fit, most certain, by name; exclusions dropped. Each cites its own sources and those of its cautions."""
    chosen: list[tuple[tuple[int, int, int, str], ExerciseSuggestion]] = []
    for exercise in content.exercises.values():
        fit = exercise.fit[duration]  # type: ignore[index]
        applying = [c for c in exercise.cautions if c.when in situations]
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
            sources=tuple(dict.fromkeys((*exercise.sources, *(s for c in applying for s in c.sources)))),
            unverified=exercise.unverified,
            unverified_cautions=tuple(c.text for c in applying if c.unverified),
        )
        place = exercise_place(fit, applying)
        chosen.append(((place, -fit, CERTAINTY_ORDER[exercise.certainty], exercise.name), suggestion))
    chosen.sort(key=lambda pair: pair[0])
    suggestions = tuple(s for _, s in chosen)
    return ExercisePart(suggestions, masks.of(s for e in suggestions for s in e.sources))
