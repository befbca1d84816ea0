"""Models for the validated questionnaires in ``content/instruments/`` (one file each): the Keele STarT Back
Screening Tool and the PHQ-4 (facts-addendum K).

An instrument is someone else's work, used under its licence: its stem, items and answers are its authors'
words, verbatim (never reworded, even where an item says "not"), and its file says under what terms it is
used (``licence``, ``source_url``, ``verified_on``, ``allowed_use``) and what must be shown with it
(``attribution``). The loader refuses a file without any of them. Items, answers, scores, subscales and
bands are all data: the engine adds the scores up and finds the band, and the code knows no threshold.

A file is checked as a whole: items numbered 1, 2, 3... in order, every reference resolves, and every
possible set of answers falls in exactly one band (worked out from the scores, not sampled).
"""

# No `from __future__ import annotations`: see the note in models/content.py (forward references are quoted).
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from nutri_tui.models.answer_tests import FieldPath, When
from nutri_tui.models.content import Cited, Id, Statement, Strict, Text

TOTAL = "total"
"""What a band's test calls the sum of every item's score (the other names are subscale ids)."""
MOST_ITEMS = 20
"""At most this many items: a result lists every item with its answer, and its short lists hold 20."""
Points = Annotated[int, Field(ge=0, le=10, strict=True)]


class InstrumentAnswer(Strict):
    """One answer an item offers, in the instrument's words, and what it scores."""

    id: Id
    """What an answers file gives (``agree``, ``not_at_all``)."""
    text: Text
    score: Points


class AnswerSet(Strict):
    """Answers several items share (Disagree/Agree for STarT Back items 1-8)."""

    id: Id
    answers: tuple[InstrumentAnswer, ...] = Field(min_length=2, max_length=10)

    @model_validator(mode="after")
    def _distinct(self) -> "AnswerSet":
        for what, values in (("id", [a.id for a in self.answers]), ("text", [a.text for a in self.answers])):
            repeated = _repeated(values)
            if repeated is not None:
                raise ValueError(f"answers: the {what} {repeated!r} is given twice")
        return self


class InstrumentItem(Strict):
    id: Id
    """The key an answers file gives the item's answer under (``leg_pain``)."""
    number: Annotated[int, Field(ge=1, le=MOST_ITEMS, strict=True)]
    """Its number on the form: items are listed and shown in this order."""
    text: Text
    """Verbatim."""
    answers: Id
    """The id of the answer set it offers."""
    subscales: tuple[Id, ...] = ()
    """The subscales its score counts towards (as well as the total)."""


class FollowUp(Cited):
    """What to say when a subscale reaches a score: kindly, what to do next (PHQ-4: talk to a GP)."""

    at_least: Annotated[int, Field(ge=0, strict=True)]
    text: Text


class Subscale(Strict):
    id: Id
    name: Text
    """As shown mid-sentence after the total ("psychosocial subscale (questions 5 to 9)" once lower-cased)."""
    follow_up: FollowUp | None = None


class ScoreTest(Strict):
    """One test of a score: ``score`` is ``total`` or a subscale id."""

    score: Id
    at_least: Annotated[int, Field(ge=0, strict=True)] | None = None
    at_most: Annotated[int, Field(ge=0, strict=True)] | None = None

    @model_validator(mode="after")
    def _a_bound(self) -> "ScoreTest":
        if self.at_least is None and self.at_most is None:
            raise ValueError("give 'at_least', 'at_most' or both")
        return self

    def holds(self, scores: Mapping[str, int]) -> bool:
        value = scores[self.score]
        return (self.at_least is None or value >= self.at_least) and (self.at_most is None or value <= self.at_most)


class ScoreBand(Strict):
    """A band (a group) of complete answers: it holds when all its tests hold."""

    id: Id
    name: Text
    when: tuple[ScoreTest, ...] = Field(min_length=1)
    text: Text
    """What the band means, with its range, in plain words; shown with the score."""

    def holds(self, scores: Mapping[str, int]) -> bool:
        return all(test.holds(scores) for test in self.when)


