"""A saved session as a Markdown report to take to a clinician (``nutri-tui report``).

:func:`render_markdown` is a pure function of the session (plus the knowledge base, used to name
medicines, conditions and symptoms in the answers summary, and the person's results up to this one, when
given): no clock, no locale, no Textual. The same inputs always give the same text, byte for byte.

Order: title, the "not a diagnosis" line, the summary, red flags, the answers in brief, the optional
questionnaires (score, what to do, every answer, the attribution), the progress over time (every score,
whether the pain's change matters), food cautions, nutrient findings (with their notes, foods and facts),
tests worth asking about, personal supplement cautions, the person's medicines, conditions and
supplements, exercise, advice, then every source cited above.
Everything taken from the session file is escaped, so a hand-edited file cannot inject Markdown or
HTML into the report; plain GitHub Markdown, no tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from nutri_tui.content import Content, load_content
from nutri_tui.models.assessment import LEVEL_ORDER, Assessment, Caution, NutrientFinding, YourItem
from nutri_tui.models.session import Session
from nutri_tui.questionnaire import STEPS
from nutri_tui.reports.advice_topics import exercise_advice, other_advice
from nutri_tui.reports.answers_summary import NOT_ANSWERED, summarise
from nutri_tui.reports.citations import DAGGER_LEGEND
from nutri_tui.reports.glossary import target_terms
from nutri_tui.reports.instruments import SCORES_TITLE, advice_texts, answer_text, attribution_text, score_text
from nutri_tui.reports.markdown_text import link, md, when
from nutri_tui.reports.own_words import said
from nutri_tui.reports.phrases import (
    LEVEL_WORD,
    PERSONAL_CAUTIONS,
    SEVERITY_WORD,
    TEST_WORD,
    UNCONFIRMED,
    URGENCY_WORD,
    fit_words,
    is_personal,
    tests_worth_asking,
)
from nutri_tui.reports.plan import Places, action_plan
from nutri_tui.reports.progress import Scored, progress_lines, result_line
from nutri_tui.reports.result_text import (
    FOR_YOU_HEADING,
    STOP_HEADING,
    advised,
    evidence_text,
    exercise_cautions,
    food_extras,
    in_full,
    limit_text,
    noted,
    target_text,
    test_text,
)
from nutri_tui.text import number

DISCLAIMER_LINE = (
    "**This is a summary to discuss with a clinician. It was produced by nutri-tui, an educational tool, "
    "from the person's own answers. It is not a diagnosis and not medical advice.**"
)
NO_RED_FLAGS = (
    "No red flags were reported: no warning-sign question was answered yes or not sure, and none was implied."
)
ANSWER_WORD = {"yes": "answered yes", "dont_know": "answered not sure", "implied": "implied by other answers"}
CAUTION_TOPIC = {
    "medicine": "medicine",
    "condition": "condition",
    "upper_limit": "upper limit",
    "note": "your answers",
    "food": "foods left out",
}
FOODS_SHOWN = 6
NUTRIENT_FINDINGS, EXERCISE = "Nutrient findings", "Exercise"
"""Two of the report's section titles: the plan, above them, points to them by these words."""
IN_THE_REPORT = Places(f"the {NUTRIENT_FINDINGS} section below", f"the {EXERCISE} section below")
"""Foods listed per nutrient in the report (the app shows them all)."""
RESULTS_SHOWN = 50
"""Results listed one by one under the progress over time (the latest); the series lines hold every one."""


def ordered(findings: Iterable[NutrientFinding]) -> list[NutrientFinding]:
    """High first, then moderate, then low; the result's own order within a level."""
    return sorted(findings, key=lambda f: LEVEL_ORDER.get(f.level, len(LEVEL_ORDER)))


def report_cautions(finding: NutrientFinding) -> list[Caution]:
    """What the report's supplement cautions list for a finding: its medicines, conditions, answers (notes), the
    upper limit (its plain line too, unlike :func:`nutri_tui.reports.phrases.personal_cautions`, which the app and
    the text use) and the foods the limit leaves out (once missing from the report only)."""
    return [
        c
        for c in finding.cautions
        if c.about.startswith(("medicine:", "condition:")) or c.about in ("upper_limit", "note", "food")
    ]


