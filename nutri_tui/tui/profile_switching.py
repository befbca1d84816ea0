"""Whose results the app is showing: naming the profile in every header, and switching to another.

Mixed into :class:`~nutri_tui.tui.app.NutriTuiApp`, which owns what these methods change: the profile's
folder (``root``), its storage and wizard run, and the theme. Kept apart so that app.py stays the short
list of which screen comes next.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from nutri_tui.profiles import Profile, is_shown, list_profiles
from nutri_tui.tui.themes import saved_theme

if TYPE_CHECKING:
    from nutri_tui.flow import WizardFlow
    from nutri_tui.storage import Storage


class ProfileSwitching(App[None]):
    data: Path
    root: Path
    profile: Profile
    flow: WizardFlow | None
    _storage: Storage | None
    _theme_stored: str | None
    _profiles_in_use: bool

    def _name_profile(self) -> None:
        """Every screen's header says whose results these are, once profiles are in use.

        Whether they are can only change by a switch (every new profile is switched to) or by renaming the
        profile in use (the default, when it is the only one), and both come here: so it is read from the
        profile files here, once, not again for every screen and report."""
        self._profiles_in_use = is_shown(list_profiles(self.data))
        self.sub_title = f"profile: {self.profile.name}" if self._profiles_in_use else type(self).SUB_TITLE

    def profile_renamed(self, profile: Profile) -> None:
        """The profile in use has a new name: every header says it from now on (nothing else changes)."""
        self.profile = profile
        self._name_profile()

    def switch_profile(self, profile: Profile) -> None:
        """Use ``profile``'s sessions, draft and theme from now on, starting at its welcome screen."""
        self.profile = profile
        self.root = profile.root
        self._storage = None
        self.flow = None
        self._name_profile()
        saved = saved_theme(self.root, self.available_themes)
        if saved.name is not None:
            self._theme_stored = saved.name  # applied, not written back
            self.theme = saved.name
        else:  # a profile without a theme of its own keeps the one in use (not saved to it until chosen there)
            self._theme_stored = self.theme
        if saved.problem:
            self.notify(saved.problem, severity="warning", timeout=10)

    def whose(self) -> str:
        """The profile's name for a report, once profiles are in use; else nothing (nothing changes)."""
        return self.profile.name if self._profiles_in_use else ""
