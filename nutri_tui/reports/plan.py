"""The action plan: the first thing a person reads, in the order they should act on it.

1. Warning signs: what to do and how soon, stated as what the person said; or plainly none.
2. Safety first: an amount above an upper limit, anything to ask a doctor about first.
3. At most three nutrients worth doing something about, each with the reason in their own answers,
   the public-health advice where it exists (and nothing says "ask your doctor first"), and which
   blood test is worth asking about and what it cannot show.
4. What their situation means for exercise (falls, thin bones, pregnancy...), then one or two exercises that fit
   them with what applies to them; none after an emergency sign, and none to start with while a doctor's
   check comes first (chest pain, dizziness or fainting when active).
   Then, only for someone who answered an optional questionnaire (STarT Back, PHQ-4): its score to show a
   GP or physiotherapist, what to do about it (PHQ-4: talk to a GP; where to get help urgently), its attribution.
5. A safety net: if this happens, do that. Always present, and always last.

Everything else (all nutrients, foods, cautions) stays in the other tabs and sections. The plan is
built from a result and the knowledge base, not stored, so a result saved before it existed gets one
too. The rules (what comes first, what is left out) live here; every sentence it shows comes from the
result or the content, with its sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from nutri_tui.content.shared_wording import ask_first, doctor_first_line
from nutri_tui.models.assessment import Assessment, NutrientFinding, RedFlagFinding
from nutri_tui.models.catalogues import RedFlag
from nutri_tui.reports.advice_topics import exercise_advice, first_advice, public_health_advice
from nutri_tui.reports.instruments import SCORES_TITLE, advice_texts, attribution_text, score_text
from nutri_tui.reports.phrases import LEVEL_SYMBOL, URGENCY_WORD, personal_cautions
from nutri_tui.reports.result_text import advised, exercise_cautions
from nutri_tui.text import number

if TYPE_CHECKING:
    from nutri_tui.content import Content

MOST_NUTRIENTS = 3
MOST_EXERCISES = 2
Tone = Literal["emergency", "urgent", "soon", "caution", "plain"]

HOW_SOON = {"emergency": "Get help now", "urgent": "Get seen the same day", "soon": "Book a routine appointment"}
"""How soon, in the NHS back-pain page's terms (facts.md 4.1), before the flag's own advice."""
NOTHING_FIRST = (
    "None of your answers calls for a doctor's advice before you change what you eat or which supplements you take."
)
REASON_WORD = {"high": "strong reason to check", "moderate": "some reason to check"}
EXERCISE_HELD_BACK = "Exercise advice is held back until a clinician has seen you."


@dataclass(frozen=True, slots=True)
class Places:
    """Where an output lists every nutrient and every exercise: the plan names only a few, and says where
    the rest are in the words of the output it is part of (the app has tabs; the text and the report have
    sections, below the plan)."""

    nutrients: str
    exercises: str


IN_THE_APP = Places("the Deficiencies tab", "the Exercises tab")
IN_THE_DATA = Places("the nutrient list in this result", "the exercise list in this result")
"""For ``assess --json``: a program shows the plan wherever it likes, so no tab or section is named."""


def after_the_check(places: Places) -> str:
    return (
        f"Once a doctor has said it is safe for you to start, see {places.exercises} for exercises that fit you, "
        "and what to stop for."
    )


def start_gently(places: Places) -> str:
    return f"Start gently and build up; {places.exercises} has more, and what to stop for."


def more_nutrients(rest: int, places: Places) -> str:
    return f"{rest} more with some reason to check: see {places.nutrients}."


@dataclass(frozen=True, slots=True)
class PlanLine:
    text: str
    sources: tuple[str, ...] = ()
    tone: Tone = "plain"


@dataclass(frozen=True, slots=True)
class PlanStep:
    title: str
    lines: tuple[PlanLine, ...]


def action_plan(result: Assessment, content: Content, places: Places = IN_THE_APP) -> tuple[PlanStep, ...]:
    """The plan for ``result``; ``places`` names, in the words of the output it is shown in, where the nutrients
    and exercises it leaves out are."""
    steps = [
        PlanStep("Warning signs", _warning_signs(result, content)),
        PlanStep("Safety first", _safety_first(result)),
        PlanStep("Nutrients worth checking", _nutrients(result, content, places)),
        PlanStep("Exercise to start with", _exercises(result, places)),
    ]
    if result.instruments:  # only for someone who answered an optional questionnaire
        steps.append(PlanStep(SCORES_TITLE, _scores(result)))
    steps.append(PlanStep("If things change", _safety_net(result, content)))
    return tuple(steps)


# --- 1. warning signs ----------------------------------------------------------------------


def statement(flag: RedFlagFinding, content: Content) -> str:
    """What the person said, as a statement: "You said you have ..." (the question if the content lacks it)."""
    known = content.red_flags.get(flag.id)
    said = known.said if known is not None else ""  # a result saved with a flag the content no longer has
    return said_statement(said, flag.question, flag.answer)


def said_statement(said: str, question: str, answer: str) -> str:
    """An answer to a warning sign as a statement, from the flag's ``said`` clause ("" if none), its question as
    asked, and the answer (``yes``, ``dont_know`` or ``implied``)."""
    if not said:
        return f"You answered {'not sure' if answer == 'dont_know' else 'yes'} to: {question}"
    if answer == "dont_know":
        return f"You were not sure whether {said}."
    if answer == "implied":  # raised by other answers (age and a small fall, say): not what they said
        return f"Your other answers raise this warning sign: {question}"
    return f"You said {said}."


@dataclass(frozen=True, slots=True)
class Interruption:
    """What is said the moment an emergency warning sign is answered Yes, or Not sure (acted on as Yes), before
    anything else: the app's dialog and plain mode say these words, in this order."""

    title: str
    said: str
    """What the person answered, as a statement ("You said you have ...")."""
    preface: str
    """For "not sure": why to act as if it were yes ("" otherwise)."""
    advice: str
    why: str
    after: str


