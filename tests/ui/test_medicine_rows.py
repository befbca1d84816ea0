"""One medicine is one row in the Medicines step, so the count under the list counts medicines.

Once, ticking "metformin" ticked "Other: Metformin" too (both rows held the value ``metformin``, and a
SelectionList ticks every row holding the value), and "Ticked (3)" was shown for two medicines.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input, Label, SelectionList

from nutri_tui.storage import Storage
from nutri_tui.tui.widgets.filtered_selection import FilteredSelection
from tests.pilot_helpers import app_at, example_sections, paste, tab_to

SIZE = (80, 24)


def rows(selection: FilteredSelection) -> list[str]:
    listing = selection.query_one(SelectionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def count(selection: FilteredSelection) -> str:
    return str(selection.query_one(".count", Label).content)


async def find(pilot, selection: FilteredSelection, text: str) -> None:
    """Put ``text`` in the list's filter box by keyboard: Tab to it, clear it (Home, Ctrl+K), paste.

    Pasted, not typed: every letter typed re-filters the whole medicine list, and these tests are about the rows
    a filter finds, not about typing. Letters typed one by one into a list's filter: test_wizard.py ("Losec" in
    this step, "tired" in the walk's symptoms) and test_widgets.py."""
    await tab_to(pilot, selection.query_one(Input), "home", "ctrl+k")
    if text:
        await paste(pilot, text)


async def test_one_medicine_is_one_row_however_it_is_found(tmp_path: Path) -> None:
    """Solpadol, Kapake, Zapain ... are co-codamol: typing a brand finds the co-codamol row, not a row of its own,
    and a brand in two words finds the generic it names. Then (co-codamol unticked again) ticking metformin ticks
    one row and counts one, and a second medicine counts two."""
    sections = example_sections("healthy-adult")
    app = app_at("medicines", sections, Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        medicines = app.screen.query_one("#medicines", FilteredSelection)
        await find(pilot, medicines, "co-codamol")
        assert rows(medicines) == ["co-codamol (codeine and paracetamol: a weak opioid and paracetamol)"]
        await find(pilot, medicines, "Solpadol")
        assert rows(medicines) == ["co-codamol (codeine and paracetamol: a weak opioid and paracetamol)"]
        await pilot.press("tab", "space")
        await pilot.pause()
        assert medicines.selected == {"co-codamol"} and count(medicines).startswith("Ticked (1): ")
        await find(pilot, medicines, "Milk of Magnesia")  # a brand finds the generic it names, in two words
        assert rows(medicines) == ["magnesium hydroxide (a magnesium antacid or laxative)"]
        await find(pilot, medicines, "co-codamol")
        await pilot.press("tab", "space")  # unticked
        await pilot.pause()
        assert medicines.selected == set()

        await find(pilot, medicines, "metformin")
        assert rows(medicines) == ["metformin"]  # no "Other: Metformin" beside it
        await pilot.press("tab", "space")  # into the list, tick
        await pilot.pause()
        assert medicines.selected == {"metformin"}
        assert count(medicines) == "Ticked (1): metformin"
        await find(pilot, medicines, "omeprazole")
        await pilot.press("tab", "space")
        await pilot.pause()
        assert count(medicines) == "Ticked (2): omeprazole (a PPI), metformin"  # two medicines, two
        await find(pilot, medicines, "")
        listing = medicines.query_one(SelectionList)
        assert sorted(listing.selected) == ["metformin", "omeprazole"]  # ticked rows: the same two
        assert app.screen.form.collect()["medicines"] == ["metformin", "omeprazole"]


async def test_a_brand_in_the_answers_ticks_its_row(tmp_path: Path) -> None:
    """An answers file may name a brand ("Losec"), a salt or a class: the step ticks the row found by it,
    so the person sees it ticked (and cannot tick the same medicine a second time)."""
    sections = example_sections("healthy-adult")
    sections.setdefault("health", {})["medicines"] = ["Losec", "Priadel"]
    app = app_at("medicines", sections, Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        medicines = app.screen.query_one("#medicines", FilteredSelection)
        assert medicines.selected == {"omeprazole", "lithium"}
        assert count(medicines) == "Ticked (2): omeprazole (a PPI), lithium"


class TwoRowsOneValue(App[None]):
    def compose(self) -> ComposeResult:
        yield FilteredSelection(
            [("metformin", "metformin", "metformin"), ("metformin", "Other: Metformin", "other metformin")]
        )


async def test_a_value_given_twice_is_one_row_found_by_the_words_of_both() -> None:
    app = TwoRowsOneValue()
    async with app.run_test(size=SIZE) as pilot:
        selection = app.query_one(FilteredSelection)
        assert rows(selection) == ["metformin"]
        await pilot.press(*"other", "tab", "space")
        await pilot.pause()
        assert rows(selection) == ["metformin"] and count(selection) == "Ticked (1): metformin"


async def test_typing_in_a_filter_at_the_foot_of_the_step_shows_its_matches(tmp_path: Path) -> None:
    """The health conditions' filter box sits at the foot of the screen at 80x24, with its list below it. Tabbed
    to and typed into, its list is brought on screen too, so the person sees "Kidney disease" as they type
    "kidn" (it was off screen until the next Tab)."""
    app = app_at("medicines", example_sections("healthy-adult"), Storage(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        conditions = app.screen.query_one("#conditions", FilteredSelection)
        await tab_to(pilot, conditions.query_one(Input))
        await pilot.press(*"kidn")
        await pilot.pause()
        await pilot.pause()
        listing = conditions.query_one(SelectionList)
        assert rows(conditions)[0] == "Kidney disease"
        screen = app.screen.region
        assert screen.contains_region(listing.region), (listing.region, screen)
        assert app.focused is conditions.query_one(Input)
