"""A readable plain-text rendering of an Assessment: for the terminal (``nutri-tui assess``), and line by line
for a screen reader (plain mode).

The result is built once as a list of pieces (headings, paragraphs, a nutrient's row); :func:`render_text` wraps
them in 78 columns under ruled headings, and :func:`plain_lines` gives each paragraph as one line that says what
it is about ("Vitamin D: ...", "Exercise: ..."), with no rules, columns or marks, so each line stands on its own.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from nutri_tui.models.assessment import Assessment, NutrientFinding, YourItem
from nutri_tui.reports.advice_topics import exercise_advice, other_advice
from nutri_tui.reports.citations import DAGGER_LEGEND, Citations
from nutri_tui.reports.glossary import gloss_lines, target_terms
from nutri_tui.reports.instruments import SCORES_TITLE, advice_texts, answer_text, attribution_text, score_text
from nutri_tui.reports.own_words import said
from nutri_tui.reports.phrases import (
    LEVEL_SYMBOL,
    PERSONAL_CAUTIONS,
    UNCONFIRMED,
    URGENCY_SYMBOL,
    URGENCY_WORD,
    fit_words,
    personal_cautions,
    tests_worth_asking,
)
from nutri_tui.reports.plan import Places, action_plan
from nutri_tui.reports.result_text import (
    FOR_YOU_HEADING,
    STOP_HEADING,
    advised,
    evidence_text,
    exercise_cautions,
    food_extras,
    in_full,
    noted,
    target_text,
    test_text,
)
from nutri_tui.text import number

if TYPE_CHECKING:
    from nutri_tui.content import Content

WIDTH = 78
LEVEL_MARK = {level: f"{symbol} {level}" for level, symbol in LEVEL_SYMBOL.items()}
LEVEL_COLUMN = max(map(len, LEVEL_MARK.values()))
NAME_COLUMN_MAX = 36
NUTRIENTS, EXERCISE = "Nutrients", "Exercise"
"""Two of the text's section titles: the plan, above them, points to them by these words (plain mode too)."""
IN_THE_TEXT = Places(f"the {NUTRIENTS} section below", f"the {EXERCISE} section below")
"""The nutrient column is as wide as the longest name, up to this (which leaves 26 of :data:`WIDTH` for the
target); a longer name has a line of its own, and its level stays in the column."""


@dataclass(frozen=True, slots=True)
class _Para:
    """A paragraph: wrapped under ``first`` then ``indent`` in a terminal; one line in plain mode."""

    text: str
    indent: str = ""
    first: str | None = None
    label: str | None = ""
    """Plain mode: what the line is about when it is not its heading's subject ("Vitamin D"); None for no label."""


@dataclass(frozen=True, slots=True)
class _Heading:
    text: str
    rule: str = ""
    """The character ruled under it in a terminal ("=" or "-"), after a blank line for "-"."""
    label: str | None = None
    """Plain mode: the label of the lines under it (``text`` if None); "" shows the heading itself as a line."""


@dataclass(frozen=True, slots=True)
class _Row:
    """A line laid out in columns for a terminal (a nutrient's level and target), and its plain sentence."""

    text: str
    plain: str | None
    """None: the terminal's second line of one row, which plain mode says in the first."""


_Piece = _Para | _Heading | _Row


def _wrap(text: str, indent: str = "", first: str | None = None, label: str | None = "") -> _Para:
    return _Para(text, indent, first, label)


def _heading(title: str, label: str | None = None) -> _Heading:
    return _Heading(title, "-", label)


def _terminal(piece: _Piece) -> list[str]:
    if isinstance(piece, _Heading):
        if piece.rule == "-":
            return ["", piece.text, "-" * WIDTH]
        return [piece.text, *([piece.rule * WIDTH] if piece.rule else [])]
    if isinstance(piece, _Row):
        return [piece.text]
    # Never break a word at its hyphen or in the middle (an address must stay whole to be copied).
    return [
        textwrap.fill(
            piece.text,
            WIDTH,
            initial_indent=piece.first if piece.first is not None else piece.indent,
            subsequent_indent=piece.indent,
            break_on_hyphens=False,
            break_long_words=False,
        )
    ]


