"""How every output words a validated questionnaire (the plan, ``assess`` text, the report).

A score is never a bare number: it comes with what it is out of, its band and what the band means, and
what the score is for (a score to show a clinician, never a diagnosis). The attribution goes wherever
the questions or the score are shown, as the licences ask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nutri_tui.models.instrument_scores import InstrumentScore, ItemAnswer
from nutri_tui.reports.phrases import UNCONFIRMED

if TYPE_CHECKING:
    from nutri_tui.models.instruments import Instrument

SCORES_TITLE = "Scores to show your GP or physiotherapist"
"""The plan's step for the questionnaires, and the heading of their section in text and the report."""


def score_text(score: InstrumentScore) -> str:
    """The score, its band and what it means, then what it is for; or why there is no score."""
    parts = [f"{score.name}: {score.summary}"]
    if score.complete:
        parts += [score.band_text, score.purpose]
    return " ".join(part for part in parts if part)


def attribution_text(score: InstrumentScore) -> str:
    """The notice that goes with the questions and the score: "Keele STarT Back Screening Tool: Copyright ..."."""
    return f"{score.name}: {score.attribution}{UNCONFIRMED if score.attribution_unverified else ''}"


def advice_texts(score: InstrumentScore) -> list[tuple[str, tuple[str, ...]]]:
    """What to do about the score (a follow-up per subscale over its threshold, then the safety net once)."""
    notes = [*score.follow_ups, *([score.safety_net] if score.safety_net is not None else [])]
    return [(note.text + (UNCONFIRMED if note.unverified else ""), note.sources) for note in notes]


def numbered(number: int, text: str) -> str:
    """A question with its number, ready for its answer: "1. My back pain ...: ", "9. Overall, ...? "."""
    return f"{number}. {text}{' ' if text.endswith(('?', ':')) else ': '}"


def answer_text(item: ItemAnswer) -> str:
    """One question and its answer, with what the answer scores: "1. My back pain ...: Agree (1 point)"."""
    asked = numbered(item.number, item.text)
    if not item.answer:
        return f"{asked}not answered"
    points = "" if item.score is None else f" ({item.score} point{'' if item.score == 1 else 's'})"
    return f"{asked}{item.answer_text}{points}"


def instrument_status(instrument: Instrument, given: dict[str, str]) -> str:
    """How much is answered, and what that means for the score (the app's line under the questions, plain mode's
    line after them)."""
    total = len(instrument.item)
    answered = sum(1 for item in instrument.item if item.id in given)
    if answered == 0:
        return "None answered yet: that is fine, these questions are optional."
    if answered < total:
        return (
            f"{answered} of {total} answered. The score needs all {total}: with some left blank, your result "
            "will say it is incomplete and give no score."
        )
    return f"All {total} answered: your result will show the score."
