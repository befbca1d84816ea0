"""The welcome screen's disclaimer, read from content.toml without the TOML parser when it is written plainly.

``paths.plain_top_level_string`` must give exactly what ``tomllib`` gives, or nothing (then tomllib reads the
file): a disclaimer that differs from the validated content's, or one taken from a table or a comment, would be
a wrong safety text on the first screen."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nutri_tui.content import load_content
from nutri_tui.paths import DISCLAIMER_FALLBACK, find_content_dir, plain_top_level_string, read_disclaimer


def test_the_shipped_disclaimer_is_read_plainly_and_is_the_validated_one() -> None:
    text = (find_content_dir() / "content.toml").read_text(encoding="utf-8")
    assert plain_top_level_string(text, "disclaimer") == tomllib.loads(text)["disclaimer"]
    assert read_disclaimer() == load_content().manifest.disclaimer


@pytest.mark.parametrize(
    "document",
    [
        'disclaimer = "a \\"quoted\\" word"\n',  # an escape: tomllib reads it
        "disclaimer = 'literal'\n",
        'disclaimer = """\nmulti-line"""\n',
        'note = """\ndisclaimer = "inside a string"\n"""\ndisclaimer = "real"\n',
        '[table]\ndisclaimer = "in a table"\n',
        'disclaimer = "a" "b"\n',
        'disclaimer = "cut\n',
        "disclaimer = 3\n",
        'disclaimer = "tab\tinside"\n',
    ],
)
def test_anything_but_the_plain_form_is_left_to_tomllib(document: str) -> None:
    assert plain_top_level_string(document, "disclaimer") is None


@pytest.mark.parametrize(
    ("document", "value"),
    [
        ('disclaimer = "plain"\n', "plain"),
        ('\ufeff# a comment\nversion = "1"\n  disclaimer   =   "spaced"   # said\n[glossary]\n', "spaced"),
        ('disclaimer = "crlf"\r\nversion = "1"\r\n', "crlf"),
        ('# disclaimer = "a comment"\ndisclaimer = "the key"\n', "the key"),
        ('# note\u2028disclaimer = "in the comment"\ndisclaimer = "after"\n', "after"),
        ('disclaimer = "ünïcode – fine"\n', "ünïcode – fine"),
    ],
)
def test_the_plain_form_gives_what_tomllib_gives(document: str, value: str) -> None:
    # A byte-order mark is dropped before either reads (tomllib refuses one; an editor may add it).
    assert plain_top_level_string(document, "disclaimer") == value
    assert tomllib.loads(document.removeprefix("\ufeff"))["disclaimer"] == value


LINES = st.sampled_from(
    [
        'disclaimer = "x"',
        'disclaimer = "y" # c',
        "disclaimer = 'z'",
        'disclaimer = "a\\u0041"',
        '"disclaimer" = "q"',
        "disclaimer.x = 1",
        'other = "disclaimer = \\"no\\""',
        "# disclaimer = 'comment'",
        "[t]",
        "[[g]]",
        'note = """',
        '"""',
        "",
        "  ",
        'version = "1.0"',
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_any_document_reads_as_tomllib_reads_it_or_is_left_to_it(lines: list[str], end: str) -> None:
    document = end.join(lines) + end
    found = plain_top_level_string(document, "disclaimer")
    try:
        parsed = tomllib.loads(document)
    except tomllib.TOMLDecodeError:
        return  # not TOML: the content check refuses the file whatever the welcome screen showed
    if found is not None:
        assert found == parsed.get("disclaimer")


def test_an_unreadable_manifest_gives_the_safe_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO where content.toml should be is not opened for reading (it would block the first paint)."""
    monkeypatch.setenv("NUTRI_TUI_CONTENT", str(tmp_path))
    os.mkfifo(tmp_path / "content.toml")
    assert read_disclaimer() == DISCLAIMER_FALLBACK
    (tmp_path / "content.toml").unlink()
    (tmp_path / "content.toml").write_bytes(b'disclaimer = "\xff"\n')
    assert read_disclaimer() == DISCLAIMER_FALLBACK
    (tmp_path / "content.toml").write_text('disclaimer = "  "\n', encoding="utf-8")
    assert read_disclaimer() == DISCLAIMER_FALLBACK
    (tmp_path / "content.toml").write_text('disclaimer = "escaped \\"word\\""\n', encoding="utf-8")
    assert read_disclaimer() == 'escaped "word"'
