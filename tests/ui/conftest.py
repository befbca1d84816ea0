"""UI tests run with Textual's animations off (``TEXTUAL_ANIMATIONS=none``, a setting any user may choose).

Pilot waits for every animation to finish after each key: a tab's underline sliding across took half a
second per tab and most of the time of some tests. What is checked is where things end up, which is the
same either way; the pseudo-terminal tests (test_terminal_*.py) run the installed app as it ships, with
animations on.
"""

from __future__ import annotations

import pytest
import textual.constants


@pytest.fixture(autouse=True)
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
