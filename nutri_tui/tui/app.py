"""The Textual application: navigation between screens, drafts, saving, commands.

``NutriTuiApp()`` needs no arguments: it finds the content and the data folder
itself (``NUTRI_TUI_HOME`` overrides the folder). Screens are swapped with
``switch_screen`` on top of the welcome screen, so the stack stays one deep
and Escape means "back a step" everywhere; modals are pushed on top.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from nutri_tui.paths import data_dir
from nutri_tui.text import clean_text
from nutri_tui.tui.flow import REVIEW, STEP_IDS, WizardState, step_index
from nutri_tui.tui.screens.welcome import WelcomeScreen
from nutri_tui.tui.themes import HIGH_CONTRAST

# Everything else (pydantic models, the content, storage, the other screens) is imported where it is
# first used: the welcome screen must paint as fast as a bare Textual app, and these cost ~0.5 s.
if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from nutri_tui.content import Content
    from nutri_tui.models.answers import Answers
    from nutri_tui.models.session import Draft, Session
    from nutri_tui.storage import SessionEntry, Storage
    from nutri_tui.tui.screens.result import ResultScreen

NOTE_MAX = 1_000
"""A notification is cut to this many characters (a path and a reason fit easily)."""
WARM_UP_DELAY = 0.25
"""Seconds after the first paint before the content is loaded and validated (the person is reading)."""


class NutriTuiApp(App[None]):
    TITLE = "nutri-tui"
    SUB_TITLE = "nutrients and back pain"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("f1", "help", "Help", show=False, id="help"),
    ]

    def __init__(
        self,
        storage: Storage | None = None,
        content: Content | None = None,
        open_session: Session | None = None,
        open_path: Path | None = None,
        root: Path | None = None,
    ) -> None:
        """``open_session`` (with the file it came from) starts the app on that saved result."""
        super().__init__()
        self._storage = storage
        self.root = storage.root if storage is not None else (root or data_dir())
        """The data folder (the welcome screen peeks into it before storage is loaded)."""
        self._content = content
        self.startup_error: str | None = None
        """A content problem found after start-up: the app exits with it (see cli._run_app)."""
        self._open = (open_session, open_path) if open_session is not None else None
        self.wizard = WizardState()
        self.dirty = False
        """True when the person changed something not yet written to the draft."""
        self.register_theme(HIGH_CONTRAST)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is one line of plain text, whoever calls it (screens too: theirs come here).

        Messages quote file names, labels and reasons from files: parsed as markup, a ``[/]`` in one
        crashed the app, and an ESC in one would reach the terminal. ``markup`` is accepted and ignored.
        """
        super().notify(
            clean_text(message, NOTE_MAX),
            title=clean_text(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    @property
    def storage(self) -> Storage:
        if self._storage is None:
            from nutri_tui.storage import Storage

            self._storage = Storage(self.root)
        return self._storage

    @property
    def content(self) -> Content:
        if self._content is None:
            from nutri_tui.content import load_content

            self._content = load_content()
        return self._content

    def on_mount(self) -> None:
        if self._open is not None:
            # The saved result is the first screen. Pushing the welcome screen and replacing it at once
            # removed it while its Header was still mounting, which crashed every `nutri-tui open`.
            session, path = self._open
            self.push_screen(self._saved_result(session, path))
            return
        self.push_screen(WelcomeScreen())
        self.set_timer(WARM_UP_DELAY, self._warm_up)

    def _warm_up(self) -> None:
        """Load and check the content while the person reads the welcome screen."""
        self._content_ok()

    def _content_ok(self) -> bool:
        """Load the content if needed; a broken knowledge base ends the app with its one-line message."""
        from nutri_tui.content import ContentError

        try:
            self.content  # noqa: B018 - loads, validates and caches it
        except ContentError as error:
            self.startup_error = str(error)
            self.exit(return_code=1)
            return False
        return True

    # --- navigation ------------------------------------------------------------------

    def new_assessment(self, keep_draft: bool = False) -> None:
        """Start from the first step. An unfinished draft is set aside (kept if unreadable, or with
        ``keep_draft``), never overwritten."""
        from nutri_tui.storage import StorageError

        if not self._content_ok():
            return
        try:
            self.storage.discard_draft(keep=keep_draft)
        except (OSError, StorageError) as error:
            self.notify(f"Your unfinished answers could not be set aside: {error}", severity="error", timeout=10)
            return
        self.wizard = WizardState()
        self.dirty = False
        self.show_step(STEP_IDS[0])

    def resume_draft(self) -> None:
        """Continue the unfinished answers. A draft that cannot be read, or whose answers would not
        validate, is reported with "Start again" offered; until then it is left as it is."""
        from nutri_tui.storage import StorageError
        from nutri_tui.storage.drafts import answers_problem

        try:
            draft = self.storage.load_draft()
        except StorageError as error:
            self._offer_start_again(str(error))
            return
        if draft is None:
            self.new_assessment()
            return
        if not self._content_ok():
            return
        problem = answers_problem(draft, self.content)
        if problem is not None:
            self._offer_start_again(f"{self.storage.draft_path}: {problem}")
            return
        self.wizard = WizardState.resume(draft.answers, draft.step)
        self.dirty = False
        if self.wizard.step == REVIEW:
            from nutri_tui.tui.screens.review import ReviewScreen

            self.switch_screen(ReviewScreen())
        else:
            self.show_step(self.wizard.step)

    def _offer_start_again(self, reason: str) -> None:
        from nutri_tui.tui.screens.confirm import ConfirmModal

        def answered(start_again: bool | None) -> None:
            if start_again:
                self.new_assessment(keep_draft=True)

        self.push_screen(
            ConfirmModal(
                f"Your unfinished answers cannot be resumed: {clean_text(reason, 400)}. Start again? The file is "
                "kept, renamed draft.broken-<date>.toml; Cancel leaves it as it is.",
                yes="Start again",
            ),
            answered,
        )

    def show_step(self, step_id: str, return_to_review: bool = False) -> None:
        """Show a wizard step: another form on the wizard screen if it is open, else a new one."""
        from nutri_tui.tui.screens.wizard import WizardScreen

        if isinstance(self.screen, WizardScreen):
            self.screen.show(step_id, return_to_review)
        else:
            self.switch_screen(WizardScreen(step_id, return_to_review))

    def step_done(self, step_id: str, return_to_review: bool) -> None:
        from nutri_tui.tui.screens.review import ReviewScreen

        index = step_index(step_id)
        at_end = return_to_review or index == len(STEP_IDS) - 1
        self.wizard.step = REVIEW if at_end else STEP_IDS[index + 1]
        self.save_draft(after_paint=True)
        if at_end:
            self.switch_screen(ReviewScreen())
        else:
            self.show_step(self.wizard.step)

    def step_back(self, step_id: str, return_to_review: bool) -> None:
        from nutri_tui.tui.screens.review import ReviewScreen

        index = step_index(step_id)
        if return_to_review:
            self.save_draft(after_paint=True)
            self.switch_screen(ReviewScreen())
        elif index == 0:
            self.save_draft()  # now: the welcome screen looks for it to offer "Resume"
            self.switch_screen(WelcomeScreen())
        else:
            self.wizard.step = STEP_IDS[index - 1]
            self.save_draft(after_paint=True)
            self.show_step(self.wizard.step)

    def save_draft(self, after_paint: bool = False) -> None:
        """Write the answers so far. ``after_paint`` writes them once the next screen has painted:
        the write ends with fsyncs, which take milliseconds here and can take tens on a laptop disk,
        and should never hold up the next step. The draft is taken now, so later edits cannot leak in."""
        from nutri_tui.storage import make_draft

        draft = make_draft(self.wizard.step, {name: dict(values) for name, values in self.wizard.sections.items()})
        if after_paint:
            self.call_after_refresh(self._write_draft, draft)
        else:
            self._write_draft(draft)

    def _write_draft(self, draft: Draft) -> None:
        from nutri_tui.storage import StorageError

        try:
            self.storage.save_draft(draft)
        except (OSError, StorageError) as error:
            self.notify(f"Could not save your answers so far: {error}", severity="error", timeout=10)
            return
        self.dirty = False

    def finish_wizard(self) -> None:
        try:
            answers = self.wizard.answers(self.content)
        except ValueError as error:
            self.notify(f"Please check your answers: {error}", severity="error", timeout=10)
            return
        self.dirty = False
        self.show_new_result(answers)

    def show_new_result(self, answers: Answers) -> None:
        """Assess, save at once (so closing the terminal never loses a result) and show it."""
        from nutri_tui.engine import assess
        from nutri_tui.storage import StorageError, make_session
        from nutri_tui.tui.screens.result import ResultScreen

        session = make_session(answers, assess(answers, self.content), self.content.version)
        path: Path | None = None
        try:
            path = self.storage.save_session(session)
            self.storage.clear_draft()
            note = "Saved to your past results (Ctrl+S adds a label, Ctrl+E exports a report)."
        except (OSError, StorageError) as error:
            note = f"This result could not be saved: {error}"
        self.switch_screen(ResultScreen(session, path, note))

    def _saved_result(self, session: Session, path: Path | None) -> ResultScreen:
        from nutri_tui.local_time import shown_time
        from nutri_tui.tui.screens.result import ResultScreen

        when = shown_time(session.created)
        note = f"A saved result from {when}{': ' + session.label if session.label else ''} (read-only)."
        if session.content_version != self.content.version:
            note += (
                f" It was worked out with knowledge base {session.content_version}; today's is "
                f"{self.content.version}. Press A to re-assess the same answers with today's."
            )
        return ResultScreen(session, path, note, saved_earlier=True)

    def open_saved(self, path: Path) -> None:
        from nutri_tui.storage import StorageError

        try:
            session = self.storage.load_session(path)
        except StorageError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.switch_screen(self._saved_result(session, path))

    def compare_saved(self, first: Path, second: Path, entries: list[SessionEntry]) -> None:
        from nutri_tui.storage import SavedSession, StorageError
        from nutri_tui.tui.screens.compare import CompareScreen

        try:
            sessions = [self.storage.load_session(first), self.storage.load_session(second)]
        except StorageError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        readable = sorted((e for e in entries if isinstance(e, SavedSession)), key=lambda e: e.created)
        pains = [e.pain_intensity for e in readable if e.pain_intensity is not None]
        self.switch_screen(CompareScreen(sessions[0], sessions[1], pains))

    def action_show_history(self) -> None:
        from nutri_tui.tui.screens.history import HistoryScreen

        self.switch_screen(HistoryScreen())

    # --- actions and commands ----------------------------------------------------------

    def action_help(self) -> None:
        from nutri_tui.tui.screens.help import HelpScreen

        screen = self.screen
        title = getattr(screen, "step", None)
        name = title.title if title is not None else screen.__class__.__name__.removesuffix("Screen")
        self.push_screen(HelpScreen(name, getattr(screen, "HELP", "")))

    def action_go_home(self) -> None:
        self.switch_screen(WelcomeScreen())

    async def action_quit(self) -> None:
        from nutri_tui.tui.screens.confirm import ConfirmModal

        if not self.dirty:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmModal(
                "You have changed answers on this step that are not saved yet. Quit anyway? "
                "(Everything up to the last completed step is kept.)",
                yes="Quit",
            ),
            answered,
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from nutri_tui.tui.screens.result import ResultScreen

        yield SystemCommand("New assessment", "Start a new set of questions", self.new_assessment)
        yield SystemCommand("Past results", "Open, compare, label or delete saved results", self.action_show_history)
        if isinstance(screen, ResultScreen):
            yield SystemCommand("Save result", "Save this result with a label", screen.action_save)
            yield SystemCommand("Export result", "Write a Markdown report for a clinician", screen.action_export)
        yield SystemCommand("Home", "Go to the welcome screen", self.action_go_home)
        yield SystemCommand("Help", "Help for this screen and the keys", self.action_help)
        yield SystemCommand(
            "High contrast", "Switch to the high-contrast theme", lambda: setattr(self, "theme", HIGH_CONTRAST.name)
        )
        yield from super().get_system_commands(screen)
