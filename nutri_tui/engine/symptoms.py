"""What a reported symptom adds to a result, built once per content: a reason for each nutrient it may
point to (with its other common causes), and, said once, when it needs urgent help."""

from __future__ import annotations

from nutri_tui.content import Content
from nutri_tui.engine.sources import SourceMasks
from nutri_tui.engine.wording import lower_first
from nutri_tui.models.assessment import Caution, Reason


def symptom_reasons(content: Content, masks: SourceMasks) -> dict[str, tuple[tuple[str, Reason, int], ...]]:
    weight = round(content.rules.symptom_weight, 2)
    reasons: dict[str, tuple[tuple[str, Reason, int], ...]] = {}
    for symptom in content.symptoms.values():
        mask = masks.of(symptom.sources)
        given: list[tuple[str, Reason, int]] = []
        for nutrient in content.nutrients.values():
            if nutrient.id not in symptom.nutrients:
                continue
            text = f"You reported {lower_first(symptom.name)}, which low {lower_first(nutrient.name)} may cause."
            if symptom.note:
                text += f" {symptom.note}"
            reason = Reason(
                text=text,
                answer=f"health.symptoms = {symptom.id}",
                weight=weight,
                sources=symptom.sources,
                unverified=symptom.unverified,
            )
            given.append((nutrient.id, reason, mask))
        reasons[symptom.id] = tuple(given)
    return reasons


def symptom_warnings(content: Content, masks: SourceMasks) -> dict[str, tuple[Caution, int]]:
    """Symptom id -> when it needs urgent help (a caution said once, with the safety net) and its sources."""
    return {
        symptom.id: (
            Caution(
                text=f"{symptom.name}: {symptom.warning}",
                about=f"symptom:{symptom.id}",
                severity="caution",
                sources=symptom.sources,
            ),
            masks.of(symptom.sources),
        )
        for symptom in content.symptoms.values()
        if symptom.warning
    }
