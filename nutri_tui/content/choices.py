"""The medicines a person can tick, and the words that find each one (generic, class and brand names).

Headless, so the wizard and any other front end build the same list. One medicine is one row: a class
gets an "Other" row only when none of its listed names is the class itself (ticking "metformin" once
ticked "Other: Metformin" too). A brand name finds the row of the generic it contains; a combination
product (co-codamol: codeine and paracetamol) is a row of its own, since it belongs to two classes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from nutri_tui.content import Content


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
