"""Destinations act as the frozen dataclasses they replaced: equal by type and fields, hashable, read-only, matched."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutri_tui.tui import navigation as nav


def test_equal_by_type_and_fields_and_hashable() -> None:
    assert nav.ShowStep("diet") == nav.ShowStep("diet", back_to_review=False)
    assert nav.ShowStep("diet") != nav.ShowStep("diet", back_to_review=True)
    assert nav.Home() == nav.Home() and nav.Home() != nav.Review()  # two places without fields are not equal
    assert len({nav.OpenSaved(Path("a")), nav.OpenSaved(Path("a")), nav.OpenSaved(Path("b"))}) == 2
    assert repr(nav.NewAssessment(keep_draft=True)) == "NewAssessment(keep_draft=True)"


def test_read_only() -> None:
    place = nav.ShowStep("diet")
    with pytest.raises(AttributeError):
        place.step_id = "sun"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        place.other = 1  # type: ignore[attr-defined]


def test_matched_by_name_and_by_position() -> None:
    match nav.Compare(Path("a"), Path("b"), ()):
        case nav.Compare(first=first, second=second, results=()):
            assert (first, second) == (Path("a"), Path("b"))
        case _:
            pytest.fail("not matched")
    match nav.ShowStep("sun", True):
        case nav.ShowStep(step, back):
            assert (step, back) == ("sun", True)
        case _:
            pytest.fail("not matched")
