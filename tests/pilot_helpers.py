"""Keyboard-only helpers for driving the app in tests: Tab to a widget, then type or choose."""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from nutri_tui.content import load_content
from nutri_tui.flow import WizardFlow, WizardState
from nutri_tui.storage import Storage
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.widgets.answer_row import AnswerRow
from nutri_tui.tui.widgets.choice import Choice
from nutri_tui.tui.widgets.filtered_selection import FilteredSelection
from nutri_tui.tui.widgets.number import NumberField

REPO = Path(__file__).resolve().parent.parent


def tabs_to(pilot: Pilot, widget: Widget) -> list[str]:
    """The Tab (or Shift+Tab) presses that move focus to the widget, counted along the screen's focus chain:
    the shorter way round, as a person goes back one field with Shift+Tab rather than Tab round the screen."""
    chain = pilot.app.screen.focus_chain
    assert widget in chain, f"{widget!r} cannot be reached with Tab"
    if pilot.app.focused not in chain:
        return ["tab"] * (chain.index(widget) + 1)
    forward = (chain.index(widget) - chain.index(pilot.app.focused)) % len(chain)
    return ["tab"] * forward if forward <= len(chain) - forward else ["shift+tab"] * (len(chain) - forward)


async def tab_to(pilot: Pilot, widget: Widget, *then: str) -> None:
    """Press Tab as a person would until the widget has focus, then any further keys.

    The keys go in one batch: Pilot waits for the whole screen after each call, which is slow
    on screens with many widgets.
    """
    await pilot.press(*tabs_to(pilot, widget), *then)
    if not then:
        assert pilot.app.focused is widget, f"Tab did not reach {widget!r}"


def choice_keys(choice: Choice, value: str) -> list[str]:
    """The fewest keys a person would press on a focused Choice to pick ``value``, each way it offers:
    its first letter (which jumps to the next answer starting with it), Right or Left to step through the
    answers, or Enter to open the list, Home, Down to it and Enter."""
    keys = list(choice.options)
    target = keys.index(value)
    here = keys.index(choice.value) if choice.value in keys else None
    ways = [["enter", "home", *["down"] * target, "enter"]]
    if here is not None:
        ways.append(["right"] * (target - here) if target >= here else ["left"] * (here - target))
    else:
        ways.append(["right"] * (target + 1))  # from nothing chosen, Right picks the first answer
    letter = choice.options[value][:1].casefold()
    if letter.isalnum():
        starts = [i for i, key in enumerate(keys) if choice.options[key].casefold().startswith(letter)]
        position = -1 if here is None else here
        presses = 0
        while True:  # each press jumps to the next answer starting with the letter, wrapping around
            position = next((i for i in starts if i > position), starts[0])
            presses += 1
            if position == target:
                break
        ways.append([letter] * presses)
    return min(ways, key=len)


async def choose(pilot: Pilot, choice_id: str, value: str) -> None:
    """Tab to a Choice and pick an answer with the fewest keys (see :func:`choice_keys`)."""
    choice = pilot.app.screen.query_one(f"#{choice_id}", Choice)
    keys = choice_keys(choice, value)
    await tab_to(pilot, choice, *keys)
    assert choice.value == value, (choice_id, choice.value, value, keys)


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
        focused = chain[(chain.index(row) + 1) % len(chain)]  # answering by its letter moves on
    await pilot.press(*keys)
    await pilot.pause()


async def paste(pilot: Pilot, text: str) -> None:
    """Paste text into the focused widget, as a terminal's bracketed paste delivers it (one event, not keys)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def until(pilot: Pilot, condition: Callable[[], object], what: str, seconds: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds: no fixed pause, which is too short on a busy machine and
    waited out in full on a quiet one."""
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def app_at(step: str, sections: dict, storage: Storage) -> NutriTuiApp:
    """The app inside a wizard run that already holds ``sections``, showing ``step`` (or ``review``).

    For personas whose levels are checked at engine level: they start from answers, and only the keys
    their test is about are pressed (one full keyboard walk per path lives in test_wizard.py).
    """
    state = WizardState({name: dict(values) for name, values in sections.items() if isinstance(values, dict)}, step)
    return NutriTuiApp(flow=WizardFlow(load_content(), storage, state))


def example_sections(name: str, *leave_out: str) -> dict:
    """An example answers file's sections, without the sections (or ``section.field``) named."""
    with (REPO / "examples" / f"{name}.toml").open("rb") as handle:
        sections = tomllib.load(handle)
    sections.pop("format", None)
    for name_ in leave_out:
        section, _, field = name_.partition(".")
        if field:
            sections.get(section, {}).pop(field, None)
        else:
            sections.pop(section, None)
    return sections
