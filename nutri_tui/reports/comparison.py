"""What changed between two saved results, in plain lines (no UI: also usable by reports).

The pain score's change is weighed against the change that matters (content: ``rules.toml``'s
``pain_change``, with its source); a questionnaire's is said in points and as a move between its groups or
bands, since the sources give no size of change that matters for them (:mod:`nutri_tui.reports.progress`).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from nutri_tui.local_time import local
from nutri_tui.models.assessment import LEVEL_ORDER
from nutri_tui.models.session import Session
from nutri_tui.reports.phrases import level_mark
from nutri_tui.reports.progress import NO_THRESHOLD, crossing, pain_change, points, rule_note, short

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.models.instrument_scores import InstrumentScore

WIDTH = 76
"""What fits an 80-column screen beside the padding and the scroll bar."""


def compare_sessions(first: Session, second: Session, content: Content | None = None) -> list[str]:
    """Lines describing the change from the earlier to the later session (whichever order they come in),
    each at most :data:`WIDTH` characters. ``content`` (default: the installed knowledge base) gives the
    change that matters and the questionnaires' follow-up scores."""
    if content is None:
        from nutri_tui.content import load_content

        content = load_content()
    earlier, later = sorted((first, second), key=lambda s: s.created)
    lines = [
        f"Earlier: {local(earlier.created):%Y-%m-%d %H:%M}  {earlier.label or ''}".rstrip(),
        f"Later:   {local(later.created):%Y-%m-%d %H:%M}  {later.label or ''}".rstrip(),
        "",
    ]
    before, after = earlier.answers.back_pain.intensity, later.answers.back_pain.intensity
    lines += _wrapped(f"Pain score: {pain_change(before, after, content.rules.pain_change)}.")
    questionnaires = _questionnaires(earlier, later, content)
    lines += questionnaires
    notes = _wrapped(rule_note(content)) if before is not None and after is not None and before != after else []
    notes += _wrapped(NO_THRESHOLD) if questionnaires else []
    lines += ["", *notes, ""] if notes else [""]
    flags_before = {f.id: f for f in earlier.result.red_flags}
    flags_after = {f.id: f for f in later.result.red_flags}
    for flag_id in flags_after.keys() - flags_before.keys():
        lines += _wrapped(f"New warning sign: {flags_after[flag_id].question}")
    for flag_id in flags_before.keys() - flags_after.keys():
        lines += _wrapped(f"No longer reported: {flags_before[flag_id].question}")
    if not flags_before and not flags_after:
        lines.append("Warning signs: none either time.")
    lines += ["", f"{'Nutrient':<22} {'Earlier':<12} {'Later':<12} Change"]
    old = {n.id: n for n in earlier.result.nutrients}
    for finding in later.result.nutrients:
        previous = old.get(finding.id)
        if previous is None:
            continue
        move = LEVEL_ORDER[previous.level] - LEVEL_ORDER[finding.level]
        # The level is how strongly the answers point to a gap, not an amount of the nutrient.
        change = "more reason to check" if move > 0 else "less reason to check" if move < 0 else "no change"
        lines.append(f"{finding.name:<22} {level_mark(previous.level):<12} {level_mark(finding.level):<12} {change}")
    if earlier.content_version != later.content_version:
        lines += [
            "",
            *_wrapped(
                f"Note: the knowledge base changed between them ({earlier.content_version} → "
                f"{later.content_version}), which can move levels by itself."
            ),
        ]
    return lines


def _questionnaires(earlier: Session, later: Session, content: Content) -> list[str]:
    """A line (wrapped) for each questionnaire either result started, in the later result's order."""
    old = {i.id: i for i in earlier.result.instruments}
    new = {i.id: i for i in later.result.instruments}
    lines: list[str] = []
    for instrument_id in [*new, *(i for i in old if i not in new)]:
        lines += _wrapped(_questionnaire(old.get(instrument_id), new.get(instrument_id), content))
    return lines


def _questionnaire(before: InstrumentScore | None, after: InstrumentScore | None, content: Content) -> str:
    """``Keele STarT Back Screening Tool: from high risk to medium risk (total 7 → 5 of 9; ...).``"""
    either = after or before
    assert either is not None
    name = either.name
    if before is None or after is None or not (before.complete and after.complete):
        return f"{name}: {_state('earlier', before)}, {_state('later', after)}: nothing is known about a change."
    first, latest = (before.band_name or "").lower(), (after.band_name or "").lower()
    moved = f"{first} both times" if first == latest else f"from {first} to {latest}"
    parts = [f"total {_move(before.total, after.total, after.maximum)}"]
    instrument = content.instruments.get(either.id)
    old = {s.id: s for s in before.subscales}
    for subscale in after.subscales:
        was = old.get(subscale.id)
        if was is None:
            continue
        part = f"{short(subscale.name).lower()} {_move(was.score, subscale.score, subscale.maximum)}"
        known = next((s for s in instrument.subscale if s.id == subscale.id), None) if instrument else None
        if known is not None and known.follow_up is not None:
            part += crossing(was.score, subscale.score, known.follow_up.at_least)
        parts.append(part)
    return f"{name}: {moved} ({'; '.join(parts)})."


def _move(before: int | None, after: int | None, maximum: int) -> str:
    """``7 → 5 of 9, 2 points lower`` (``4 → 4 of 9, no change``)."""
    if before is None or after is None:
        return f"{_given(before)} → {_given(after)} of {maximum}"
    return f"{before} → {after} of {maximum}, {points(after - before)}"


def _given(score: int | None) -> str:
    return "not given" if score is None else str(score)


def _state(which: str, score: InstrumentScore | None) -> str:
    if score is None:
        return f"not answered in the {which} result"
    if not score.complete:
        return f"incomplete in the {which} result (no score)"
    band = f", {score.band_name.lower()}" if score.band_name else ""
    return f"{score.total} of {score.maximum}{band} in the {which} result"


def _wrapped(text: str, indent: str = "") -> list[str]:
    """``text`` in lines of at most :data:`WIDTH` characters; lines after the first indented by two more."""
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ", break_on_hyphens=False)
