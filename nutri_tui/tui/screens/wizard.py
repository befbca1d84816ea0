"""The wizard: all seven steps on one screen, one shown at a time, with progress, Back/Next and problems.

Why one screen: showing a new Textual screen means composing, styling and laying out all its widgets,
then styling them all again when it is resumed. Building every step once and switching between them
with a ContentSwitcher makes each Next or Back a matter of showing another form (docs/performance.md).
The step asked for is built first; the other six (about 140 ms, measured) are built just after it
has painted, while the person reads it, and Next or Back waits for them if pressed sooner. Each is then
laid out and rendered while hidden, one at a time (steps/warm.py): a step's first show costs what showing it
again does. Each step's form keeps its answers while the person moves back and forth, and the wizard
state (and the draft) is updated on every move.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Input, Static

from nutri_tui.questionnaire import REVIEW, STEPS, Step, step_index
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.long_lived import collect_when_quiet, keep_until_closed
from nutri_tui.tui.screens.steps import step_form
from nutri_tui.tui.screens.steps.base import ANSWER_WIDGETS, StepForm
from nutri_tui.tui.screens.steps.warm import supported, warm
from nutri_tui.tui.type_ahead import KeepTypeAhead
from nutri_tui.tui.widgets.answer_row import OptionRow
from nutri_tui.tui.widgets.choice import Choice
from nutri_tui.tui.widgets.compact_button import CompactButton
from nutri_tui.tui.widgets.filtered_selection import FilteredSelection
from nutri_tui.tui.widgets.header import Header
from nutri_tui.tui.widgets.key_bar import KeyBar
from nutri_tui.tui.widgets.number import NumberField

if TYPE_CHECKING:
    from nutri_tui.flow import WizardFlow
    from nutri_tui.models.session import Draft


WARM_AFTER_QUIET = 0.25
"""Seconds without a key before a hidden form is warmed (see ``WizardScreen._warm_next``)."""


class WizardScreen(Screen[None]):
    BINDINGS: ClassVar = [
        Binding("ctrl+n", "next", "Next", priority=True),
        Binding("escape", "back", "Back"),
        Binding("f1", "app.help", "Help"),
    ]
    AUTO_FOCUS = ANSWER_WIDGETS
    """Focus the first question as soon as the screen is current, not the form around it: keys typed
    while the screen opens (type-ahead) are delivered to whatever has focus then."""

    def __init__(self, flow: WizardFlow, step_id: str, return_to_review: bool = False) -> None:
        """Open on ``step_id``; ``return_to_review`` makes Next and Back lead back to the review."""
        super().__init__()
        self.flow = flow
        self.step_id = step_id
        self.return_to_review = return_to_review
        self._problem = ""
        self._ready = False
        self._all_built = asyncio.Event()
        self._kept = False
        """Whether its forms, all built and warmed, are frozen for the collector (:meth:`_keep`)."""
        self._warm: set[str] = {step_id}
        """The steps whose forms have been laid out and rendered (shown, or warmed while hidden)."""

    @property
    def form(self) -> StepForm:
        return self.query_one(f"#step-{self.step_id}", StepForm)

    @property
    def step(self) -> Step:
        """The step shown (the help screen names it)."""
        return STEPS[step_index(self.step_id)]

    @property
    def HELP(self) -> str:
        """The step's help, then how its form is answered by keyboard."""
        return "\n\n".join(text for text in (self.step.help, self.step.keys) if text)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._progress(), id="progress", markup=False)
        with ContentSwitcher(initial=f"step-{self.step_id}", id="steps"):
            yield step_form(self.step, self.flow)
        yield Static("", id="problems", markup=False)
        with Horizontal(id="nav"):
            yield CompactButton("← Back", id="back")
            yield CompactButton(self._next_label(), id="next", variant="primary")
        yield KeyBar()

    def _progress(self) -> str:
        number = step_index(self.step_id) + 1
        dots = "".join("●" if i <= number else "○" for i in range(1, len(STEPS) + 1))
        return f"{dots}  Step {number} of {len(STEPS)}: {self.step.title}"

    def _next_label(self) -> str:
        return "Back to review →" if self.return_to_review else "Next →"

    def on_mount(self) -> None:
        self._focus_first_question()
        # Pre-filled widgets may post Changed messages as they mount; only changes after that are the person's.
        self.call_after_refresh(self._settled)

    def _settled(self) -> None:
        if self not in self.app.screen_stack:  # replaced before it settled (keys come fast): nothing to do
            return
        self._ready = True
        self.refresh_state()
        # The other steps are built next, not in this callback: keys typed while the step opened are handed
        # on once it has been painted (see type_ahead), and building six forms first kept them waiting.
        self.call_later(self._build_other_steps)

    async def _build_other_steps(self) -> None:
        if self not in self.app.screen_stack:
            return
        others = [step_form(step, self.flow) for step in STEPS if step.id != self.step_id]
        for form in others:
            form.display = False  # the switcher hides only the children it had when it mounted
        await self.query_one("#steps", ContentSwitcher).mount_all(others)
        self._all_built.set()
        self.call_after_refresh(self._warm_next)

    def _warm_next(self) -> None:
        """Lay out and render one hidden form (the next steps first), then let keys in before the next one.

        Only once no key has come for :data:`WARM_AFTER_QUIET` seconds: warming a form holds the screen for
        15-56 ms, which a key typed meanwhile waits out, and someone still typing their age or an answer
        has not yet got to Next. A person reading the step leaves seconds for it."""
        if self not in self.app.screen_stack:
            return
        if not supported(self):
            self._keep()
            return
        if isinstance(self.app, KeepTypeAhead):
            wait = WARM_AFTER_QUIET - (time.monotonic() - self.app.last_key_at)
            if wait > 0:
                self.set_timer(wait, self._warm_next)
                return
        here = step_index(self.step_id)
        cold = [step.id for step in STEPS[here + 1 :] + STEPS[:here] if step.id not in self._warm]
        if not cold:
            self._keep()
            return
        hidden = self.query_one(f"#step-{cold[0]}", StepForm)
        # Warmed as it will be shown: the questions that apply follow the answers so far. Unsynced, the back-pain
        # form was warmed with every warning sign, and its first show hid 20-odd of them: a layout and 10 ms more.
        hidden.sync()
        if warm(self, hidden, self.form):
            self._warm.add(cold[0])
            self.call_after_refresh(self._warm_next)
        else:  # a dialog is on top: try again later
            self.set_timer(0.5, self._warm_next)

    def _keep(self) -> None:
        """Every form built and warmed: what the wizard keeps from now on is left out of the collector's full
        collections until it closes (long_lived.py: one of 13-33 ms landed inside a step switch)."""
        if not self._kept:
            self._kept = True
            keep_until_closed()

    def on_unmount(self) -> None:
        if self._kept:  # its forms were frozen: collected once the keys pause
            collect_when_quiet(self.app, self)

    def show(self, step_id: str, return_to_review: bool = False) -> None:
        """Show another step's form (already built, with its answers so far)."""
        self.step_id = step_id
        self.return_to_review = return_to_review
        self._warm.add(step_id)
        self.query_one("#steps", ContentSwitcher).current = f"step-{step_id}"
        self.query_one("#progress", Static).update(self._progress())
        self.query_one("#next", Button).label = self._next_label()
        self.refresh_state()  # syncs the form first: which questions it asks decides the first one
        self._focus_first_question(synced=True)

    def _focus_first_question(self, synced: bool = False) -> None:
        form = self.form
        if not synced:  # a sync of the back-pain step is 4-16 ms (which warning signs apply): once per show
            form.sync()
        first = form.first_question()
        if first is not None:
            first.focus(scroll_visible=False)
        form.scroll_home(animate=False)

    def refresh_state(self) -> None:
        form = self.form
        form.sync()
        problem = " ".join(form.problems())
        # Only when the words change: an update lays the screen out again, and this runs on every key.
        # (No binding refresh either: Next is always available, and says what is missing when pressed.)
        if problem != self._problem:  # the line starts empty, as _problem does
            self._problem = problem
            self.query_one("#problems", Static).update(problem)

    @on(Choice.Changed)
    @on(Input.Changed)
    @on(NumberField.Changed)
    @on(OptionRow.Changed)
    @on(FilteredSelection.Changed)
    def _changed(self) -> None:
        if not self._ready:
            return
        self.flow.dirty = True
        self.refresh_state()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if "filter" not in event.input.classes:
            self.focus_next()

    @on(Button.Pressed, "#next")
    async def _next_pressed(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#back")
    async def _back_pressed(self) -> None:
        await self.action_back()

    async def action_next(self) -> None:
        await self._all_built.wait()
        form = self.form
        if form.problems():
            # Not silently nothing: the keys go to the first question still to answer, and the line above
            # the buttons says what is missing.
            self.refresh_state()
            missing = form.first_unanswered()
            if missing is not None:
                missing.focus()
            self.app.clear_notifications()  # one notice, however often Next is pressed
            self.notify(self._problem, title="Not yet", severity="warning", timeout=4)
            return
        after = self.flow.done(self.step_id, form.validated(form.collect()), self.return_to_review)
        self._save_draft(after_paint=True)
        if after == REVIEW:
            nav.go(self, nav.Review())
        else:
            self.show(after)

    async def action_back(self) -> None:
        """Keep whatever is on the form (even if incomplete), then go back."""
        await self._all_built.wait()
        form = self.form
        values = {k: v for k, v in form.collect().items() if v is not None}
        before = self.flow.back(self.step_id, values, self.return_to_review)
        if before is None:
            self._save_draft(after_paint=False)  # now: the welcome screen looks for it to offer "Resume"
            nav.go(self, nav.Home())
            return
        self._save_draft(after_paint=True)
        if before == REVIEW:
            nav.go(self, nav.Review())
        else:
            self.show(before)

    def _save_draft(self, after_paint: bool) -> None:
        """Write the answers so far. ``after_paint`` writes them once the next step has painted: the write
        ends with fsyncs, which take milliseconds here and can take tens on a laptop disk, and should never
        hold up the next step. The draft is taken now, so later edits cannot leak in."""
        draft = self.flow.draft()
        if after_paint:
            self.app.call_after_refresh(self._write_draft, draft)
        else:
            self._write_draft(draft)

    def _write_draft(self, draft: Draft) -> None:
        problem = self.flow.write_draft(draft)
        if problem:
            self.app.notify(problem, severity="error", timeout=10)
