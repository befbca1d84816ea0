"""Textual's compact Button, with only the styles a compact button uses.

Every button nutri-tui shows but one is ``Button(..., compact=True)`` in the default, primary or warning
variant. Textual's Button brings 7 KB of CSS for every style and variant (flat buttons, bordered ones,
success and error); parsing it was the largest single cost of the welcome screen's first paint (measured
by instruction count: about 4% of the whole start-up, more than all of nutri-tui's own CSS). This class is a
Button in every other way (focus, Enter, a click and its ``Pressed`` message, ``variant``); with
``inherit_css=False`` it takes its styles from the rules below alone, which are Textual 8.2's own rules
for the styles it uses, copied unchanged but for the selector and for the plain theme's border declarations,
which the compact rule's ``border: none !important`` always overrides (parsed and matched for nothing: 2.6 M
instructions of the first paint with three buttons). The ANSI themes' rules are whole: a pressed button's blank
border there outranks the compact rule. A stylesheet rule for these buttons names
``CompactButton``, not ``Button`` (the red-flag dialog's one full-size Button keeps Textual's styles).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Button

if TYPE_CHECKING:
    from textual.content import ContentText
    from textual.widgets.button import ButtonVariant


class CompactButton(Button, inherit_css=False):
    DEFAULT_CSS = """
    CompactButton:ansi.-style-default {
        border: tall $border-blurred;
        background: ansi_default;
        &:hover {
            background: $ansi-background;
            border: tall $border;
        }
        &.-active {
            background: $ansi-background !important;
            border: blank $background !important;
            tint: transparent;
        }
        &.-primary {
            color: $primary;
            border: tall $primary;
            background: ansi_default;
            &:hover { background: $ansi-background; }
        }
        &.-warning {
            color: $warning;
            border: tall $warning;
            background: ansi_default;
            &:hover { background: $ansi-background; }
        }
    }
    CompactButton {
        width: auto;
        min-width: 16;
        height: auto;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;
        &.-style-default {
            text-style: bold;
            color: $button-foreground;
            background: $surface;
            &.-textual-compact { border: none !important; }
            &:focus {
                text-style: $button-focus-text-style;
                background-tint: $foreground 5%;
            }
            &:hover {
                background: $surface-darken-1;
            }
            &.-active {
                background: $surface;
                tint: $background 30%;
            }
            &.-primary {
                color: $button-color-foreground;
                background: $primary;
                &:hover {
                    background: $primary-darken-2;
                }
                &.-active {
                    background: $primary;
                }
            }
            &.-warning {
                color: $button-color-foreground;
                background: $warning;
                &:hover {
                    background: $warning-darken-2;
                }
                &.-active {
                    background: $warning;
                }
            }
        }
    }
    """

    def __init__(self, label: str, *, variant: ButtonVariant = "default", id: str | None = None) -> None:
        super().__init__(Content(label), variant, id=id, compact=True)

    def validate_label(self, label: ContentText) -> Content:
        """A label is plain text, never markup: Textual's Button reads a string as markup, which swallowed the
        welcome screen's key hints ("[n]" is a markup tag) and looked each one up as a colour name first."""
        return Content(label) if isinstance(label, str) else Content.from_text(label)
