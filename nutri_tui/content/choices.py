"""The wizard's lists that come from the knowledge base: medicines (with the words that find each one:
generic, class and brand names), conditions, symptoms and the supplements one can give an amount of.

Headless, so the wizard and any other front end build the same lists. One medicine is one row: a class
gets an "Other" row only when none of its listed names is the class itself (ticking "metformin" once
ticked "Other: Metformin" too). A brand name finds the row of the generic it contains; a combination
product (co-codamol: codeine and paracetamol) is a row of its own, since it belongs to two classes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from nutri_tui.content import Content
from nutri_tui.content.supplements import supplement_unit


class MedicineChoice(NamedTuple):
    value: str
    """What the answers store: a generic name, a combination's name or a class id."""
    label: str
    search: str
    """Every word that should find the row, brand names included."""


def medicine_choices(content: Content) -> list[MedicineChoice]:
    brands: dict[str, list[str]] = {}
    combinations: list[MedicineChoice] = []
    for entry in content.medicine_names.values():
        if len(entry.classes) > 1:
            shorts = " and ".join(content.medicines[c].short for c in entry.classes)
            label = f"{entry.name} ({entry.generic}: {shorts})"
            combinations.append(MedicineChoice(entry.name, label, f"{entry.name} {entry.generic} {shorts}"))
            continue
        medicine = content.medicines[entry.classes[0]]
        words = set(re.findall(r"[\w-]+", entry.generic.casefold()))  # "omeprazole" is not in "esomeprazole"
        example = next((e for e in medicine.examples if e.casefold() in words), medicine.id)
        brands.setdefault(example.casefold(), []).append(entry.name)
    choices: list[MedicineChoice] = []
    for medicine in content.medicines.values():
        kind, short = medicine.name, medicine.short
        for example in medicine.examples:
            shown = example if example.casefold() == short.casefold() else f"{example} ({short})"
            also = " ".join(brands.get(example.casefold(), ()))
            choices.append(MedicineChoice(example, shown, f"{example} {kind} {short} {also}".strip()))
        if all(e.casefold() != medicine.id.casefold() for e in medicine.examples):
            also = " ".join(brands.get(medicine.id, ()))
            choices.append(MedicineChoice(medicine.id, f"Other: {kind}", f"{kind} {short} other {also}".strip()))
    return choices + combinations


class ListChoice(NamedTuple):
    value: str
    label: str
    search: str


ASKED_ELSEWHERE = frozenset({"pregnancy", "breastfeeding", "alcohol_use"})
"""Conditions the wizard asks about in their own questions (pregnancy, drinking), so not listed with the rest."""


def condition_choices(content: Content) -> list[ListChoice]:
    return [
        ListChoice(c.id, c.name, f"{c.name} {c.id.replace('_', ' ')}")
        for c in content.conditions.values()
        if c.id not in ASKED_ELSEWHERE
    ]


def symptom_choices(content: Content) -> list[ListChoice]:
    return [
        ListChoice(s.id, s.name + (" (muscles, bones or nerves)" if s.musculoskeletal else ""), s.name)
        for s in content.symptoms.values()
    ]


def list_choices(kind: str, content: Content) -> list[MedicineChoice] | list[ListChoice]:
    """The rows of a list question whose items come from the knowledge base (``kind`` as in the questionnaire)."""
    if kind == "medicines":
        return medicine_choices(content)
    if kind == "conditions":
        return condition_choices(content)
    if kind == "symptoms":
        return symptom_choices(content)
    raise ValueError(f"no list of {kind!r} in the knowledge base")


def supplement_kinds(content: Content) -> list[tuple[str, str]]:
    """(id, name) of everything asked as a supplement: the ten nutrients, then the topics one can take."""
    nutrients = [(n.id, n.name) for n in content.nutrients.values()]
    return nutrients + [(t.id, t.name) for t in content.topics.values() if t.supplement_unit]


def supplement_form_choices(nutrient_id: str, content: Content) -> dict[str, str]:
    """The ways a pack may give this nutrient's amount: its own unit first (value ""), then the content's forms."""
    own = supplement_unit(nutrient_id, content)
    forms = {"": f"{own}{' (elemental, from the label)' if own == 'mg' else ''}"}
    for form in content.supplement_forms.values():
        if form.nutrient == nutrient_id:
            forms[form.id] = f"{form.entered_in} of {form.name}" if form.entered_in != "IU" else "IU"
    return forms
