"""The Textual application: it owns the content and storage, and decides which screen comes next.

``NutriTuiApp()`` needs no arguments: it finds the content and the data folder itself
(``NUTRI_TUI_HOME`` overrides the folder). Screens receive what they show in ``__init__`` and ask to
move on by calling :func:`~nutri_tui.tui.navigation.go`; :meth:`NutriTuiApp.navigate` is the one place
that turns a destination into a screen. Screens are switched on top of the first one, so the stack
stays one deep and Escape means "back a step" everywhere; modals are pushed on top.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from nutri_tui.paths import data_dir
from nutri_tui.profiles import profile_at
from nutri_tui.text import clean_text
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.profile_switching import ProfileSwitching
from nutri_tui.tui.screen_styles import ScreenStyles
from nutri_tui.tui.screens.welcome import WelcomeScreen
from nutri_tui.tui.themes import HIGH_CONTRAST, HIGH_CONTRAST_CSS, saved_theme
from nutri_tui.tui.type_ahead import KeepTypeAhead
from nutri_tui.tui.warm_up import settle_start_up, start_warm_up

# Everything else (pydantic models, the content, storage, the other screens) is imported where it is
# first used: the welcome screen must paint as fast as a bare Textual app, and these cost ~0.5 s.
if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from nutri_tui.content import Content
    from nutri_tui.flow import NewResult, WizardFlow
    from nutri_tui.models.session import Session
    from nutri_tui.reports.progress import Scored
    from nutri_tui.storage import Storage
    from nutri_tui.tui.screens.result import ResultScreen

NOTE_MAX = 1_000
"""A notification is cut to this many characters (a path and a reason fit easily)."""
WARM_UP_DELAY = 0.25
"""Seconds after the first paint before the content is loaded and validated (the person is reading)."""
STYLES_DELAY = 0.1
"""Seconds after start-up before the other screens' styles are parsed (see ``tui/screen_styles.py``)."""


