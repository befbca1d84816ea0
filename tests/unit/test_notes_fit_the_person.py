"""A nutrient's notes speak to the person reading them: none about a food they cannot eat or a medicine they
do not take (content 1.6.8), across ``--json``, ``assess`` text and the report.

The notes are facts (oysters hold the most zinc; statins do not lower vitamin D). Shown to everyone, a vegan
read about canned salmon three times over and a 28-year-old about what to do after 50: a fact sheet, not a
result. The persona tests in ``test_content_reaches_people.py`` show each note reaches the people it is for;
these show it stays away from the others.
"""

from __future__ import annotations

import re

import pytest

from nutri_tui.content import load_content
from tests.outputs import outputs

CONTENT = load_content()
FLAGS_EVERYTHING = {
    "sun": {"outdoor_minutes": "under_15", "covering_clothing": "yes", "season": "winter", "far_from_equator": "yes"},
    "diet": {"oily_fish": "never", "dairy_or_fortified": "never", "legumes": "never", "whole_grains": "never"},
    "health": {
        "conditions": ["coeliac_disease", "chronic_diarrhoea"],
        "symptoms": ["fatigue", "hair_loss", "dry_scaly_skin", "frequent_infections"],
    },
}
SALMON = "Canned salmon and tuna do supply B12"
SARDINE_BONES = "The soft bones in canned sardines and salmon supply calcium"
OYSTERS = "Oysters hold more zinc per serving"
CHEESE = "Cheese and ice cream are generally not fortified"
STATINS = "Statins are not known to lower vitamin D"


def note_text(start: str) -> str:
    return next(n.text for nutrient in CONTENT.nutrients.values() for n in nutrient.notes if n.text.startswith(start))


def seen_by(about: dict, medicines: tuple[str, ...] = ()) -> set[str]:
    """Which of the notes above reach this person, in all three outputs; a note in only some is a failure."""
    health = {**FLAGS_EVERYTHING["health"], "medicines": list(medicines)}
    seen = outputs({**FLAGS_EVERYTHING, "about": {"age": 60, "sex": "female", **about}, "health": health}, CONTENT)
    shown = set()
    for start in (SALMON, SARDINE_BONES, OYSTERS, CHEESE, STATINS):
        text = note_text(start)
        if seen.everywhere(text):
            shown.add(start)
        else:
            assert seen.nowhere(text), (start, "missing only from", seen.missing(text))
    return shown


@pytest.mark.parametrize(
    ("about", "expected"),
    [
        ({"diet": "omnivore"}, {SALMON, SARDINE_BONES, OYSTERS, CHEESE}),
        ({"diet": "pescatarian"}, {SALMON, SARDINE_BONES, OYSTERS, CHEESE}),
        ({"diet": "vegetarian"}, {CHEESE}),
        ({"diet": "vegan"}, set()),
        ({"diet": "omnivore", "allergies": ["fish"]}, {OYSTERS, CHEESE}),
        ({"diet": "pescatarian", "allergies": ["shellfish"]}, {SALMON, SARDINE_BONES, CHEESE}),
        ({"diet": "vegetarian", "allergies": ["milk"]}, set()),
        ({"diet": "not_stated"}, {SALMON, SARDINE_BONES, OYSTERS, CHEESE}),
    ],
    ids=["omnivore", "pescatarian", "vegetarian", "vegan", "fish", "shellfish", "milk", "diet-unsaid"],
)
def test_a_note_about_a_food_reaches_only_people_who_may_eat_it(about: dict, expected: set[str]) -> None:
    assert seen_by(about) == expected


def test_the_statin_note_reaches_only_people_who_take_a_statin() -> None:
    assert STATINS not in seen_by({"diet": "omnivore"})
    assert STATINS in seen_by({"diet": "omnivore"}, ("atorvastatin",))
    assert STATINS in seen_by({"diet": "vegan"}, ("statin",))  # the class id, as the medicines step saves it


def test_the_two_notes_that_repeated_other_text_are_background_and_what_they_said_still_reaches_people() -> None:
    b12 = CONTENT.nutrients["vitamin_b12"]
    over_50 = next(n for n in b12.notes if n.text.startswith("Adults over 50 are advised"))
    assert over_50.background and "From age 51, most of this should come from fortified foods" in b12.targets.note
    magnesium = CONTENT.nutrients["magnesium"]
    digoxin_note = next(n for n in magnesium.notes if n.text.startswith("Low magnesium makes digoxin"))
    interaction = next(i for i in magnesium.interactions if i.medicine == "digoxin")
    assert digoxin_note.background and "PPI or a water tablet" in interaction.advice
    assert set(digoxin_note.sources) <= set(interaction.sources)
    seen = outputs({**FLAGS_EVERYTHING, "health": {"medicines": ["digoxin"]}}, CONTENT)
    assert seen.everywhere(interaction.advice)


# Notes that name a medicine the questionnaire records and are still for everyone, each with its reason.
FOR_EVERYONE = {
    "The heart medicine diltiazem": "about diltiazem, which the questionnaire cannot record; digoxin is the comparison",
    "Nitrous oxide (laughing gas) inactivates B12": "a risk people may not report: recreational use, not a medicine",
}


def test_a_note_that_names_a_recorded_medicine_is_for_people_who_take_it() -> None:
    names: dict[str, str] = {}
    for medicine in CONTENT.medicines.values():
        for name in (*medicine.examples, re.sub(r"^(a|an) ", "", medicine.short)):
            names[name.casefold()] = medicine.id
    untargeted = []
    for nutrient in CONTENT.nutrients.values():
        for note in nutrient.notes:
            named = {m for name, m in names.items() if re.search(rf"\b{re.escape(name)}\b", note.text.casefold())}
            tested = {c for test in note.when for c in test.classes}
            exempt = any(note.text.startswith(start) for start in FOR_EVERYONE)
            if named and not note.background and not (named & tested) and not exempt:
                untargeted.append((nutrient.id, sorted(named), note.text[:60]))
    assert untargeted == []
