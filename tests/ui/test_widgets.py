"""The one-widget form controls (Choice, NumberField, YesNoQuestion) and the KeyBar, by keyboard and mouse."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from nutri_tui.questionnaire import RED_FLAG
from nutri_tui.tui.widgets.choice import Choice, YesNoQuestion
from nutri_tui.tui.widgets.key_bar import KeyBar
from nutri_tui.tui.widgets.number import NumberField

OPTIONS = {"never": "Never", "weekly": "Once a week", "daily": "Daily", "dont_know": "Don't know"}


class FormApp(App[None]):
    BINDINGS: ClassVar = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+n", "next", "Next"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, object]] = []
        self.backs = 0
        self.next_enabled = True

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Choice("How often do you eat oily fish?", "diet.oily_fish", OPTIONS, "weekly", id="fish")
            yield NumberField("Age in years", "age", None, 14, 120, "e.g. 42")
            yield NumberField("Vitamin D (mcg)", "vitamin_d", 10, 0, 100_000, decimals=True)
            yield YesNoQuestion("Do you have numbness around your bottom?", "saddle", RED_FLAG)
        yield KeyBar()

    def on_choice_changed(self, event: Choice.Changed) -> None:
        self.messages.append(("choice", event.value))

    def on_number_field_changed(self, event: NumberField.Changed) -> None:
        self.messages.append(("number", event.text))

    def action_back(self) -> None:
        self.backs += 1

    def action_next(self) -> None:
        pass

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "next" and not self.next_enabled else True


async def test_choice_opens_moves_and_picks_with_the_keyboard() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        choice = app.query_one("#fish", Choice)
        choice.focus()
        await pilot.press("enter")
        assert choice.expanded and choice.cursor == 1  # opens on the current answer
        await pilot.pause()  # the layout that grows the list runs after the key; on a busy host, later
        start = choice.region.height
        assert start > 1
        await pilot.press("down", "enter")
        assert choice.value == "daily" and not choice.expanded
        await pilot.pause()
        assert choice.region.height < start  # the list folds away again
        assert app.messages == [("choice", "daily")]


async def test_escape_closes_the_list_without_changing_or_going_back() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        choice = app.query_one("#fish", Choice)
        choice.focus()
        await pilot.press("enter", "down", "down", "escape")
        assert not choice.expanded and choice.value == "weekly" and app.backs == 0
        await pilot.press("escape")  # closed: Escape is the screen's Back again
        assert app.backs == 1 and app.messages == []


async def test_left_right_and_letters_choose_without_opening() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        choice = app.query_one("#fish", Choice)
        choice.focus()
        await pilot.press("right")
        assert choice.value == "daily"
        await pilot.press("left", "left", "left")  # stops at the first answer
        assert choice.value == "never"
        await pilot.press("d")
        assert choice.value == "daily"
        await pilot.press("d")  # the next answer starting with "d"
        assert choice.value == "dont_know" and not choice.expanded


async def test_choice_draws_question_and_answer_and_marks_the_cursor_without_colour() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        choice = app.query_one("#fish", Choice)
        first_line = choice.render().plain.splitlines()[0]
        assert first_line.startswith("How often do you eat oily fish?") and "Once a week" in first_line
        choice.focus()
        await pilot.press("enter")
        lines = choice.render().plain.splitlines()
        assert "› ( ) Never" not in lines[1] and lines[2].startswith("› (•) Once a week")


async def test_choice_stacks_on_a_narrow_terminal() -> None:
    app = FormApp()
    async with app.run_test(size=(40, 24)):
        lines = app.query_one("#fish", Choice).render().plain.splitlines()
        assert lines[-1].strip().startswith("Once a week")  # the answer under the question
        assert all(len(line) <= 40 for line in lines)


async def test_clicking_a_choice_opens_it_and_clicking_an_answer_picks_it() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        choice = app.query_one("#fish", Choice)
        await pilot.click(choice, offset=(60, 0))
        assert choice.expanded and app.focused is choice
        await pilot.click(choice, offset=(10, 1))  # the first answer, "Never"
        assert choice.value == "never" and not choice.expanded


async def test_number_field_typing_editing_and_checking() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        age = app.query_one("#age", NumberField)
        age.focus()
        await pilot.press("4", "x", ".", "2")  # letters and a point are not part of a whole number
        assert age.text == "42" and age.value == 42 and age.problem("Age") == []
        await pilot.press("backspace", "backspace", "9")
        assert age.value is None and not age.is_valid
        assert age.problem("Age") == ["Age: enter a whole number from 14 to 120, or leave it blank."]
        await pilot.press("ctrl+k")
        assert age.text == "" and age.is_valid and age.value is None
        await pilot.press("enter")  # moves on, like Enter in a text box
        assert app.focused is app.query_one("#vitamin_d")
        assert ("number", "42") in app.messages


async def test_number_field_decimals_and_paste() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        amount = app.query_one("#vitamin_d", NumberField)
        assert amount.text == "10" and amount.value == 10.0
        amount.focus()
        await pilot.press(".", "5", ".")
        assert amount.text == "10.5" and amount.value == 10.5
        await pilot.press("ctrl+u")
        amount.post_message(events.Paste(" 2,500 mcg.5 "))
        await pilot.pause()
        assert amount.text == "2500.5"


async def test_yes_no_question_is_one_widget_with_its_question() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        question = app.query_one(YesNoQuestion)
        assert question.id == "flag-saddle" and question.key == "saddle"
        assert not question.children
        question.focus()
        await pilot.press("y")
        assert question.value == "yes"
        lines = question.render().plain.splitlines()
        assert lines[0] == "Do you have numbness around your bottom?" and "(•) Yes" in lines[1]


async def test_key_bar_lists_keys_dims_disabled_ones_and_presses_on_click() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(KeyBar)
        text = bar.render()
        assert " esc Back " in text.plain and " ^n Next " in text.plain and text.plain.rstrip().endswith("palette")
        app.next_enabled = False
        app.refresh_bindings()
        await pilot.pause()
        text = bar.render()
        start = text.plain.index("^n")
        assert any(span.start <= start < span.end and "dim" in str(span.style) for span in text.spans)
        back = text.plain.index("esc")
        await pilot.click(bar, offset=(back, 0))
        assert app.backs == 1


async def test_key_bar_is_redrawn_when_its_keys_change_not_on_every_focus_move() -> None:
    """Focus moving between two answers leaves the same keys: the bar is not drawn again. Next disabled is drawn
    (dimmed) on the screen at once."""
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(KeyBar)
        drawn = []
        real_render = bar.render
        bar.render = lambda: drawn.append(1) or real_render()  # type: ignore[method-assign]
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert drawn == []
        app.next_enabled = False
        app.refresh_bindings()
        await pilot.pause()
        assert drawn
        line = app.export_screenshot()
        assert "^n" in line and "Next" in line


class TicksApp(App[None]):
    def compose(self) -> ComposeResult:
        from nutri_tui.tui.widgets.tick_list import TickList

        yield TickList(("Milk", "milk", True), ("Egg", "egg", False), compact=True)


async def test_tick_boxes_differ_by_glyph_not_only_colour() -> None:
    """Ticked reads ▐X▌ and unticked ▐ ▌, so the state survives NO_COLOR and colour blindness."""
    from nutri_tui.tui.widgets.tick_list import TickList

    app = TicksApp()
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        ticks = app.query_one(TickList)
        milk, egg = (ticks.render_line(y).text for y in (0, 1))
        assert milk.startswith("▐X▌ Milk") and egg.startswith("▐ ▌ Egg")
        await pilot.press("down", "space")  # tick Egg by keyboard
        await pilot.pause()
        assert ticks.render_line(1).text.startswith("▐X▌ Egg")


def test_a_narrow_key_bar_drops_descriptions_then_keys_but_never_quit() -> None:
    from nutri_tui.tui.widgets.key_bar import fit

    keys = [(k, k, f"Action {k}", True) for k in ("w", "ctrl+s", "ctrl+e", "1", "f1", "escape")]
    keys.append(("ctrl+q", "^q", "Quit", True))
    assert fit(keys, 200) == keys
    narrow = fit(keys, 60)
    assert narrow[-1] == ("ctrl+q", "^q", "Quit", True) and narrow[0][2] == ""  # the first description went
    tiny = fit(keys, 12)
    assert ("ctrl+q", "^q", "Quit", True) in tiny and len(tiny) < len(keys)


class FilterApp(App[None]):
    def compose(self) -> ComposeResult:
        from nutri_tui.tui.widgets.filtered_selection import FilteredSelection

        yield FilteredSelection([("fatigue", "Tiredness", "tired"), ("cramps", "Muscle cramps", "cramp")])


async def test_down_from_the_filter_goes_into_the_list_so_space_ticks() -> None:
    """Type to filter, Down, Space: the item is ticked (Space used to type a blank into the filter)."""
    from nutri_tui.tui.widgets.filtered_selection import FilteredSelection

    app = FilterApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        await pilot.press(*"tired", "down", "space")
        await pilot.pause()
        assert app.query_one(FilteredSelection).selected == {"fatigue"}


class BracketsApp(App[None]):
    def compose(self) -> ComposeResult:
        from nutri_tui.tui.widgets.filtered_selection import FilteredSelection

        # Names as a content file may hold them: each bracket is text, never a markup tag.
        yield FilteredSelection([("a", "Drug [b]x[/b] [n]", "drug"), ("b", "Other [/]", "other")], {"a"})


async def test_list_labels_and_the_ticked_line_are_plain_text() -> None:
    """A name with brackets is shown as written, in the list and in the "Ticked" line under it, before and after
    a tick: as markup, "[/]" crashed the step and "[n]" vanished."""
    from textual.widgets import Label, SelectionList

    app = BracketsApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        listing = app.query_one(SelectionList)
        shown = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert shown == ["Drug [b]x[/b] [n]", "Other [/]"]
        await pilot.press(*"other", "down", "space")
        await pilot.pause()
        assert str(app.query_one(".count", Label).render()) == "Ticked (2): Drug [b]x[/b] [n], Other [/]"


class FlagsApp(App[None]):
    def compose(self) -> ComposeResult:
        words = {"yes": "Yes", "no": "No", "dont_know": "Not sure"}
        yield YesNoQuestion("First sign?", "one", words)
        yield YesNoQuestion("Second sign?", "two", words)


async def test_a_warning_sign_answered_by_its_letter_moves_on_and_arrows_do_not() -> None:
    """N answers and moves to the next sign (twenty-odd of them); Left/Right change an answer in place."""
    app = FlagsApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        first, second = app.query(YesNoQuestion)
        assert app.focused is first
        await pilot.press("n")
        assert first.value == "no" and app.focused is second
        await pilot.press("right")
        assert second.value == "yes" and app.focused is second


class TwoTabsApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.hidden_focus: list[str] = []

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList, TabPane

        from nutri_tui.tui.widgets.chosen_tabs import ChosenTabs

        with ChosenTabs(initial="one"):
            with TabPane("One", id="one"):
                yield OptionList("a", id="list-one")
            with TabPane("Two", id="two"):
                yield OptionList("b", id="list-two")

    def on_chosen_tabs_focus_hidden(self, event) -> None:
        self.hidden_focus.append(event.pane.id)


async def test_a_focus_in_a_hidden_tab_leaves_the_tab_chosen_in_front() -> None:
    """Textual shows the pane that receives a focus set by code; ChosenTabs keeps the tab chosen and says where the
    focus went, so the screen can bring the keys back (a late focus pulled Deficiencies over Sources)."""
    app = TwoTabsApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        tabs = app.query_one("ChosenTabs")
        app.query_one("#list-two").focus()
        await pilot.pause()
        await pilot.pause()
        assert tabs.active == "one" and app.hidden_focus == ["two"]
        tabs.active = "two"  # chosen: shown, and a focus there is no news
        app.query_one("#list-two").focus()
        await pilot.pause()
        await pilot.pause()
        assert tabs.active == "two" and app.hidden_focus == ["two"]
