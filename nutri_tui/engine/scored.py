"""A finding's reasons as the result shows them: each answer counted once, scored, and worded as the person
answered (a vegetarian is not asked about meat). Used by :func:`~nutri_tui.engine.nutrients.nutrient_findings`."""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter

from nutri_tui.models.assessment import Reason
from nutri_tui.questionnaire import known_answers

_weight = attrgetter("weight")
_answer = attrgetter("answer")

SAID_MAX = 4096
"""Reasons' answers reworded for a diet pattern: keyed by the answer quoted (which may quote an age) and the diet."""


@lru_cache(maxsize=4096)
def score_of(total: float) -> float:
    """``total`` to two decimals, as a float.

    Memoised: ``round(x, 2)`` converts the float to decimal and back, which cost as much as a sixth
    of a finding (measured), and a score is a sum of a few weights, so the same totals recur.
    """
    return float(round(total, 2))


def once_per_answer(reasons: list[Reason]) -> list[Reason]:
    """Each answer counts once per nutrient: of reasons quoting the same answer, the weightiest is kept.

    Pregnancy, for example, is both a rule (the higher iron target) and a condition (its interactions):
    counting both would score one answer twice.
    """
    if len(set(map(_answer, reasons))) == len(reasons):
        return reasons  # no answer quoted twice (nearly always): nothing to drop
    kept: dict[str, Reason] = {}
    for reason in reasons:
        held = kept.get(reason.answer)
        if held is None or reason.weight > held.weight:
            kept[reason.answer] = reason
    return list(kept.values()) if len(kept) < len(reasons) else reasons


@lru_cache(maxsize=8)
def settled_by(diet: str) -> dict[str, str]:
    """``diet.meat = never`` -> ``about.diet = vegetarian``: the answers the diet pattern settles, each with the
    answer the person gave. A vegetarian is not asked about meat, so a reason says what they did say."""
    known = known_answers({"about": {"diet": diet}})
    return {
        f"{section}.{name} = {value}": f"about.diet = {diet}"
        for section, values in known.items()
        for name, value in values.items()
    }


@lru_cache(maxsize=8)
def settled_fields(diet: str) -> frozenset[str]:
    """The answers (``diet.meat``...) that the diet pattern settles: a finding whose rules read none of them has no
    reason to reword (see :func:`settled_by`)."""
    return frozenset(settled.split(" = ", 1)[0] for settled in settled_by(diet))


@lru_cache(maxsize=SAID_MAX)
def _said(answer: str, diet: str) -> str:
    """``answer`` (a reason's ``field = value`` pairs) as the person said it, where their diet pattern settled one
    of them (see :func:`settled_by`); ``answer`` itself when it quotes none."""
    settled = settled_by(diet)
    if "; " not in answer:  # most reasons quote one answer
        return settled.get(answer, answer)
    parts = answer.split("; ")
    said = list(dict.fromkeys(settled.get(part, part) for part in parts))
    return answer if said == parts else "; ".join(said)


@lru_cache(maxsize=8)
def said_by_id(diet: str) -> dict[int, tuple[Reason, Reason]]:
    """``id(reason)`` -> (the reason, :func:`as_said` of it) for this diet pattern, filled by :func:`keep_said`.

    Most reasons of a result come from the caches and recur, and a reason hashes by value in Python (its
    text, answer, weight...): keyed by identity, the look-up is a dict ``get``. Each entry holds its reason,
    so the id cannot be another object's while the entry lasts, and callers check ``kept[0] is reason``.
    """
    return {}


def keep_said(said_for: dict[int, tuple[Reason, Reason]], reason: Reason, diet: str) -> tuple[Reason, Reason]:
    if len(said_for) >= SAID_MAX:
        said_for.clear()  # bounded: a miss only costs a rebuild
    kept = said_for[id(reason)] = (reason, as_said(reason, diet))
    return kept


def as_said(reason: Reason, diet: str) -> Reason:
    """The reason quoting the person's own answer where it quoted one their diet pattern settled. Done after
    scoring: two reasons then quote one answer (oily fish and meat: "vegetarian"), and each still counts."""
    answer = _said(reason.answer, diet)
    if answer == reason.answer:
        return reason
    # As dataclasses.replace(reason, answer=answer) would build it, without its per-call look-up of the fields.
    return Reason(
        text=reason.text, answer=answer, weight=reason.weight, sources=reason.sources, unverified=reason.unverified
    )
