"""Plain mode's review gives each question one number, however many lines its answer takes."""

from __future__ import annotations

import io
import re
from pathlib import Path

from nutri_tui.content import Content
from nutri_tui.plain import EXIT_OK, run
from nutri_tui.storage import Storage
from tests.plain_replies import Replies, example


def test_a_warning_sign_answered_yes_sits_under_its_questions_number(tmp_path: Path, content: Content) -> None:
    """The emergency persona answers warning signs yes: the review says the count of signs under its number and
    then each sign as an item of it ("- "); no number is said twice, so a person never reads one answer as two
    to change."""
    said = io.StringIO()
    sections = example("emergency-red-flag")
    assert run(content, Storage(tmp_path), Replies(sections, said, content), said) == EXIT_OK
    lines = said.getvalue().splitlines()
    review = lines[lines.index("Review your answers. Each is numbered; type its number to change it.") :]
    review = review[: next(i for i, line in enumerate(review) if line.startswith("Type a number from 1 to"))]
    numbers = [int(match.group(1)) for line in review if (match := re.match(r"(\d+)\. ", line))]
    assert numbers == list(range(1, len(numbers) + 1))  # each once, in order
    [signs] = [i for i, line in enumerate(review) if re.match(r"\d+\. Warning signs", line)]
    count = int(re.search(r"answered yes: (\d+)", review[signs]).group(1))
    items = review[signs + 1 : signs + 1 + count]
    assert count and all(line.startswith("- ") and line.endswith("?") for line in items), review[signs : signs + 4]