EMERGENCY_NOW = "EMERGENCY: act now"
UNSURE_EMERGENCY = "NOT SURE? Treat it as an emergency"
UNSURE_PREFACE = (
    "You were not sure about a sign that needs checking straight away. Until a clinician has ruled it out, act as "
    "if the answer were yes:"
)
AFTER_EMERGENCY = (
    "You can finish the questions afterwards; this warning will lead your result. Do not wait for the result to get "
    "help."
)


def interruption(flag: RedFlag, answer: str, question: str) -> Interruption | None:
    """The interruption for an answer to a warning sign (``question`` as it was asked), or None when there is none:
    only an emergency sign answered yes or not sure interrupts."""
    if flag.urgency != "emergency" or answer not in ("yes", "dont_know"):
        return None
    unsure = answer == "dont_know"
    return Interruption(
        title=UNSURE_EMERGENCY if unsure else EMERGENCY_NOW,
        said=said_statement(flag.said, question, answer),
        preface=UNSURE_PREFACE if unsure else "",
        advice=flag.advice,
        why=f"Why: {flag.meaning}",
        after=AFTER_EMERGENCY,
    )


def _warning_signs(result: Assessment, content: Content) -> tuple[PlanLine, ...]:
    lines = []
    for flag in result.red_flags:
        unsure = (
            " Until a clinician has ruled it out, treat it as an emergency."
            if flag.answer == "dont_know" and flag.urgency == "emergency"
            else " Please find out today; if it applies, get seen today."
            if flag.answer == "dont_know" and flag.urgency == "urgent"
            else ""
        )
        text = (
            f"{URGENCY_WORD[flag.urgency]}: {HOW_SOON[flag.urgency]}. {statement(flag, content)}{unsure} {flag.advice}"
        )
        lines.append(PlanLine(text, flag.sources, flag.urgency))
    asked, answered = result.flags_asked, result.flags_answered
    if asked and answered == 0:
        lines.append(
            PlanLine(
                "The warning-sign questions were not answered, so this result has not screened your back pain for "
                "signs that need a doctor urgently. Please answer them before relying on anything below.",
                tone="urgent",
            )
        )
    elif answered < asked:
        missing = asked - answered
        lines.append(
            PlanLine(
                f"{missing} warning-sign question{' was' if missing == 1 else 's were'} not answered, "
                "so those signs were not screened.",
                tone="caution",
            )
        )
    if not result.red_flags and answered:
        lines.insert(0, PlanLine("No warning signs in your answers."))
    if not lines:  # no warning-sign question applied to these answers (none about back pain were given)
        lines.append(PlanLine("No warning-sign questions applied to your answers."))
    return tuple(lines)


