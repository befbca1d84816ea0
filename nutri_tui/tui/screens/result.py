"""The tabbed result: Summary, Deficiencies, Foods, Supplement cautions, Exercises, Sources."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import DataTable, OptionList, Static, TabbedContent, TabPane, Tabs
from textual.widgets.option_list import Option

from nutri_tui.models.assessment import Advice, NutrientFinding
from nutri_tui.models.session import Session
from nutri_tui.reports.advice_topics import exercise_advice, other_advice
from nutri_tui.reports.citations import Citations
from nutri_tui.reports.phrases import URGENCY_SYMBOL, level_tag
from nutri_tui.reports.plan import action_plan
from nutri_tui.reports.result_text import (
    FOR_YOU_HEADING,
    STOP_HEADING,
    advised,
    exercise_text,
    finding_details,
    food_extras,
    servings_a_day,
    servings_cell,
)
from nutri_tui.storage import StorageError
from nutri_tui.text import number, shortened
from nutri_tui.tui import navigation as nav
from nutri_tui.tui.screens.export_modal import ExportModal
from nutri_tui.tui.screens.label_modal import LabelModal
from nutri_tui.tui.screens.result_cautions import cautions_pane
from nutri_tui.tui.screens.result_sources import sources_pane
from nutri_tui.tui.screens.why import WhyModal
from nutri_tui.tui.widgets.chosen_tabs import ChosenTabs
from nutri_tui.tui.widgets.header import Header
from nutri_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from collections.abc import Callable

    from nutri_tui.content import Content
    from nutri_tui.storage import Storage

HELP = (
    "Your result, in tabs: move between tabs with the arrow keys when the tab row is focused, or Tab into "
    "a tab's content. On a nutrient (Summary or Deficiencies) or a food, press W to see why: the answers "
    "that led to it and the sources. Levels say how strongly your answers point to a possible gap; they "
    "are not a diagnosis. Ctrl+S saves again with a label, Ctrl+E exports a report for a clinician."
)


PANE_TITLES = (
    ("Deficiencies", "deficiencies"),
    ("Foods", "foods"),
    ("Supplement cautions", "cautions"),
    ("Exercises", "exercises"),
    ("Sources", "sources"),
)
"""The tabs after the Summary, in order: their content is built when first shown."""

FOOD_COLUMNS = (10, 24, 13, 11)
"""Widths of the Foods table's nutrient, food, serving and amount columns: the table fits 80 columns."""


