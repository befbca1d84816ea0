"""A tick list keeps the lines it has drawn while its width stays the same (widgets/tick_list.py): shown again,
it draws nothing from scratch; at another width it draws them again, as Textual's own list would."""

from __future__ import annotations

from textual.app import App, ComposeResult

from nutri_tui.tui.widgets.tick_list import TickList

OPTIONS = [(f"A long enough label for option number {n}, to wrap at narrower widths", f"o{n}") for n in range(30)]
MARK = ("kept", "the same drawing")


def option_rows(app: App[None]) -> list[str]:
    """The list's rows as the screen shows them (the SVG screenshot's lines that name an option)."""
    return [line.rstrip() for line in app.export_screenshot().splitlines() if "option" in line]


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TickList(*OPTIONS, compact=True)


async def test_shown_again_at_the_same_width_it_keeps_its_lines() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 12)) as pilot:
        ticks = app.query_one(TickList)
        await pilot.pause()
        assert ticks._line_cache.lines and ticks._option_render_cache
        lines = list(ticks._line_cache.lines)
        ticks._option_render_cache[MARK] = []  # gone if the drawings are forgotten
        ticks.display = False
        await pilot.pause()
        ticks.display = True  # Textual sends Resize to a widget a layout newly shows
        await pilot.pause()
        assert MARK in ticks._option_render_cache
        assert list(ticks._line_cache.lines) == lines


async def test_at_another_width_it_draws_its_lines_again_as_a_new_list_would() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 12)) as pilot:
        ticks = app.query_one(TickList)
        await pilot.pause()
        ticks._option_render_cache[MARK] = []
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert MARK not in ticks._option_render_cache
        resized = option_rows(app)
    fresh = ListApp()
    async with fresh.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert option_rows(fresh) == resized  # drawn as a list made at this width is


async def test_a_textual_without_the_internals_used_draws_as_its_own_list_would(monkeypatch) -> None:
    """Keeping lines is only a speed-up: if a Textual upgrade renames what it uses, the list still draws, ticks
    and redraws at a new width (no error), forgetting its drawings on each Resize as Textual's list does."""
    from nutri_tui.tui.widgets import tick_list

    monkeypatch.setattr(tick_list, "KEEPS_LINES", False)
    app = ListApp()
    async with app.run_test(size=(60, 12)) as pilot:
        ticks = app.query_one(TickList)
        await pilot.pause()
        ticks.focus()
        await pilot.press("space")
        assert ticks.selected == ["o0"]
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert ticks.selected == ["o0"]
        resized = option_rows(app)
    fresh = ListApp()
    async with fresh.run_test(size=(40, 12)) as pilot:
        fresh.query_one(TickList).select("o0")
        await pilot.pause()
        assert option_rows(fresh) == resized