# --- 2. safety first -----------------------------------------------------------------------


def _safety_first(result: Assessment) -> tuple[PlanLine, ...]:
    lines: list[PlanLine] = []
    seen: set[str] = set()

    def add(text: str, sources: tuple[str, ...]) -> None:
        if text not in seen:
            seen.add(text)
            lines.append(PlanLine(text, sources, "caution"))

    for finding in result.nutrients:
        limit = finding.upper_limit
        if limit is not None and limit.already_taken > limit.amount:
            add(
                f"{finding.name}: you take {number(limit.already_taken)} {limit.unit} a day, more than the upper "
                f"limit of {number(limit.amount)} {limit.unit} for you. Ask your doctor or pharmacist before "
                "going on with it.",
                next((c.sources for c in finding.cautions if c.about == "upper_limit"), ()),
            )
    taking = {supplement.nutrient for supplement in result.supplements}
    for line in ask_first(
        (f.name, f.id in taking)
        for f in result.nutrients
        if f.doctor_first and not f.diet_doctor_first and f.level != "low"
    ):
        add(line, ())
    for caution in (*result.medicine_cautions, *result.supplement_cautions):
        if caution.severity == "doctor_first":
            add(doctor_first_line(caution.text), caution.sources)
    for finding in result.nutrients:
        for caution in personal_cautions(finding):
            if caution.severity == "doctor_first":
                add(doctor_first_line(caution.text), caution.sources)
        if finding.diet_doctor_first and finding.level != "low":
            add(
                f"{finding.name}: ask your doctor how much is right for you, from food as well as supplements.",
                _doctor_first_sources(finding),
            )
    for caution in result.food_cautions:
        add(caution.text, caution.sources)
    if not lines:
        lines.append(PlanLine(NOTHING_FIRST))
    return tuple(lines)


def _doctor_first_sources(finding: NutrientFinding) -> tuple[str, ...]:
    """What says to ask a doctor first (the sources of the finding's doctor-first cautions: kidney disease's for
    magnesium), not everything the finding cites: the line once listed all eighteen of magnesium's sources, foods
    and blood tests among them."""
    cited = dict.fromkeys(s for c in finding.cautions if c.severity == "doctor_first" for s in c.sources)
    return tuple(cited) or finding.sources


# --- 3. nutrients --------------------------------------------------------------------------


def _nutrients(result: Assessment, content: Content, places: Places) -> tuple[PlanLine, ...]:
    flagged = [f for f in result.nutrients if f.level != "low"]
    # facts.md's content rule 4: advice to take a supplement says who should check first; said once, after the
    # advice to act on now, or else with a nutrient's public-health advice (the NHS's vitamin D).
    check = content.rules.general_caution
    advice_first = first_advice(result)
    first = [PlanLine(advised(a), a.sources) for a in advice_first]
    if first:
        first[-1] = PlanLine(f"{first[-1].text} {check.text}", (*first[-1].sources, *check.sources))
    rules = {rule.id: rule.nutrient for rule in content.rules.advice} if advice_first else {}
    said = {rules.get(a.id) for a in advice_first}
    if not flagged:
        text = (
            "From the answers given, no nutrient stands out."
            if result.unanswered
            else "Your answers do not point strongly to any nutrient gap."
        )
        return (*first, PlanLine(text))
    lines = list(first)
    checked = bool(first)
    for finding in flagged[:MOST_NUTRIENTS]:
        line = _nutrient(finding, result, content, said, checked)
        checked = checked or check.text in line.text
        lines.append(line)
    rest = len(flagged) - MOST_NUTRIENTS
    if rest > 0:
        lines.append(PlanLine(more_nutrients(rest, places)))
    return tuple(lines)


