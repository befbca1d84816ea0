"""Where a screen asks to go next: one typed message, handled by the app in one place.

Full screens are switched, not pushed (the stack stays one deep, so Escape means "back a step"
everywhere), so they cannot hand a result back with ``dismiss``; instead a screen posts
``Go(destination)``, which bubbles to :class:`~nutri_tui.tui.app.NutriTuiApp`, and the app decides
which screen that is. Modals do return typed results with ``dismiss`` (a bool, a label or None).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from nutri_tui.models.answers import Answers
    from nutri_tui.storage import SessionEntry


@dataclass(frozen=True)
class Home:
    """The welcome screen."""


@dataclass(frozen=True)
class NewAssessment:
    keep_draft: bool = False
    """Keep the old draft (renamed aside) rather than discarding it: it could not be read."""


@dataclass(frozen=True)
class ResumeDraft:
    """The unfinished answers, where they stopped."""


@dataclass(frozen=True)
class ShowStep:
    step_id: str
    back_to_review: bool = False
    """Next and Back lead back to the review (the step was opened from it)."""


@dataclass(frozen=True)
class Review:
    """Every answer on one screen."""


@dataclass(frozen=True)
class Finish:
    """Assess the answers, save the result and show it."""


@dataclass(frozen=True)
class Reassess:
    answers: Answers
    """A saved result's answers, assessed again with today's knowledge base."""


@dataclass(frozen=True)
class History:
    """Past results."""


@dataclass(frozen=True)
class OpenSaved:
    path: Path


@dataclass(frozen=True)
class Compare:
    first: Path
    second: Path
    entries: tuple[SessionEntry, ...]
    """Every listed result, for the pain trend under the comparison."""


Destination = Home | NewAssessment | ResumeDraft | ShowStep | Review | Finish | Reassess | History | OpenSaved | Compare


class Go(Message):
    """A screen asks the app to show another (see the module docstring)."""

    def __init__(self, where: Destination) -> None:
        super().__init__()
        self.where = where
