"""``assess``: answers and content in, a complete, cited Assessment out."""

from __future__ import annotations

from nutri_tui.content import Content
from nutri_tui.engine.guidance import advice, exercises, red_flags
from nutri_tui.engine.index import index_for
from nutri_tui.engine.nutrients import nutrient_finding
from nutri_tui.engine.profile import build_profile
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import (
    LEVEL_ORDER,
    Assessment,
    Caution,
    NutrientFinding,
    RedFlagFinding,
)

CONFIRMED = ("yes", "implied")


def assess(answers: Answers, content: Content) -> Assessment:
    """Turn one person's answers into a result. Pure: no I/O, no clock, no randomness."""
    index = index_for(content)
    profile = build_profile(answers, content, index)
    flags = red_flags(answers, content)
    emergency = any(f.urgency == "emergency" and f.answer in CONFIRMED for f in flags)
    urgent = any(f.urgency == "urgent" and f.answer in CONFIRMED for f in flags)

    findings = [nutrient_finding(n, answers, profile, content, index) for n in content.nutrients.values()]
    findings.sort(key=lambda f: (LEVEL_ORDER[f.level], -f.score))
    suggested = () if emergency else exercises(profile, content)
    if emergency:
        exercise_note = (
            "Exercise advice is withheld: one of your answers needs a clinician to see you first. "
            "Follow the red-flag advice above now."
        )
    elif urgent:
        exercise_note = "See a doctor about the red flags above before starting any new exercise."
    else:
        exercise_note = "Start gently and build up; it is normal for pain to rise a little at first."
    advice_given = advice(answers, content)
    caution = content.rules.general_caution
    general = (Caution(text=caution.text, about="supplement", severity="caution", sources=caution.sources),)
    tests = tuple(f.id for f in findings if f.level != "low" and f.tests and f.tests[0].usefulness != "none")

    cited: set[str] = {s for f in flags for s in f.sources}
    for finding in findings:
        cited.update(finding.sources)
    cited.update(s for e in suggested for s in e.sources)
    cited.update(s for a in advice_given for s in a.sources)
    cited.update(s for c in general for s in c.sources)
    sources = tuple(ref for source_id, ref in index.source_refs.items() if source_id in cited)
    return Assessment(
        content_version=content.version,
        life_stage=profile.stages[0] if len(profile.stages) == 1 else f"adult_{profile.age_band}",
        notes=profile.notes,
        summary=_summary(flags, emergency, findings, advice_given),
        red_flags=flags,
        emergency=emergency,
        exercise_withheld=emergency,
        nutrients=tuple(findings),
        tests_to_ask=tests,
        exercises=suggested,
        exercise_note=exercise_note,
        advice=advice_given,
        general_cautions=general,
        disclaimer=content.manifest.disclaimer,
        sources=sources,
    )


def _summary(flags, emergency: bool, findings: list[NutrientFinding], advice_given) -> tuple[str, ...]:
    lines: list[str] = []
    confirmed: list[RedFlagFinding] = [f for f in flags if f.answer in CONFIRMED]
    unsure = [f for f in flags if f.answer == "dont_know" and f.urgency != "soon"]
    if emergency:
        first = next(f for f in confirmed if f.urgency == "emergency")
        lines.append(f"Get help now: {first.advice}")
        lines.append("Exercise advice is held back until a clinician has seen you.")
    for urgency, lead in (("urgent", "See a doctor soon"), ("soon", "Book an appointment")):
        count = sum(1 for f in confirmed if f.urgency == urgency)
        if count:
            lines.append(
                f"{lead}: {count} of your answers {'needs' if count == 1 else 'need'} a check (see Red flags)."
            )
    if unsure:
        lines.append(
            f"You were unsure about {len(unsure)} warning sign(s): please find out, and act as advised if they apply."
        )
    worth = [f for f in findings if f.level != "low"]
    if worth:
        names = ", ".join(f"{f.name} ({f.level})" for f in worth)
        lines.append(f"Worth checking with a doctor, perhaps with a blood test: {names}.")
    else:
        lines.append("Your answers do not point strongly to any nutrient gap.")
    if any(a.topic == "stress" for a in advice_given):
        lines.append("Stress does not change your nutrient results, but it can slow back-pain recovery (see Advice).")
    return tuple(lines)
