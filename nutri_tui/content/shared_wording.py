"""Sentences that both the engine's summary (``Assessment.summary``, in ``--json``) and the reports' "What to do
first" say: worded once here, the layer both import, so the two never drift apart."""

from __future__ import annotations

from collections.abc import Iterable


def ask_first(findings: Iterable[tuple[str, bool]]) -> list[str]:
    """The doctor-first lines about supplements, for (nutrient name, a supplement of it taken) pairs.

    Someone who takes none is asked to see the doctor before starting; someone who already takes one is asked
    whether to go on and before taking more: a woman of 76 taking 10 mcg of vitamin D with a thiazide water tablet
    read "Ask your doctor first before taking any supplement of: Vitamin D", as if she took none.
    """
    pairs = list(findings)
    new = [name for name, taken in pairs if not taken]
    taking = [name for name, taken in pairs if taken]
    lines = [f"Ask your doctor first before taking any supplement of: {', '.join(new)}."] if new else []
    if len(taking) == 1:
        lines.append(
            f"You already take a supplement of: {taking[0]}. Ask your doctor whether it is right for you to go on "
            "with it, and before taking any more."
        )
    elif taking:
        lines.append(
            f"You already take supplements of: {', '.join(taking)}. Ask your doctor whether each is right for you "
            "to go on with, and before taking any more."
        )
    return lines


DOCTOR_FIRST = "Ask your doctor or pharmacist first: "
ASKS_ALREADY = ("Ask ", "Tell ", "Check with ")


def doctor_first_line(text: str) -> str:
    """A doctor-first caution as "What to do first" says it: after "Ask your doctor or pharmacist first:", unless
    it opens by saying whom to ask ("Tell your cancer team about any supplement ...")."""
    return text if text.startswith(ASKS_ALREADY) else DOCTOR_FIRST + text
