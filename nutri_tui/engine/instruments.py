"""The validated questionnaires, scored: STarT Back and the PHQ-4 (content/instruments/).

Pure and deterministic, like the rest of the engine. A questionnaire the person did not start is left out
of the result; one they started is listed with every answer given. Only a complete one is scored: a total
from some of its questions would read as a lower score than the person has, so an incomplete one says so
and gives no number. Every threshold, band and word comes from the questionnaire's file; here are only the
rules that hold for any of them (add up, find the one band that holds, say the follow-ups once).
"""

from __future__ import annotations

from typing import NamedTuple

from nutri_tui.content import Content
from nutri_tui.engine.answer_row import SLOTS, read_row
from nutri_tui.engine.checks import Check, Row, compile_check
from nutri_tui.engine.sources import SourceMasks
from nutri_tui.engine.wording import lower_first
from nutri_tui.models.answers import Answers
from nutri_tui.models.instrument_scores import InstrumentScore, ItemAnswer, SubscaleScore
from nutri_tui.models.instruments import TOTAL, Instrument
from nutri_tui.models.result_types import InfoNote


class _Asked(NamedTuple):
    instrument: Instrument
    slot: int
    """Where the row holds the person's answers to it (question id -> answer id)."""
    asked: Check | None
    """None: asked of everyone."""


_CACHE: dict[int, tuple[Content, tuple[_Asked, ...]]] = {}


def _asked(content: Content) -> tuple[_Asked, ...]:
    cached = _CACHE.get(id(content))
    if cached is None or cached[0] is not content:
        entries = tuple(
            _Asked(i, SLOTS[i.field], compile_check(i.ask_when) if i.ask_when else None)
            for i in content.instruments.values()
        )
        cached = _CACHE[id(content)] = (content, entries)
    return cached[1]


def asked_here(instrument: Instrument, answers: Answers) -> bool:
    """Whether the questionnaire applies to this person (STarT Back: back pain ticked)."""
    return not instrument.ask_when or compile_check(instrument.ask_when)(read_row(answers)) is not None


def instrument_scores(row: Row, content: Content, masks: SourceMasks) -> tuple[tuple[InstrumentScore, ...], int]:
    """Each questionnaire the person started and that applies to them, and the sources the result cites for them
    (``row``: :func:`~nutri_tui.engine.answer_row.read_row` of the answers).

    Answers to one that does not apply (STarT Back with no back pain ticked) are kept in the answers but not
    scored: the wizard does not ask it then, and its questions are about back pain.
    """
    found: list[InstrumentScore] = []
    mask = 0
    for entry in _asked(content):
        given = row[entry.slot]
        if not given or (entry.asked is not None and entry.asked(row) is None):
            continue
        score = score_instrument(entry.instrument, given)
        found.append(score)
        notes = (*score.follow_ups, *((score.safety_net,) if score.safety_net else ()))
        mask |= masks.of((*score.sources, *(s for note in notes for s in note.sources)))
    return tuple(found), mask


def score_instrument(instrument: Instrument, given: dict[str, str]) -> InstrumentScore:
    """One questionnaire scored from its answers (question id -> answer id); unknown ids count as unanswered."""
    rows: list[ItemAnswer] = []
    chosen = []
    for item in instrument.item:
        answer = next((a for a in instrument.answers_to(item) if a.id == given.get(item.id)), None)
        if answer is None:
            rows.append(ItemAnswer(number=item.number, id=item.id, text=item.text))
            continue
        rows.append(
            ItemAnswer(
                number=item.number,
                id=item.id,
                text=item.text,
                answer=answer.id,
                answer_text=answer.text,
                score=answer.score,
            )
        )
        chosen.append((item, answer.score))
    sources = instrument.sources
    common = {
        "id": instrument.id,
        "name": instrument.name,
        "answered": len(chosen),
        "questions": len(rows),
        "maximum": instrument.maximum(TOTAL),
        "purpose": instrument.purpose,
        "stem": instrument.stem,
        "answers": tuple(rows),
        "attribution": instrument.attribution,
        "attribution_unverified": instrument.attribution_unverified,
    }
    if len(chosen) < len(rows):
        summary = (
            f"Incomplete: {len(chosen)} of its {len(rows)} questions answered. The score needs every question, "
            "so none is given."
        )
        return InstrumentScore(complete=False, summary=summary, sources=sources, **common)  # type: ignore[arg-type]
    scores = instrument.scores_of(chosen)
    band = next(b for b in instrument.band if b.holds(scores))  # exactly one holds: the loader checked
    subscales = tuple(
        SubscaleScore(id=s.id, name=s.name, score=scores[s.id], maximum=instrument.maximum(s.id))
        for s in instrument.subscale
    )
    parts = [f"{instrument.total_name} {scores[TOTAL]} out of {common['maximum']}"]
    parts += [f"{lower_first(s.name)} {s.score} out of {s.maximum}" for s in subscales]
    follow_ups = tuple(
        InfoNote(text=s.follow_up.text, sources=s.follow_up.sources, unverified=s.follow_up.unverified)
        for s in instrument.subscale
        if s.follow_up is not None and scores[s.id] >= s.follow_up.at_least
    )
    net = instrument.safety_net if follow_ups else None
    safety_net = InfoNote(text=net.text, sources=net.sources, unverified=net.unverified) if net else None
    return InstrumentScore(  # type: ignore[arg-type]
        complete=True,
        summary=f"{'; '.join(parts)}: {band.name}.",
        total=scores[TOTAL],
        subscales=subscales,
        band=band.id,
        band_name=band.name,
        band_text=band.text,
        follow_ups=follow_ups,
        safety_net=safety_net,
        sources=sources,
        **common,
    )