def _nutrient(
    finding: NutrientFinding, result: Assessment, content: Content, said: set[str | None], checked: bool
) -> PlanLine:
    """One nutrient's line; ``said``: nutrients whose advice to take was said first (not again here); ``checked``:
    whether the general supplement caution was said already."""
    parts = [f"{LEVEL_SYMBOL[finding.level]} {finding.name}, {REASON_WORD[finding.level]}."]
    sources: list[str] = []
    if finding.reasons:
        reason = max(finding.reasons, key=lambda reason: reason.weight)
        parts.append(reason.text)
        sources += reason.sources
    taken = next((s for s in result.supplements if s.nutrient == finding.id), None)
    asks_first = finding.doctor_first or finding.diet_doctor_first
    if asks_first and taken is not None:
        parts.append(f"You take {taken.entered} a day: ask your doctor whether to go on with it (see Safety first).")
    elif asks_first:
        parts.append("Ask your doctor before taking a supplement of it (see Safety first).")
    else:
        advice = None if finding.id in said else public_health_advice(finding, content)
        if advice is not None:
            parts.append(advice.text)
            sources += advice.sources
            if not checked:
                check = content.rules.general_caution
                parts.append(check.text)
                sources += check.sources
        if taken is not None:
            parts.append(f"You take {taken.entered} a day.")
    test = finding.tests[0] if finding.tests else None
    if test is None or test.usefulness == "none":
        parts.append("There is no standard blood test for it.")
    elif test.usefulness == "poor":
        parts.append(f"A blood test cannot show it well ({test.name}).")
    else:
        parts.append(f"Worth asking your doctor about a blood test: {test.name}. {test.limits}")
    if test is not None:
        sources += test.sources
    return PlanLine(" ".join(parts), tuple(dict.fromkeys(sources)))


# --- 4. exercise ---------------------------------------------------------------------------


def _exercises(result: Assessment, places: Places) -> tuple[PlanLine, ...]:
    if result.emergency or result.exercise_withheld:
        return (PlanLine(EXERCISE_HELD_BACK, tone="caution"),)
    first = exercise_advice(result, "exercise_first")
    if result.exercise_check_first or first:  # a doctor's check before any new exercise: none is suggested yet
        lines = [PlanLine(advised(advice), advice.sources, "caution") for advice in first]
        return (*lines, PlanLine(after_the_check(places)))
    lines = [PlanLine(advised(advice), advice.sources) for advice in exercise_advice(result, "exercise")]
    if not result.exercises:
        return (*lines, PlanLine(result.exercise_note)) if result.exercise_note else tuple(lines)
    for exercise in result.exercises[:MOST_EXERCISES]:
        first_sentence = exercise.description.split(". ")[0].rstrip(".") + "."
        text = f"{exercise.name}: {first_sentence}"
        text += "".join(f" {caution}" for caution in exercise_cautions(exercise)[:2])  # for this person
        lines.append(PlanLine(text, exercise.sources))
    lines.append(PlanLine(start_gently(places)))
    return tuple(lines)


# --- scores to show a clinician (when a questionnaire was answered) ------------------------


def _scores(result: Assessment) -> tuple[PlanLine, ...]:
    """Each questionnaire's score in words (or that it is incomplete), what to do about it, and its attribution."""
    lines: list[PlanLine] = []
    for score in result.instruments:
        lines.append(PlanLine(score_text(score), score.sources if score.complete else ()))
        lines += [PlanLine(text, sources, "caution") for text, sources in advice_texts(score)]
        lines.append(PlanLine(attribution_text(score)))
    return tuple(lines)


# --- 5. safety net -------------------------------------------------------------------------


def _safety_net(result: Assessment, content: Content) -> tuple[PlanLine, ...]:
    """The NHS back-pain safety net, then when a symptom the person reported would need urgent help."""
    net = next((a for a in result.advice if a.topic == "safety_net"), None)
    if net is None:  # a result saved before the safety net was in the knowledge base
        net = next((a for a in content.rules.advice if a.topic == "safety_net"), None)
    lines = [PlanLine(net.text, net.sources)] if net is not None else []
    lines += [PlanLine(c.text, c.sources) for c in result.general_cautions if c.about.startswith("symptom:")]
    return tuple(lines)
