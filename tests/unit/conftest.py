"""Fixtures that more than one unit test module uses, made once a process."""

from __future__ import annotations

from typing import Any

import pytest

from nutri_tui.content import Content


@pytest.fixture(scope="session")
def persona_sections(content: Content) -> tuple[dict[str, Any], ...]:
    """The answers every persona test gives (:func:`tests.unit._personas.persona_answers`), recorded once a
    process: recording runs those tests (most of a second). Shared: read them, never change them."""
    from tests.unit._personas import persona_answers

    return tuple(persona_answers(content))
