"""Text blocks for one result, shared by the result screen, the why dialog and exports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nutri_tui.models.assessment import (
    Advice,
    Assessment,
    ExerciseSuggestion,
    FoodSuggestion,
    InfoNote,
    NutrientFinding,
    TestInfo,
)
from nutri_tui.reports.citations import DAGGER_LEGEND, Citations
from nutri_tui.reports.glossary import glossed
from nutri_tui.reports.own_words import said
from nutri_tui.reports.phrases import (
    SEVERITY_WORD,
    TEST_WORD,
    UNCONFIRMED,
    fit_words,
    level_mark,
    personal_cautions,
)
from nutri_tui.text import number

if TYPE_CHECKING:
    from nutri_tui.content import Content

STOP_HEADING = "When to stop exercising"
"""Over the stop signs that apply to every exercise, said once in each output (advice topic ``exercise_stop``)."""
FOR_YOU_HEADING = "What your answers mean for exercise"
"""Over the exercise advice for this person's situation (advice topic ``exercise``)."""


def in_full(finding: NutrientFinding, result: Assessment) -> bool:
    """Whether text and reports show a finding in full (its notes, facts and foods): flagged, or supplemented.

    A nutrient rated low for someone who takes it as a supplement still needs its cautions and facts
    (too much selenium from Brazil nuts and a supplement together, say).
    """
    return finding.level != "low" or any(s.nutrient == finding.id for s in result.supplements)


def target_text(finding: NutrientFinding) -> str:
    target = finding.target
    value = f"{number(target.low)}-{number(target.amount)}" if target.low else number(target.amount)
    text = f"{target.kind} {value} {target.unit} a day"
    if finding.diet_doctor_first:
        text += " (for reference only: your doctor advises what is right for you)"
    return text


def limit_text(finding: NutrientFinding) -> str:
    limit = finding.upper_limit
    if limit is None:
        return "No upper limit set."
    return f"Upper limit {number(limit.amount)} {limit.unit} a day."


def test_text(test: TestInfo) -> str:
    """What a blood test can and cannot show; a poor test is never offered as worth asking for."""
    if test.usefulness in ("good", "limited"):
        return f"Blood test worth asking about: {test.name} ({TEST_WORD[test.usefulness]}). {test.limits}"
    if test.usefulness == "poor":
        return f"A blood test cannot show this well ({test.name} is {TEST_WORD['poor']}): {test.limits}"
    return f"There is no standard blood test for this: {test.limits}"


def noted(note: InfoNote) -> str:
    return note.text + (UNCONFIRMED if note.unverified else "")


def servings_cell(food: FoodSuggestion) -> str:
    """The Foods table's "/day" cell: "-" where no figure applies, "<0.1" where the figure rounds to 0 (a serving
    of beef liver holds 29 times the vitamin B12 target: "-" read as "does not count")."""
    servings = food.servings_to_target
    return "-" if servings is None else f"~{servings:g}" if servings > 0 else "<0.1"


def servings_a_day(food: FoodSuggestion) -> list[str]:
    """What the app's "/day" figure means, said in full where the food is: arithmetic, not advice (a pregnant
    person reads "at most 2 portions of oily fish a week" beside salmon's "~1.1"). Where supplements give some of
    the target, the figure reaches what is left of it, and the line says so."""
    servings, given = food.servings_to_target, food.from_supplements
    supplements = f"{number(given)} {food.unit} a day your supplements give"
    if servings is None:
        # Supplements only count where every food counts towards the target, so no figure then means they reach it.
        return [f"The {supplements} already reaches your target without this food."] if given > 0 else []
    amount = "less than a tenth of a serving" if servings == 0 else f"about {number(servings)} serving"
    amount += "s" if servings > 1 else ""
    if given > 0:
        return [f"With the {supplements}, {amount} a day of this food would reach your target."]
    return [f"{amount[0].upper()}{amount[1:]} a day would reach your target from this food alone."]


def food_extras(food: FoodSuggestion) -> list[str]:
    """What a person should know about one food beyond its amount: fortified, its note, food rules' advice."""
    extras = ["A fortified food."] if food.fortified else []
    if food.note:
        extras.append(food.note if food.note.endswith((".", "!", "?")) else f"{food.note}.")
    extras += food.advisories
    return extras


