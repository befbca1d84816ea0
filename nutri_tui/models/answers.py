"""The person's answers: everything the wizard asks, and the answers file format.

Choices are closed vocabularies so a hand-edited file fails with a message that
lists what is allowed. Ids that come from the knowledge base (medicines,
conditions, symptoms, red flags) are checked against it when a validation
context ``{"content": Content}`` is given (the CLI and the app always give it).

Ages: the reference values in ``content/`` start at 14, so ages under 14 are
refused with a message pointing to a doctor; 14-17 use the 14-18 life stage
and the result suggests involving a parent or doctor. A missing age is allowed
("prefer not to say"): the result then uses the adult 31-50 values and says so.
"""

# No `from __future__ import annotations`: see the note in models/content.py (forward references are quoted).
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from nutri_tui.models.content import Allergen, NutrientId, TopicId
from nutri_tui.questionnaire import known_answers

ANSWERS_FORMAT = 1
MIN_AGE = 14
MAX_AGE = 120

Sex = Literal["female", "male", "not_stated"]
Pregnancy = Literal["no", "pregnant", "trying", "breastfeeding", "prefer_not"]
"""trying: trying for a baby (the liver and vitamin A advice applies; the targets do not change)."""
DietPattern = Literal["omnivore", "pescatarian", "vegetarian", "vegan", "not_stated"]
Frequency = Literal["never", "rarely", "weekly", "often", "daily", "dont_know"]
"""never; rarely = less than once a week; weekly = 1-2 times a week; often = 3-6 times a week; daily."""
YesNo = Literal["yes", "no", "dont_know"]
InstrumentAnswers = Annotated[
    dict[Annotated[str, Field(max_length=60)], Annotated[str, Field(max_length=60)]], Field(max_length=40)
]
"""A validated questionnaire's answers (content/instruments/): question id -> answer id, only those answered."""
INSTRUMENT_FIELDS = ("back_pain.start_back", "lifestyle.phq4")
"""The answers that hold a questionnaire's; each has one file in content/instruments/ (the loader checks)."""
# Numbers are strict (strict=True below): `intensity = true` is refused, not read as 1, and "52" is not 52.


class Section(BaseModel):
    # Attribute docstrings become descriptions in `nutri-tui schema`, read only then (models/answers_schema.py).
    model_config = ConfigDict(extra="forbid", frozen=True)


class About(Section):
    age: Annotated[int, Field(ge=0, le=MAX_AGE, strict=True)] | None = None
    """Years; None means prefer not to say."""
    sex: Sex = "not_stated"
    pregnancy: Pregnancy = "no"
    diet: DietPattern = "omnivore"
    allergies: tuple[Allergen, ...] = ()

    @field_validator("age")
    @classmethod
    def _adult_content(cls, age: int | None) -> int | None:
        if age is not None and age < MIN_AGE:
            raise ValueError(
                f"must be {MIN_AGE} or over: the reference values here start at {MIN_AGE}; "
                "for a child, please ask a doctor or health visitor"
            )
        return age

    @model_validator(mode="after")
    def _pregnancy_possible(self) -> "About":
        if self.pregnancy in ("pregnant", "trying", "breastfeeding") and self.sex == "male":
            raise ValueError(f"pregnancy: {self.pregnancy!r} does not fit sex 'male'")
        return self


class Sun(Section):
    outdoor_minutes: Literal["under_15", "15_to_30", "30_to_60", "over_60", "dont_know"] = "dont_know"
    """Time outdoors on a typical day with face and arms (or more) uncovered."""
    covering_clothing: YesNo = "dont_know"
    """Clothing that covers most of the skin when outdoors."""
    sunscreen: Literal["always", "sometimes", "never", "dont_know"] = "dont_know"
    skin_tone: Literal["light", "medium", "dark", "prefer_not"] = "prefer_not"
    season: Literal["spring", "summer", "autumn", "winter", "dont_know"] = "dont_know"
    far_from_equator: YesNo = "dont_know"
    """Living roughly 40 degrees or more north or south (e.g. most of Europe, Canada, northern US)."""
    housebound: bool = False


