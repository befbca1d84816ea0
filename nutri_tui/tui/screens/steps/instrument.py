"""A validated questionnaire on a step's form: optional, in its authors' words, with its attribution.

The block says it is optional and what the score is for, asks the stem, then each item as a row answered by
a key (:func:`~nutri_tui.questionnaire.answer_keys`: A or D, or 0 to 3), which moves on to the next, as the
warning signs are answered. A line under the items says how many are answered (a score needs them all), and
the attribution closes it. Every text is the content's, shown as plain text (never parsed as markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.widgets import Static

from nutri_tui.questionnaire import answer_keys
from nutri_tui.reports.instruments import instrument_status
from nutri_tui.tui.widgets.choice import ScaleQuestion

if TYPE_CHECKING:
    from nutri_tui.models.instruments import Instrument
    from nutri_tui.questionnaire import Question

MOVES_ON = "An answer moves on to the next question; Left and Right change it."


def instrument_block(question: Question, instrument: Instrument, given: dict[str, str]) -> Vertical:
    """Everything that asks one questionnaire, prefilled with ``given`` (question id -> answer id)."""
    rows = []
    for item in instrument.item:
        options = {a.id: a.text for a in instrument.answers_to(item)}
        rows.append(
            ScaleQuestion(
                f"{item.number}. {item.text}",
                item.id,
                options,
                answer_keys(options),
                given.get(item.id),
                id=f"{question.name}-{item.id}",
            )
        )
    mark = " †" if instrument.attribution_unverified else ""
    return Vertical(
        Static(f"{instrument.name} (optional)", classes="question heading", markup=False),
        Static(question.text, classes="note", markup=False),
        Static(instrument.purpose, classes="muted", markup=False),
        Static(keys_hint(instrument), classes="muted", markup=False),
        Static(instrument.stem, classes="question", markup=False),
        *rows,
        Static(instrument_status(instrument, given), classes="note instrument-status", markup=False),
        Static(f"{instrument.name}: {instrument.attribution}{mark}", classes="muted", markup=False),
        id=question.name,
        classes="instrument",
    )


def keys_hint(instrument: Instrument) -> str:
    """ "Keys: D Disagree, A Agree (questions 1 to 8); N Not at all, ... (question 9). An answer moves on ..." """
    groups: dict[str, list[int]] = {}
    for item in instrument.item:
        groups.setdefault(item.answers, []).append(item.number)
    parts = []
    for set_id, numbers in groups.items():
        answers = next(s.answers for s in instrument.answer_set if s.id == set_id)
        keys = answer_keys({a.id: a.text for a in answers})
        text = {a.id: a.text for a in answers}
        named = ", ".join(f"{key.upper()} {text[answer]}" for key, answer in keys.items())
        parts.append(named if len(groups) == 1 else f"{named} ({_questions(numbers)})")
    return f"Keys: {'; '.join(parts)}. {MOVES_ON}"


def _questions(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"question {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"questions {numbers[0]} to {numbers[-1]}"
    return "questions " + ", ".join(map(str, numbers))
