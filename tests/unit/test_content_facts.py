"""Spot-checks of the loaded knowledge base against the checked fact sheet.

Every expected number below is typed in from /work/shared/reference/facts.md
(section 1.1 for RDAs and AIs, 1.2 for upper limits, section 2 for foods), never
read back from content/, so a slip in a TOML file shows up here as a mismatch.
"""

from __future__ import annotations

import pytest

from nutri_tui.content import Content
from nutri_tui.models.content import NUTRIENT_IDS

# The `content` fixture (the real knowledge base, loaded once) comes from conftest.py.

# --- RDA / AI per life stage (facts.md 1.1) -----------------------------------------

TARGETS: list[tuple[str, str, float]] = [
    # vitamin D, mcg
    ("vitamin_d", "male_19_30", 15),
    ("vitamin_d", "female_51_70", 15),
    ("vitamin_d", "pregnant_14_18", 15),
    ("vitamin_d", "male_71_plus", 20),
    ("vitamin_d", "female_71_plus", 20),
    # magnesium, mg
    ("magnesium", "male_14_18", 410),
    ("magnesium", "female_14_18", 360),
    ("magnesium", "male_19_30", 400),
    ("magnesium", "female_31_50", 320),
    ("magnesium", "male_31_50", 420),
    ("magnesium", "pregnant_19_30", 350),
    ("magnesium", "pregnant_31_50", 360),
    ("magnesium", "lactating_19_30", 310),
    # calcium, mg
    ("calcium", "female_14_18", 1300),
    ("calcium", "male_51_70", 1000),
    ("calcium", "female_51_70", 1200),
    ("calcium", "male_71_plus", 1200),
    ("calcium", "pregnant_19_30", 1000),
    ("calcium", "lactating_14_18", 1300),
    # potassium (AI), mg
    ("potassium", "male_14_18", 3000),
    ("potassium", "female_14_18", 2300),
    ("potassium", "male_19_30", 3400),
    ("potassium", "female_19_30", 2600),
    ("potassium", "pregnant_14_18", 2600),
    ("potassium", "pregnant_31_50", 2900),
    ("potassium", "lactating_14_18", 2500),
    ("potassium", "lactating_31_50", 2800),
    # vitamin B12, mcg
    ("vitamin_b12", "male_51_70", 2.4),
    ("vitamin_b12", "pregnant_19_30", 2.6),
    ("vitamin_b12", "lactating_19_30", 2.8),
    # iron, mg
    ("iron", "male_14_18", 11),
    ("iron", "female_14_18", 15),
    ("iron", "female_19_30", 18),
    ("iron", "female_51_70", 8),
    ("iron", "pregnant_19_30", 27),
    ("iron", "lactating_14_18", 10),
    ("iron", "lactating_31_50", 9),
    # zinc, mg
    ("zinc", "female_14_18", 9),
    ("zinc", "male_19_30", 11),
    ("zinc", "female_31_50", 8),
    ("zinc", "pregnant_14_18", 12),
    ("zinc", "lactating_14_18", 13),
    ("zinc", "lactating_19_30", 12),
    # selenium, mcg
    ("selenium", "female_71_plus", 55),
    ("selenium", "pregnant_19_30", 60),
    ("selenium", "lactating_31_50", 70),
    # folate, mcg DFE
    ("folate", "male_71_plus", 400),
    ("folate", "pregnant_31_50", 600),
    ("folate", "lactating_19_30", 500),
    # omega-3 (ALA AI), g
    ("omega_3", "female_19_30", 1.1),
    ("omega_3", "male_31_50", 1.6),
    ("omega_3", "pregnant_19_30", 1.4),
    ("omega_3", "lactating_31_50", 1.3),
]


@pytest.mark.parametrize(("nutrient", "stage", "expected"), TARGETS, ids=[f"{n}-{s}" for n, s, _ in TARGETS])
def test_target_matches_fact_sheet(content: Content, nutrient: str, stage: str, expected: float) -> None:
    assert content.nutrients[nutrient].targets.values[stage] == pytest.approx(expected)


