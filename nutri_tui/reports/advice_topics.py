"""Which of a result's advice each part of an output says, so that each item is said once.

The action plan opens its nutrients step with the advice to act on now (``first``) and ends with the safety net;
the exercise topics go with the exercises; everything else is listed after the plan.
"""

from __future__ import annotations

from nutri_tui.models.assessment import Advice, Assessment
from nutri_tui.models.rules import EXERCISE_TOPICS


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