class _Report:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cited: dict[str, None] = {}

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def section(self, title: str) -> None:
        self.lines += ["", f"## {title}", ""]

    def cite(self, ids: Iterable[str]) -> str:
        """`` (sources: a, b)`` for the ids given, remembered for the Sources section; empty if none."""
        ids = [i for i in ids if i]
        for source_id in ids:
            self.cited.setdefault(source_id, None)
        if not ids:
            return ""
        word = "source" if len(ids) == 1 else "sources"
        return f" ({word}: {', '.join(md(i) for i in ids)})"


def render_markdown(
    session: Session, content: Content | None = None, results: Sequence[Scored] = (), whose: str = ""
) -> str:
    """The report for ``session`` as GitHub Markdown, ending in a newline.

    ``whose`` is the profile's name when profiles are in use: the report then says whose results these are,
    first, so that a printout for one client is never mistaken for another's.

    ``content`` names medicines, conditions and symptoms in the answers summary; when it is None the
    installed knowledge base is loaded (cached; :class:`~nutri_tui.content.ContentError` if broken).
    ``results`` (oldest first, up to this one) give the progress over time, when there are two or more.
    """
    if content is None:
        content = load_content()
    result = session.result
    report = _Report()
    title = f"# nutri-tui summary, {when(session.created)}"
    report.add(title + (f": {md(session.label)}" if session.label else ""), "")
    if whose:
        report.add(f"**Whose results:** {md(whose)}", "")
    report.add(DISCLAIMER_LINE, "")
    reviewed = f", reviewed {md(result.content_reviewed)}" if result.content_reviewed else ""
    report.add(
        f"Answers given {when(session.created)}; nutri-tui {md(session.app_version)}, "
        f"knowledge base {md(result.content_version)}{reviewed}. The result is as it was shown at the time."
    )

    report.section("What to do first")
    for number_, step in enumerate(action_plan(result, content, IN_THE_REPORT), 1):
        report.add(f"{number_}. **{md(step.title)}**")
        report.add(*(f"   - {md(line.text)}{report.cite(line.sources)}" for line in step.lines))

    report.section("Red flags")
    if not result.red_flags:
        report.add(NO_RED_FLAGS)
    for flag in result.red_flags:
        word = URGENCY_WORD.get(flag.urgency, flag.urgency.upper())
        report.add(
            f"- **{md(word)}**: {md(flag.question)} ({ANSWER_WORD.get(flag.answer, md(flag.answer))})",
            f"  - Advice given: {md(flag.advice)}",
            f"  - Why it matters: {md(flag.meaning)}{report.cite(flag.sources)}",
        )

    _answers(report, session, content)
    for score in result.instruments:
        report.section(f"{md(SCORES_TITLE)}: {md(score.name)}")
        report.add(md(score_text(score)) + report.cite(score.sources), "")
        advice = [f"- **{md(text)}**{report.cite(sources)}" for text, sources in advice_texts(score)]
        report.add(*advice, *([""] if advice else []), f"The questions, as asked: {md(score.stem)}", "")
        report.add(*(f"- {md(answer_text(item))}" for item in score.answers))
        report.add("", f"_{md(attribution_text(score))}_")
    if len(results) > 1:
        report.section(f"Progress over time ({len(results)} results up to this one, oldest first)")
        report.add(*(f"- {md(line)}" for line in progress_lines(results, content)), "")
        shown = results[-RESULTS_SHOWN:]
        left = f" (the {len(results) - len(shown)} before: `nutri-tui sessions --json`)" * (len(shown) < len(results))
        report.add(f"Each result{left}:", "", *(f"- {when(r.created)}: {md(result_line(r, content))}" for r in shown))
        report.add("")
        report.add(md(content.rules.pain_change.text) + report.cite(content.rules.pain_change.sources))
    if result.food_cautions:
        report.section("Food cautions")
        report.add(*(f"- {md(c.text)}{report.cite(c.sources)}" for c in result.food_cautions))
    _findings(report, ordered(result.nutrients), result, content)

    report.section("Tests worth asking about")
    tests = tests_worth_asking(result)
    if not tests:
        report.add("None of the findings points to a blood test worth asking about.")
    for finding, test in tests:
        report.add(
            f"- **{md(finding.name)}: {md(test.name)}** ({TEST_WORD.get(test.usefulness, md(test.usefulness))}). "
            f"Limits: {md(test.limits)}{report.cite(test.sources)}"
        )

    _cautions(report, ordered(result.nutrients))
    _yours(report, "Medicines", result.medicines)
    _yours(report, "Conditions", result.conditions)
    personal = (*result.medicine_cautions, *result.supplement_cautions)
    if personal:
        report.section(PERSONAL_CAUTIONS)
        for caution in personal:
            word = SEVERITY_WORD.get(caution.severity, caution.severity.upper())
            report.add(f"- {md(word)}: {md(caution.text)}{report.cite(caution.sources)}")
    if result.supplements:
        report.section("Supplements, as counted")
        names = {f.id: f.name for f in result.nutrients}
        for item in result.supplements:
            assumed = (
                " (a typical figure for this kind of product; the label gives the real one)" if item.assumed else ""
            )
            report.add(
                f"- {md(item.name or names.get(item.nutrient, item.nutrient))}: {md(item.entered)} = "
                f"{number(item.amount)} {md(item.unit)} a day{md(assumed)}{report.cite(item.sources)}"
            )

    _exercise(report, result)

    report.section("Advice given")
    if not other_advice(result):
        report.add("No general advice was given.")
    report.add(*(f"- {md(advised(advice))}{report.cite(advice.sources)}" for advice in other_advice(result)))

    report.section("Sources")
    progress = {s: content.sources[s] for s in content.rules.pain_change.sources if len(results) > 1}
    known = {**progress, **{source.id: source for source in result.sources}}  # the progress cites today's content
    if not report.cited:
        report.add("No sources were cited.")
    for source_id in sorted(report.cited):
        source = known.get(source_id)
        if source is None:
            report.add(f"- **{md(source_id)}**: not described in this saved result.")
            continue
        url = link(source.url)
        unsure = " (address not yet confirmed)" if source.url_unverified else ""
        checked = f" Checked {md(source.reviewed)}." if source.reviewed else ""
        report.add(
            f"- **{md(source_id)}**: {_sentence(md(source.title))} {_sentence(md(source.publisher))} "
            f"{url}{unsure}{checked}"
        )
    if any(UNCONFIRMED in line for line in report.lines):
        report.add("", md(DAGGER_LEGEND))

    report.add("", "---", "", f"_{md(result.disclaimer)}_")
    return "\n".join(report.lines) + "\n"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _exercise(report: _Report, result: Assessment) -> None:
    """A check to have first, the note, what the person's situation means, each exercise, then when to stop."""
    report.section(EXERCISE)
    if result.exercise_withheld:
        report.add(f"**Withheld.** {md(result.exercise_note)}")
        return
    for advice in exercise_advice(result, "exercise_first"):
        report.add(f"**{md(advised(advice))}**{report.cite(advice.sources)}", "")
    report.add(md(result.exercise_note))
    personal = exercise_advice(result, "exercise")
    if personal:
        report.add("", f"{md(FOR_YOU_HEADING)}:", "")
        report.add(*(f"- {md(advised(advice))}{report.cite(advice.sources)}" for advice in personal))
    if result.exercises:
        report.add("")
    for exercise in result.exercises:
        certainty = md(exercise.certainty.replace("_", " "))
        report.add(
            f"- **{md(exercise.name)}** ({fit_words(exercise.fit)}, {certainty}-certainty evidence): "
            f"{md(exercise.description)} Suits: {md(exercise.suits)} Evidence: {md(evidence_text(exercise))}"
            f"{report.cite(exercise.sources)}"
        )
        report.add(*(f"  - Caution: {md(caution)}" for caution in exercise_cautions(exercise)))
        if exercise.stop_if:
            report.add(f"  - {md(exercise.stop_if)}")
    stops = exercise_advice(result, "exercise_stop")
    if stops:
        report.add("", f"{md(STOP_HEADING)}:", "")
        report.add(*(f"- {md(advised(advice))}{report.cite(advice.sources)}" for advice in stops))