# RDA vs AI (facts.md 1.1: AI columns are marked *; potassium and ALA are AIs).
TARGET_KINDS: dict[str, str] = {
    "vitamin_d": "RDA",
    "calcium": "RDA",
    "magnesium": "RDA",
    "potassium": "AI",
    "omega_3": "AI",
    "vitamin_b12": "RDA",
    "iron": "RDA",
    "zinc": "RDA",
    "selenium": "RDA",
    "folate": "RDA",
}


def test_target_kinds_cover_every_nutrient() -> None:
    assert set(TARGET_KINDS) == set(NUTRIENT_IDS)


@pytest.mark.parametrize(("nutrient", "kind"), TARGET_KINDS.items())
def test_target_kind(content: Content, nutrient: str, kind: str) -> None:
    assert content.nutrients[nutrient].targets.kind == kind


# --- Tolerable upper intake levels per age band (facts.md 1.2) ----------------------

UPPER_LIMITS: list[tuple[str, str, float, str]] = [
    ("vitamin_d", "14_18", 100, "all_sources"),
    ("vitamin_d", "31_50", 100, "all_sources"),
    ("vitamin_d", "71_plus", 100, "all_sources"),
    ("calcium", "14_18", 3000, "all_sources"),
    ("calcium", "19_30", 2500, "all_sources"),
    ("calcium", "31_50", 2500, "all_sources"),
    ("calcium", "51_70", 2000, "all_sources"),
    ("calcium", "71_plus", 2000, "all_sources"),
    ("iron", "14_18", 45, "all_sources"),
    ("iron", "51_70", 45, "all_sources"),
    ("zinc", "14_18", 34, "all_sources"),
    ("zinc", "19_30", 40, "all_sources"),
    ("zinc", "71_plus", 40, "all_sources"),
    ("selenium", "14_18", 400, "all_sources"),
    ("selenium", "31_50", 400, "all_sources"),
    ("folate", "14_18", 800, "folic_acid"),
    ("folate", "19_30", 1000, "folic_acid"),
    ("folate", "51_70", 1000, "folic_acid"),
    ("magnesium", "14_18", 350, "supplements_and_medicines"),
    ("magnesium", "31_50", 350, "supplements_and_medicines"),
]


@pytest.mark.parametrize(
    ("nutrient", "band", "expected", "applies_to"), UPPER_LIMITS, ids=[f"{n}-{b}" for n, b, _, _ in UPPER_LIMITS]
)
def test_upper_limit_matches_fact_sheet(
    content: Content, nutrient: str, band: str, expected: float, applies_to: str
) -> None:
    limit = content.nutrients[nutrient].upper_limit
    assert limit.applies_to == applies_to
    assert limit.values[band] == pytest.approx(expected)


@pytest.mark.parametrize("nutrient", ["potassium", "vitamin_b12", "omega_3"])
def test_no_upper_limit_set(content: Content, nutrient: str) -> None:
    limit = content.nutrients[nutrient].upper_limit
    assert limit.applies_to == "none_set"
    assert not limit.values


# --- food amounts (facts.md section 2 food tables) -----------------------------------

FOODS: list[tuple[str, str, float]] = [
    # magnesium, mg
    ("magnesium", "pumpkin seeds", 156),
    ("magnesium", "chia", 111),
    ("magnesium", "almonds", 80),
    ("magnesium", "spinach", 78),
    ("magnesium", "black beans", 60),
    # vitamin D, mcg
    ("vitamin_d", "cod liver oil", 34),
    ("vitamin_d", "rainbow trout", 16.2),
    ("vitamin_d", "sockeye salmon", 14.2),
    ("vitamin_d", "mushrooms", 9.2),
    ("vitamin_d", "sardines", 1.2),
    # calcium, mg
    ("calcium", "yogurt", 415),
    ("calcium", "orange juice", 349),
    ("calcium", "mozzarella", 333),
    ("calcium", "sardines", 325),
    ("calcium", "collard", 268),
    ("calcium", "tofu", 253),
    ("calcium", "salmon", 181),
    ("calcium", "tahini", 154),
    # vitamin B12, mcg
    ("vitamin_b12", "beef liver", 70.7),
    ("vitamin_b12", "clams", 17),
    ("vitamin_b12", "bluefin", 9.3),
    ("vitamin_b12", "salmon", 2.6),
    ("vitamin_b12", "tempeh", 0.1),
    # iron, mg
    ("iron", "fortified", 18),
    ("iron", "oysters", 8),
    ("iron", "spinach", 6.4),
    ("iron", "lentils", 3.3),
    # potassium, mg
    ("potassium", "lentils", 731),
    ("potassium", "apricots", 755),
    ("potassium", "potato", 610),
    ("potassium", "banana", 422),
    # selenium, mcg
    ("selenium", "brazil nuts", 544),
    ("selenium", "yellowfin", 92),
    ("selenium", "sardines", 45),
    # zinc, mg
    ("zinc", "oysters", 32),
    ("zinc", "beef", 3.8),
    ("zinc", "pumpkin seeds", 2.2),
    # folate, mcg DFE
    ("folate", "beef liver", 215),
    ("folate", "spinach", 131),
    ("folate", "asparagus", 89),
    # omega-3, g (ALA for plants, EPA+DHA for fish)
    ("omega_3", "flaxseed (linseed) oil", 7.26),
    ("omega_3", "walnuts", 2.57),
    ("omega_3", "salmon, atlantic, farmed", 1.83),
    ("omega_3", "herring", 1.71),
]


