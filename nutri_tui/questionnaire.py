"""Every question nutri-tui asks, once: its answer field, wording, choices, review wording and when it applies.

The wizard's step forms are built from these definitions by one loop, and the review screen, the
Markdown report and the plain-text outputs word answers from the same place, so a question is never
defined twice. Questions whose choices come from the knowledge base (medicines, conditions,
symptoms, supplements, warning signs) say so with ``kind``; :mod:`nutri_tui.choices` builds those lists.

This is the ground floor: it imports nothing of nutri-tui but the standard library, so every layer
above (models excepted) may use it, the first screen included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DONT_KNOW = "Don't know"
NOT_ANSWERED = "not answered"

FREQUENCY = {
    "never": "Never",
    "rarely": "Less than once a week",
    "weekly": "1-2 times a week",
    "often": "3-6 times a week",
    "daily": "Every day",
    "dont_know": DONT_KNOW,
}
YES_NO = {"yes": "Yes", "no": "No", "dont_know": DONT_KNOW}
RED_FLAG = {"yes": "Yes", "no": "No", "dont_know": "Not sure"}
ALLERGENS = {
    "milk": "Milk",
    "egg": "Egg",
    "fish": "Fish",
    "shellfish": "Shellfish",
    "tree_nuts": "Tree nuts",
    "peanuts": "Peanuts",
    "wheat": "Wheat",
    "gluten": "Gluten",
    "soy": "Soy",
    "sesame": "Sesame",
}
PAIN_AREAS = {"lower": "Lower back", "middle": "Middle back", "upper": "Upper back", "neck": "Neck"}

Kind = Literal["choice", "number", "ticks", "medicines", "conditions", "symptoms", "supplements", "red_flags"]


@dataclass(frozen=True)
class Question:
    """One question: ``field`` is its answer's path in the answers file (``sun.outdoor_minutes``)."""

    field: str
    text: str
    review: str
    """How the review and the report name the answer: "Outdoors uncovered a day"."""
    kind: Kind = "choice"
    choices: dict[str, str] = field(default_factory=dict)
    default: object = None
    """What the form shows before the person answers (None: nothing chosen yet)."""
    blank: str = NOT_ANSWERED
    """How the review says a blank answer (a number left out: "prefer not to say"; nothing ticked: "none")."""
    minimum: float = 0
    maximum: float = 0
    placeholder: str = ""
    """A number box's hint, or a list's filter hint."""
    required: bool = False
    yes_no_flag: bool = False
    """A true/false answer asked as a Yes/No choice (``sun.housebound``)."""

    @property
    def section(self) -> str:
        return self.field.split(".", 1)[0]

    @property
    def name(self) -> str:
        """The field's own name, which is also the id of its widget (``outdoor_minutes``)."""
        return self.field.split(".", 1)[1]

    def label(self, value: object) -> str:
        """An answer in words."""
        if value is None:
            return self.blank
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, list | tuple):
            return ", ".join(self.choices.get(str(v), str(v)) for v in value) or "none"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return self.choices.get(str(value), str(value).replace("_", " "))


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    section: str
    """The answers section this step writes (two steps share ``health``)."""
    questions: tuple[Question, ...]
    help: str = ""


def _frequency(name: str, text: str) -> Question:
    return Question(f"diet.{name}", text, text, choices=FREQUENCY, default="dont_know")