def render_text(result: Assessment, content: Content | None = None) -> str:
    """The result as text: the action plan first, then everything else. ``content`` (the installed knowledge
    base when None) words the plan."""
    return "\n".join(line for piece in _pieces(result, content) for line in _terminal(piece))


def plain_lines(result: Assessment, content: Content | None = None) -> list[str]:
    """The same result for a screen reader or a braille display: one sentence or paragraph a line, each saying
    what it is about ("1. Warning signs: EMERGENCY: ...", "Vitamin D: ..."), a blank line between sections, no
    rules, columns or bullet marks."""
    lines: list[str] = []
    label: str | None = None
    for piece in _pieces(result, content):
        if isinstance(piece, _Heading):
            if piece.label == "":
                lines.append(piece.text)
                continue
            if piece.rule == "-" and lines and lines[-1]:
                lines.append("")
            label = piece.label or piece.text.strip().rstrip(":")
            continue
        if isinstance(piece, _Row):
            if piece.plain is not None:
                lines.append(piece.plain)
            continue
        about = label if piece.label == "" else piece.label
        text = _unmarked(piece.text)
        lines.append(f"{about}: {text}" if about else text)
    return lines


_MARKS = tuple(f"{symbol} " for symbol in (*LEVEL_SYMBOL.values(), *URGENCY_SYMBOL.values()))


def _unmarked(text: str) -> str:
    """Without the shape a line starts with on screen (the plan's "▲ Vitamin D, strong reason to check"): its
    words say it, and a screen reader would read the shape's name too."""
    return next((text.removeprefix(mark) for mark in _MARKS if text.startswith(mark)), text)


def _pieces(result: Assessment, content: Content | None) -> list[_Piece]:
    if content is None:
        from nutri_tui.content import load_content

        content = load_content()
    cite = Citations(result)
    out: list[_Piece] = []
    reviewed = f", reviewed {result.content_reviewed}" if result.content_reviewed else ""
    out.append(_Heading(f"nutri-tui result (knowledge base {result.content_version}{reviewed})", "=", ""))
    out.append(_Heading("What to do first", label=""))
    for number_, step in enumerate(action_plan(result, content, IN_THE_TEXT), 1):
        out.append(_Heading(f"{number_}. {step.title}"))
        for line in step.lines:
            out.append(_wrap(line.text + cite.after(line.sources), "     ", "   - "))
    for note in result.notes:
        out.append(_wrap(note, "  ", "• ", label="Note"))

    if result.red_flags:
        out.append(_heading("Red flags"))
        for flag in result.red_flags:
            unsure = " (you were unsure)" if flag.answer == "dont_know" else ""
            out.append(_wrap(f"[{URGENCY_WORD[flag.urgency]}] {flag.question}{unsure}", "    ", "  "))
            out.append(_wrap(flag.advice, "    "))
            out.append(_wrap(f"Why: {flag.meaning}", "    "))

    for score in result.instruments:
        out.append(_heading(f"{SCORES_TITLE}: {score.name}", score.name))
        out.append(_wrap(score_text(score) + cite.after(score.sources), "    ", "  "))
        out += [_wrap(text + cite.after(sources), "    ", "  ! ") for text, sources in advice_texts(score)]
        out.append(_wrap(f"The questions, as asked: {score.stem}", "    ", "  "))
        out += [_wrap(answer_text(item), "       ", "    ") for item in score.answers]
        out.append(_wrap(attribution_text(score), "    ", "  "))

    if result.food_cautions:
        out.append(_heading("Food cautions for you"))
        out += [_wrap(caution.text, "    ", "  ! ") for caution in result.food_cautions]

    out.append(_heading(NUTRIENTS))
    out += [_wrap(line, "    ", "  ") for line in gloss_lines(target_terms(result.nutrients, content), cite)]
    name_column = min(max((len(f.name) for f in result.nutrients), default=0), NAME_COLUMN_MAX)
    for finding in result.nutrients:
        pieces = _finding(finding, in_full(finding, result), content, name_column, cite)
        out += [replace(p, label=finding.name) if isinstance(p, _Para) and p.label == "" else p for p in pieces]
    if result.tests_to_ask:
        out.append(_heading("Tests worth asking a doctor about"))
        for finding, test in tests_worth_asking(result):
            out.append(_wrap(f"{finding.name}: {test.name}. {test.limits}", "    ", "  "))

    yours = [*_items("Your medicines", result.medicines), *_items("Your conditions", result.conditions)]
    personal = (*result.medicine_cautions, *result.supplement_cautions)
    if personal:
        yours.append(_heading(PERSONAL_CAUTIONS))
        yours += [_wrap(caution.text, "    ", "  ! ") for caution in personal]
    if result.supplements:
        yours.append(_heading("Your supplements, as counted"))
        names = {f.id: f.name for f in result.nutrients}
        for item in result.supplements:
            assumed = " (a typical figure for this kind of product: the label gives yours)" if item.assumed else ""
            name = item.name or names.get(item.nutrient, item.nutrient)
            text = f"{name}: {item.entered} = {number(item.amount)} {item.unit} a day"
            yours.append(_wrap(text + assumed, "    ", "  "))
    out += yours

    out += [_heading(EXERCISE), *_exercise(result, cite)]
    if other_advice(result):
        out.append(_heading("Advice"))
        for advice in other_advice(result):
            out.append(_wrap(advised(advice) + cite.after(advice.sources), "    ", "  "))
    out.append(_heading("Cautions"))
    for caution in result.general_cautions:
        out.append(_wrap(caution.text, "    ", "  "))
    out.append(_heading("Sources (numbered as cited above)", "Source"))
    for source in result.sources:
        first, address = cite.entry(source).split("\n", 1)
        out.append(_wrap(first, "     ", "  "))
        out.append(_wrap(address.strip(), "     ", "     "))
    if any(UNCONFIRMED.strip() in piece.text for piece in out):
        out.append(_wrap(DAGGER_LEGEND, "    ", "  "))
    out += [_Heading("", label=""), _wrap(result.disclaimer, label=None)]
    return out