class Instrument(Cited):
    """One questionnaire file. ``sources`` cite its wording, scoring, bands and licence."""

    id: Id
    name: Text
    licence: Text
    """The licence or permission, as its owner states it."""
    source_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    """Where the licence was read."""
    verified_on: dt.date
    """When the wording, scoring and licence were last checked against the sources."""
    allowed_use: Text
    """What the licence allows, and how nutri-tui keeps within it."""
    attribution: Text
    """What must be shown wherever the items or the score are (Keele's copyright and funding statement)."""
    attribution_unverified: bool = False
    """True where the attribution was not seen on this instrument's own form (the PHQ-4's footer)."""
    purpose: Text
    """What the score is for and what it is not, shown with it (a score to show a clinician, never a diagnosis)."""
    field: FieldPath
    """Where the answers file keeps the answers, item id -> answer id (``back_pain.start_back``)."""
    ask_when: tuple[When, ...] = ()
    """Answer tests: asked (and scored) only when these hold (STarT Back: back pain ticked). Empty: always."""
    stem: Text
    total_name: Text = "Total score"
    answer_set: tuple[AnswerSet, ...] = Field(min_length=1)
    item: tuple[InstrumentItem, ...] = Field(min_length=1, max_length=MOST_ITEMS)
    subscale: tuple[Subscale, ...] = ()
    band: tuple[ScoreBand, ...] = Field(min_length=1)
    safety_net: Statement | None = None
    """Said once with the follow-ups, when any applies: where to get help urgently."""

    @model_validator(mode="after")
    def _whole(self) -> "Instrument":
        for key, ids in (
            ("answer_set", [s.id for s in self.answer_set]),
            ("item", [i.id for i in self.item]),
            ("subscale", [s.id for s in self.subscale]),
            ("band", [b.id for b in self.band]),
        ):
            repeated = _repeated(ids)
            if repeated is not None:
                raise ValueError(f"{key}[{repeated}]: duplicate id {repeated!r}")
        sets, subscales = {s.id for s in self.answer_set}, {s.id for s in self.subscale}
        if TOTAL in subscales:
            raise ValueError(f"subscale[{TOTAL}]: {TOTAL!r} names the total; give the subscale another id")
        for position, item in enumerate(self.item, 1):
            where = f"item[{item.id}]"
            if item.number != position:
                raise ValueError(f"{where}.number: expected {position} (items are numbered 1, 2, 3... in order)")
            if item.answers not in sets:
                raise ValueError(f"{where}.answers: unknown answer set {item.answers!r}")
            unknown = next((s for s in item.subscales if s not in subscales), None)
            if unknown is not None:
                raise ValueError(f"{where}.subscales: unknown subscale {unknown!r}")
        for subscale in self.subscale:
            if not any(subscale.id in item.subscales for item in self.item):
                raise ValueError(f"subscale[{subscale.id}]: no item counts towards it")
        for band in self.band:
            unknown = next((t.score for t in band.when if t.score != TOTAL and t.score not in subscales), None)
            if unknown is not None:
                raise ValueError(f"band[{band.id}].when: {unknown!r} is neither {TOTAL!r} nor a subscale id")
        if self.safety_net is not None and not any(s.follow_up for s in self.subscale):
            raise ValueError("safety_net: it is said with a subscale's follow_up, and no subscale has one")
        for scores in self.possible_scores():
            holding = [band.id for band in self.band if band.holds(scores)]
            if len(holding) != 1:
                shown = ", ".join(f"{name} {value}" for name, value in scores.items())
                found = f"bands {', '.join(holding)} all hold" if holding else "no band holds"
                raise ValueError(f"band: for {shown}, {found} (every possible score needs exactly one band)")
        return self

    def answers_to(self, item: InstrumentItem) -> tuple[InstrumentAnswer, ...]:
        """The answers an item offers, in the form's order."""
        return next(s.answers for s in self.answer_set if s.id == item.answers)

    def scores_of(self, chosen: Iterable[tuple[InstrumentItem, int]]) -> dict[str, int]:
        """The total and each subscale for (item, score) pairs: ``{"total": 5, "psychosocial": 4}``."""
        scores = {TOTAL: 0, **{s.id: 0 for s in self.subscale}}
        for item, points in chosen:
            scores[TOTAL] += points
            for subscale in item.subscales:
                scores[subscale] += points
        return scores

    def maximum(self, score: str) -> int:
        """The highest value ``score`` (``total`` or a subscale id) can take."""
        return sum(
            max(a.score for a in self.answers_to(item))
            for item in self.item
            if score == TOTAL or score in item.subscales
        )

    def possible_scores(self) -> list[dict[str, int]]:
        """Every distinct (total, subscales...) that complete answers can give, found item by item."""
        names = (TOTAL, *(s.id for s in self.subscale))
        reached: set[tuple[int, ...]] = {tuple(0 for _ in names)}
        for item in self.item:
            counts = tuple(name == TOTAL or name in item.subscales for name in names)
            points = {a.score for a in self.answers_to(item)}
            reached = {
                tuple(value + (score if counted else 0) for value, counted in zip(before, counts, strict=True))
                for before in reached
                for score in points
            }
        return [dict(zip(names, values, strict=True)) for values in sorted(reached)]


def _repeated(values: Iterable[str]) -> str | None:
    counts = Counter(values)
    return next((value for value, count in counts.items() if count > 1), None)
