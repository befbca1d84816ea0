"""One nutrient's finding: score and reasons, target, upper limit, foods and cautions.

Food suggestions are cached per (food, target amount) in the content index: they
are the bulk of a result, and building them once keeps ``assess`` well under a
millisecond (see benchmarks/bench_assess.py). Plain model constructors are used
on purpose: in pydantic 2 they are faster than ``model_construct``.
"""

from __future__ import annotations

from collections.abc import Iterable

from nutri_tui.content import Content
from nutri_tui.engine.index import ContentIndex
from nutri_tui.engine.profile import Profile
from nutri_tui.labels import number
from nutri_tui.models.answers import Answers, field_value
from nutri_tui.models.assessment import (
    Caution,
    FoodSuggestion,
    NutrientFinding,
    Reason,
    Target,
    UpperLimitOut,
)
from nutri_tui.models.content import Interaction, Nutrient, When

UL_SCOPE = {
    "all_sources": "from food and supplements together",
    "supplements_and_medicines": "from supplements and medicines only (food does not count)",
    "folic_acid": "as folic acid from supplements and fortified foods (food folate does not count)",
}
SEVERITY_ORDER = {"doctor_first": 0, "caution": 1, "info": 2}

Matched = tuple[Interaction, str, str]
"""An interaction that applies to this person, how to name its cause, and the answer behind it."""


def describe(tests: Iterable[When], answers: Answers) -> str:
    """The answers a rule looked at, as ``field = value`` pairs."""
    return "; ".join(f"{t.field} = {_format(field_value(answers, t.field))}" for t in tests)


