"""heads._written_parts (the written head matched in four cached parts) accepts exactly the heads, and gives
exactly the values, that the whole pattern with the old checks gives: over real heads and many mutations of them."""

from __future__ import annotations

import random

import pytest

from nutri_tui.models.summary_fields import SESSION_SCHEMA_VERSION
from nutri_tui.storage import heads

HEAD = (
    "# nutri-tui session file (schema {schema}); see docs/session-format.md\n"
    'schema_version = {schema}\napp_version = "0.1.0"\ncontent_version = "1.6.0"\n'
    'created = "2026-01-01T00:00:00.123456Z"\nlabel = "winter"\n\n'
    "# What the history list shows, copied from the answers and result below (they are what counts).\n"
    "[summary]\npain_intensity = 9\nred_flag = true\n"
    'top_nutrients = [["calcium", "high"], ["omega_3", "moderate"]]\n'
    'instruments = [{{ id = "phq4", total = 4, band = "mild", subscales = {{ anxiety = 3, depression = 1 }} }}]\n'
    "file_size = 113084\n\n"
)
PIECES = ["\n", "\n\n", "created = ", "\nfile_size = ", "file_size = 1\n\n", "#", "[summary]\n", '"', " ", "x", "0"]


def reference(text: str) -> tuple[object, ...] | None:
    """What _as_written used before the parts: the whole pattern once, then its checks."""
    match = heads._WRITTEN_HEAD.fullmatch(text)
    if match is None or match["scores"] is None:
        return None
    schema, app, content, created, label, pain, red_flag, top = match.groups()[:8]
    if int(schema) != SESSION_SCHEMA_VERSION or not heads._VERSION.fullmatch(app):
        return None
    pairs = heads._pairs(top) if len(top) <= 1024 else None
    scores = heads._scores.__wrapped__(match["scores"])
    summary = (None if pain is None else int(pain), red_flag == "true", pairs, scores)
    return content, created, label, summary, int(match["size"])


def mutations(text: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        mutated = text
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(mutated) + 1)
            end = at + rng.choice((0, 0, 1, 2, 12))
            mutated = mutated[:at] + rng.choice(["", *PIECES]) + mutated[end:]
        found.append(mutated)
    return found


@pytest.mark.parametrize("schema", [SESSION_SCHEMA_VERSION, SESSION_SCHEMA_VERSION - 1])
def test_the_parts_read_a_written_head_as_the_whole_pattern(schema: int) -> None:
    text = HEAD.format(schema=schema)
    assert heads._written_parts(text) == reference(text)
    assert (reference(text) is None) == (schema != SESSION_SCHEMA_VERSION)


def test_the_parts_agree_with_the_whole_pattern_on_mutated_heads() -> None:
    text = HEAD.format(schema=SESSION_SCHEMA_VERSION)
    variants = [
        text.replace("pain_intensity = 9\n", ""),
        text.replace('instruments = [{ id = "phq4", total = 4, band = "mild", subscales', "x = [{ id"),
        text.replace("# What", "#\n# What"),
        text.replace("\n\n#", "\n\n"),
        "#\n" + text,
    ]
    heads_seen = [text, *variants]
    for n, variant in enumerate([text, *variants]):
        heads_seen.extend(mutations(variant, 400, n))
    accepted = 0
    for head in heads_seen:
        assert heads._written_parts(head) == reference(head), repr(head)
        accepted += reference(head) is not None
    assert accepted > 50  # the mutations keep many heads valid, not only break them
