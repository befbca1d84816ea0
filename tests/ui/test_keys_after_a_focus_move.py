"""A key handed to a question or filter box that has already moved the focus on is dropped, never misused.

The app hands every key of one read (tmux sends a burst in one; a busy machine reads several) to what had the
focus as it read them, before the first has taken effect. "y" and "n" typed fast on a warning sign both reached
it: the "n" meant for the next sign replaced the "y" (a guard meant to stop that read ``has_focus``, which
Textual updates only once the blur arrives, after the keys). Down and Space typed fast in a medicine filter put
a blank in the filter. A dropped key shows (the next question is still unanswered, nothing is ticked); handed on,
it could arrive after keys read later and answer the wrong question. The keys are handed to the app as its
terminal reader posts them, one after another with no pause (as in test_type_ahead.py).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from textual import events
from textual.widgets import Input, SelectionList

from nutri_tui.storage import Storage
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.widgets.choice import YesNoQuestion
from nutri_tui.tui.widgets.filtered_selection import FilteredSelection
from tests.pilot_helpers import app_at, example_sections, paste, tab_to

SIZE = (80, 24)


def _key(name: str) -> events.Key:
    character = {"enter": "\r", "space": " "}.get(name, name if len(name) == 1 else None)
    return events.Key(name, character)


async def _read_at_once(app: NutriTuiApp, *names: str) -> None:
    for name in names:
        await app.on_event(_key(name))


async def _settle(pilot) -> None:
    for _ in range(5):
        await pilot.pause(0.02)


async def test_down_then_space_typed_at_once_leave_the_filter_as_typed(tmp_path: Path) -> None:
    """ "warf", then Down and Space in one read: the filter still reads "warf" (no blank typed into it), the list
    has the keys, and the next Space ticks warfarin; the same with Enter in place of Down."""
    app = app_at("medicines", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        medicines = app.screen.query_one("#medicines", FilteredSelection)
        box = medicines.query_one(Input)
        listing = medicines.query_one(SelectionList)
        for into_list in ("down", "enter"):
            await tab_to(pilot, box, "home", "ctrl+k")
            await paste(pilot, "warf")
            await _read_at_once(app, into_list, "space")
            await _settle(pilot)
            assert box.value == "warf", into_list
            assert app.focused is listing and medicines.selected == set(), into_list
            await pilot.press("space")
            await pilot.pause()
            assert medicines.selected == {"warfarin"}, into_list
            await pilot.press("space")  # unticked again for the next round
            await pilot.pause()
            assert medicines.selected == set()


async def test_a_fast_no_after_yes_to_a_warning_sign_never_replaces_the_yes(tmp_path: Path) -> None:
    """Yes to a past cancer and No typed in the same read: the Yes stands; the follow-up that the Yes brings
    (nerve symptoms) appears just below with the keys, unanswered, and the sign after it is unanswered too. The
    same for two signs without a follow-up: the first keeps its Yes and the second is not answered by the No."""
    app = app_at("back_pain", example_sections("healthy-adult", "back_pain"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cancer = app.screen.query_one("#flag-cancer_history", YesNoQuestion)
        await tab_to(pilot, cancer)
        rows = [row for row in app.screen.query(YesNoQuestion) if row.display]
        after_follow_up = rows[rows.index(cancer) + 1]  # hidden now: the follow-up is not asked yet
        await _read_at_once(app, "y", "n")
        await _settle(pilot)
        follow_up = app.screen.query_one("#flag-cancer_nerve_signs", YesNoQuestion)
        assert cancer.value == "yes"
        assert follow_up.display and app.focused is follow_up and follow_up.value is None
        assert after_follow_up.value is None

        # Two signs in a row that are not emergencies (an emergency's Yes opens a notice that takes the keys).
        content = app.flow.content
        shown = [row for row in app.screen.query(YesNoQuestion) if row.display]
        first, second = next(
            (a, b)
            for a, b in pairwise(shown)
            if all(content.red_flags[row.key].urgency != "emergency" for row in (a, b))
        )
        await tab_to(pilot, first)
        await _read_at_once(app, "y", "n")
        await _settle(pilot)
        assert first.value == "yes" and second.value is None and app.focused is second
