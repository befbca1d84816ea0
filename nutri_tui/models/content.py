"""Pydantic models for the knowledge base in ``content/``.

These models are the contract between the medical content (TOML, written and
reviewed as data) and the code. Every fact-bearing entry cites source ids from
``sources.toml``; ``unverified = true`` carries the fact sheet's dagger mark
(a number not yet confirmed against its named source) so it can be reviewed
and shown as such. Cross-references (source ids, medicine and condition ids,
nutrient ids) are checked by :mod:`nutri_tui.content` after every file loads.
"""

# No `from __future__ import annotations` in the model modules: pydantic would then compile and evaluate each
# annotation's text when it makes the class (about a quarter of making them, measured). Forward references are quoted.
import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from nutri_tui.models.answer_tests import When
from nutri_tui.models.summary_fields import NUTRIENT_IDS

# --- identifiers and fixed vocabularies -------------------------------------

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
"""An entry id: lower-case words joined by underscores (``vitamin_d``)."""

SourceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
"""A source id: the fact sheet's key in lower case, with hyphens (``ods-d``)."""

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

NutrientId = Literal[NUTRIENT_IDS]  # type: ignore[valid-type]  # the ids live in summary_fields, pydantic-free

TopicId = Literal["vitamin_a", "vitamin_k", "vitamin_b6"]
"""Nutrients that are not scored but change what some people should do (``topics.toml``)."""
TOPIC_IDS: tuple[str, ...] = TopicId.__args__  # type: ignore[attr-defined]

# The unit each nutrient is measured in, everywhere (targets, limits, foods).
# Omega-3 targets are the ALA adequate intake in grams; EPA and DHA have no DRI.
NUTRIENT_UNITS: dict[str, str] = {
    "vitamin_d": "mcg",
    "calcium": "mg",
    "magnesium": "mg",
    "potassium": "mg",
    "omega_3": "g",
    "vitamin_b12": "mcg",
    "iron": "mg",
    "zinc": "mg",
    "selenium": "mcg",
    "folate": "mcg DFE",
}

# Amounts above these are taken to be typing errors (a food or a daily target
# of more than this much is not physiologically plausible in these units).
PLAUSIBLE_MAX: dict[str, float] = {"g": 20, "mg": 10_000, "mcg": 5_000, "mcg DFE": 5_000}

LifeStage = Literal[
    "male_14_18",
    "female_14_18",
    "male_19_30",
    "female_19_30",
    "male_31_50",
    "female_31_50",
    "male_51_70",
    "female_51_70",
    "male_71_plus",
    "female_71_plus",
    "pregnant_14_18",
    "pregnant_19_30",
    "pregnant_31_50",
    "lactating_14_18",
    "lactating_19_30",
    "lactating_31_50",
]
LIFE_STAGES: tuple[str, ...] = LifeStage.__args__  # type: ignore[attr-defined]

AgeBand = Literal["14_18", "19_30", "31_50", "51_70", "71_plus"]
AGE_BANDS: tuple[str, ...] = AgeBand.__args__  # type: ignore[attr-defined]
"""Upper limits differ by age only (pregnancy and lactation share their age band's UL)."""

Diet = Literal["vegan", "vegetarian", "pescatarian", "omnivore"]
DIETS_BY_BREADTH: tuple[str, ...] = Diet.__args__  # type: ignore[attr-defined]
"""Each diet admits every food admitted by the diets before it."""

Allergen = Literal["milk", "egg", "fish", "shellfish", "tree_nuts", "peanuts", "wheat", "gluten", "soy", "sesame"]
ALLERGENS: tuple[str, ...] = Allergen.__args__  # type: ignore[attr-defined]

Urgency = Literal["emergency", "urgent", "soon"]

FoodTag = Literal["liver", "fish_liver_oil", "vitamin_k_rich", "potassium_rich", "oily_fish", "tuna"]
"""Kinds of food that food rules can leave out, move down or annotate."""
Duration = Literal["acute", "subacute", "chronic"]


