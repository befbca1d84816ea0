"""The words and marks every output uses for the same thing, defined once.

The result screen, the why dialog, ``nutri-tui assess``, the Markdown report, the history list and the
comparison all say a level, an urgency, a caution's severity and a blood test's worth in these words, so
"moderate" is ◆ everywhere and "Tests worth asking about" lists the same tests wherever it appears.
"""

from __future__ import annotations

from nutri_tui.models.assessment import Assessment, Caution, NutrientFinding, TestInfo

LEVEL_WORD = {"high": "High", "moderate": "Moderate", "low": "Low"}
LEVEL_SYMBOL = {"high": "▲", "moderate": "◆", "low": "○"}
"""A shape for each level, so it never rests on colour alone."""
URGENCY_WORD = {"emergency": "EMERGENCY", "urgent": "URGENT", "soon": "SOON"}
URGENCY_SYMBOL = {"emergency": "‼", "urgent": "!", "soon": "•"}
"""A shape for each urgency on screen, so it never rests on colour alone."""
SEVERITY_WORD = {"doctor_first": "ASK A DOCTOR FIRST", "caution": "CAUTION", "info": "NOTE"}
PERSONAL_CAUTIONS = "Cautions for your medicines, conditions and supplements"
"""The heading over the cautions that combine what a person takes and has (an anti-inflammatory with kidney
disease, supplements in cancer treatment): one said "medicines and supplements" over cautions about conditions."""
FIT_WORD = {3: "a first choice for you", 2: "a good option for you", 1: "worth considering"}
"""How well an exercise suits this person's pain (content's ``fit``, 1 to 3; 0 is never suggested), in words."""


def fit_words(fit: int) -> str:
    return FIT_WORD.get(fit, "an option")


TEST_WORD = {"good": "a good test", "limited": "a limited test", "poor": "a poor test", "none": "no standard test"}
UNCONFIRMED = " †"
"""Marks a claim not yet confirmed against its source; each list of sources explains it once (DAGGER_LEGEND)."""


def level_mark(level: str) -> str:
    """``◆ Moderate``: the level's shape and word."""
    return f"{LEVEL_SYMBOL[level]} {LEVEL_WORD[level]}"


def is_personal(caution: Caution) -> bool:
    """Whether a caution is about this person (anything but the plain note of what the upper limit is).

    Shown whatever the nutrient's level: a caution about someone's medicines, conditions or supplements
    matters even when their answers point to no gap.
    """
    return caution.about != "upper_limit" or caution.severity != "info"


def personal_cautions(finding: NutrientFinding) -> list[Caution]:
    """A finding's cautions that are about this person (see :func:`is_personal`)."""
    return [c for c in finding.cautions if is_personal(c)]


def level_tag(level: str) -> str:
    """``◆ Moderate``, padded so a column of them lines up."""
    return f"{LEVEL_SYMBOL[level]} {LEVEL_WORD[level]:<8}"


def tests_worth_asking(result: Assessment) -> list[tuple[NutrientFinding, TestInfo]]:
    """Each nutrient whose blood test is worth asking a doctor about, with that test, in the result's order."""
    by_id = {f.id: f for f in result.nutrients}
    found = []
    for nutrient_id in result.tests_to_ask:
        finding = by_id.get(nutrient_id)
        if finding is None or not finding.tests:
            continue
        found.append((finding, finding.tests[0]))  # the engine asks only where the first (best) test is worth it
    return found


def saved_result_note(created: str, label: str, made_with: str, today: str) -> str:
    """What a reopened result says first: when it was made (``created`` as shown), its label, read-only, and
    whether it was worked out with another knowledge base than today's."""
    note = f"A saved result from {created}{': ' + label if label else ''} (read-only)."
    if made_with != today:
        note += f" It was worked out with knowledge base {made_with}; today's is {today}."
    return note