class Diet(Section):
    oily_fish: Frequency = "dont_know"
    dairy_or_fortified: Frequency = "dont_know"
    leafy_greens: Frequency = "dont_know"
    nuts_seeds: Frequency = "dont_know"
    legumes: Frequency = "dont_know"
    whole_grains: Frequency = "dont_know"
    fruit_veg: Frequency = "dont_know"
    meat: Frequency = "dont_know"
    eggs: Frequency = "dont_know"
    fortified_cereals: Frequency = "dont_know"
    processed_food: Frequency = "dont_know"
    """No longer asked: no source links processed food to these nutrient gaps, so it changes nothing. Still
    accepted, so answers files and sessions that hold it keep loading."""
    alcohol_drinks_per_week: Annotated[int, Field(ge=0, le=200, strict=True)] | None = None
    """Standard drinks a week; None means prefer not to say."""
    caffeine_cups_per_day: Annotated[int, Field(ge=0, le=40, strict=True)] | None = None


class Lifestyle(Section):
    stress: Literal["low", "moderate", "high", "prefer_not"] = "prefer_not"
    sleep: Literal["under_6", "6_to_7", "7_to_9", "over_9", "dont_know"] = "dont_know"
    smoking: Literal["never", "former", "current", "prefer_not"] = "prefer_not"
    activity: Literal["under_30", "30_to_150", "over_150", "dont_know"] = "dont_know"
    """Minutes of moderate activity a week."""
    chest_pain_on_activity: Literal["yes", "no", "dont_know"] | None = None
    """PAR-Q: pain in the chest during physical activity. None: not asked (sessions saved before content 1.4)."""
    dizzy_or_faint: Literal["yes", "no", "dont_know"] | None = None
    """PAR-Q: losing balance because of dizziness, or ever losing consciousness. None: not asked."""
    falls_past_year: Literal["none", "one", "more", "dont_know"] | None = None
    """Falls in the last 12 months (NICE QS86: more than one calls for a falls assessment). None: not asked."""
    phq4: InstrumentAnswers = Field(default_factory=dict)
    """Optional: the PHQ-4 (content/instruments/phq4.toml), question id -> answer id (``nervous = "not_at_all"``).
    Scored only when all four are answered. Empty: not answered (and in every file saved before it was asked)."""

    @field_validator("phq4")
    @classmethod
    def _phq4_answers(cls, values: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        return _instrument_answers("lifestyle.phq4", values, info)


class Supplement(Section):
    nutrient: NutrientId | TopicId
    """One of the ten nutrients, or a caution topic taken as a supplement (``vitamin_b6``, ``vitamin_a``)."""
    amount: Annotated[float, Field(ge=0, le=100_000, strict=True)]
    """A day's amount, in the unit of ``form`` (as the pack gives it). With no ``form``, in the nutrient's own unit:
    mcg for vitamin D, B12 and selenium; mg for calcium, magnesium, potassium, iron and zinc (elemental, as a
    label's "elemental" line gives it); g of EPA+DHA for omega-3; mcg of folic acid for folate."""
    form: str = ""
    """How the pack gives the amount, an id from content/supplement_forms.toml: ``iu`` (vitamin D in IU),
    ``fish_oil`` (mg of oil), ``epa_dha_mg`` (mg of EPA+DHA), or a salt such as ``ferrous_sulfate_dried``."""


class Health(Section):
    medicines: tuple[str, ...] = ()
    """Medicine class ids or common names from the content (``ppi`` or ``omeprazole``)."""
    conditions: tuple[str, ...] = ()
    supplements: tuple[Supplement, ...] = ()
    symptoms: tuple[str, ...] = ()

    @field_validator("supplements")
    @classmethod
    def _plausible_supplements(cls, values: tuple[Supplement, ...], info: ValidationInfo) -> tuple[Supplement, ...]:
        content = (info.context or {}).get("content")
        if content is None:
            return values
        for supplement in values:
            problem = content.supplement_problem(supplement)  # content rules, read from the knowledge base
            if problem:
                raise ValueError(problem)
        return values

    @field_validator("medicines", "conditions", "symptoms")
    @classmethod
    def _known_ids(cls, values: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        content = (info.context or {}).get("content")
        if content is None:
            return values
        if info.field_name == "medicines":
            known = (
                {m.id for m in content.medicines.values()}
                | {e.casefold() for m in content.medicines.values() for e in m.examples}
                | set(content.medicine_names)
            )
            bad = [v for v in values if v.casefold() not in known]
            if bad:
                raise ValueError(
                    f"{bad[0]!r} is not in the list of medicines: give the closest class id "
                    f"({', '.join(content.medicines)}), or leave it out and ask a pharmacist about it"
                )
            return values
        catalogue = content.conditions if info.field_name == "conditions" else content.symptoms
        bad = [v for v in values if v not in catalogue]
        if bad:
            raise ValueError(f"unknown {info.field_name[:-1]} {bad[0]!r}; allowed: {', '.join(catalogue)}")
        return values


class BackPain(Section):
    areas: tuple[Literal["lower", "middle", "upper", "neck"], ...] = ()
    """Empty means no back or neck pain at the moment."""
    leg_spread: Literal["none", "one_leg", "both_legs", "dont_know"] = "none"
    duration: Literal["acute", "subacute", "chronic", "dont_know"] = "dont_know"
    """acute: under 4 weeks; subacute: 4-12 weeks; chronic: over 12 weeks."""
    intensity: Annotated[int, Field(ge=0, le=10, strict=True)] | None = None
    """0 = no pain, 10 = worst imaginable (numeric rating scale)."""
    cause: Literal[
        "gradual", "lifting_or_strain", "minor_fall", "serious_accident", "sport_or_exercise", "dont_know"
    ] = "dont_know"
    recent_procedure: YesNo | None = None
    """An operation on the spine, a spinal injection or an epidural in the last few weeks (facts-addendum-2 L.3):
    it decides whether the warning signs after one are asked. None: not asked (sessions before content 1.4)."""
    red_flags: dict[str, YesNo] = Field(default_factory=dict)
    """Answer to each red-flag question in the content, by id; a question not answered counts as not asked."""
    start_back: InstrumentAnswers = Field(default_factory=dict)
    """Optional: the Keele STarT Back Screening Tool (content/instruments/start_back.toml), question id -> answer id
    (``leg_pain = "agree"``). Asked and scored only with back pain; a score needs all nine. Empty: not answered."""

    @field_validator("start_back")
    @classmethod
    def _start_back_answers(cls, values: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        return _instrument_answers("back_pain.start_back", values, info)

    @field_validator("red_flags")
    @classmethod
    def _known_flags(cls, values: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        content = (info.context or {}).get("content")
        if content is not None:
            bad = [k for k in values if k not in content.red_flags]
            if bad:
                raise ValueError(f"unknown red flag {bad[0]!r}; allowed: {', '.join(content.red_flags)}")
        return values


class Answers(Section):
    """One person's answers. Every section may be left out; defaults mean "don't know"."""

    format: Literal[1] = ANSWERS_FORMAT
    about: About = Field(default_factory=About)
    sun: Sun = Field(default_factory=Sun)
    diet: Diet = Field(default_factory=Diet)
    lifestyle: Lifestyle = Field(default_factory=Lifestyle)
    health: Health = Field(default_factory=Health)
    back_pain: BackPain = Field(default_factory=BackPain)

    @model_validator(mode="before")
    @classmethod
    def _known_answers(cls, data: Any) -> Any:
        """An answer the diet pattern settles is that answer, whatever else was given: a vegetarian's meat and
        oily fish are "never" (``Question.known`` in the questionnaire). The wizard does not ask them, so a
        file saying otherwise contradicts itself, and the pattern wins: the rules for it are written around
        it, sessions saved before these questions were settled still load, and "never" is the cautious
        reading (in the rules, "never" can only add a reason to check a nutrient)."""
        if not isinstance(data, dict):
            return data
        about = data.get("about")
        if isinstance(about, BaseModel):
            about = about.model_dump()
        known = known_answers({"about": about}) if isinstance(about, dict) else {}
        data = dict(data)
        for section, values in known.items():
            given = data.get(section, {})
            if isinstance(given, BaseModel):
                given = given.model_dump()
            if isinstance(given, dict):  # anything else is refused by the section's model, as it was
                data[section] = {**given, **values}
        return data

    @model_validator(mode="after")
    def _pregnancy_in_one_place(self) -> "Answers":
        for condition in ("pregnancy", "breastfeeding"):
            if condition in self.health.conditions:
                raise ValueError(f"health.conditions: give {condition!r} as about.pregnancy, not as a condition")
        return self


def _instrument_answers(field: str, values: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    """Question and answer ids checked against the questionnaire's file, when the content is given."""
    content = (info.context or {}).get("content")
    if content is not None:
        problem = content.instrument_problem(field, values)  # the knowledge base's questions, read there
        if problem:
            raise ValueError(problem)
    return values


def field_value(answers: Answers, path: str) -> Any:
    """The value at a dotted path such as ``diet.oily_fish``."""
    value: Any = answers
    for part in path.split("."):
        value = getattr(value, part)
    return value