ABOUT = (
    Question(
        "about.age",
        "Age in years (leave blank to not say)",
        "Age",
        kind="number",
        blank="prefer not to say",
        minimum=14,
        maximum=120,
        placeholder="e.g. 42",
    ),
    Question(
        "about.sex",
        "Sex",
        "Sex",
        choices={"female": "Female", "male": "Male", "not_stated": "Prefer not to say"},
        required=True,
    ),
    Question(
        "about.pregnancy",
        "Are you pregnant, breastfeeding or trying for a baby?",
        "Pregnant, breastfeeding or trying",
        choices={
            "no": "No",
            "pregnant": "Pregnant",
            "trying": "Trying for a baby",
            "breastfeeding": "Breastfeeding",
            "prefer_not": "Prefer not to say",
        },
        required=True,
    ),
    Question(
        "about.diet",
        "Which best describes how you eat?",
        "Diet",
        choices={
            "omnivore": "I eat meat and fish",
            "pescatarian": "Pescatarian (fish, no meat)",
            "vegetarian": "Vegetarian",
            "vegan": "Vegan",
            "not_stated": "Prefer not to say",
        },
        required=True,
    ),
    Question(
        "about.allergies",
        "Food allergies (space to tick):",
        "Food allergies",
        kind="ticks",
        choices=ALLERGENS,
        blank="none",
    ),
)
SUN = (
    Question(
        "sun.outdoor_minutes",
        "On a typical day, time outdoors with face and arms uncovered",
        "Outdoors uncovered a day",
        choices={
            "under_15": "Under 15 minutes",
            "15_to_30": "15-30 minutes",
            "30_to_60": "30-60 minutes",
            "over_60": "Over an hour",
            "dont_know": DONT_KNOW,
        },
        default="dont_know",
    ),
    Question(
        "sun.covering_clothing",
        "Do you wear clothes that cover most of your skin outdoors?",
        "Covering clothes",
        choices=YES_NO,
        default="dont_know",
    ),
    Question(
        "sun.sunscreen",
        "Do you use sunscreen when outdoors?",
        "Sunscreen",
        choices={"always": "Always", "sometimes": "Sometimes", "never": "Never", "dont_know": DONT_KNOW},
        default="dont_know",
    ),
    Question(
        "sun.skin_tone",
        "Your natural skin tone",
        "Skin tone",
        choices={"light": "Light", "medium": "Medium", "dark": "Dark", "prefer_not": "Prefer not to say"},
        default="prefer_not",
    ),
    Question(
        "sun.season",
        "What season is it where you live now?",
        "Season",
        choices={
            "spring": "Spring",
            "summer": "Summer",
            "autumn": "Autumn",
            "winter": "Winter",
            "dont_know": DONT_KNOW,
        },
        default="dont_know",
    ),
    Question(
        "sun.far_from_equator",
        "Do you live far from the equator (e.g. most of Europe, Canada)?",
        "Far from the equator",
        choices=YES_NO,
        default="dont_know",
    ),
    Question(
        "sun.housebound",
        "Are you housebound or living in a care home?",
        "Housebound",
        choices={"no": "No", "yes": "Yes"},
        default=False,
        blank="No",
        yes_no_flag=True,
    ),
)
DIET = (
    _frequency("oily_fish", "Oily fish (salmon, sardines, mackerel)"),
    _frequency("dairy_or_fortified", "Dairy, or fortified plant drinks and yogurts"),
    _frequency("leafy_greens", "Leafy green vegetables"),
    _frequency("nuts_seeds", "Nuts and seeds"),
    _frequency("legumes", "Beans, lentils, chickpeas, tofu"),
    _frequency("whole_grains", "Whole grains (brown rice, oats, wholemeal)"),
    _frequency("fruit_veg", "Fruit and vegetables"),
    _frequency("meat", "Meat"),
    _frequency("eggs", "Eggs"),
    _frequency("fortified_cereals", "Fortified breakfast cereals"),
    _frequency("processed_food", "Processed or fast food"),
    Question(
        "diet.alcohol_drinks_per_week",
        "Alcoholic drinks in a typical week (blank: prefer not to say)",
        "Alcoholic drinks a week",
        kind="number",
        blank="prefer not to say",
        maximum=200,
    ),
    Question(
        "diet.caffeine_cups_per_day",
        "Cups of coffee, tea or energy drinks a day",
        "Caffeinated drinks a day",
        kind="number",
        maximum=40,
    ),
)
LIFESTYLE = (
    Question(
        "lifestyle.stress",
        "How stressed have you felt over the last month?",
        "Stress",
        choices={"low": "Low", "moderate": "Moderate", "high": "High", "prefer_not": "Prefer not to say"},
        default="prefer_not",
    ),
    Question(
        "lifestyle.sleep",
        "How long do you usually sleep a night?",
        "Sleep",
        choices={
            "under_6": "Under 6 hours",
            "6_to_7": "6-7 hours",
            "7_to_9": "7-9 hours",
            "over_9": "Over 9 hours",
            "dont_know": DONT_KNOW,
        },
        default="dont_know",
    ),
    Question(
        "lifestyle.smoking",
        "Do you smoke?",
        "Smoking",
        choices={
            "never": "Never smoked",
            "former": "Used to smoke",
            "current": "Smoke now",
            "prefer_not": "Prefer not to say",
        },
        default="prefer_not",
    ),
    Question(
        "lifestyle.activity",
        "Minutes of moderate activity a week (brisk walking counts)",
        "Activity a week",
        choices={
            "under_30": "Under 30 minutes",
            "30_to_150": "30-150 minutes",
            "over_150": "Over 150 minutes",
            "dont_know": DONT_KNOW,
        },
        default="dont_know",
    ),
)
MEDICINES = (
    Question(
        "health.medicines",
        "Medicines you take regularly:",
        "Medicines",
        kind="medicines",
        placeholder="Type a medicine or brand name, e.g. omeprazole or Nurofen",
    ),
    Question(
        "health.conditions",
        "Health conditions you have:",
        "Conditions",
        kind="conditions",
        placeholder="Type to filter, e.g. kidney",
    ),
    Question(
        "health.supplements",
        "Supplements you take, amount a day (blank if none):",
        "Supplements",
        kind="supplements",
    ),
)
SYMPTOMS = (
    Question(
        "health.symptoms",
        "Symptoms you have had regularly (leave all unticked if none):",
        "Symptoms",
        kind="symptoms",
        placeholder="Type to filter, e.g. cramp",
    ),
)
BACK_PAIN = (
    Question(
        "back_pain.areas",
        "Where is your pain? (space to tick; none ticked = no pain now)",
        "Where",
        kind="ticks",
        choices=PAIN_AREAS,
        blank="no pain now",
    ),
    Question(
        "back_pain.leg_spread",
        "Does the pain spread into your legs?",
        "Into the legs",
        choices={"none": "No", "one_leg": "Into one leg", "both_legs": "Into both legs", "dont_know": DONT_KNOW},
    ),
    Question(
        "back_pain.duration",
        "How long have you had this pain?",
        "How long",
        choices={
            "acute": "Under 4 weeks",
            "subacute": "4 to 12 weeks",
            "chronic": "Over 12 weeks",
            "dont_know": DONT_KNOW,
        },
    ),
    Question(
        "back_pain.cause",
        "What started it?",
        "Started with",
        choices={
            "gradual": "It came on gradually",
            "lifting_or_strain": "Lifting or a strain",
            "minor_fall": "A minor fall or knock",
            "serious_accident": "A serious accident (car crash, fall from a height)",
            "sport_or_exercise": "Sport or exercise",
            "dont_know": DONT_KNOW,
        },
    ),
    Question(
        "back_pain.intensity",
        "Pain now, 0 (none) to 10 (worst imaginable)",
        "Pain score",
        kind="number",
        maximum=10,
        placeholder="0-10",
    ),
    Question(
        "back_pain.red_flags",
        "Warning signs: please answer each one.",
        "Warning signs",
        kind="red_flags",
        choices=RED_FLAG,
    ),
)

