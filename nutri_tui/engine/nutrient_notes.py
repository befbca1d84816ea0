"""A nutrient's notes and what it says about itself, compiled once per content for every assessment.

A note is shown to everyone, or only when its ``when`` holds, or only for a finding worth checking, or
withheld when a doctor must be asked first; one with a severity is a caution. Here each is sorted into
those kinds once, with its test compiled, so that an assessment only runs the tests.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from nutri_tui.engine.checks import Check, compile_check
from nutri_tui.engine.sources import SourceMasks
from nutri_tui.models.assessment import Caution, InfoNote, NutrientAbout, SignNote
from nutri_tui.models.content import Note, Nutrient


class NoteCheck(NamedTuple):
    """One of a nutrient's notes, ready to test against a person's answers."""

    check: Check | None
    """None: for everyone."""
    note: InfoNote
    caution: Caution | None
    """Set for a note with a severity: it is shown among the cautions instead of the notes."""
    flagged_only: bool
    advises_taking: bool
    """Withheld when the person must ask a doctor first about this nutrient."""
    mask: int


def about(nutrient: Nutrient) -> NutrientAbout:
    def note(statement: Any) -> InfoNote:
        return InfoNote(text=statement.text, sources=statement.sources, unverified=statement.unverified)

    return NutrientAbout(
        summary=note(nutrient.summary),
        at_risk=tuple(note(s) for s in nutrient.at_risk),
        signs=tuple(
            SignNote(text=s.text, musculoskeletal=s.musculoskeletal, sources=s.sources, unverified=s.unverified)
            for s in nutrient.signs
        ),
        excess=tuple(note(s) for s in nutrient.excess),
        target_note=nutrient.targets.note,
    )


def plain(note: Note) -> bool:
    """A note every finding shows, whoever the person is (checked once, not per assessment)."""
    return not (note.background or note.when or note.severity or note.flagged_only or note.advises_taking)


def compiled_notes(nutrient: Nutrient, masks: SourceMasks, names: dict[str, str]) -> tuple[NoteCheck, ...]:
    compiled = []
    for note in nutrient.notes:
        if note.background or plain(note):
            continue
        shown = InfoNote(text=note.text, sources=note.sources, unverified=note.unverified)
        caution = (
            Caution(text=note.text, about="note", severity=note.severity, sources=note.sources)
            if note.severity is not None
            else None
        )
        check = compile_check(note.when, names) if note.when else None
        compiled.append(
            NoteCheck(check, shown, caution, note.flagged_only, note.advises_taking, masks.of(note.sources))
        )
    # Cautions first: one may make the finding doctor-first, which withholds the notes that advise taking it.
    return tuple(sorted(compiled, key=lambda n: n.caution is None))
