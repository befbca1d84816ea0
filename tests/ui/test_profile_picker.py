"""Profiles in the app, by keyboard only: create, switch, rename, refuse, and keep each one's results apart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.profiles import NAME_MAX, PROFILES_DIR, find_profile, list_profiles
from nutri_tui.storage import Storage, make_session
from nutri_tui.storage.answers_file import read_answers
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.history import HistoryScreen
from nutri_tui.tui.screens.profiles import NameModal, ProfilesScreen
from nutri_tui.tui.screens.welcome import WelcomeScreen
from tests.pilot_helpers import paste

REPO = Path(__file__).resolve().parents[2]
SIZE = (80, 24)


async def new_profile(pilot, name: str, *, typed: bool = False) -> None:
    """From the welcome screen: P, N, the name (pasted, or typed key by key: slower), Enter."""
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProfilesScreen)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NameModal)
    if typed:
        await pilot.press(*name)
    else:
        await paste(pilot, name)
    await pilot.press("enter")
    await pilot.pause()


def listed(screen: ProfilesScreen) -> list[str]:
    """The profile list's lines, as plain text."""
    listing = screen.query_one("#profile-list", OptionList)
    return [str(option.prompt) for option in listing.options]


def welcome_profile(pilot) -> str:
    return str(pilot.app.screen.query_one("#welcome-profile", Static).content)


def save_example(root: Path, example: str, label: str) -> None:
    content = load_content()
    answers = read_answers(REPO / "examples" / f"{example}.toml", content)
    when = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
    Storage(root).save_session(make_session(answers, assess(answers, content), content.version, label, when))


async def test_create_two_profiles_and_switch_between_them(tmp_path: Path) -> None:
    """Two profiles made from the welcome screen (P, N, a name, Enter): each new one is switched to, the header
    and the welcome screen name it, and Enter on the list switches back and forth."""
    async with NutriTuiApp(root=tmp_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not pilot.app.screen.query("#welcome-profile")  # no profiles in use: the screen as before
        await new_profile(pilot, "Anna K", typed=True)
        app = pilot.app
        assert isinstance(app.screen, WelcomeScreen)
        assert app.profile.name == "Anna K" and app.sub_title == "profile: Anna K"
        assert welcome_profile(pilot) == "Profile: Anna K"
        assert app.root.parent == tmp_path / PROFILES_DIR

        await new_profile(pilot, "Mum")
        assert app.sub_title == "profile: Mum"
        assert [p.name for p in list_profiles(tmp_path)] == ["Default", "Anna K", "Mum"]

        await pilot.press("p")
        await pilot.pause()
        assert listed(app.screen) == [
            "○ Default · no saved results",
            "○ Anna K · no saved results",
            "● Mum (current) · no saved results",
        ]
        assert app.screen.query_one("#profile-list", OptionList).highlighted == 2  # the current one
        await pilot.press("up", "up", "enter")  # to Default
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.root == tmp_path and app.sub_title == "profile: Default"
        assert welcome_profile(pilot) == "Profile: Default"

        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "enter")  # to Anna K
        await pilot.pause()
        assert app.profile.name == "Anna K" and app.sub_title == "profile: Anna K"
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("escape")  # back, nothing changed
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.profile.name == "Anna K"


