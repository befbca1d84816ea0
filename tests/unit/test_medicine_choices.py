"""The medicines a person can tick: one row per medicine, found by generic, class or brand name."""

from __future__ import annotations

import pytest

from nutri_tui.content import Content, choices
from nutri_tui.content.choices import medicine_choices, medicine_rows
from tests.outputs import outputs


def test_one_medicine_is_one_row(content: Content) -> None:
    values = [choice.value for choice in medicine_choices(content)]
    assert len(values) == len(set(values))
    # "metformin" is the class and its only name: no "Other: Metformin" row beside it.
    assert values.count("metformin") == 1
    assert not any(choice.label == "Other: Metformin" for choice in medicine_choices(content))


def test_a_brand_name_finds_its_generic(content: Content) -> None:
    rows = {choice.value: choice for choice in medicine_choices(content)}
    assert "Nexium" in rows["esomeprazole"].search
    assert "Lipitor" in rows["atorvastatin"].search
    # Read as whole words, the longest name first: not the class's "Other" row.
    assert "Milk of Magnesia" in rows["magnesium hydroxide"].search
    assert "Milk of Magnesia" not in rows["magnesium_antacid_laxative"].search
    assert "Gaviscon Double Action" in rows["calcium carbonate"].search


def test_a_combination_s_brands_find_its_row_instead_of_being_rows_of_their_own(content: Content) -> None:
    rows = {choice.value: choice for choice in medicine_choices(content)}
    for brand in ("Solpadol", "Kapake", "Zapain", "Codipar"):
        assert brand not in rows and brand in rows["co-codamol"].search
    assert "Remedeine" not in rows and "Remedeine" in rows["co-dydramol"].search
    assert "Nuromol" in rows and "Vimovo" in rows  # combinations of their own


def test_a_salt_of_a_listed_medicine_is_found_by_its_row(content: Content) -> None:
    rows = {choice.value: choice for choice in medicine_choices(content)}
    assert "lithium carbonate" not in rows and "lithium carbonate" in rows["lithium"].search
    assert "Priadel" in rows["lithium"].search


def test_every_medicine_an_answers_file_may_name_is_ticked_as_one_row(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each name alone, as given and in capitals. ``medicine_rows`` builds the whole table of rows at each call
    (three calls for each of the 250-odd names took two CPU-seconds): here the table, made from the content alone,
    is built once and each call looks its answers up in that one table."""
    table = choices._medicine_rows(content)

    def built_once(given: Content) -> tuple[list[choices.MedicineChoice], dict[str, str]]:
        assert given is content
        return table

    monkeypatch.setattr(choices, "_medicine_rows", built_once)
    values = {choice.value for choice in medicine_choices(content)}
    names = [
        *(m.id for m in content.medicines.values()),
        *(e for m in content.medicines.values() for e in m.examples),
        *(n.name for n in content.medicine_names.values()),
    ]
    for name in names:
        assert set(medicine_rows([name], content)) <= values, name
        assert medicine_rows([name.upper()], content) == medicine_rows([name], content)
    assert medicine_rows(["Losec", "omeprazole", "Glucophage", "metformin"], content) == ["omeprazole", "metformin"]


def test_a_brand_name_in_answers_names_the_person_s_word(content: Content) -> None:
    seen = outputs({"health": {"medicines": ["nexium"]}}, content)
    assert seen.result.medicines[0].id == "ppi" and seen.result.medicines[0].said_as == "nexium"


def test_vitamin_b6_over_10_mg_with_tingling_asks_for_a_doctor_first(content: Content) -> None:
    seen = outputs(
        {"health": {"symptoms": ["tingling_numbness"], "supplements": [{"nutrient": "vitamin_b6", "amount": 50}]}},
        content,
    )
    texts = [c.text for c in seen.result.supplement_cautions]
    assert any(t.startswith("Tingling or numbness can be caused by too much vitamin B6") for t in texts)
    assert seen.result.summary and any(
        line.startswith("Ask your doctor or pharmacist first:") for line in seen.result.summary
    )
    assert seen.everywhere("Tingling or numbness can be caused by too much vitamin B6 itself")
    assert seen.result.supplements[0].name == "Vitamin B6 (pyridoxine)"


def test_vitamin_a_supplements_in_pregnancy_are_for_the_doctor(content: Content) -> None:
    seen = outputs(
        {
            "about": {"age": 30, "sex": "female", "pregnancy": "pregnant"},
            "health": {"supplements": [{"nutrient": "vitamin_a", "amount": 800}]},
        },
        content,
    )
    assert seen.everywhere("Avoid vitamin A supplements, fish-liver oils and multivitamins containing vitamin A")


def test_a_statin_and_weak_muscles_are_worth_telling_the_doctor(content: Content) -> None:
    seen = outputs({"health": {"medicines": ["simvastatin"], "symptoms": ["muscle_weakness"]}}, content)
    assert seen.everywhere("while taking a statin are worth telling your doctor about")
