"""What the answers mean for the rules: life stage, conditions, medicines, situations.

Decisions (documented in docs/answers.md):
- No age given: adult values for 31-50 are used, and the result says so.
- Sex not stated: targets show the female-male range; the higher value is the target.
- Pregnancy over 50 or with no age: the 31-50 pregnancy values are used.
- Drinking ``rules.heavy_drinking`` drinks a week or more (by sex) counts as the ``alcohol_use`` condition.
- Unknown pain duration is treated as acute when choosing exercises (the gentlest reading).
- "Not sure" to a PAR-Q question (chest pain, dizziness or fainting when active) is treated as yes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from nutri_tui.content import Content
from nutri_tui.engine.answer_row import SLOTS
from nutri_tui.engine.checks import Row
from nutri_tui.engine.index import ContentIndex
from nutri_tui.engine.parts import TakenMedicine
from nutri_tui.models.answers import Answers

DEFAULT_AGE_BAND = "31_50"
AGE, SEX, PREGNANCY, DIET = (SLOTS[f"about.{name}"] for name in ("age", "sex", "pregnancy", "diet"))
CONDITIONS, MEDICINES, SYMPTOMS = (SLOTS[f"health.{name}"] for name in ("conditions", "medicines", "symptoms"))
DRINKS, HOUSEBOUND = SLOTS["diet.alcohol_drinks_per_week"], SLOTS["sun.housebound"]
DURATION, INTENSITY, LEG_SPREAD, AREAS = (
    SLOTS[f"back_pain.{name}"] for name in ("duration", "intensity", "leg_spread", "areas")
)
FALLS, CHEST_PAIN, DIZZY = (
    SLOTS[f"lifestyle.{name}"] for name in ("falls_past_year", "chest_pain_on_activity", "dizzy_or_faint")
)
SEVERE_PAIN = 7


# NamedTuples rather than frozen dataclasses: built for every assessment, and a frozen dataclass's
# __init__ (object.__setattr__ per field) costs several times as much.
class Profile(NamedTuple):
    age_band: str
    """One of the upper-limit age bands: 14_18, 19_30, 31_50, 51_70, 71_plus."""
    stages: tuple[str, ...]
    """The life stage(s) whose targets apply: two when sex is not stated."""
    diet: str
    conditions: dict[str, str]
    """Condition id -> the answer that established it (``health.conditions`` or a derived one)."""
    medicines: tuple[TakenMedicine, ...]
    situations: frozenset[str]
    """The situations that apply (``Situation`` in models/catalogues.py): they choose exercise cautions, the
    order of exercises, and advice. Those raised by a warning sign are added once the signs are found
    (:func:`with_flag_situations`)."""
    duration: str
    notes: tuple[str, ...]


def age_band(age: int | None) -> str:
    if age is None:
        return DEFAULT_AGE_BAND
    for limit, band in ((18, "14_18"), (30, "19_30"), (50, "31_50"), (70, "51_70")):
        if age <= limit:
            return band
    return "71_plus"


OLDER_FROM = 65
"""From this age the exercise advice puts strength and balance first (UK CMOs 2019; facts-addendum-2 M.2)."""
NOT_CLEARED = ("yes", "dont_know")
"""PAR-Q answers that call for a doctor's check before new exercise (facts-addendum-2 M.1)."""
FALLEN = ("one", "more")
REDUCED_FEELING = frozenset({"type1_diabetes", "type2_diabetes", "poor_circulation"})
"""Conditions with which heat can burn unnoticed (facts-addendum-2 M.4), as is numb skin (the symptom below)."""
NUMB = "tingling_numbness"
FLAG_SITUATIONS = {"fracture_risk": "osteoporosis", "inflammatory_pattern": "inflammatory"}
"""A warning sign found (yes, not sure or implied) that brings a situation: a possible spinal fracture is
exercised like thin bones (facts-addendum-2 M.3); an inflammatory pattern makes exercise first-line care (M.5)."""