@pytest.mark.parametrize(("nutrient", "name", "expected"), FOODS, ids=[f"{n}-{f}" for n, f, _ in FOODS])
def test_food_amount_matches_fact_sheet(content: Content, nutrient: str, name: str, expected: float) -> None:
    matches = [food for food in content.nutrients[nutrient].foods if name in food.name.casefold()]
    assert len(matches) == 1, f"{name!r} should match exactly one {nutrient} food, got {[f.name for f in matches]}"
    assert matches[0].amount == pytest.approx(expected)


@pytest.mark.parametrize("nutrient", NUTRIENT_IDS)
def test_at_least_eight_foods_per_nutrient(content: Content, nutrient: str) -> None:
    assert len(content.nutrients[nutrient].foods) >= 8


# --- the medicines and conditions the questionnaire and engine rely on ---------------

REQUIRED_MEDICINES = [
    "ppi",
    "h2_blocker",
    "metformin",
    "loop_diuretic",
    "thiazide_diuretic",
    "potassium_sparing_diuretic",
    "ace_inhibitor",
    "arb",
    "corticosteroid",
    "anticonvulsant",
    "orlistat",
    "bile_acid_binder",
    "statin",
    "anticoagulant",
    "antiplatelet",
    "levothyroxine",
    "bisphosphonate",
    "tetracycline",
    "quinolone",
    "digoxin",
]

REQUIRED_CONDITIONS = [
    "kidney_disease",
    "coeliac_disease",
    "ibd",
    "bariatric_surgery",
    "type2_diabetes",
    "haemochromatosis",
    "osteoporosis",
    "heavy_periods",
    "pregnancy",
    "alcohol_use",
]


@pytest.mark.parametrize("medicine", REQUIRED_MEDICINES)
def test_required_medicine_class_exists(content: Content, medicine: str) -> None:
    assert medicine in content.medicines


@pytest.mark.parametrize("condition", REQUIRED_CONDITIONS)
def test_required_condition_exists(content: Content, condition: str) -> None:
    assert condition in content.conditions


# --- safety-critical interactions must tell the person to see a doctor first ---------

DOCTOR_FIRST: list[tuple[str, str, str]] = [
    ("potassium", "condition", "kidney_disease"),
    ("magnesium", "condition", "kidney_disease"),
    ("iron", "condition", "haemochromatosis"),
    ("potassium", "medicine", "ace_inhibitor"),
    ("potassium", "medicine", "arb"),
    ("potassium", "medicine", "potassium_sparing_diuretic"),
]


@pytest.mark.parametrize(("nutrient", "kind", "partner"), DOCTOR_FIRST, ids=[f"{n}-{p}" for n, _, p in DOCTOR_FIRST])
def test_safety_critical_interaction_is_doctor_first(content: Content, nutrient: str, kind: str, partner: str) -> None:
    found = [i for i in content.nutrients[nutrient].interactions if getattr(i, kind) == partner]
    assert found, f"{nutrient} has no interaction with {kind} {partner!r}"
    assert any(i.severity == "doctor_first" for i in found), [i.severity for i in found]