def _answers(report: _Report, session: Session, content: Content) -> None:
    report.section("Answers in brief")
    summary = summarise(session.answers.model_dump(mode="json", exclude_none=True), content, blank_optional=False)
    titles = {step.id: step.title for step in STEPS}
    for step_id, lines in summary.items():
        main = [line for line in lines if not line.startswith(" ")]  # indented lines repeat the red flags
        answered = [line for line in main if not line.endswith(f": {NOT_ANSWERED}")]
        skipped = len(main) - len(answered)
        text = "; ".join(md(line) for line in answered) or "nothing answered"
        if answered and skipped:
            text += f"; {skipped} not answered"
        report.add(f"- **{md(titles.get(step_id, step_id))}**: {text}")
    notes = session.result.notes
    if notes:
        report.add("", "How the answers were read:", "")
        report.add(*(f"- {md(note)}" for note in notes))


def _findings(report: _Report, findings: list[NutrientFinding], result: Assessment, content: Content) -> None:
    report.section(NUTRIENT_FINDINGS)
    report.add(
        "A level says how strongly the answers point to a possible gap; it is not a measured deficiency. "
        "Each reason shows the answer that caused it."
    )
    terms = target_terms((f for f in findings if in_full(f, result)), content)
    if terms:
        report.add("")
        report.add(*(f"- **{md(t.term)}**: {md(t.text)}{report.cite(t.sources)}" for t in terms))
    worth = [f for f in findings if in_full(f, result)]
    low = [f for f in findings if not in_full(f, result)]
    if not any(f.level != "low" for f in findings):
        report.add("", "No nutrient was rated high or moderate.")
    for finding in worth:
        level = LEVEL_WORD.get(finding.level, finding.level).lower()
        report.add("", f"### {md(finding.name)}: {level}", "")
        for reason in finding.reasons:
            check = UNCONFIRMED if reason.unverified else ""
            report.add(f"- {md(reason.text)}{check} ({md(said(reason.answer, content))}){report.cite(reason.sources)}")
        if not finding.reasons:
            report.add("- No single answer was recorded as the cause.")
        report.add(f"- Target: {md(target_text(finding))}. {md(limit_text(finding))}")
        if finding.about is not None and finding.about.target_note:
            report.add(f"  - {md(finding.about.target_note)}")
        if finding.upper_limit is not None and finding.upper_limit.note:
            report.add(f"  - About the upper limit: {md(finding.upper_limit.note)}")
        report.add(*(f"- {md(test_text(test))}{report.cite(test.sources)}" for test in finding.tests))
        if finding.doctor_first:
            report.add("- Not to be taken as a supplement without a doctor's advice (see Supplement cautions).")
        report.add(*(f"- Worth knowing: {md(noted(note))}{report.cite(note.sources)}" for note in finding.notes))
        if finding.foods_withheld:
            report.add(f"- Foods: {md(finding.foods_withheld)}")
        for food in finding.foods[:FOODS_SHOWN]:
            extras = " ".join(md(extra) for extra in food_extras(food))
            report.add(
                f"- Food: {md(food.name)}, {md(food.serving)}: {number(food.amount)} {md(food.unit)}"
                f"{' (' + extras + ')' if extras else ''}{report.cite(food.sources)}"
            )
        about = finding.about
        if about is not None:
            report.add(f"- What it does: {md(noted(about.summary))}{report.cite(about.summary.sources)}")
            report.add(*(f"- Who may run short: {md(noted(n))}{report.cite(n.sources)}" for n in about.at_risk))
            report.add(*(f"- Sign of a shortfall: {md(s.text)}{report.cite(s.sources)}" for s in about.signs))
            report.add(*(f"- Too much: {md(noted(n))}{report.cite(n.sources)}" for n in about.excess))
    if low:
        names = ", ".join(md(f.name) for f in low)
        report.add("", f"Rated low: {names}.")