STEPS: tuple[Step, ...] = (
    Step(
        "about",
        "About you",
        "about",
        ABOUT,
        "Your age and sex set the reference amounts (RDA or AI) and upper limits used in your result. "
        "Leave age blank if you prefer not to say: adult values for 31-50 are then used. "
        f"The reference values start at {ABOUT[0].minimum:g}; for a younger child, please ask a doctor.\n\n"
        "Your diet pattern and allergies decide which foods are suggested.",
    ),
    Step(
        "sun",
        "Sun exposure",
        "sun",
        SUN,
        "Skin makes most of the body's vitamin D in sunlight. Little time outdoors, covering clothes, "
        "darker skin, winter far from the equator and being housebound all mean less is made. "
        'Choose "Don\'t know" where you are not sure.',
    ),
    Step(
        "diet",
        "Diet",
        "diet",
        DIET,
        "How often do you eat each kind of food? Rarely means less than once a week. "
        "Each answer feeds only the nutrients that food supplies, and your result shows which answer "
        "raised which nutrient. A standard drink is about one small glass of wine, a single measure "
        "of spirits or a half-pint of beer.",
    ),
    Step(
        "lifestyle",
        "Stress and lifestyle",
        "lifestyle",
        LIFESTYLE,
        "Stress and sleep are not known to cause these nutrient gaps, so they do not change your "
        "nutrient results. They matter for back pain: worry and poor sleep can slow recovery, and "
        "your result says what helps. Activity shapes the exercise suggestions.",
    ),
    Step(
        "medicines",
        "Medicines and conditions",
        "health",
        MEDICINES,
        "Tick the medicines you take, by name if it is listed (so your result can name it), or by kind. "
        "Type in the box above a list to narrow it, then Tab into the list; Space ticks an item. "
        "Supplements: the amount you take a day, as the pack gives it. Choose the unit or form beside it: vitamin D "
        "in mcg or IU (40 IU = 1 mcg); fish oil by the capsule's weight (about 300 mg of EPA+DHA per 1,000 mg is "
        "assumed) or, better, the EPA+DHA on the label; an iron, calcium, magnesium or zinc tablet by its salt "
        "(such as dried ferrous sulfate), or its elemental amount if the label gives one. Leave blank if you take "
        "none.",
    ),
    Step(
        "symptoms",
        "Symptoms",
        "health",
        SYMPTOMS,
        "Tick any symptom you have had regularly over the last few weeks. Each one has many possible "
        "causes; low levels of a nutrient are only one, so symptoms count for less than risk factors. "
        "Type to narrow the list, Tab into it, Space to tick.",
    ),
    Step(
        "back_pain",
        "Back pain",
        "back_pain",
        BACK_PAIN,
        "Where it hurts, for how long and how much shape the exercise advice. The questions below "
        "them are warning signs (red flags): please answer every one, with Y (yes), N (no) or S (not sure), "
        "or the left and right arrows. Most back pain is not serious, "
        "but these signs need a doctor, some of them at once. If you answer Yes to an emergency sign, "
        "you will be told what to do straight away.",
    ),
)
STEP_IDS = tuple(step.id for step in STEPS)
REVIEW = "review"
QUESTIONS: dict[str, Question] = {q.field: q for step in STEPS for q in step.questions}
"""Every question by its answer field."""
PREGNANCY_MAX_AGE = 60
"""Above this age the pregnancy question is not asked (it is answered "no")."""


def step_index(step_id: str) -> int:
    return STEP_IDS.index(step_id)


def step(step_id: str) -> Step:
    return STEPS[step_index(step_id)]
