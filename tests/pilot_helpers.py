"""Keyboard-only helpers for driving the app in tests: Tab to a widget, then type or choose."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from nutri_tui.tui.widgets.answer_row import AnswerRow
from nutri_tui.tui.widgets.choice import Choice
from nutri_tui.tui.widgets.filtered_selection import FilteredSelection
from nutri_tui.tui.widgets.number import NumberField


def tabs_to(pilot: Pilot, widget: Widget) -> list[str]:
    """The Tab presses that move focus to the widget, counted along the screen's focus chain."""
    chain = pilot.app.screen.focus_chain
    assert widget in chain, f"{widget!r} cannot be reached with Tab"
    here = chain.index(pilot.app.focused) if pilot.app.focused in chain else -1
    return ["tab"] * ((chain.index(widget) - here) % len(chain))


async def tab_to(pilot: Pilot, widget: Widget, *then: str) -> None:
    """Press Tab as a person would until the widget has focus, then any further keys.

    The keys go in one batch: Pilot waits for the whole screen after each call, which is slow
    on screens with many widgets.
    """
    await pilot.press(*tabs_to(pilot, widget), *then)
    if not then:
        assert pilot.app.focused is widget, f"Tab did not reach {widget!r}"


async def choose(pilot: Pilot, choice_id: str, value: str) -> None:
    """Open a Choice's list with Enter, move to the answer with the arrows, Enter."""
    choice = pilot.app.screen.query_one(f"#{choice_id}", Choice)
    await tab_to(pilot, choice, "enter", "home", *["down"] * list(choice.options).index(value), "enter")
    assert choice.value == value, (choice_id, choice.value, value)


async def type_into(pilot: Pilot, input_id: str, text: str) -> None:
    """Clear a text box or number field (Home, Ctrl+K) and type into it."""
    widget = pilot.app.screen.query_one(f"#{input_id}", Input | NumberField)
    await tab_to(pilot, widget, "home", "ctrl+k", *text)


async def tick(pilot: Pilot, list_id: str, *labels: str, filter_text: str | None = None) -> None:
    """Tick items in a FilteredSelection: type in its filter (if any), Tab into the list, Space."""
    selection = pilot.app.screen.query_one(f"#{list_id}", FilteredSelection)
    for label in labels:
        if selection.filterable:
            await tab_to(pilot, selection.query_one(Input), "home", "ctrl+k", *(filter_text or label))
        listing = selection.query_one("SelectionList")
        await tab_to(pilot, listing)
        for index in range(listing.option_count):
            if str(listing.get_option_at_index(index).prompt) == label:
                break
        else:
            raise AssertionError(f"{label!r} not in {list_id}")
        await pilot.press("home", *["down"] * index, "space")
        await pilot.pause()


async def answer_flags(pilot: Pilot, answers: dict[str, str], default: str = "n") -> None:
    """Answer every red-flag row: its own key from ``answers`` (y/n/s), else ``default``."""
    keys: list[str] = []
    focused = pilot.app.focused
    chain = pilot.app.screen.focus_chain
    for row in pilot.app.screen.query(AnswerRow):
        if not row.display:  # a warning sign that cannot apply to this person is not asked
            continue
        flag_id = (row.id or "").removeprefix("flag-")
        here = chain.index(focused) if focused in chain else -1
        keys += ["tab"] * ((chain.index(row) - here) % len(chain)) + [answers.get(flag_id, default)]
        focused = row
    await pilot.press(*keys)
    await pilot.pause()
