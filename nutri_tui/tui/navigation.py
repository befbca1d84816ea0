"""Where a screen asks to go next: one typed destination, turned into a screen by the app in one place.

Full screens are switched, not pushed (the stack stays one deep, so Escape means "back a step"
everywhere), so they cannot hand a result back with ``dismiss``; instead a screen calls
``go(self, destination)`` and :class:`~nutri_tui.tui.app.NutriTuiApp` decides which screen that is.
Modals do return typed results with ``dismiss`` (a bool, a label or None).

Why a direct call and not a posted message: a key binding runs in the app's own message loop, and
a message posted from it waits behind the keys already queued. Someone who presses ``n`` and types
their age at once had those first digits delivered to the screen being left, and lost (measured in a
pty: keys within about 150 ms of ``n``). Switching within the same handling, as Textual's own
``switch_screen`` does, lets the next queued key reach the new screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from nutri_tui.models.answers import Answers
    from nutri_tui.profiles import Profile
    from nutri_tui.reports.progress import Scored


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
    results: tuple[Scored, ...]
    """Every readable result's scores, oldest first, for the chart under the comparison."""


@dataclass(frozen=True)
class Profiles:
    """Whose results: the list of profiles, to switch, create or rename one."""


@dataclass(frozen=True)
class SwitchProfile:
    profile: Profile
    """From now on, this profile's sessions, draft and settings (then the welcome screen)."""


Destination = (
    Home
    | Profiles
    | SwitchProfile
    | NewAssessment
    | ResumeDraft
    | ShowStep
    | Review
    | Finish
    | Reassess
    | History
    | OpenSaved
    | Compare
)


@runtime_checkable
class Navigator(Protocol):
    """The app: it turns a destination into a screen."""

    def navigate(self, where: Destination) -> None: ...


def go(node: DOMNode, where: Destination) -> None:
    """Show ``where`` now (see the module docstring for why now)."""
    app = node.app
    if not isinstance(app, Navigator):  # a screen run inside some other app (a test harness) cannot leave
        raise TypeError(f"{type(app).__name__} cannot show {where!r}")
    app.navigate(where)
