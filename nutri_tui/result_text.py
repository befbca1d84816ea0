"""Text blocks for one result, shared by the result screen, the why dialog and exports."""

from __future__ import annotations

from nutri_tui.labels import CHOICES, LEVEL_SYMBOL, URGENCY_SYMBOL
from nutri_tui.models.assessment import Assessment, ExerciseSuggestion, NutrientFinding, RedFlagFinding

SEVERITY_WORD = {"doctor_first": "ASK A DOCTOR FIRST", "caution": "CAUTION", "info": "NOTE"}
TEST_WORD = {"good": "a good test", "limited": "a limited test", "poor": "a poor test", "none": "no standard test"}


def amount(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def target_text(finding: NutrientFinding) -> str:
    target = finding.target
    value = f"{amount(target.low)}-{amount(target.amount)}" if target.low else amount(target.amount)
    return f"{target.kind} {value} {target.unit} a day"


def limit_text(finding: NutrientFinding) -> str:
    limit = finding.upper_limit
    if limit is None:
        return "No upper limit set."
    return f"Upper limit {amount(limit.amount)} {limit.unit} a day."


def red_flag_text(flag: RedFlagFinding) -> str:
    unsure = "  (you were not sure: please find out)" if flag.answer == "dont_know" else ""
    implied = "  (from your other answers)" if flag.answer == "implied" else ""
    word = CHOICES["urgency"][flag.urgency]
    return f"{URGENCY_SYMBOL[flag.urgency]} {word}: {flag.question}{unsure}{implied}\n  {flag.advice}"


def finding_details(finding: NutrientFinding, sources: dict[str, str]) -> str:
    """Everything about one finding: level, reasons with their answers and sources, target, limit, test."""
    lines = [
        f"{LEVEL_SYMBOL[finding.level]} {CHOICES['level'][finding.level]} (score {finding.score:g}): "
        f"how strongly your answers point to a possible gap. It is not a diagnosis.",
        "",
    ]
    if finding.reasons:
        lines.append("Because:")
        for reason in finding.reasons:
            check = " (not yet confirmed against its source)" if reason.unverified else ""
            lines.append(f"• {reason.text}{check}")
            lines.append(f"    your answer: {reason.answer}")
            lines.append(f"    sources: {', '.join(reason.sources)}")
    else:
        lines.append("None of your answers points to a gap.")
    lines += ["", f"Your target: {target_text(finding)}. {limit_text(finding)}"]
    for test in finding.tests:
        lines.append(f"Blood test: {test.name}, {TEST_WORD[test.usefulness]}. {test.limits}")
    if finding.doctor_first:
        lines.append("Do not take this as a supplement without your doctor's advice (see Supplement cautions).")
    cited = [s for s in finding.sources if s in sources]
    lines += ["", "Sources:"] + [f"[{s}] {sources[s]}" for s in cited]
    return "\n".join(lines)


def exercise_text(exercise: ExerciseSuggestion) -> str:
    stars = "★" * exercise.fit + "☆" * (3 - exercise.fit)
    lines = [f"{exercise.name}  {stars} fit for you, {exercise.certainty.replace('_', ' ')}-certainty evidence"]
    lines.append(exercise.description)
    lines += [f"! {caution}" for caution in exercise.cautions]
    stop = exercise.stop_if
    lines.append(stop if stop.lower().startswith("stop") else f"Stop and get advice if: {stop}")
    lines.append(f"Evidence: {exercise.evidence} [{', '.join(exercise.sources)}]")
    return "\n".join(lines)


def next_steps(result: Assessment) -> list[str]:
    steps: list[str] = []
    by_id = {f.id: f for f in result.nutrients}
    for nutrient_id in result.tests_to_ask:
        test = by_id[nutrient_id].tests[0]
        steps.append(f"Ask a doctor whether testing {by_id[nutrient_id].name} makes sense for you: {test.name}.")
    if result.exercises:
        names = ", ".join(e.name.lower() for e in result.exercises[:2])
        steps.append(f"Try {names}: start gently and build up (see Exercises).")
    return steps
