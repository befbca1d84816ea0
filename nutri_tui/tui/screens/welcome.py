"""The first screen: what nutri-tui does and does not do, and where to start."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from nutri_tui.paths import has_sessions, peek_draft_step, read_disclaimer
from nutri_tui.profiles import Profile
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.widgets.compact_button import CompactButton
from nutri_tui.tui.widgets.header import Header
from nutri_tui.tui.widgets.key_bar import KeyBar

INTRO = (
    "A few minutes of questions about sun, diet, medicines, age, gut health and alcohol, your symptoms and "
    "your back pain. Warning signs are checked first; then you see which of ten nutrients may be worth a "
    "blood test and why, foods for them, supplement cautions for you, and exercises with good evidence. "
    "Everything stays on this computer."
)
HELP = (
    "Choose a button with Tab and Enter, or press its letter. Your answers are saved after every step, "
    "so you can stop at any time and carry on later. P lists the profiles (several people's results on one "
    "computer, each kept apart) to switch to another, make a new one or rename one."
)


class WelcomeScreen(Screen[None]):
    DEFAULT_CSS = "WelcomeScreen #welcome-profile { margin-top: 1; text-style: bold; }"
    BINDINGS: ClassVar = [
        Binding("n", "new", "New assessment"),
        Binding("r", "resume", "Resume"),
        Binding("h", "history", "Past results"),
        Binding("p", "profiles", "Profiles"),
        Binding("f1", "app.help", "Help"),
        # Enter on a choice is handled here, at once, rather than by the button's Pressed message, which
        # arrives after the keys typed behind it: an age typed straight after Enter then reaches the step.
        Binding("enter", "choose", show=False, priority=True),
    ]
    HELP = HELP
    AUTO_FOCUS = "#choices CompactButton"
    """The first choice has focus, so Enter does it: "Resume" when there are unfinished answers
    (starting again would discard them), otherwise "Start a new assessment"."""

    def __init__(self, root: Path, profile: Profile | None = None) -> None:
        """``root`` is the profile's folder, peeked into for a draft and past results; ``profile`` is named
        above the choices (None while profiles are not in use: the screen is then as it always was)."""
        super().__init__()
        self.root = root
        self.profile = profile
        self.draft_step: str | None = None
        """Where the unfinished draft stopped ("" if it could not be read), None if there is none."""

    def compose(self) -> ComposeResult:
        # Only cheap peeks here (no pydantic): this is the first screen, and it must paint fast.
        self.draft_step = peek_draft_step(self.root)
        has_draft = self.draft_step is not None
        yield Header()
        with VerticalScroll(id="welcome"):
            yield Static("Welcome to nutri-tui", classes="title", markup=False)
            yield Static(INTRO, markup=False)
            yield Static(read_disclaimer(), classes="disclaimer", markup=False)
            if self.profile is not None:  # a name from a file: plain text, never markup
                yield Static(f"Profile: {self.profile.name}", id="welcome-profile", markup=False)
            with Vertical(id="choices"):
                if has_draft:
                    where = _stopped_at(self.draft_step or "")
                    yield CompactButton(f"Resume where you left off ({where})  [r]", id="resume", variant="primary")
                yield CompactButton(
                    "Start a new assessment  [n]", id="new", variant="default" if has_draft else "primary"
                )
                if has_sessions(self.root):
                    yield CompactButton("Open a past result  [h]", id="open-history")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.draft_step is not None
        if action == "choose":
            return isinstance(self.focused, Button)
        return True

    def action_choose(self) -> None:
        """Do what the focused button says (Enter)."""
        if isinstance(self.focused, Button):
            {"new": self.action_new, "resume": self.action_resume, "open-history": self.action_history}[
                self.focused.id or "new"
            ]()

    @on(Button.Pressed, "#new")
    def action_new(self) -> None:
        if self.draft_step is None:
            nav.go(self, nav.NewAssessment())
            return

        def answered(start_again: bool | None) -> None:
            if start_again:
                nav.go(self, nav.NewAssessment())

        from nutri_tui.tui.screens.confirm import ConfirmModal  # only when there is a draft to discard

        self.app.push_screen(
            ConfirmModal("Start again? Your unfinished answers will be discarded.", yes="Start again"), answered
        )

    @on(Button.Pressed, "#open-history")
    def action_history(self) -> None:
        nav.go(self, nav.History())

    def action_profiles(self) -> None:
        nav.go(self, nav.Profiles())

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        if self.draft_step is not None:
            nav.go(self, nav.ResumeDraft())


def _stopped_at(step_id: str) -> str:
    """Where the draft stopped, in words. The questionnaire is imported only here, when there is a draft: with
    none, the first paint does without it (about 2.5 ms)."""
    from nutri_tui.questionnaire import REVIEW, STEPS

    if step_id == REVIEW:
        return "the review"
    return next((s.title for s in STEPS if s.id == step_id), "the start")
