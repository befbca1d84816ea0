"""Small formatters for what a person reads (nutri_tui/text.py)."""

from __future__ import annotations

import pytest

from nutri_tui.text import metric_first, shortened


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("3 oz (85 g)", "85 g (3 oz)"),
        ("3½ oz (100 g)", "100 g (3½ oz)"),
        ("1 oz (6–8 nuts)", "1 oz (6–8 nuts)"),  # no metric amount to put first
        ("1 cup (8 oz)", "1 cup (8 oz)"),
        ("1 cup", "1 cup"),
    ],
)
def test_metric_amounts_come_first(given: str, shown: str) -> None:
    assert metric_first(given) == shown


def test_shortened_keeps_short_text_and_cuts_long_text_with_an_ellipsis() -> None:
    assert shortened("Chia seeds", 24) == "Chia seeds"
    assert shortened("Milk, vitamin D-fortified", 24) == "Milk, vitamin D-fortifi…"
    assert len(shortened("x" * 50, 10)) == 10