def _exercise(result: Assessment, cite: Citations) -> list[_Piece]:
    """A check to have first, the note, what this person's situation means, each exercise, then when to stop."""
    first = exercise_advice(result, "exercise_first")
    lines: list[_Piece] = [_wrap(advised(a) + cite.after(a.sources), "    ", "  ! ") for a in first]
    lines.append(_wrap(result.exercise_note, "  "))
    personal = exercise_advice(result, "exercise")
    if personal:
        lines.append(_Heading(f"  {FOR_YOU_HEADING}:", label=f"Exercise, {FOR_YOU_HEADING.lower()}"))
        lines += [_wrap(advised(a) + cite.after(a.sources), "      ", "    - ") for a in personal]
    for exercise in result.exercises:
        name = exercise.name
        lines.append(
            _wrap(
                f"{name} ({fit_words(exercise.fit)}): {exercise.description}",
                "    ",
                "  ",
                label="Exercise",
            )
        )
        lines.append(_wrap(f"Suits: {exercise.suits}", "    ", label=name))
        certainty = exercise.certainty.replace("_", " ")
        evidence = f"Evidence ({certainty} certainty): {evidence_text(exercise)}{cite.after(exercise.sources)}"
        lines.append(_wrap(evidence, "    ", label=name))
        lines += [_wrap(caution, "      ", "    ! ", label=name) for caution in exercise_cautions(exercise)]
        if exercise.stop_if:
            lines.append(_wrap(exercise.stop_if, "      ", "    ! ", label=name))
    stops = exercise_advice(result, "exercise_stop")
    if stops:
        lines.append(_Heading(f"  {STOP_HEADING}:", label=f"Exercise, {STOP_HEADING.lower()}"))
        lines += [_wrap(advised(a) + cite.after(a.sources), "      ", "    - ") for a in stops]
    return lines


