"""Answers in plain words, step by step: for the review screen and reports."""

from __future__ import annotations

from typing import Any

from nutri_tui.content import Content
from nutri_tui.content.supplements import supplement_name, supplement_unit
from nutri_tui.labels import CHOICES, DIET_FIELDS, label

NOT_ANSWERED = "not answered"


def _value(key: str, section: dict[str, Any], field: str) -> str:
    return label(key, section[field]) if field in section else NOT_ANSWERED


def _listed(values: list[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(v, v) for v in values) if values else "none"


def _supplement(given: dict[str, Any], content: Content) -> str:
    """A supplement as the person gave it: "Vitamin D 1,000 IU", "Iron 200 mg of ferrous sulfate, dried (...)"."""
    nutrient_id = given["nutrient"]
    name = supplement_name(nutrient_id, content)
    form = content.supplement_forms.get(str(given.get("form") or ""))
    amount = f"{given.get('amount', 0):g}" if isinstance(given.get("amount"), int | float) else "?"
    if form is None:
        return f"{name} {amount} {supplement_unit(nutrient_id, content)}"
    if form.entered_in == "IU":
        return f"{name} {amount} IU"
    return f"{name} {amount} {form.entered_in} of {form.name}"


def summarise(sections: dict[str, Any], content: Content) -> dict[str, list[str]]:
    """One list of ``Question: answer`` lines per wizard step id."""
    about = sections.get("about", {})
    sun = sections.get("sun", {})
    diet = sections.get("diet", {})
    life = sections.get("lifestyle", {})
    health = sections.get("health", {})
    pain = sections.get("back_pain", {})
    age = about.get("age")
    drinks = diet.get("alcohol_drinks_per_week")
    caffeine = diet.get("caffeine_cups_per_day")
    supplements = [
        _supplement(s, content)
        for s in health.get("supplements", ())
        if isinstance(s, dict) and (s.get("nutrient") in content.nutrients or s.get("nutrient") in content.topics)
    ]
    areas = pain.get("areas", [])
    flags = pain.get("red_flags", {})
    said_yes = [content.red_flags[k].question for k, v in flags.items() if v == "yes" and k in content.red_flags]
    unsure = sum(1 for v in flags.values() if v == "dont_know")
    return {
        "about": [
            f"Age: {age if age is not None else 'prefer not to say'}",
            f"Sex: {_value('about.sex', about, 'sex')}",
            f"Pregnant, breastfeeding or trying: {_value('about.pregnancy', about, 'pregnancy')}",
            f"Diet: {_value('about.diet', about, 'diet')}",
            f"Food allergies: {_listed(about.get('allergies', []), CHOICES['allergen'])}",
        ],
        "sun": [
            f"Outdoors uncovered a day: {_value('sun.outdoor_minutes', sun, 'outdoor_minutes')}",
            f"Covering clothes: {_value('sun.covering_clothing', sun, 'covering_clothing')}",
            f"Sunscreen: {_value('sun.sunscreen', sun, 'sunscreen')}",
            f"Skin tone: {_value('sun.skin_tone', sun, 'skin_tone')}",
            f"Season: {_value('sun.season', sun, 'season')}",
            f"Far from the equator: {_value('sun.far_from_equator', sun, 'far_from_equator')}",
            f"Housebound: {label('', bool(sun.get('housebound', False)))}",
        ],
        "diet": [f"{name}: {_value('frequency', diet, field)}" for field, name in DIET_FIELDS.items()]
        + [
            f"Alcoholic drinks a week: {drinks if drinks is not None else 'prefer not to say'}",
            f"Caffeinated drinks a day: {caffeine if caffeine is not None else 'not answered'}",
        ],
        "lifestyle": [
            f"Stress: {_value('lifestyle.stress', life, 'stress')}",
            f"Sleep: {_value('lifestyle.sleep', life, 'sleep')}",
            f"Smoking: {_value('lifestyle.smoking', life, 'smoking')}",
            f"Activity a week: {_value('lifestyle.activity', life, 'activity')}",
        ],
        "medicines": [
            f"Medicines: {_listed(health.get('medicines', []), {m.id: m.name for m in content.medicines.values()})}",
            f"Conditions: {_listed(health.get('conditions', []), {c.id: c.name for c in content.conditions.values()})}",
            f"Supplements: {', '.join(supplements) if supplements else 'none'}",
        ],
        "symptoms": [
            f"Symptoms: {_listed(health.get('symptoms', []), {s.id: s.name for s in content.symptoms.values()})}"
        ],
        "back_pain": [
            f"Where: {_listed(areas, CHOICES['back_pain.areas']) if areas else 'no pain now'}",
            f"Into the legs: {_value('back_pain.leg_spread', pain, 'leg_spread')}",
            f"How long: {_value('back_pain.duration', pain, 'duration')}",
            f"Pain score: {pain.get('intensity', NOT_ANSWERED)}",
            f"Started with: {_value('back_pain.cause', pain, 'cause')}",
            f"Warning signs answered yes: {len(said_yes)}; not sure: {unsure}",
            *[f"  ‼ {question}" for question in said_yes],
        ],
    }
