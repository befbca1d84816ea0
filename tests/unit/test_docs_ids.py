"""docs/answers.md lists every medicine, condition, symptom and red flag the content accepts."""

from tests.docs_ids import DOC, rendered


def test_the_id_tables_match_the_content(content) -> None:
    assert DOC.read_text(encoding="utf-8") == rendered(content), "run: python -m tests.docs_ids"