def _format(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "none"
    return str(value)


def lower_first(text: str) -> str:
    """Lower-case the first letter for use mid-sentence, leaving acronyms (PPIs) and names (B12) alone."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def holds(tests: Iterable[When], answers: Answers) -> bool:
    return all(t.holds(field_value(answers, t.field)) for t in tests)


def nutrient_finding(
    nutrient: Nutrient, answers: Answers, profile: Profile, content: Content, index: ContentIndex
) -> NutrientFinding:
    rules = content.rules
    taken = sum(s.amount for s in answers.health.supplements if s.nutrient == nutrient.id)
    target = _target(nutrient, profile)
    in_target_unit = taken * rules.supplement_to_target_unit.get(nutrient.id, 1.0)
    covered = taken > 0 and in_target_unit >= rules.supplement_covers.get(nutrient.id, target.amount)
    interactions = _matched_interactions(nutrient, profile, index)

    reasons: list[Reason] = []
    for rule in index.rules_by_nutrient[nutrient.id]:
        if not holds(rule.when, answers):
            continue
        weight, text = rule.weight, rule.text
        if rule.offset_by_supplement and covered:
            weight *= rules.supplement_factor
            text += f" You already take {number(taken)} {nutrient.unit} a day as a supplement, so this counts for less."
        reasons.append(_reason(text, describe(rule.when, answers), weight, rule.sources, rule.unverified))
    for interaction, label, answer in interactions:
        if interaction.effect == "depletes":
            weight = getattr(rules.depleting_interaction, interaction.severity)
            text = f"{label}: {lower_first(interaction.text)}"
            reasons.append(_reason(text, answer, weight, interaction.sources, interaction.unverified))
    for symptom_id in answers.health.symptoms:
        symptom = content.symptoms[symptom_id]
        if nutrient.id in symptom.nutrients:
            text = f"You reported {lower_first(symptom.name)}, which low {lower_first(nutrient.name)} may cause."
            if symptom.note:
                text += f" {symptom.note}"
            answer = f"health.symptoms = {symptom_id}"
            reasons.append(_reason(text, answer, rules.symptom_weight, symptom.sources, symptom.unverified))

    score = round(sum(r.weight for r in reasons), 2)
    level = "high" if score >= rules.levels.high else "moderate" if score >= rules.levels.moderate else "low"
    upper = _upper_limit(nutrient, profile, taken)
    foods, skipped = _foods(nutrient, answers, profile, target, upper, index) if level != "low" else ((), [])
    cautions = _cautions(nutrient, upper, taken, interactions, skipped)
    cited = set(index.static_sources[nutrient.id])
    for group in (reasons, cautions, foods):
        for item in group:
            cited.update(item.sources)
    reasons.sort(key=lambda r: -r.weight)
    return NutrientFinding(
        id=nutrient.id,
        name=nutrient.name,
        level=level,
        score=score,
        reasons=tuple(reasons),
        target=target,
        upper_limit=upper,
        upper_limit_note=nutrient.upper_limit.note,
        foods=foods,
        cautions=cautions,
        tests=index.tests[nutrient.id],
        doctor_first=any(i.severity == "doctor_first" for i, _, _ in interactions),
        sources=tuple(sorted(cited)),
    )


def _reason(text: str, answer: str, weight: float, sources: tuple[str, ...], unverified: bool) -> Reason:
    return Reason(text=text, answer=answer, weight=round(weight, 2), sources=sources, unverified=unverified)


def _target(nutrient: Nutrient, profile: Profile) -> Target:
    values = [nutrient.targets.values[stage] for stage in profile.stages]  # type: ignore[index]
    high, low = max(values), min(values)
    return Target(
        amount=high,
        unit=nutrient.unit,
        kind=nutrient.targets.kind,
        low=low if low != high else None,
        life_stage=profile.stages[0] if len(profile.stages) == 1 else f"adult_{profile.age_band}",
    )


def _upper_limit(nutrient: Nutrient, profile: Profile, taken: float) -> UpperLimitOut | None:
    limit = nutrient.upper_limit
    if limit.applies_to == "none_set":
        return None
    amount = limit.values[profile.age_band]  # type: ignore[index]
    return UpperLimitOut(
        amount=amount,
        unit=nutrient.unit if limit.applies_to != "folic_acid" else "mcg",
        applies_to=limit.applies_to,
        note=limit.note,
        already_taken=taken,
        supplement_room=max(0.0, amount - taken),
    )


def _matched_interactions(nutrient: Nutrient, profile: Profile, index: ContentIndex) -> tuple[Matched, ...]:
    """The nutrient's interactions with this person's medicines and conditions."""
    if not profile.medicines and not profile.conditions:
        return ()
    taken = {m.id: m for m in profile.medicines}
    matched: list[Matched] = []
    for interaction in nutrient.interactions:
        if interaction.medicine in taken:
            medicine = taken[interaction.medicine]
            short = index.medicine_short[medicine.id]
            label = f"You take {medicine.said_as} ({short})" if medicine.said_as else f"You take {short}"
            matched.append((interaction, label, f"health.medicines = {medicine.said_as or medicine.id}"))
        elif interaction.condition in profile.conditions:
            cause = profile.conditions[interaction.condition]
            answer = cause if "=" in cause else f"{cause} = {interaction.condition}"
            label = f"You reported {lower_first(index.condition_name[interaction.condition])}"
            matched.append((interaction, label, answer))
    return tuple(matched)


def _foods(
    nutrient: Nutrient,
    answers: Answers,
    profile: Profile,
    target: Target,
    upper: UpperLimitOut | None,
    index: ContentIndex,
) -> tuple[tuple[FoodSuggestion, ...], list[str]]:
    """Foods that fit the diet and allergies, richest first; any whose one serving passes the UL left out."""
    allergies = set(answers.about.allergies)
    suggestions: list[FoodSuggestion] = []
    skipped: list[str] = []
    for food in index.foods_for_diet[(nutrient.id, profile.diet)]:
        if allergies and allergies.intersection(food.allergens):
            continue
        if upper and upper.applies_to == "all_sources" and food.amount > upper.amount:
            skipped.append(
                f"{food.name} is left out of the suggestions: one serving ({food.serving}) has "
                f"{number(food.amount)} {nutrient.unit}, above your upper limit of {number(upper.amount)}."
            )
            continue
        suggestions.append(index.food_suggestion(nutrient, food, target.amount))
    return tuple(suggestions), skipped


def _cautions(
    nutrient: Nutrient,
    upper: UpperLimitOut | None,
    taken: float,
    interactions: tuple[Matched, ...],
    skipped: list[str],
) -> tuple[Caution, ...]:
    cautions: list[Caution] = []
    limit_sources = nutrient.upper_limit.sources
    if upper is None:
        cautions.append(_caution(nutrient.upper_limit.note, "upper_limit", "info", limit_sources))
    else:
        text = f"Upper limit for you: {number(upper.amount)} {upper.unit} a day {UL_SCOPE[upper.applies_to]}."
        severity = "info"
        if taken > upper.amount:
            text += (
                f" You take {number(taken)} {upper.unit} a day in supplements, which is above it:"
                " please talk to a doctor or pharmacist before taking more."
            )
            severity = "doctor_first"
        elif taken > 0:
            text += (
                f" You already take {number(taken)} {upper.unit} a day, so any further supplement must stay"
                f" under {number(upper.supplement_room)} {upper.unit}."
            )
        cautions.append(_caution(text, "upper_limit", severity, limit_sources))
    for interaction, label, _answer in interactions:
        about = f"medicine:{interaction.medicine}" if interaction.medicine else f"condition:{interaction.condition}"
        text = f"{label}: {lower_first(interaction.text)} {interaction.advice}"
        cautions.append(_caution(text, about, interaction.severity, interaction.sources))
    cautions.extend(_caution(text, "food", "caution", limit_sources) for text in skipped)
    cautions.sort(key=lambda c: (SEVERITY_ORDER[c.severity], c.about != "upper_limit"))
    return tuple(cautions)


def _caution(text: str, about: str, severity: str, sources: tuple[str, ...]) -> Caution:
    return Caution(text=text, about=about, severity=severity, sources=sources)
