"""The high-contrast theme meets WCAG AA (4.5:1 for normal text) for every text colour on what it is drawn on.

The colours are the theme's variables as the app gets them (Textual's ColorSystem, then the theme's own
``variables``, as ``App.get_css_variables`` merges them), each text colour paired with the backgrounds
Textual's widgets and ``app.tcss`` draw it on. Each pair is checked as a true-colour terminal shows it
and as a 256-colour one does (Rich's downgrade: an "auto 38%" placeholder became colour 240, 2.95:1).
``tests/ui/test_theme.py`` checks the rendered screens too, which catches colours no variable reaches.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color
from textual.theme import Theme

from nutri_tui.tui.themes import HIGH_CONTRAST, HIGH_CONTRAST_CSS

AA = 4.5

PLAIN_BACKGROUNDS = (
    "background",
    "surface",
    "panel",
    "boost",  # a focused field
    "surface-active",
    "surface-darken-1",  # a hovered button
    "surface-lighten-1",  # a striped table row
)
TEXT_ON_PLAIN = (
    "foreground",
    "text",
    "text-muted",
    "text-disabled",  # an Input's placeholder
    "foreground-muted",  # an unselected tab (HIGH_CONTRAST_CSS)
    "foreground-disabled",
    "primary",  # titles, headings, the progress line
    "secondary",
    "accent",
    "warning",  # problems, cautions
    "error",  # emergencies, "ask a doctor first"
    "success",
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
    "link-color",
    "button-foreground",
    "block-cursor-blurred-foreground",
    "input-selection-foreground",
    *(f"markdown-h{level}-color" for level in range(1, 7)),
)
TEXT_ON_COLOUR = (
    ("block-cursor-foreground", "block-cursor-background"),  # lists, tables, tabs, a focused choice
    ("block-cursor-blurred-foreground", "block-cursor-blurred-background"),
    ("foreground", "block-cursor-blurred-background"),  # an OptionList's highlighted option
    ("input-cursor-foreground", "input-cursor-background"),
    ("input-selection-foreground", "input-selection-background"),
    ("footer-foreground", "footer-background"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("link-color-hover", "link-background-hover"),
    ("screen-selection-foreground", "screen-selection-background"),
    *(
        ("button-color-foreground", shade)  # a coloured button, and hovered
        for name, hovered in (("primary", 2), ("success", 2), ("warning", 2), ("error", 1))
        for shade in (name, f"{name}-darken-{hovered}")
    ),
    *((f"text-{name}", f"{name}-muted") for name in ("primary", "success", "warning", "error")),  # flat buttons
)
PAIRS = [(text, bg) for text in TEXT_ON_PLAIN for bg in PLAIN_BACKGROUNDS] + list(TEXT_ON_COLOUR)


def variables(theme: Theme) -> dict[str, str]:
    """The CSS variables the app gets for ``theme``."""
    return {**theme.to_color_system().generate(), **theme.variables}


def luminance(colour: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(first: Color, second: Color) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def resolved(value: str, under: Color) -> Color:
    """A CSS colour value ("#FFFFFF", "#FFFF004C", "auto 60%", "transparent") as drawn over ``under``."""
    name, _, alpha = value.partition(" ")
    opacity = float(alpha.rstrip("%")) / 100 if alpha else 1.0
    colour = under.get_contrast_text(opacity) if name == "auto" else Color.parse(name).multiply_alpha(opacity)
    return under + colour


def in_256_colours(colour: Color) -> Color:
    """The colour a 256-colour terminal shows for it (what Rich sends there)."""
    shown = RichColor.from_rgb(*colour.rgb).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return Color(shown.red, shown.green, shown.blue)


def pair_colours(theme: Theme, text: str, background: str) -> tuple[Color, Color]:
    found = variables(theme)
    base = Color.parse(found["background"])
    under = resolved(found[background], base)
    value = found[text]
    if value == "transparent":  # "keep the text's own colour": the theme's foreground
        value = found["foreground"]
    return resolved(value, under), under


def ratios(theme: Theme, text: str, background: str) -> tuple[float, float]:
    """The pair's contrast in a true-colour terminal and in a 256-colour one."""
    fg, bg = pair_colours(theme, text, background)
    return contrast(fg, bg), contrast(in_256_colours(fg), in_256_colours(bg))


def test_the_formula_gives_wcags_own_examples() -> None:
    white, black = Color.parse("#FFFFFF"), Color.parse("#000000")
    assert contrast(white, black) == pytest.approx(21)
    assert contrast(Color.parse("#767676"), white) == pytest.approx(4.54, abs=0.01)  # the lightest AA grey
    assert contrast(Color.parse("#777777"), white) < AA


def test_every_text_colour_meets_aa_on_what_it_is_drawn_on() -> None:
    failing = []
    for text, background in PAIRS:
        true_colour, colours_256 = ratios(HIGH_CONTRAST, text, background)
        if min(true_colour, colours_256) < AA:
            failing.append(f"${text} on ${background}: {true_colour:.2f}:1, {colours_256:.2f}:1 in 256 colours")
    assert not failing, "\n".join(failing)


def test_the_check_finds_what_the_first_high_contrast_theme_got_wrong() -> None:
    """Textual's derived colours, as the theme first had them: the placeholder was 3.34:1 (2.95 in 256
    colours), a hovered green button's text 1.83:1."""
    derived = dataclasses.replace(HIGH_CONTRAST, variables={})
    assert ratios(derived, "text-disabled", "background")[1] < 3
    assert ratios(derived, "button-color-foreground", "success-darken-2")[0] < 2


def test_every_text_colour_is_a_plain_colour() -> None:
    """No text colour is left to Textual's "auto" or to transparency: "auto" in a component style is
    worked out against the widget's background, and a focused choice came out white on yellow (1.07:1)."""
    found = variables(HIGH_CONTRAST)
    texts = {*TEXT_ON_PLAIN, *(text for text, _ in TEXT_ON_COLOUR)}
    for name in sorted(texts):
        value = found[name]
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", Color.parse(value).hex), (name, value)
        assert Color.parse(value).a == 1, (name, value)


def test_the_theme_css_uses_only_checked_colours() -> None:
    """The tab rules (an unselected tab is "$foreground 50%" in Textual, 5.2:1, 4.5 in 256 colours) use
    variables checked above, without transparency."""
    colours = re.findall(r"color:\s*([^;]+);", HIGH_CONTRAST_CSS)
    assert colours
    checked = {*TEXT_ON_PLAIN, *(text for text, _ in TEXT_ON_COLOUR)}
    for value in colours:
        assert value.startswith("$") and " " not in value, value
        assert value[1:] in checked, value