class Strict(BaseModel):
    """Base for content models: unknown keys are errors, values are immutable.

    ``defer_build``: a model's validator is built the first time it validates, not when its class is
    defined. Content read from the cache (:mod:`nutri_tui.content.cache`) is never validated again, so a
    command that finds it pays for the classes only, not for some forty validators.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Cited(Strict):
    """An entry that makes a claim: it names its sources."""

    sources: tuple[SourceId, ...] = Field(min_length=1)
    unverified: bool = False
    """True where a number or claim is not yet confirmed against its source (the fact sheet's dagger)."""


# --- sources and the content manifest ---------------------------------------


SourceKind = Literal[
    "guideline",
    "regulator",
    "reference_values",
    "product_information",
    "fact_sheet",
    "food_composition",
    "systematic_review",
    "trial",
    "observational",
    "experimental",
    "narrative_review",
    "compendium",
    "secondary",
    "press",
]
"""What kind of document a source is (docs/content.md, "Sources and their kinds")."""
SUPPORT_ONLY_KINDS = frozenset({"narrative_review", "compendium", "secondary", "press"})
"""Kinds that may support a claim but never be its only source (``compendium`` may name a brand's generic)."""


class Source(Strict):
    id: SourceId
    title: Text
    publisher: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    reviewed: dt.date
    """When the content was last checked against this source."""
    url_unverified: bool = False
    """True where the address was written from memory and the content seen in a copy."""
    kind: SourceKind


class GlossaryTerm(Cited):
    """A term or unit a result uses (RDA, UL, mcg DFE), explained in one line where it first appears."""

    term: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 ()]{0,20}$")]
    text: Text
    also: tuple[Annotated[str, StringConstraints(min_length=2, max_length=40)], ...] = ()
    """Other words that call for the same line ("upper limit" for UL)."""


class Manifest(Strict):
    """``content/content.toml``: the knowledge base's own version and review date, the disclaimer, and
    the glossary of terms the results use."""

    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    reviewed: dt.date
    disclaimer: Text
    glossary: tuple[GlossaryTerm, ...] = ()


# --- nutrients ---------------------------------------------------------------


class Statement(Cited):
    text: Text


Severity = Literal["info", "caution", "doctor_first"]


class Note(Statement):
    """A fact about the nutrient: shown on its finding, or as a caution, for the people it applies to.

    Every note reaches a person unless it is marked ``background`` (for reviewers only).
    """

    when: tuple[When, ...] = ()
    """Only for people whose answers hold (all of them); empty: for everyone."""
    severity: Severity | None = None
    """Set: the note is shown among the finding's cautions with this severity; unset: as a note."""
    flagged_only: bool = False
    """True: only when the nutrient is rated moderate or high (for example, investigate low iron)."""
    background: bool = False
    """True: kept for reviewers and never shown (the loader refuses it together with ``when``)."""
    advises_taking: bool = False
    """True for a note that suggests taking the nutrient (NHS: 10 mcg of vitamin D a day): withheld for anyone who
    must ask a doctor first about it."""

    @model_validator(mode="after")
    def _background_is_plain(self) -> "Note":
        if self.background and (self.when or self.severity or self.flagged_only):
            raise ValueError("a background note cannot also have 'when', 'severity' or 'flagged_only'")
        return self


class Sign(Statement):
    musculoskeletal: bool = False
    """Marks signs in muscles, bones or nerves of movement (the fact sheet's star)."""


class Targets(Cited):
    """Daily RDA or AI per life stage, in the nutrient's unit."""

    kind: Literal["RDA", "AI"]
    values: dict[LifeStage, Annotated[float, Field(gt=0)]]
    form: str = ""
    """Where set, only foods of this form count towards the target (omega-3: "ALA")."""
    note: str = ""

    @model_validator(mode="after")
    def _every_stage(self) -> "Targets":
        missing = [s for s in LIFE_STAGES if s not in self.values]
        if missing:
            raise ValueError(f"missing life stage(s): {', '.join(missing)}")
        return self


