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

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from pathlib import Path

    from textual.dom import DOMNode

    from nutri_tui.models.answers import Answers
    from nutri_tui.profiles import Profile
    from nutri_tui.reports.progress import Scored


class _Place:
    """A destination: a few read-only fields, equal when their type and fields are.

    What ``@dataclass(frozen=True)`` gave, written once by hand: a dataclass generates and compiles its
    methods when its module is imported, and these twelve took 5-8 ms of the first paint (they are imported
    before the welcome screen is drawn). ``__slots__`` lists the fields; ``__match_args__`` lets ``match``
    take them by position as well as by name."""

    __slots__: tuple[str, ...] = ()

    def __init__(self, **fields: object) -> None:
        for name in self.__slots__:
            object.__setattr__(self, name, fields[name])

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, f) == getattr(other, f) for f in self.__slots__)

    def __hash__(self) -> int:
        return hash((type(self), *(getattr(self, f) for f in self.__slots__)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self.__slots__)})"


class Home(_Place):
    """The welcome screen."""

    __slots__ = ()


class NewAssessment(_Place):
    __slots__ = __match_args__ = ("keep_draft",)
    keep_draft: bool

    def __init__(self, keep_draft: bool = False) -> None:
        """``keep_draft``: keep the old draft (renamed aside) rather than discarding it: it could not be read."""
        super().__init__(keep_draft=keep_draft)


class ResumeDraft(_Place):
    """The unfinished answers, where they stopped."""

    __slots__ = ()


class ShowStep(_Place):
    __slots__ = __match_args__ = ("step_id", "back_to_review")
    step_id: str
    back_to_review: bool

    def __init__(self, step_id: str, back_to_review: bool = False) -> None:
        """``back_to_review``: Next and Back lead back to the review (the step was opened from it)."""
        super().__init__(step_id=step_id, back_to_review=back_to_review)


class Review(_Place):
    """Every answer on one screen."""

    __slots__ = ()


class Finish(_Place):
    """Assess the answers, save the result and show it."""

    __slots__ = ()


class Reassess(_Place):
    __slots__ = __match_args__ = ("answers",)
    answers: Answers

    def __init__(self, answers: Answers) -> None:
        """A saved result's ``answers``, assessed again with today's knowledge base."""
        super().__init__(answers=answers)


class History(_Place):
    """Past results."""

    __slots__ = ()


class OpenSaved(_Place):
    __slots__ = __match_args__ = ("path",)
    path: Path

    def __init__(self, path: Path) -> None:
        super().__init__(path=path)


class Compare(_Place):
    __slots__ = __match_args__ = ("first", "second", "results")
    first: Path
    second: Path
    results: tuple[Scored, ...]

    def __init__(self, first: Path, second: Path, results: tuple[Scored, ...]) -> None:
        """``results``: every readable result's scores, oldest first, for the chart under the comparison."""
        super().__init__(first=first, second=second, results=results)


class Profiles(_Place):
    """Whose results: the list of profiles, to switch, create or rename one."""

    __slots__ = ()


class SwitchProfile(_Place):
    __slots__ = __match_args__ = ("profile",)
    profile: Profile

    def __init__(self, profile: Profile) -> None:
        """From now on, ``profile``'s sessions, draft and settings (then the welcome screen)."""
        super().__init__(profile=profile)


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