def finding_details(finding: NutrientFinding, cite: Citations, content: Content) -> str:
    """Everything about one finding: level, reasons, cautions, notes, target, test, and the nutrient's facts."""
    lines = [
        f"{level_mark(finding.level)}: how strongly your answers point to a possible gap. It is not a diagnosis.",
    ]
    about = finding.about
    if about is not None:
        lines.append(f"What it does: {noted(about.summary)}")
    lines.append("")
    if finding.reasons:
        lines.append("Because:")
        for reason in finding.reasons:
            lines.append(f"• {reason.text}{UNCONFIRMED if reason.unverified else ''}")
            lines.append(f"    {said(reason.answer, content)}")
            lines.append(f"    sources {cite(reason.sources)}")
    else:
        lines.append("None of your answers points to a gap.")
    personal = personal_cautions(finding)
    if personal:
        lines += ["", "For you:"] + [f"! {SEVERITY_WORD[c.severity]}: {c.text}" for c in personal]
    if finding.notes:
        lines += ["", "Worth knowing:"] + [f"• {noted(note)}" for note in finding.notes]
    target = f"Your target: {target_text(finding)}. {limit_text(finding)}"
    lines += ["", target, *(f"  {line}" for line in glossed(target, content, cite))]
    if about is not None and about.target_note:
        lines.append(about.target_note)
    if finding.upper_limit is not None and finding.upper_limit.note:
        lines.append(f"About the upper limit: {finding.upper_limit.note}")
    lines += [test_text(test) for test in finding.tests]
    if finding.foods_withheld:
        lines.append(finding.foods_withheld)
    elif finding.doctor_first:
        lines.append("Do not take this as a supplement without your doctor's advice (see Supplement cautions).")
    if about is not None:
        lines += ["", "Who may run short:"] + [f"• {noted(n)}" for n in about.at_risk]
        lines += ["", "Signs of a shortfall (none of them proof of one):"]
        lines += [f"• {s.text}{' (muscles, bones or nerves)' if s.musculoskeletal else ''}" for s in about.signs]
        lines += ["", "Too much:"] + [f"• {noted(n)}" for n in about.excess]
    lines += ["", "Sources (their addresses, as links, are in the Sources tab):", *cite.headings(finding.sources)]
    if UNCONFIRMED.strip() in "\n".join(lines):
        lines.append(DAGGER_LEGEND)
    return "\n".join(lines)


def advised(advice: Advice) -> str:
    """An advice item's text, with a dagger where it is not yet confirmed against its source."""
    return advice.text + (UNCONFIRMED if advice.unverified else "")


def exercise_cautions(exercise: ExerciseSuggestion) -> list[str]:
    """What applies to this person for one exercise, each with a dagger where not yet confirmed."""
    unconfirmed = exercise.unverified_cautions
    return [caution + (UNCONFIRMED if caution in unconfirmed else "") for caution in exercise.cautions]


def evidence_text(exercise: ExerciseSuggestion) -> str:
    return exercise.evidence + (UNCONFIRMED if exercise.unverified else "")


def exercise_text(exercise: ExerciseSuggestion, cite: Citations) -> str:
    """One exercise's card: what it is, who it suits, what applies to this person, what it adds to the stop
    signs said once for every exercise (:data:`STOP_HEADING`), and the evidence with its sources."""
    stars = "★" * exercise.fit + "☆" * (3 - exercise.fit)
    lines = [
        f"{exercise.name}  {stars} {fit_words(exercise.fit)}, {exercise.certainty.replace('_', ' ')}-certainty evidence"
    ]
    lines.append(exercise.description)
    lines.append(f"Suits: {exercise.suits}")
    lines += [f"! {caution}" for caution in exercise_cautions(exercise)]
    if exercise.stop_if:
        lines.append(exercise.stop_if)
    lines.append(f"Evidence: {evidence_text(exercise)}{cite.after(exercise.sources)}")
    return "\n".join(lines)