class UpperLimit(Cited):
    """The Tolerable Upper Intake Level per age band, and which intake it counts."""

    applies_to: Literal["all_sources", "supplements_and_medicines", "folic_acid", "none_set"]
    values: dict[AgeBand, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    note: Text

    @model_validator(mode="after")
    def _bands_match_kind(self) -> "UpperLimit":
        if self.applies_to == "none_set":
            if self.values:
                raise ValueError("values must be empty when applies_to is 'none_set'")
        else:
            missing = [b for b in AGE_BANDS if b not in self.values]
            if missing:
                raise ValueError(f"missing age band(s): {', '.join(missing)}")
        return self


class BloodTest(Cited):
    name: Text
    shows: Text
    limits: Text
    usefulness: Literal["good", "limited", "poor", "none"]


class Interaction(Cited):
    """How a medicine or condition and this nutrient affect each other.

    ``text`` is one plain sentence on what happens; the engine writes it after
    "You take omeprazole (a PPI):" or "You reported kidney disease:".
    """

    medicine: Id | None = None
    condition: Id | None = None
    effect: Literal["depletes", "raises_need", "raises_level", "nutrient_blocks_medicine", "supplement_risk"]
    """depletes: lowers the person's nutrient status (a risk factor for a gap);
    raises_need: makes enough of the nutrient matter more (osteoporosis and calcium); scored like depletes;
    raises_level: raises the blood level (a supplement may push it too high);
    nutrient_blocks_medicine: the supplement reduces the medicine's absorption;
    supplement_risk: supplementing is risky alongside this medicine or condition."""
    severity: Severity
    """doctor_first: do not supplement this nutrient without a doctor's advice."""
    scope: Literal["supplements", "diet"] = "supplements"
    """For doctor_first: what needs the doctor. ``diet``: food as well as supplements (potassium with kidney
    disease): no food list and no target to eat towards are shown, only "ask your doctor"."""
    weight: Annotated[float, Field(gt=0, le=20)] | None = None
    """For depletes and raises_need: the score it adds, where not the severity's default in rules.toml."""
    text: Text
    advice: Text
    food_advice: str = ""
    """Advice to eat more of the nutrient; shown only where the result lists foods for it."""

    @model_validator(mode="after")
    def _one_partner(self) -> "Interaction":
        if (self.medicine is None) == (self.condition is None):
            raise ValueError("give exactly one of 'medicine' or 'condition'")
        if self.scope == "diet" and self.severity != "doctor_first":
            raise ValueError("scope = 'diet' needs severity = 'doctor_first'")
        if self.weight is not None and self.effect not in SCORED_EFFECTS:
            raise ValueError(f"'weight' applies only to effects that score ({', '.join(SCORED_EFFECTS)})")
        return self


SCORED_EFFECTS = ("depletes", "raises_need")
"""Interaction effects that add to a nutrient's score (the others only add cautions)."""


class Food(Cited):
    id: Id
    name: Text
    serving: Text
    amount: Annotated[float, Field(ge=0)]
    unit: str
    dv_percent: Annotated[float, Field(ge=0, le=10_000)] | None = None
    diet: Diet
    """The most restrictive diet this food fits (vegan foods fit every diet)."""
    allergens: tuple[Allergen, ...] = ()
    form: str = ""
    """Which form the amount counts, where it matters (omega-3: "ALA" or "EPA+DHA")."""
    fortified: bool = False
    note: str = ""
    """Shown with the food wherever it is suggested."""
    tags: tuple[FoodTag, ...] = ()
    """What food rules (``food_rules.toml``) look for: liver, a fish-liver oil, very high vitamin K..."""
    vitamin_a: Annotated[float, Field(ge=0, le=20_000)] | None = None
    """Preformed vitamin A (retinol) in one serving, mcg RAE, where it is high enough to matter."""

    def fits(self, diet: str) -> bool:
        return DIETS_BY_BREADTH.index(self.diet) <= DIETS_BY_BREADTH.index(diet)


class Nutrient(Strict):
    id: NutrientId
    name: Text
    unit: str
    summary: Statement
    targets: Targets
    upper_limit: UpperLimit
    at_risk: tuple[Statement, ...] = Field(min_length=1)
    signs: tuple[Sign, ...] = Field(min_length=1)
    test: BloodTest
    interactions: tuple[Interaction, ...] = ()
    excess: tuple[Statement, ...] = Field(min_length=1)
    notes: tuple[Note, ...] = ()
    foods: tuple[Food, ...] = Field(min_length=8)

    @model_validator(mode="after")
    def _units_and_amounts(self) -> "Nutrient":
        expected = NUTRIENT_UNITS[self.id]
        if self.unit != expected:
            raise ValueError(f"unit {self.unit!r} does not match {self.id} (expected {expected!r})")
        ceiling = PLAUSIBLE_MAX[expected]
        for stage, value in self.targets.values.items():
            if value > ceiling:
                raise ValueError(f"targets.values.{stage}: {value} {expected} is implausible")
        for band, value in self.upper_limit.values.items():
            if value > ceiling:
                raise ValueError(f"upper_limit.values.{band}: {value} {expected} is implausible")
        for food in self.foods:
            if food.unit != expected:
                raise ValueError(
                    f"foods[{food.id}].unit: {food.unit!r} does not match {self.id} (expected {expected!r})"
                )
            if food.amount > ceiling:
                raise ValueError(f"foods[{food.id}].amount: {food.amount} {expected} is implausible")
        return self
