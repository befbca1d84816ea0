"""The Sources tab shows each address as a short label that links to the whole address (issue 18).

A long address wrapped at the screen's edge broke mid-word: it could be neither read nor opened. The
label stays on one line at any width, and terminals that know hyperlinks open the full address from it.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.storage import Storage, make_session
from nutri_tui.tui.app import NutriTuiApp
from nutri_tui.tui.screens.result import ResultScreen
from tests.pilot_helpers import example_sections


async def test_each_address_is_one_short_line_linking_to_the_whole_address(tmp_path: Path) -> None:
    content = load_content()
    answers = Answers.model_validate(example_sections("older-several-medicines"), context={"content": content})
    result = assess(answers, content)
    app = NutriTuiApp(storage=Storage(tmp_path))
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        app.switch_screen(ResultScreen(make_session(answers, result, content.version), app.storage, content))
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        links = list(app.screen.query(".source-link").results(Static))
        assert len(links) == len(result.sources)
        for link, source in zip(links, result.sources, strict=True):
            label = link.visual
            assert link.size.height == 1  # never wrapped, whatever the width
            assert {span.style.link for span in label.spans} == {source.url}  # the label opens the whole address
            assert len(label.plain) <= 60 and "://" not in label.plain
