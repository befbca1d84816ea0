"""How a nutrient's level is drawn: a word, a symbol and a bar, never colour alone."""

from __future__ import annotations

from nutri_tui.labels import CHOICES, LEVEL_SYMBOL

BAR_WIDTH = 10
BAR_FULL_AT = 8.0
"""A score at or above this fills the bar (twice the 'high' threshold in rules.toml)."""


def level_bar(score: float) -> str:
    filled = min(BAR_WIDTH, round(score * BAR_WIDTH / BAR_FULL_AT))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def level_tag(level: str) -> str:
    return f"{LEVEL_SYMBOL[level]} {CHOICES['level'][level]:<8}"
