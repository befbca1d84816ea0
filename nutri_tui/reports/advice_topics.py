"""Which of a result's advice each part of an output says, so that each item is said once.

The action plan opens its nutrients step with the advice to act on now (``first``) and ends with the safety net;
the exercise topics go with the exercises; everything else is listed after the plan. A nutrient's own advice to
take it (a note, the NHS's vitamin D) is said on its line in the plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nutri_tui.models.assessment import Advice, Assessment, InfoNote, NutrientFinding
from nutri_tui.models.rules import EXERCISE_TOPICS

if TYPE_CHECKING:
    from nutri_tui.content import Content


def other_advice(result: Assessment) -> tuple[Advice, ...]:
    """The self-care advice listed after the plan: all but the safety net, which the plan already ends with,
    the advice to act on now, which it says first (:func:`first_advice`), and the advice said with the exercises
    (:func:`exercise_advice`)."""
    return tuple(a for a in result.advice if a.topic not in ("safety_net", "first") and a.topic not in EXERCISE_TOPICS)


def first_advice(result: Assessment) -> tuple[Advice, ...]:
    """Advice to act on now (folic acid before and early in pregnancy, vitamin D in pregnancy and breastfeeding):
    said in the plan's nutrients step, first."""
    return tuple(a for a in result.advice if a.topic == "first")


def exercise_advice(result: Assessment, topic: str) -> tuple[Advice, ...]:
    """The advice said with the exercises, of one topic: ``exercise_first`` (a check before starting),
    ``exercise`` (what this person's situation means) or ``exercise_stop`` (when to stop, said once)."""
    return tuple(a for a in result.advice if a.topic == topic)


def public_health_advice(finding: NutrientFinding, content: Content) -> InfoNote | None:
    """The knowledge base's advice to take this nutrient that the result shows this person (NHS vitamin D).

    The engine leaves such notes out for anyone told to ask a doctor first, so none is offered then.
    """
    nutrient = content.nutrients.get(finding.id)
    if nutrient is None:
        return None
    advising = {note.text for note in nutrient.notes if note.advises_taking}
    shown = [note for note in finding.notes if note.text in advising]
    # A note about this person's situation (housebound: all year) comes after the general one and says more.
    return shown[-1] if shown else None