def _finding(finding: NutrientFinding, full: bool, content: Content, name_column: int, cite: Citations) -> list[_Piece]:
    target = finding.target
    amount = f"{number(target.low)}-{number(target.amount)}" if target.low else number(target.amount)
    daily = f"{target.kind} {amount} {target.unit}/day"
    level = f"{LEVEL_MARK[finding.level]:<{LEVEL_COLUMN}}  {daily}"
    plain = f"{finding.name}: {finding.level}, {daily}"
    # Every level starts in the same column, whatever the name's length.
    if len(finding.name) > name_column:
        lines: list[_Piece] = [
            _Row(f"  {finding.name}", plain),
            _Row(f"  {'':<{name_column}}  {level}", None),
        ]
    else:
        lines = [_Row(f"  {finding.name:<{name_column}}  {level}", plain)]
    for reason in finding.reasons:
        lines.append(_wrap(reason.text + (UNCONFIRMED if reason.unverified else ""), "      ", "    - "))
        lines.append(_wrap(f"({said(reason.answer, content)}; sources {cite(reason.sources)})", "      "))
    if not full:
        # A caution about this person's medicines, conditions or supplements matters whatever the level.
        personal = personal_cautions(finding)
        lines += [_wrap(caution.text, "      ", "    ! ") for caution in personal]
        return lines
    if finding.diet_doctor_first:
        lines.append(_wrap(f"Target: {target_text(finding)}.", "      ", "    "))
    if finding.about is not None and finding.about.target_note:
        lines.append(_wrap(f"About the target: {finding.about.target_note}", "      ", "    "))
    if finding.upper_limit is not None and finding.upper_limit.note:
        lines.append(_wrap(f"About the upper limit: {finding.upper_limit.note}", "      ", "    "))
    for caution in finding.cautions:
        lines.append(_wrap(caution.text, "      ", "    ! "))
    for note in finding.notes:
        lines.append(_wrap(noted(note), "      ", "    i "))
    lines += [_wrap(test_text(test), "      ", "    ") for test in finding.tests]
    if finding.foods_withheld:
        lines.append(_wrap(finding.foods_withheld, "      ", "    "))
    shown = finding.foods[:4]
    if shown:
        listed = ", ".join(f"{f.name} ({f.serving}: {number(f.amount)} {f.unit})" for f in shown)
        lines.append(_wrap(f"Foods: {listed}", "      ", "    "))
        for food in shown:
            extras = food_extras(food)
            if extras:
                lines.append(_wrap(f"{food.name}: {' '.join(_sentence(e) for e in extras)}", "        ", "      "))
    about = finding.about
    if about is not None:
        lines.append(_wrap(f"What it does: {noted(about.summary)}", "      ", "    "))
        lines.append(
            _wrap("Who may run short: " + " ".join(_sentence(noted(n)) for n in about.at_risk), "      ", "    ")
        )
        signs = "; ".join(s.text for s in about.signs)
        lines.append(_wrap(f"Signs of a shortfall (none of them proof of one): {signs}.", "      ", "    "))
        lines.append(_wrap("Too much: " + " ".join(_sentence(noted(n)) for n in about.excess), "      ", "    "))
    return lines


def _items(title: str, items: tuple[YourItem, ...]) -> list[_Piece]:
    if not items:
        return []
    lines: list[_Piece] = [_heading(title)]
    for item in items:
        said = f"{item.said_as} ({item.name})" if item.said_as and "=" not in item.said_as else item.name
        note = f": {item.note}{UNCONFIRMED if item.unverified else ''}" if item.note else ""
        lines.append(_wrap(f"{said}{note}", "    ", "  "))
        if item.back_pain_note:
            lines.append(_wrap(f"For back pain: {item.back_pain_note}", "      ", "    "))
    return lines


def _sentence(text: str) -> str:
    """``text`` ending as a sentence; a sentence already ended and then marked unconfirmed ("... surgery. †") is
    left as it is (it once read "... surgery. †.")."""
    text = text.strip()
    ended = text.removesuffix(UNCONFIRMED).rstrip()
    return text if ended.endswith((".", "!", "?", ")")) else f"{text}."
