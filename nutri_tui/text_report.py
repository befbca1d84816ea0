"""A readable plain-text rendering of an Assessment, for the terminal."""

from __future__ import annotations

import textwrap

from nutri_tui.labels import number
from nutri_tui.models.assessment import Assessment

WIDTH = 78
LEVEL_MARK = {"high": "▲ high", "moderate": "● moderate", "low": "○ low"}
URGENCY_WORD = {"emergency": "EMERGENCY", "urgent": "URGENT", "soon": "SOON"}


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=first if first is not None else indent, subsequent_indent=indent)


def render_text(result: Assessment) -> str:
    out: list[str] = []
    out.append("nutri-tui result")
    out.append("=" * WIDTH)
    for line in result.summary:
        out.append(_wrap(line, "  ", "• "))
    for note in result.notes:
        out.append(_wrap(note, "  ", "• "))

    if result.red_flags:
        out += ["", "Red flags", "-" * WIDTH]
        for flag in result.red_flags:
            unsure = " (you were unsure)" if flag.answer == "dont_know" else ""
            out.append(_wrap(f"[{URGENCY_WORD[flag.urgency]}] {flag.question}{unsure}", "    ", "  "))
            out.append(_wrap(flag.advice, "    "))
            out.append(_wrap(f"Why: {flag.meaning}", "    "))

    out += ["", "Nutrients", "-" * WIDTH]
    for finding in result.nutrients:
        target = finding.target
        amount = f"{number(target.low)}-{number(target.amount)}" if target.low else number(target.amount)
        out.append(
            f"  {finding.name:<14} {LEVEL_MARK[finding.level]:<11} score {finding.score:<5g}"
            f" {target.kind} {amount} {target.unit}/day"
        )
        for reason in finding.reasons:
            out.append(_wrap(reason.text, "      ", "    - "))
            out.append(_wrap(f"(your answer: {reason.answer}; sources: {', '.join(reason.sources)})", "      "))
        if finding.level != "low":
            for caution in finding.cautions:
                out.append(_wrap(caution.text, "      ", "    ! "))
            foods = ", ".join(f"{f.name} ({f.serving}: {number(f.amount)} {f.unit})" for f in finding.foods[:4])
            if foods:
                out.append(_wrap(f"Foods: {foods}", "      ", "    "))
    if result.tests_to_ask:
        out += ["", "Tests worth asking a doctor about", "-" * WIDTH]
        by_id = {f.id: f for f in result.nutrients}
        for nutrient_id in result.tests_to_ask:
            test = by_id[nutrient_id].tests[0]
            out.append(_wrap(f"{by_id[nutrient_id].name}: {test.name}. {test.limits}", "    ", "  "))

    out += ["", "Exercise", "-" * WIDTH, _wrap(result.exercise_note, "  ")]
    for exercise in result.exercises:
        out.append(_wrap(f"{exercise.name} (fit {exercise.fit}/3): {exercise.description}", "    ", "  "))
        for caution in exercise.cautions:
            out.append(_wrap(caution, "      ", "    ! "))
        out.append(_wrap(f"Stop if: {exercise.stop_if}", "    "))
    if result.advice:
        out += ["", "Advice", "-" * WIDTH]
        for advice in result.advice:
            out.append(_wrap(advice.text, "    ", "  "))
    out += ["", "Cautions", "-" * WIDTH]
    for caution in result.general_cautions:
        out.append(_wrap(caution.text, "    ", "  "))
    out += ["", "Sources", "-" * WIDTH]
    for source in result.sources:
        out.append(_wrap(f"[{source.id}] {source.title}, {source.publisher}. {source.url}", "    ", "  "))
    out += ["", _wrap(result.disclaimer)]
    return "\n".join(out)