class ResultScreen(Screen[None]):
    TABS: ClassVar = ("summary", *(pane_id for _, pane_id in PANE_TITLES))
    BINDINGS: ClassVar = [
        Binding("w", "why", "Why?"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+e", "export", "Export"),
        Binding("a", "reassess", "Re-assess", show=False),
        Binding("1", "tab(0)", "Tabs", key_display="1-6"),
        *[Binding(str(n + 1), f"tab({n})", show=False) for n in range(1, 6)],
        Binding("f1", "app.help", "Help"),
        Binding("escape", "home", "Home"),
    ]
    HELP = HELP
    AUTO_FOCUS = "#summary VerticalScroll"
    """The plan is read first, so its scrolling view has the keys: PageDown and the arrows scroll it at once."""

    def __init__(
        self,
        session: Session,
        storage: Storage,
        content: Content,
        path: Path | None = None,
        note: str = "",
        saved_earlier: bool = False,
        whose: str = "",
    ) -> None:
        """``path`` is the saved file (None if saving failed); ``saved_earlier`` marks a reopened result;
        ``whose`` is the profile's name when profiles are in use (the exported report names it)."""
        super().__init__()
        self.whose = whose
        self.storage = storage
        self.content = content
        self.session = session
        self.path = path
        self.result = session.result
        self.note = note
        self.saved_earlier = saved_earlier
        self.by_id = {f.id: f for f in self.result.nutrients}
        self.cite = Citations(self.result)
        self._filled: dict[str, AwaitMount] = {}
        """The tabs whose content is built, or being built (see ``_fill``); the Summary is composed."""
        self.back: Callable[[], None] | None = None
        """What Escape does instead of going home: set by the History screen that opened this result, so
        Escape returns to the past results as they were left."""

    def compose(self) -> ComposeResult:
        yield Header()
        with ChosenTabs(initial="summary"):
            with TabPane("Summary", id="summary"), VerticalScroll():
                yield from self._summary()
            # The other tabs are filled when first shown (``_fill``): most people read the plan first, and
            # the Sources tab alone holds two widgets a source, which every later key paid for while hidden.
            for title, pane_id in PANE_TITLES:
                yield TabPane(title, id=pane_id)
        yield KeyBar()

    @on(TabbedContent.TabActivated)
    async def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            await self._fill(event.pane.id)

    async def _fill(self, pane_id: str) -> None:
        """Build a tab's content the first time it is shown (said once, whichever way the tab was chosen)."""
        if pane_id == "summary":  # composed with the screen
            return
        if pane_id not in self._filled:  # the tab key and the tab's event both ask: the second waits for the first
            self._filled[pane_id] = self.query_one(f"#{pane_id}", TabPane).mount(self._pane_content(pane_id))
        await self._filled[pane_id]

    def _pane_content(self, pane_id: str) -> Widget:
        if pane_id == "deficiencies":
            first = self._details(self.result.nutrients[0].id)
            detail = VerticalScroll(Static(first, id="detail", markup=False), id="deficiency-detail")
            return Horizontal(OptionList(*self._nutrient_options(), id="deficiency-list"), detail)
        if pane_id == "foods":  # one scrolling pane: the food cautions must never push the list out of reach
            return VerticalScroll(*self._foods(), id="foods-pane")
        if pane_id == "cautions":
            return VerticalScroll(*cautions_pane(self.result, self.cite))
        if pane_id == "exercises":
            return VerticalScroll(*self._exercises())
        return VerticalScroll(*sources_pane(self.result, self.cite))

    # --- tabs ------------------------------------------------------------------------

    def _summary(self) -> ComposeResult:
        """The action plan (reports/plan.py): what to do first, in order; the rest is in the other tabs."""
        result = self.result
        if self.note:
            yield Static(self.note, classes="note", markup=False)
        yield Static("What to do first", classes="title plan-title", markup=False)
        for number_, step in enumerate(action_plan(result, self.content), 1):
            first = " plan-first" if number_ == 1 else ""  # right under the title: no blank line between
            yield Static(f"{number_}. {step.title}", classes=f"heading{first}", markup=False)
            for line in step.lines:
                cited = self.cite.after(line.sources)
                if line.tone in ("emergency", "urgent", "soon"):
                    mark = URGENCY_SYMBOL[line.tone]
                    yield Static(f"{mark} {line.text}{cited}", classes=f"red-flag {line.tone}", markup=False)
                else:
                    yield Static(line.text + cited, classes=f"plan-line {line.tone}", markup=False)
        for note in result.notes:
            yield Static(f"Note: {note}", classes="muted", markup=False)
        yield Static(
            "More in the tabs: 2 every nutrient and why, 3 foods, 4 supplement cautions, 5 exercises, 6 sources.",
            classes="muted",
            markup=False,
        )
        yield Static(result.disclaimer, classes="disclaimer", markup=False)

    def _exercises(self) -> ComposeResult:
        """A check to have first, the note, what the person's situation means, the exercises, when to stop
        (said once, not under every card), then the rest of looking after a back."""
        result = self.result
        for advice in exercise_advice(result, "exercise_first"):
            yield Static(f"! {advised(advice)}{self.cite.after(advice.sources)}", classes="red-flag", markup=False)
        yield Static(result.exercise_note, classes="note", markup=False)
        yield from self._advice_list(FOR_YOU_HEADING, exercise_advice(result, "exercise"))
        for exercise in result.exercises:
            yield Static(exercise_text(exercise, self.cite), classes="card", markup=False)
        yield from self._advice_list(STOP_HEADING, exercise_advice(result, "exercise_stop"))
        yield from self._advice_list("Looking after your back", other_advice(result))

    def _advice_list(self, title: str, items: tuple[Advice, ...]) -> ComposeResult:
        if items:
            yield Static(title, classes="heading", markup=False)
        for advice in items:
            yield Static(f"• {advised(advice)}{self.cite.after(advice.sources)}", markup=False)

    def _nutrient_options(self) -> list[Option]:
        options = []
        for finding in self.result.nutrients:
            text = f"{level_tag(finding.level)[0]} {finding.name}"
            options.append(Option(Content(text), id=finding.id))  # Content: plain text, never markup
        return options

    def _foods(self) -> ComposeResult:
        result = self.result
        worth = [f for f in result.nutrients if f.level != "low" and f.foods]
        withheld = [f for f in result.nutrients if f.level != "low" and f.foods_withheld]
        for caution in result.food_cautions:
            yield Static(f"! {caution.text}", classes="caution caution food-caution", markup=False)
        for finding in withheld:
            yield Static(f"{finding.name}: {finding.foods_withheld}", classes="note", markup=False)
        if not worth:
            yield Static(
                "No nutrient stands out from your answers, so no foods are singled out. "
                "The Deficiencies tab shows your targets.",
                markup=False,
            )
            return
        # Supplements count towards the figure where they give the nutrient's target form (not fish oil's EPA+DHA
        # for an ALA target): the line under the list says which for the highlighted food.
        with_supplements = any(food.from_supplements > 0 for finding in worth for food in finding.foods)
        per_day = "that, with your supplements, would" if with_supplements else "that alone would"
        yield Static(
            f"Foods that fit your diet and allergies. /day: servings a day {per_day} reach your target. "
            "! or i: see the line under the list (W: why this nutrient)",
            classes="muted",
            markup=False,
        )
        table: DataTable = DataTable(id="food-table", cursor_type="row", zebra_stripes=True)
        # Short columns fit 80 columns with no sideways scrolling; the line under the table says the
        # highlighted food in full (name, serving, amount and any note).
        table.add_columns("Nutrient", "Food", "Serving", "Amount", "/day", "")
        for finding in worth:
            for index, food in enumerate(finding.foods):
                cells = (
                    shortened(finding.name, FOOD_COLUMNS[0]) if index == 0 else "",
                    shortened(food.name, FOOD_COLUMNS[1]),
                    shortened(food.serving, FOOD_COLUMNS[2]),
                    shortened(f"{number(food.amount)} {food.unit}", FOOD_COLUMNS[3]),
                    servings_cell(food),
                    "!" if food.advisories else ("i" if food.note or food.fortified else ""),
                )
                # Text cells: a str cell is parsed as markup, and a food named "[/]" crashed the table.
                table.add_row(*(Text(cell) for cell in cells), key=f"{finding.id}:{food.id}")
        yield table
        yield Static("", id="food-detail", classes="muted", markup=False)

    @on(DataTable.RowHighlighted, "#food-table")
    def _food_highlighted(self, event: DataTable.RowHighlighted) -> None:
        nutrient_id, _, food_id = (event.row_key.value or "").partition(":")
        finding = self.by_id.get(nutrient_id)
        food = next((f for f in finding.foods if f.id == food_id), None) if finding else None
        text = ""
        if finding is not None and food is not None:
            form = f" {food.form}" if food.form else ""
            text = f"{finding.name}: {food.name}, {food.serving}: {number(food.amount)} {food.unit}{form}."
            text = " ".join([text, *servings_a_day(food), *food_extras(food)])
        self.query_one("#food-detail", Static).update(text)

    # --- interaction ---------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#deficiency-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show_detail(event.option.id)

    def _show_detail(self, nutrient_id: str) -> None:
        self.query_one("#detail", Static).update(self._details(nutrient_id))

    def _details(self, nutrient_id: str) -> str:
        return finding_details(self.by_id[nutrient_id], self.cite, self.content)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in self.by_id:
            self._open_why(self.by_id[event.option.id])

    def current_finding(self) -> NutrientFinding:
        """The nutrient the person is looking at: the focused list's or table's, else the first."""
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            option_id = focused.get_option_at_index(focused.highlighted).id
            if option_id in self.by_id:
                return self.by_id[option_id]
        if isinstance(focused, DataTable) and focused.row_count:
            row_key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value or ""
            return self.by_id[row_key.split(":")[0]]
        return self.result.nutrients[0]

    async def action_tab(self, index: int) -> None:
        """Show a tab and put the keyboard in it, so its content can be scrolled and chosen at once."""
        tabbed = self.query_one_optional(ChosenTabs)
        if tabbed is None:  # a number key that came before the screen was built (keys come fast)
            return
        shown = self.TABS[index]
        tabbed.active = shown
        await self._fill(shown)

        def focus_if_still_shown() -> None:
            # Another number key or a click may have come since (a fast typist, a busy machine): the tab
            # chosen last keeps the keyboard.
            if tabbed.active == shown:
                self.set_focus(self._keys_target(tabbed, shown))

        self.call_after_refresh(focus_if_still_shown)

    def _keys_target(self, tabbed: ChosenTabs, pane_id: str) -> Widget:
        """What takes the keys in a tab: the list or table in it; the Summary's scrolling view, read from the top."""
        pane = self.query_one(f"#{pane_id}", TabPane)
        # Every pane holds a list, a table or a scrolling view; the tab row is the fallback all the same,
        # so a pane built differently can never crash the key (it did for a Foods tab with no foods).
        lists = pane.query("OptionList, DataTable") if pane_id != "summary" else ()
        scrolls = pane.query(VerticalScroll)
        return lists.first() if lists else scrolls.first() if scrolls else tabbed.query_one(Tabs)

    @on(ChosenTabs.FocusHidden)
    def _keys_back_to_the_tab_shown(self, event: ChosenTabs.FocusHidden) -> None:
        """A late focus landed in a hidden tab (see widgets/chosen_tabs.py): the keys go to the tab shown."""
        if event.tabs.active:
            self.set_focus(self._keys_target(event.tabs, event.tabs.active))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reassess":
            return self.saved_earlier
        if action == "save":
            return self.path is not None or None
        return True

    def action_save(self) -> None:
        """Give the saved result a label (it was saved automatically when first shown)."""
        if self.path is None:
            self.notify("This result could not be saved; see the note on the Summary tab.", severity="warning")
            return

        def done(label: str | None) -> None:
            if label is None or self.path is None:
                return
            try:
                self.path = self.storage.relabel_session(self.path, label)
                self.session = self.storage.load_session(self.path)
            except (OSError, StorageError) as error:
                self.notify(f"Could not save the label: {error}", severity="error")
                return
            self.notify(f"Saved with the label {label!r}." if label else "Saved without a label.")

        self.app.push_screen(LabelModal(self.session.label), done)

    def action_export(self) -> None:
        path, created = self.path, self.session.created
        results = (lambda: self.storage.results_until(path, created)) if path is not None else tuple
        self.app.push_screen(ExportModal(self.session, self.content, results, self.whose))

    def action_reassess(self) -> None:
        nav.go(self, nav.Reassess(self.session.answers))

    def action_home(self) -> None:
        if self.back is not None:
            self.back()
            return
        nav.go(self, nav.Home())

    def action_why(self) -> None:
        self._open_why(self.current_finding())

    def _open_why(self, finding: NutrientFinding) -> None:
        self.app.push_screen(WhyModal(finding, self.cite, self.content))
