"""One nutrient's finding: score and reasons, target, upper limit, foods and cautions."""

from __future__ import annotations

from collections.abc import Iterable

from nutri_tui.content import Content
from nutri_tui.engine.profile import Profile
from nutri_tui.models.answers import Answers, field_value
from nutri_tui.models.assessment import (
    Caution,
    FoodSuggestion,
    NutrientFinding,
    Reason,
    Target,
    TestInfo,
    UpperLimitOut,
)
from nutri_tui.models.content import Interaction, Nutrient, When

UL_SCOPE = {
    "all_sources": "from food and supplements together",
    "supplements_and_medicines": "from supplements and medicines only (food does not count)",
    "folic_acid": "as folic acid from supplements and fortified foods (food folate does not count)",
}


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


def _number(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def nutrient_finding(nutrient: Nutrient, answers: Answers, profile: Profile, content: Content) -> NutrientFinding:
    rules = content.rules
    taken = sum(s.amount for s in answers.health.supplements if s.nutrient == nutrient.id)
    target = _target(nutrient, profile)
    covered = taken > 0 and taken >= rules.supplement_covers.get(nutrient.id, target.amount)
    interactions = tuple(_matched_interactions(nutrient, profile))

    reasons: list[Reason] = []
    for rule in rules.nutrient_rule:
        if rule.nutrient != nutrient.id or not all(t.holds(field_value(answers, t.field)) for t in rule.when):
            continue
        weight, text = rule.weight, rule.text
        if rule.offset_by_supplement and covered:
            weight *= rules.supplement_factor
            text += (
                f" You already take {_number(taken)} {nutrient.unit} a day as a supplement, so this counts for less."
            )
        reasons.append(
            Reason(
                text=text,
                answer=describe(rule.when, answers),
                weight=round(weight, 2),
                sources=rule.sources,
                unverified=rule.unverified,
            )
        )
    for interaction, label, answer in interactions:
        if interaction.effect == "depletes":
            reasons.append(
                Reason(
                    text=f"{label}: {lower_first(interaction.text)}",
                    answer=answer,
                    weight=getattr(rules.depleting_interaction, interaction.severity),
                    sources=interaction.sources,
                    unverified=interaction.unverified,
                )
            )
    for symptom_id in answers.health.symptoms:
        symptom = content.symptoms[symptom_id]
        if nutrient.id in symptom.nutrients:
            other = f" {symptom.note}" if symptom.note else ""
            cause = f"You reported {lower_first(symptom.name)}, which low {lower_first(nutrient.name)} may cause."
            reasons.append(
                Reason(
                    text=cause + other,
                    answer=f"health.symptoms = {symptom_id}",
                    weight=rules.symptom_weight,
                    sources=symptom.sources,
                    unverified=symptom.unverified,
                )
            )

    score = round(sum(r.weight for r in reasons), 2)
    level = "high" if score >= rules.levels.high else "moderate" if score >= rules.levels.moderate else "low"
    upper = _upper_limit(nutrient, profile, taken)
    foods, skipped = _foods(nutrient, answers, profile, target, upper) if level != "low" else ((), [])
    cautions = _cautions(nutrient, upper, taken, interactions, skipped)
    finding_sources = {s for r in reasons for s in r.sources} | {s for c in cautions for s in c.sources}
    finding_sources |= {s for f in foods for s in f.sources}
    finding_sources |= set(nutrient.targets.sources) | set(nutrient.upper_limit.sources) | set(nutrient.test.sources)
    return NutrientFinding(
        id=nutrient.id,
        name=nutrient.name,
        level=level,
        score=score,
        reasons=tuple(sorted(reasons, key=lambda r: -r.weight)),
        target=target,
        upper_limit=upper,
        upper_limit_note=nutrient.upper_limit.note,
        foods=foods,
        cautions=cautions,
        tests=(
            TestInfo(
                name=nutrient.test.name,
                shows=nutrient.test.shows,
                limits=nutrient.test.limits,
                usefulness=nutrient.test.usefulness,
                sources=nutrient.test.sources,
            ),
        ),
        doctor_first=any(i.severity == "doctor_first" for i, _, _ in interactions),
        sources=tuple(sorted(finding_sources)),
    )


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


def _matched_interactions(nutrient: Nutrient, profile: Profile) -> Iterable[tuple[Interaction, str, str]]:
    """The nutrient's interactions with this person's medicines and conditions, with wording and cause."""
    taken = {m.id: m for m in profile.medicines}
    for interaction in nutrient.interactions:
        if interaction.medicine in taken:
            medicine = taken[interaction.medicine]
            content_short = _short_for(interaction.medicine, nutrient)
            label = (
                f"You take {medicine.said_as} ({content_short})" if medicine.said_as else f"You take {content_short}"
            )
            yield interaction, label, f"health.medicines = {medicine.said_as or medicine.id}"
        elif interaction.condition in profile.conditions:
            cause = profile.conditions[interaction.condition]
            answer = cause if "=" in cause else f"{cause} = {interaction.condition}"
            yield interaction, f"You reported {_condition_name(interaction.condition)}", answer


# Set by assess() before findings are built; avoids threading Content through every helper.
_NAMES: dict[str, dict[str, str]] = {"medicine": {}, "condition": {}}


def remember_names(content: Content) -> None:
    if not _NAMES["medicine"]:
        _NAMES["medicine"] = {m.id: m.short for m in content.medicines.values()}
        _NAMES["condition"] = {c.id: c.name for c in content.conditions.values()}


def _short_for(medicine_id: str | None, nutrient: Nutrient) -> str:
    return _NAMES["medicine"].get(medicine_id or "", medicine_id or "")


def _condition_name(condition_id: str | None) -> str:
    return lower_first(_NAMES["condition"].get(condition_id or "", condition_id or ""))


def _foods(
    nutrient: Nutrient, answers: Answers, profile: Profile, target: Target, upper: UpperLimitOut | None
) -> tuple[tuple[FoodSuggestion, ...], list[str]]:
    allergies = set(answers.about.allergies)
    suggestions: list[FoodSuggestion] = []
    skipped: list[str] = []
    for food in nutrient.foods:
        if not food.fits(profile.diet) or allergies.intersection(food.allergens):
            continue
        if upper and upper.applies_to == "all_sources" and food.amount > upper.amount:
            skipped.append(
                f"{food.name} is left out of the suggestions: one serving ({food.serving}) has "
                f"{_number(food.amount)} {nutrient.unit}, above your upper limit of {_number(upper.amount)}."
            )
            continue
        counts = not nutrient.targets.form or food.form == nutrient.targets.form
        servings = round(target.amount / food.amount, 1) if counts and food.amount > 0 else None
        suggestions.append(
            FoodSuggestion(
                id=food.id,
                name=food.name,
                serving=food.serving,
                amount=food.amount,
                unit=food.unit,
                dv_percent=food.dv_percent,
                form=food.form,
                servings_to_target=servings,
                sources=food.sources,
            )
        )
    suggestions.sort(key=lambda f: -f.amount)
    return tuple(suggestions), skipped


def _cautions(
    nutrient: Nutrient,
    upper: UpperLimitOut | None,
    taken: float,
    interactions: tuple[tuple[Interaction, str, str], ...],
    skipped: list[str],
) -> tuple[Caution, ...]:
    cautions: list[Caution] = []
    limit_sources = nutrient.upper_limit.sources
    if upper is None:
        cautions.append(
            Caution(text=nutrient.upper_limit.note, about="upper_limit", severity="info", sources=limit_sources)
        )
    else:
        text = f"Upper limit for you: {_number(upper.amount)} {upper.unit} a day {UL_SCOPE[upper.applies_to]}."
        severity = "info"
        if taken > upper.amount:
            text += (
                f" You take {_number(taken)} {upper.unit} a day in supplements, which is above it:"
                " please talk to a doctor or pharmacist before taking more."
            )
            severity = "doctor_first"
        elif taken > 0:
            text += (
                f" You already take {_number(taken)} {upper.unit} a day, so any further supplement must stay"
                f" under {_number(upper.supplement_room)} {upper.unit}."
            )
        cautions.append(Caution(text=text, about="upper_limit", severity=severity, sources=limit_sources))
    for interaction, label, _answer in interactions:
        about = f"medicine:{interaction.medicine}" if interaction.medicine else f"condition:{interaction.condition}"
        cautions.append(
            Caution(
                text=f"{label}: {lower_first(interaction.text)} {interaction.advice}",
                about=about,
                severity=interaction.severity,
                sources=interaction.sources,
            )
        )
    for text in skipped:
        cautions.append(Caution(text=text, about="food", severity="caution", sources=limit_sources))
    order = {"doctor_first": 0, "caution": 1, "info": 2}
    return tuple(sorted(cautions, key=lambda c: (order[c.severity], c.about != "upper_limit")))
