"""The result's Supplement cautions tab: general cautions, the food rules that apply, the person's medicines and
conditions with their notes, the cautions for their medicines, conditions and supplements, the supplements as
counted, and each nutrient's own cautions where it is worth checking or has a caution for this person."""

from __future__ import annotations

from collections.abc import Iterator

from textual.widgets import Static

from nutri_tui.models.assessment import Assessment
from nutri_tui.reports.citations import Citations
from nutri_tui.reports.phrases import PERSONAL_CAUTIONS, SEVERITY_WORD, UNCONFIRMED, personal_cautions
from nutri_tui.reports.result_text import target_text
from nutri_tui.text import number


def cautions_pane(result: Assessment, cite: Citations) -> Iterator[Static]:
    for caution in result.general_cautions:
        yield Static(caution.text, classes="note", markup=False)
    for caution in result.food_cautions:
        yield Static(f"{SEVERITY_WORD[caution.severity]}: {caution.text}", classes="caution caution", markup=False)
    for title, items in (("Your medicines", result.medicines), ("Your conditions", result.conditions)):
        noted = [item for item in items if item.note]
        if noted:
            yield Static(title, classes="heading", markup=False)
        for item in noted:
            said = f"{item.said_as} ({item.name})" if item.said_as and "=" not in item.said_as else item.name
            mark = UNCONFIRMED if item.unverified else ""
            yield Static(f"{said}: {item.note}{mark}{cite.after(item.sources)}", markup=False)
            if item.back_pain_note:
                yield Static(f"  For back pain: {item.back_pain_note}", classes="muted", markup=False)
    personal = (*result.medicine_cautions, *result.supplement_cautions)
    if personal:
        yield Static(PERSONAL_CAUTIONS, classes="heading", markup=False)
    for caution in personal:
        yield Static(
            f"{SEVERITY_WORD[caution.severity]}: {caution.text}{cite.after(caution.sources)}",
            classes=f"caution {caution.severity}",
            markup=False,
        )
    if result.supplements:
        yield Static("Your supplements, as counted", classes="heading", markup=False)
        names = {f.id: f.name for f in result.nutrients}
        for item in result.supplements:
            assumed = " (a typical figure for this kind of product: the label gives yours)" if item.assumed else ""
            name = item.name or names.get(item.nutrient, item.nutrient)
            yield Static(f"{name}: {item.entered} = {number(item.amount)} {item.unit} a day{assumed}", markup=False)
    for finding in result.nutrients:
        personal = personal_cautions(finding)
        if finding.level == "low" and not personal:
            continue
        yield Static(f"{finding.name}: target {target_text(finding)}", classes="heading", markup=False)
        for caution in finding.cautions:
            yield Static(
                f"{SEVERITY_WORD[caution.severity]}: {caution.text}{cite.after(caution.sources)}",
                classes=f"caution {caution.severity}",
                markup=False,
            )
