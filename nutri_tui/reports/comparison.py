"""What changed between two saved results, in plain lines (no UI: also usable by reports)."""

from __future__ import annotations

from nutri_tui.local_time import local
from nutri_tui.models.assessment import LEVEL_ORDER
from nutri_tui.models.session import Session
from nutri_tui.reports.phrases import level_mark


def compare_sessions(first: Session, second: Session) -> list[str]:
    """Lines describing the change from the earlier to the later session (whichever order they come in)."""
    earlier, later = sorted((first, second), key=lambda s: s.created)
    lines = [
        f"Earlier: {local(earlier.created):%Y-%m-%d %H:%M}  {earlier.label or ''}".rstrip(),
        f"Later:   {local(later.created):%Y-%m-%d %H:%M}  {later.label or ''}".rstrip(),
        "",
    ]
    before, after = earlier.answers.back_pain.intensity, later.answers.back_pain.intensity
    if before is not None and after is not None:
        change = after - before
        trend = "better" if change < 0 else "worse" if change > 0 else "the same"
        lines.append(f"Pain score: {before} → {after} ({'+' if change > 0 else ''}{change}, {trend})")
    else:
        lines.append(f"Pain score: {_or_dash(before)} → {_or_dash(after)}")
    flags_before = {f.id: f for f in earlier.result.red_flags}
    flags_after = {f.id: f for f in later.result.red_flags}
    for flag_id in flags_after.keys() - flags_before.keys():
        lines.append(f"New warning sign: {flags_after[flag_id].question}")
    for flag_id in flags_before.keys() - flags_after.keys():
        lines.append(f"No longer reported: {flags_before[flag_id].question}")
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
            f"Note: the knowledge base changed between them ({earlier.content_version} → "
            f"{later.content_version}), which can move levels by itself.",
        ]
    return lines


def _or_dash(value: int | None) -> str:
    return "-" if value is None else str(value)
