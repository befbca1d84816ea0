"""Whose results: the list of profiles, to switch to one, create one or rename one.

Several people's results on one machine (a physiotherapist's clients, someone helping a parent) each
live in their own profile (see :mod:`nutri_tui.profiles`). This screen lists them all, the one in use
marked, with how many results each has saved, so a person can see at a glance whose results they are
about to look at. Everything is done by keys: Enter switches, N creates, R renames, Escape goes back.

Every name here comes from a file (and is typed by a person): it is cleaned by ``clean_name`` and drawn
as plain text, never parsed as markup, so a name such as ``[bold]x[/]`` is shown as it was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from nutri_tui.profiles import NAME_MAX, Profile, list_profiles, name_refusal, session_count
from nutri_tui.storage import StorageError
from nutri_tui.storage.profile_folders import create_profile, rename_profile
from nutri_tui.text import clean_text
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.screens.label_modal import LabelModal
from nutri_tui.tui.widgets.header import Header
from nutri_tui.tui.widgets.key_bar import KeyBar

INTRO = (
    "Each profile keeps its own results, unfinished answers and theme: one for each client, or one for "
    "you and one for the person you help. Everything stays on this computer."
)
HELP = (
    "Every profile on this computer, the one in use marked with ● and (current). Up and Down move the "
    "highlight; Enter switches to the highlighted profile and shows its welcome screen; N makes a new "
    "profile (you are asked for its name) and switches to it; R renames the highlighted profile (its "
    "results stay as they are); Escape goes back to the welcome screen. Names are unique, ignoring "
    "capitals and spaces."
)


@runtime_checkable
class ProfileApp(Protocol):
    """The app as this screen needs it: after renaming the profile in use, its header must say the new name."""

    def profile_renamed(self, profile: Profile) -> None: ...


class NameModal(LabelModal):
    """The label dialog, asking for a profile's name instead.

    The box has no length limit of its own: Textual refuses a whole paste that would go past one, so a
    long pasted name would vanish; instead the name is cut to NAME_MAX when it is saved, and the message
    after it quotes the name as kept. The old name, when renaming, is selected: typing replaces it.
    A name that cannot be used (empty, or another profile's) is refused here, in the dialog, which stays
    open with the name as typed: the person mends it rather than starting again.
    """

    def __init__(self, label: str = "", *, prompt: str, refusal: Callable[[str], str | None]) -> None:
        super().__init__(label, prompt)
        self.refusal = refusal

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(self.prompt, markup=False)
            yield Input(self.label, placeholder="e.g. Anna K, Client 12, Mum", id="label")
            yield Static("", id="name-problem", markup=False)

    def submitted(self, value: str) -> None:
        problem = self.refusal(value)
        if problem:
            self.query_one("#name-problem", Static).update(f"Not saved: {problem}.")
            return
        self.dismiss(value.strip())


class ProfilesScreen(Screen[None]):
    DEFAULT_CSS = """
    ProfilesScreen #profiles { height: 1fr; padding: 1 2 0 2; }
    ProfilesScreen #profiles-intro { margin-bottom: 1; }
    ProfilesScreen #profile-list { height: 1fr; }
    """
    BINDINGS: ClassVar = [
        # Enter is handled here at once, as on the welcome screen: keys typed straight after it then
        # reach the welcome screen of the profile switched to, not this one.
        Binding("enter", "switch", "Switch", priority=True),
        Binding("n", "new", "New profile"),
        Binding("r", "rename", "Rename"),
        Binding("escape", "home", "Back"),
        Binding("f1", "app.help", "Help"),
    ]
    HELP = HELP
    AUTO_FOCUS = "#profile-list"

    def __init__(self, data: Path, current: Profile) -> None:
        """``data`` is the data folder holding every profile; ``current`` the profile in use."""
        super().__init__()
        self.data = data
        self.current = current
        self.profiles: list[Profile] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="profiles"):
            yield Static("Profiles", classes="title", markup=False)
            yield Static(INTRO, id="profiles-intro", markup=False)
            yield OptionList(id="profile-list", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload(keep=self.current.root)

    def reload(self, keep: Path | None = None) -> None:
        """List the profiles again from their folders; ``keep`` (a profile's folder) stays highlighted."""
        self.profiles = list_profiles(self.data)
        listing = self.query_one("#profile-list", OptionList)
        listing.set_options(Option(self._line(p), id=str(i)) for i, p in enumerate(self.profiles))
        roots = [p.root for p in self.profiles]
        listing.highlighted = roots.index(keep) if keep in roots else 0

    def _line(self, profile: Profile) -> Text:
        """One profile as listed: "● Anna K (current) · 2 saved results" (a Text: never parsed as markup)."""
        current = profile.root == self.current.root
        count = session_count(profile)
        saved = "no saved results" if not count else f"{count} saved result{'s' if count != 1 else ''}"
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append("● " if current else "○ ")
        line.append(profile.name, style="bold" if current else "")
        line.append(" (current)" if current else "")
        line.append(f" · {saved}")
        if profile.problem:
            line.append(f" · its name could not be read ({clean_text(profile.problem, 200)})", style="italic")
        return line

    def _highlighted(self) -> Profile | None:
        index = self.query_one("#profile-list", OptionList).highlighted
        return self.profiles[index] if index is not None and index < len(self.profiles) else None

    @on(OptionList.OptionSelected, "#profile-list")  # a click on a profile
    def action_switch(self) -> None:
        profile = self._highlighted()
        if profile is not None:
            nav.go(self, nav.SwitchProfile(profile))

    def action_new(self) -> None:
        def named(name: str | None) -> None:
            if name is None:
                return
            try:
                profile = create_profile(self.data, name)
            except (OSError, StorageError) as error:
                self.notify(str(error), severity="error")
                return
            app = self.app
            nav.go(self, nav.SwitchProfile(profile))
            app.notify(f'New profile "{profile.name}" created')  # after: a screen change clears notifications

        self.app.push_screen(
            NameModal(
                prompt=f"Name for the new profile, up to {NAME_MAX} characters (Enter creates it, Escape cancels):",
                refusal=lambda name: name_refusal(self.data, name),
            ),
            named,
        )

    def action_rename(self) -> None:
        profile = self._highlighted()
        if profile is None:
            return

        def named(name: str | None) -> None:
            if name is None:
                return
            try:
                renamed = rename_profile(self.data, profile, name)
            except (OSError, StorageError) as error:
                self.notify(str(error), severity="error")
                return
            if renamed.root == self.current.root:
                self.current = renamed
                if isinstance(self.app, ProfileApp):  # the header names the profile in use
                    self.app.profile_renamed(renamed)
            self.reload(keep=renamed.root)
            self.notify(f'Profile renamed to "{renamed.name}"')

        prompt = f"New name for this profile, up to {NAME_MAX} characters (Enter renames it, Escape cancels):"
        refusal = lambda name: name_refusal(self.data, name, profile.root)  # noqa: E731 - one line, read once
        self.app.push_screen(NameModal(profile.name, prompt=prompt, refusal=refusal), named)

    def action_home(self) -> None:
        nav.go(self, nav.Home())
