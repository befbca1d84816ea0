"""A validated questionnaire as a result shows it: the person's answers, and the score when it is complete.

Part of :class:`~nutri_tui.models.assessment.Assessment` (``instruments``), saved with it and read back
like every other part (bounded, unknown keys refused). A result holds everything it shows, the wording and
the attribution included, so a saved result reads the same after the knowledge base changes.
"""

from __future__ import annotations

from nutri_tui.models.bounds import Count, Few, Id, Many
from nutri_tui.models.result_types import InfoNote, result_part


@result_part
class ItemAnswer:
    """One question as the form asks it, and the answer given (empty when it was left out)."""

    number: Count
    id: Id
    text: str
    answer: str = ""
    """The answer's id (``agree``); empty: not answered."""
    answer_text: str = ""
    """The answer in the instrument's words (``Agree``)."""
    score: Count | None = None
    """What the answer scores; None: not answered."""


@result_part
class SubscaleScore:
    id: Id
    name: str
    score: Count
    maximum: Count


@result_part
class InstrumentScore:
    """A questionnaire the person started. Scored only when every question is answered (``complete``)."""

    id: Id
    name: str
    complete: bool
    answered: Count
    """How many of its questions were answered."""
    questions: Count
    summary: str
    """The score in words ("Total score 5 out of 9; ...: High risk."), or why there is none (incomplete)."""
    total: Count | None = None
    """None when incomplete: a score from some of the questions would mean nothing."""
    maximum: Count
    subscales: Few[SubscaleScore] = ()
    band: Id | None = None
    band_name: str = ""
    band_text: str = ""
    """What the band means, with its range."""
    follow_ups: Few[InfoNote] = ()
    """What to do about a subscale that reached its threshold (PHQ-4, 3 or more: talk to a GP)."""
    safety_net: InfoNote | None = None
    """Where to get help urgently, said once with the follow-ups."""
    purpose: str
    """What the score is for and what it is not (a score to show a clinician; never a diagnosis)."""
    stem: str
    answers: Few[ItemAnswer]
    """Every question in the form's order, answered or not."""
    attribution: str
    """The copyright, funding or permission notice that goes wherever the questions or the score are shown."""
    attribution_unverified: bool = False
    sources: Many[str]
    """What the wording, scoring, bands and licence rest on (the follow-ups cite their own)."""
