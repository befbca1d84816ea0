"""CompactButton looks and acts as Textual's ``Button(compact=True)``, with only the CSS that button uses.

It copies Textual 8.2's rules for compact buttons (see nutri_tui/tui/widgets/compact_button.py). If a Textual
upgrade changes Button's own rules, these tests fail: copy the new rules for the styles CompactButton keeps.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Button

from nutri_tui.tui.themes import HIGH_CONTRAST
from nutri_tui.tui.widgets.compact_button import CompactButton

VARIANTS = ("default", "primary", "warning")
LOOKS = ("color", "background", "background_tint", "text_style", "border", "tint", "width", "height", "min_width")


class Pair(App[None]):
    """Each variant twice: Textual's compact Button above, CompactButton below."""

    def compose(self) -> ComposeResult:
        for variant in VARIANTS:
            yield Button(variant, variant=variant, compact=True, id=f"textual-{variant}")
            yield CompactButton(variant, variant=variant, id=f"ours-{variant}")


def looks(button: Button) -> tuple[object, ...]:
    return (*(getattr(button.styles, name) for name in LOOKS), button.rich_style)


async def test_each_variant_looks_the_same_blurred_focused_and_pressed_in_each_kind_of_theme() -> None:
    app = Pair()
    app.register_theme(HIGH_CONTRAST)
    async with app.run_test(size=(40, 12)) as pilot:
        for theme in ("textual-dark", "textual-light", "ansi-dark", HIGH_CONTRAST.name):
            app.theme = theme
            app.set_focus(None)
            await pilot.pause()
            for variant in VARIANTS:
                textual, ours = app.query_one(f"#textual-{variant}", Button), app.query_one(f"#ours-{variant}", Button)
                assert looks(ours) == looks(textual), (theme, variant, "blurred")
                seen = []
                for button in (textual, ours):
                    button.focus()
                    await pilot.pause()
                    focused = looks(button)
                    button.add_class("-active")  # as while it is pressed
                    await pilot.pause()
                    seen.append((focused, looks(button)))
                    button.remove_class("-active")
                assert seen[1] == seen[0], (theme, variant, "focused, then pressed")


async def test_it_is_a_button_enter_presses_it() -> None:
    pressed: list[str] = []

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield CompactButton("Start", id="start", variant="primary")

        def on_button_pressed(self, event: Button.Pressed) -> None:
            pressed.append(event.button.id or "")

    app = One()
    async with app.run_test() as pilot:
        button = app.query_one("#start", CompactButton)
        assert isinstance(button, Button) and button.compact
        button.focus()
        await pilot.press("enter")
        await pilot.pause()
    assert pressed == ["start"]