def _yours(report: _Report, title: str, items: tuple[YourItem, ...]) -> None:
    if not items:
        return
    report.section(title)
    for item in items:
        said = f"{md(item.said_as)} ({md(item.name)})" if item.said_as and "=" not in item.said_as else md(item.name)
        note = f": {md(item.note)}{UNCONFIRMED if item.unverified else ''}" if item.note else ""
        report.add(f"- {said}{note}{report.cite(item.sources) if item.note else ''}")
        if item.back_pain_note:
            report.add(f"  - For back pain: {md(item.back_pain_note)}")


def _cautions(report: _Report, findings: list[NutrientFinding]) -> None:
    report.section("Supplement cautions")
    shown = 0
    for finding in findings:
        cautions = report_cautions(finding)
        notable = [c for c in cautions if is_personal(c)]
        if not cautions or (finding.level == "low" and not notable):
            continue
        shown += 1
        report.add(f"- **{md(finding.name)}**")
        for caution in cautions:
            topic = CAUTION_TOPIC.get(caution.about.split(":", 1)[0], "note")
            word = SEVERITY_WORD.get(caution.severity, caution.severity.upper())
            report.add(f"  - {md(word)} ({topic}): {md(caution.text)}{report.cite(caution.sources)}")
    if not shown:
        report.add("No personal supplement cautions (medicines, conditions or upper limits) were raised.")