async def test_rename_a_profile_keeps_its_folder(tmp_path: Path) -> None:
    """R asks with the old name filled in; the new name is listed, the header follows, the folder stays."""
    async with NutriTuiApp(root=tmp_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await new_profile(pilot, "Anna")
        app = pilot.app
        folder = app.root
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, NameModal)
        assert app.screen.query_one("#label", Input).value == "Anna"  # selected: typing would replace it
        await pilot.press("end", *" K", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        assert "● Anna K (current) · no saved results" in listed(app.screen)
        assert app.sub_title == "profile: Anna K" and app.profile.root == folder
        assert find_profile(tmp_path, "anna k").root == folder
        assert "Anna" not in [p.name for p in list_profiles(tmp_path)]

        await pilot.press("up", "r")  # the default profile can be renamed too
        await pilot.pause()
        await pilot.press(*"Me", "enter")
        await pilot.pause()
        assert [p.name for p in list_profiles(tmp_path)] == ["Me", "Anna K"]  # the default first, always
        assert listed(app.screen)[0] == "○ Me · no saved results"
        await pilot.press("escape")
        await pilot.pause()
        assert app.sub_title == "profile: Anna K"  # still Anna K's results


async def test_a_name_already_taken_is_refused(tmp_path: Path) -> None:
    """A new profile, or a rename, with a name already in use (ignoring case and spaces), or a blank one, is
    refused in the name box, which stays open with the reason and the name as typed (to mend, or Escape);
    nothing changes: no folder, no switch, the old name kept."""

    def problem_shown() -> str:
        assert isinstance(pilot.app.screen, NameModal)
        return str(pilot.app.screen.query_one("#name-problem", Static).content)

    async with NutriTuiApp(root=tmp_path).run_test(size=SIZE) as pilot:
        app = pilot.app
        await pilot.pause()
        await new_profile(pilot, "Anna K")
        folders = sorted((tmp_path / PROFILES_DIR).iterdir())

        await new_profile(pilot, "anna  k")
        assert problem_shown() == 'Not saved: there is already a profile called "Anna K"; choose another name.'
        assert app.screen.query_one("#label", Input).value == "anna  k"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        assert sorted((tmp_path / PROFILES_DIR).iterdir()) == folders
        assert app.profile.name == "Anna K"

        await pilot.press("home", "r")  # Default renamed to Anna K: refused
        await pilot.pause()
        await paste(pilot, "ANNA K")  # the old name is selected: the paste replaces it
        await pilot.press("enter")
        await pilot.pause()
        assert problem_shown().startswith("Not saved: there is already a profile called")
        await pilot.press("ctrl+u", *"Me", "enter")  # mended in place: renamed
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        assert [p.name for p in list_profiles(tmp_path)] == ["Me", "Anna K"]

        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"   ", "enter")  # a blank name
        await pilot.pause()
        assert problem_shown() == "Not saved: a profile needs a name (letters, numbers or both)."
        assert sorted((tmp_path / PROFILES_DIR).iterdir()) == folders


async def test_hostile_names_stay_inside_the_data_folder(tmp_path: Path) -> None:
    """Names that look like paths, markup, terminal escapes or a whole page make ordinary profiles under
    profiles/ (nothing is written anywhere else), and are shown as typed (cleaned), without a crash."""
    data = tmp_path / "data"
    data.mkdir()
    hostile = ["../../etc", "[bold]x[/]", "\x1b[31mred", "é" * 500]
    async with NutriTuiApp(root=data).run_test(size=SIZE) as pilot:
        await pilot.pause()
        app = pilot.app
        for name in hostile:
            await new_profile(pilot, name)
            assert isinstance(app.screen, WelcomeScreen), name
            assert app.root.parent == data / PROFILES_DIR
        await pilot.press("p")
        await pilot.pause()
        lines = listed(app.screen)
    names = [p.name for p in list_profiles(data)]
    assert "../../etc" in names and "[bold]x[/]" in names
    assert "[31mred" in names  # the ESC is gone: nothing a terminal would obey
    assert "é" * NAME_MAX in names
    assert any(line.startswith("○ [bold]x[/] ·") for line in lines)  # literally, not bold
    assert all("\x1b" not in line for line in lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # nothing beside the data folder
    assert sorted(p.name for p in data.iterdir()) == [PROFILES_DIR]
    assert len(list((data / PROFILES_DIR).iterdir())) == len(hostile)


async def test_each_profile_sees_only_its_own_results(tmp_path: Path) -> None:
    """A result saved in one profile is counted in the list and shown in its past results, never in another's."""
    async with NutriTuiApp(root=tmp_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await new_profile(pilot, "Anna K")
        app = pilot.app
        save_example(app.root, "vegan", "anna's visit")
        await pilot.press("p")
        await pilot.pause()
        assert listed(app.screen) == ["○ Default · no saved results", "● Anna K (current) · 1 saved result"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert [e.label for e in app.screen.by_key.values()] == ["anna's visit"]

        await pilot.press("escape", "p")
        await pilot.pause()
        await pilot.press("home", "enter")  # to Default
        await pilot.pause()
        assert app.root == tmp_path
        assert not app.screen.query("#open-history")  # no "Open a past result": Default has none
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.by_key == {}
