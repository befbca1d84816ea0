"""The wizard's lists that come from the knowledge base: medicines (with the words that find each one:
generic, class and brand names), conditions, symptoms and the supplements one can give an amount of.

Headless, so the wizard and any other front end build the same lists.

One medicine is one row, so ticking it once counts it once:
- a class gets an "Other" row only when none of its listed names is the class itself (ticking "metformin"
  once ticked "Other: Metformin" too);
- a brand name finds the row of the generic it names, read as whole words, the longest name first
  ("Milk of Magnesia: magnesium hydroxide" is the magnesium hydroxide row, not "Other: Antacids ...";
  "omeprazole" is not in "esomeprazole");
- a salt or form of a listed medicine is found by that medicine's row ("lithium carbonate" by "lithium");
- a combination product (co-codamol: codeine and paracetamol) is a row of its own, since it belongs to two
  classes, and its brands (Solpadol, Kapake ...) find that row instead of being eight more rows of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from nutri_tui.content import Content
from nutri_tui.content.supplements import supplement_unit


class MedicineChoice(NamedTuple):
    value: str
    """What the answers store: a generic name, a combination's name or a class id."""
    label: str
    search: str
    """Every word that should find the row, brand names included."""


def _named(name: str, text: str) -> bool:
    """Whether ``name`` is in ``text`` as whole words ("omeprazole" is not in "esomeprazole")."""
    return re.search(rf"(?<![\w-]){re.escape(name.casefold())}(?![\w-])", text.casefold()) is not None


def _longest_named(names: Iterable[str], text: str) -> str | None:
    found = [name for name in names if _named(name, text)]
    return max(found, key=len) if found else None


def _without_aside(text: str) -> str:
    """A generic without the words in brackets at its end: "codeine and paracetamol (co-codamol)"."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", text).casefold()


def _needs_other_row(class_id: str, examples: Iterable[str]) -> bool:
    """An "Other" row (a medicine of the class not listed by name), unless the class id is a listed name: then
    both rows would hold the same value, and ticking one ticks the other ("metformin", "Other: Metformin")."""
    return all(example.casefold() != class_id.casefold() for example in examples)


_ROWS: tuple[Content, tuple[list[MedicineChoice], dict[str, str]]] | None = None
"""The rows of the content last asked about: it is immutable, and each medicine typed (in the wizard's step and
in plain mode) asked for the whole table again, about 2.7 ms each time. One slot: a process has one content."""


def _medicine_rows(content: Content) -> tuple[list[MedicineChoice], dict[str, str]]:
    """The rows, and the row (its value) that each accepted answer is ticked as, by the answer casefolded."""
    global _ROWS
    if _ROWS is None or _ROWS[0] is not content:
        _ROWS = (content, _build_medicine_rows(content))
    return _ROWS[1]


def _build_medicine_rows(content: Content) -> tuple[list[MedicineChoice], dict[str, str]]:
    row_of: dict[str, str] = {}
    also: dict[str, list[str]] = {}  # a row's value -> more words that find it (brands, salts)
    combinations: dict[tuple[tuple[str, ...], str], list] = {}
    for medicine in content.medicines.values():
        for example in medicine.examples:
            # A salt or form of another listed name ("lithium carbonate") is that medicine's row.
            others = [e for e in medicine.examples if e != example]
            parent = min((e for e in others if _named(e, example)), key=len, default=None)
            row_of[example.casefold()] = parent or example
            if parent:
                also.setdefault(parent, []).append(example)
        if _needs_other_row(medicine.id, medicine.examples):
            row_of[medicine.id.casefold()] = medicine.id
    for entry in content.medicine_names.values():
        if len(entry.classes) > 1:
            combinations.setdefault((entry.classes, _without_aside(entry.generic)), []).append(entry)
            continue
        medicine = content.medicines[entry.classes[0]]
        example = _longest_named(medicine.examples, entry.generic)
        row = row_of[example.casefold()] if example else row_of[medicine.id.casefold()]
        row_of[entry.name.casefold()] = row
        also.setdefault(row, []).append(entry.name)
    choices: list[MedicineChoice] = []
    for medicine in content.medicines.values():
        kind, short = medicine.name, medicine.short
        for example in medicine.examples:
            if row_of[example.casefold()] != example:
                continue  # found by the row of the medicine it is a form of
            shown = example if example.casefold() == short.casefold() else f"{example} ({short})"
            words = " ".join(also.get(example, ()))
            choices.append(MedicineChoice(example, shown, f"{example} {kind} {short} {words}".strip()))
        if _needs_other_row(medicine.id, medicine.examples):
            words = " ".join(also.get(medicine.id, ()))
            choices.append(MedicineChoice(medicine.id, f"Other: {kind}", f"{kind} {short} other {words}".strip()))
    for group in combinations.values():
        # The row is named by the combination's own name (co-codamol), its brands find it.
        first = next((e for e in group if _without_aside(e.generic) == e.generic.casefold()), group[0])
        shorts = " and ".join(content.medicines[c].short for c in first.classes)
        names = " ".join(e.name for e in group)
        label = f"{first.name} ({first.generic}: {shorts})"
        choices.append(MedicineChoice(first.name, label, f"{names} {first.generic} {shorts}"))
        for entry in group:
            row_of[entry.name.casefold()] = first.name
    return choices, row_of


def medicine_choices(content: Content) -> list[MedicineChoice]:
    return list(_medicine_rows(content)[0])  # a copy: the kept rows are never changed by a caller


def medicine_rows(answers: Iterable[str], content: Content) -> list[str]:
    """Medicine answers as the rows that tick them, once each: an answers file may name a brand ("Losec"),
    a salt or a class id, and the wizard shows it as the row found by that word (as given if none)."""
    row_of = _medicine_rows(content)[1]
    return list(dict.fromkeys(row_of.get(answer.casefold(), answer) for answer in answers))


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