class NutriTuiApp(ProfileSwitching, ScreenStyles, KeepTypeAhead):
    TITLE = "nutri-tui"
    SUB_TITLE = "nutrients and back pain"
    CSS_PATH = "app.tcss"  # and screens.tcss, read before the first screen after the welcome screen
    FIRST_SCREENS = (WelcomeScreen,)
    CSS = HIGH_CONTRAST_CSS
    BINDINGS: ClassVar = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("f1", "help", "Help", show=False, id="help"),
    ]
    ends_process = False  # True from the command line: the process ends when the app does (see on_unmount)

    def __init__(
        self,
        storage: Storage | None = None,
        content: Content | None = None,
        open_session: Session | None = None,
        open_path: Path | None = None,
        root: Path | None = None,
        flow: WizardFlow | None = None,
        data: Path | None = None,
        start_note: str = "",
    ) -> None:
        """``open_session`` (with the file it came from) starts the app on that saved result; ``flow`` starts
        it inside a wizard run, where that run stands (tests start personas from answers files this way).
        ``root`` is the profile's folder; ``data`` the data folder holding every profile (``root`` itself
        when not given: the default profile). ``start_note`` is shown once the first screen is up."""
        super().__init__()
        if flow is not None:
            storage, content = flow.storage, flow.content
        self._storage = storage
        self.root = storage.root if storage is not None else (root or data_dir())
        """The profile's folder (the welcome screen peeks into it before storage is loaded)."""
        self.data = data if data is not None else self.root
        """The data folder: the default profile, with any others under ``profiles/``."""
        self.profile = profile_at(self.data, self.root)
        """Whose results these are."""
        self._name_profile()
        self._start_note = start_note
        self._content = content
        self._content_lock = threading.Lock()
        self.startup_error: str | None = None
        """A content problem found after start-up: the app exits with it (see cli.main)."""
        self._open = (open_session, open_path) if open_session is not None else None
        self.flow: WizardFlow | None = flow
        """The wizard run in progress, if any."""
        self.register_theme(HIGH_CONTRAST)
        saved = saved_theme(self.root, self.available_themes)
        self._theme_note, self._theme_stored = saved.problem, saved.stored
        if saved.name is not None:
            self.theme = saved.name

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
        """The knowledge base, loaded and checked once (by the warm-up thread, or here if it is needed first)."""
        with self._content_lock:  # the warm-up thread may be loading it: wait for that rather than load twice
            if self._content is None:
                from nutri_tui.content import load_content

                self._content = load_content(disk_cache=True)  # see nutri_tui/content/cache.py
            return self._content

    @property
    def dirty(self) -> bool:
        """Answers changed on the step shown and not yet written to the draft."""
        return self.flow is not None and self.flow.dirty

    def watch_theme(self, name: str) -> None:
        """Remember a theme the person chose (the palette's Theme, or High contrast) for the next run."""
        if name == self._theme_stored:
            return  # the saved theme being applied at start-up, or no change
        from nutri_tui.storage import StorageError, save_theme

        self._theme_stored = name
        try:
            save_theme(self.root, name)
        except StorageError as error:
            self.notify(f"The theme is not remembered for next time: {error}", severity="warning", timeout=10)

    def on_mount(self) -> None:
        if self._theme_note:
            self.notify(self._theme_note, severity="warning", timeout=10)
        if self._start_note:
            self.notify(self._start_note, timeout=10)
        if self._open is not None:
            # The saved result is the first screen. Pushing the welcome screen and replacing it at once
            # removed it while its Header was still mounting, which crashed every `nutri-tui open`.
            session, path = self._open
            self.push_screen(self._saved_result(session, path))
            return
        if self.flow is not None:
            from nutri_tui.questionnaire import REVIEW
            from nutri_tui.tui.screens.review import ReviewScreen
            from nutri_tui.tui.screens.wizard import WizardScreen

            flow = self.flow
            self.push_screen(ReviewScreen(flow) if flow.step == REVIEW else WizardScreen(flow, flow.step))
            return
        self.push_screen(self._welcome())
        self.set_timer(STYLES_DELAY, lambda: settle_start_up(self))  # painted by then; before the warm-up
        self.set_timer(WARM_UP_DELAY, lambda: start_warm_up(self))

    def content_broken(self, reason: str) -> None:
        """End the app with the knowledge base's one-line problem (cli.main prints it, exit 1)."""
        self.startup_error = reason
        self.exit(return_code=1)

    def on_unmount(self) -> None:
        """What was frozen (warm_up.py, long_lived.py) collectable again: an app inside a longer process (the tests)
        would leave its screens' cycles behind for good. Not if the process ends with it: quitting took 170 ms more."""
        if not self.ends_process:
            gc.unfreeze()

    def _welcome(self) -> WelcomeScreen:
        """The welcome screen, naming the profile once profiles are in use."""
        return WelcomeScreen(self.root, self.profile if self.whose() else None)

    def _content_ok(self) -> bool:
        """Load the content if needed; a broken knowledge base ends the app with its one-line message."""
        from nutri_tui.content import ContentError

        try:
            self.content  # noqa: B018 - loads, validates and caches it
        except ContentError as error:
            self.content_broken(str(error))
            return False
        return True

    # --- navigation: the one place a destination becomes a screen ------------------------

    def navigate(self, where: nav.Destination) -> None:
        """Turn a destination into a screen (every screen change goes through here)."""
        self.clear_notifications()  # a message about the screen being left must not follow the person
        without_content = nav.Home | nav.Profiles | nav.SwitchProfile
        if not isinstance(where, without_content) and not self._content_ok():  # the others read the content
            return
        match where:
            case nav.Home():
                self.switch_screen(self._welcome())
            case nav.Profiles():
                from nutri_tui.tui.screens.profiles import ProfilesScreen

                self.switch_screen(ProfilesScreen(self.data, self.profile))
            case nav.SwitchProfile(profile=profile):
                self.switch_profile(profile)
                self.navigate(nav.Home())
            case nav.NewAssessment(keep_draft=keep):
                self._start(keep)
            case nav.ResumeDraft():
                self._resume()
            case nav.ShowStep(step_id=step_id, back_to_review=back):
                self._show_step(step_id, back)
            case nav.Review():
                self._show_review()
            case nav.Finish():
                self._finish()
            case nav.Reassess(answers=answers):
                from nutri_tui.flow import new_result

                self._show_result(new_result(answers, self.content, self.storage))
            case nav.History():
                self._show_history()
            case nav.OpenSaved(path=path):
                self._open_saved(path)
            case nav.Compare(first=first, second=second, results=results):
                self._compare(first, second, results)

    def _start(self, keep_draft: bool) -> None:
        from nutri_tui.flow import WizardFlow
        from nutri_tui.storage import StorageError

        try:
            self.flow = WizardFlow.start(self.content, self.storage, keep_draft=keep_draft)
        except (OSError, StorageError) as error:
            self.notify(f"Your unfinished answers could not be set aside: {error}", severity="error", timeout=10)
            return
        self._show_step(self.flow.step, False)

    def _resume(self) -> None:
        """Continue the unfinished answers; a draft that cannot be resumed is reported, "Start again" offered."""
        from nutri_tui.flow import DraftProblem, WizardFlow
        from nutri_tui.questionnaire import REVIEW

        try:
            flow = WizardFlow.resume(self.content, self.storage)
        except DraftProblem as problem:
            self._offer_start_again(str(problem))
            return
        if flow is None:
            self._start(keep_draft=False)
            return
        self.flow = flow
        if flow.step == REVIEW:
            self._show_review()
        else:
            self._show_step(flow.step, False)

    def _offer_start_again(self, reason: str) -> None:
        from nutri_tui.tui.screens.confirm import ConfirmModal

        def answered(start_again: bool | None) -> None:
            if start_again:
                self._start(keep_draft=True)

        self.push_screen(
            ConfirmModal(
                f"Your unfinished answers cannot be resumed: {clean_text(reason, 400)}. Start again? The file is "
                "kept, renamed draft.broken-<date>.toml; Cancel leaves it as it is.",
                yes="Start again",
            ),
            answered,
        )

    def _show_step(self, step_id: str, back_to_review: bool) -> None:
        from nutri_tui.tui.screens.wizard import WizardScreen

        if self.flow is None:
            self._start(keep_draft=False)
            return
        self.switch_screen(WizardScreen(self.flow, step_id, back_to_review))

    def _show_review(self) -> None:
        from nutri_tui.tui.screens.review import ReviewScreen

        if self.flow is not None:
            self.switch_screen(ReviewScreen(self.flow))

    def _finish(self) -> None:
        if self.flow is None:
            return
        try:
            made = self.flow.finish()
        except ValueError as error:
            self.notify(f"Please check your answers: {error}", severity="error", timeout=10)
            return
        self.flow = None
        self._show_result(made)

    def _show_result(self, made: NewResult) -> None:
        from nutri_tui.tui.screens.result import ResultScreen

        self.switch_screen(
            ResultScreen(made.session, self.storage, self.content, made.path, made.note, whose=self.whose())
        )

    def _saved_result(self, session: Session, path: Path | None) -> ResultScreen:
        from nutri_tui.local_time import shown_time
        from nutri_tui.reports.phrases import saved_result_note
        from nutri_tui.tui.screens.result import ResultScreen

        note = saved_result_note(
            shown_time(session.created), session.label, session.content_version, self.content.version
        )
        if session.content_version != self.content.version:
            note += " Press A to re-assess the same answers with today's."
        return ResultScreen(session, self.storage, self.content, path, note, saved_earlier=True, whose=self.whose())

    def _open_saved(self, path: Path) -> None:
        from nutri_tui.storage import StorageError

        try:
            session = self.storage.load_session(path)
        except StorageError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.switch_screen(self._saved_result(session, path))

    def _compare(self, first: Path, second: Path, results: tuple[Scored, ...]) -> None:
        from nutri_tui.storage import StorageError
        from nutri_tui.tui.screens.compare import CompareScreen

        try:
            sessions = [self.storage.load_session(first), self.storage.load_session(second)]
        except StorageError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.switch_screen(CompareScreen(sessions[0], sessions[1], results, self.content))

    def _show_history(self) -> None:
        from nutri_tui.tui.screens.history import HistoryScreen

        self.switch_screen(HistoryScreen(self.storage, self.content))

    # --- actions and commands ----------------------------------------------------------

    def action_help(self) -> None:
        from nutri_tui.tui.screens.help import HelpScreen

        screen = self.screen
        title = getattr(screen, "step", None)
        name = title.title if title is not None else screen.__class__.__name__.removesuffix("Screen")
        self.push_screen(HelpScreen(name, getattr(screen, "HELP", "")))

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
        from nutri_tui.tui.commands import palette_commands

        yield from palette_commands(self, screen)
        yield from super().get_system_commands(screen)