def build_profile(answers: Answers, content: Content, index: ContentIndex, row: Row | None = None) -> Profile:
    """What the answers mean for the rules; ``row`` is ``index.read_row(answers)`` when the caller has it (the answers
    are read from it: a model attribute read is the slow path, see :mod:`~nutri_tui.engine.answer_row`)."""
    if row is None:
        row = index.read_row(answers)
    age, sex, pregnancy, diet = row[AGE], row[SEX], row[PREGNANCY], row[DIET]
    band, stages, notes = _life_stage(age, sex, pregnancy)
    conditions_given, medicines_given, symptoms = row[CONDITIONS], row[MEDICINES], row[SYMPTOMS]

    conditions = dict.fromkeys(conditions_given, "health.conditions")
    if pregnancy in ("pregnant", "breastfeeding"):
        derived = "pregnancy" if pregnancy == "pregnant" else "breastfeeding"
        if derived in content.conditions:
            conditions.setdefault(derived, f"about.pregnancy = {pregnancy}")
    drinks = row[DRINKS]
    if drinks is not None and drinks >= index.heavy_drinking[sex]:
        conditions.setdefault("alcohol_use", f"diet.alcohol_drinks_per_week = {drinks}")

    medicines = index.pieces.medicines_taken(medicines_given) if medicines_given else ()
    duration = row[DURATION]
    if duration == "dont_know":
        duration = "acute"
    situations = set()
    if pregnancy == "pregnant":
        situations.add("pregnancy")
    if "osteoporosis" in conditions:
        situations.add("osteoporosis")
    if duration == "acute" and (row[INTENSITY] or 0) >= SEVERE_PAIN:
        situations.add("acute_severe_pain")
    if row[LEG_SPREAD] in ("one_leg", "both_legs"):
        situations.add("leg_symptoms")
    if "neck" in row[AREAS]:
        situations.add("neck_pain")
    if age is not None and age >= OLDER_FROM:
        situations.update(("older", "falls_risk"))
    if row[FALLS] in FALLEN:
        situations.add("falls_risk")
    if row[CHEST_PAIN] in NOT_CLEARED or row[DIZZY] in NOT_CLEARED:
        situations.add("exertion_symptoms")
    if row[HOUSEBOUND]:
        situations.add("housebound")
    if not REDUCED_FEELING.isdisjoint(conditions) or NUMB in symptoms:
        situations.add("numb_or_diabetes")
    if diet == "not_stated":
        diet = "omnivore"
    return Profile(band, stages, diet, conditions, medicines, frozenset(situations), duration, notes)


def with_flag_situations(situations: frozenset[str], found: tuple[str, ...]) -> frozenset[str]:
    """``situations`` with those the warning signs found bring (``found``: their ids); the same set if none."""
    more = {FLAG_SITUATIONS[flag] for flag in found if flag in FLAG_SITUATIONS}
    return situations | more if more - situations else situations


@lru_cache(maxsize=2048)  # keys: ages 14-120 or None x 3 sexes x 4 pregnancy answers; built for every profile
def _life_stage(age: int | None, sex: str, pregnancy: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The age band, the life stage(s) whose targets apply, and the notes that explain the choice."""
    band = age_band(age)
    notes: list[str] = []
    if age is None:
        notes.append("No age was given, so adult values for ages 31-50 are shown.")
    elif age < 18:
        notes.append(
            "Values for ages 14-18 are shown. Under 18, please go through this result with a parent, "
            "carer or doctor before changing what you eat or taking any supplement."
        )
    stages = _stages(sex, pregnancy, band)
    if len(stages) == 2:
        notes.append("Sex was not stated, so targets show the range for women and men.")
    if pregnancy in ("pregnant", "breastfeeding") and band not in ("14_18", "19_30", "31_50"):
        notes.append("Pregnancy and breastfeeding values for ages 31-50 are shown.")
    return band, stages, tuple(notes)


def _stages(sex: str, pregnancy: str, band: str) -> tuple[str, ...]:
    if pregnancy in ("pregnant", "breastfeeding"):
        prefix = "pregnant" if pregnancy == "pregnant" else "lactating"
        pregnancy_band = band if band in ("14_18", "19_30", "31_50") else DEFAULT_AGE_BAND
        return (f"{prefix}_{pregnancy_band}",)
    if sex == "not_stated":
        return (f"female_{band}", f"male_{band}")
    return (f"{sex}_{band}",)
