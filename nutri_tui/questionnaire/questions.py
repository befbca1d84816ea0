"""Every question, step by step: its answer field, wording, choices, review wording and default."""

from __future__ import annotations

from typing import Any

from nutri_tui.questionnaire.vocabulary import (
    ALLERGENS,
    DONT_KNOW,
    FREQUENCY,
    PAIN_AREAS,
    RED_FLAG,
    YES_NO,
    Question,
)


def _frequency(name: str, text: str, **follows: Any) -> Question:
    return Question(f"diet.{name}", text, text, choices=FREQUENCY, default="dont_know", **follows)


def _never_for(*diets: str) -> dict[str, object]:
    """The diet patterns that leave a food out: how often it is eaten is known without asking (never)."""
    return dict.fromkeys(diets, "never")


PLANT_DRINKS = "Fortified plant drinks and yogurts"
"""The dairy question as a vegan is asked it: fortified plant drinks still supply calcium, B12 and vitamin D."""


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
        reason={"pescatarian": "pescatarian", "vegetarian": "vegetarian", "vegan": "vegan"},
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
    # A diet pattern that leaves a food out answers how often it is eaten (never); the step says so, and
    # the rules then see the truth (a vegetarian's oily fish is "never", not "don't know").
    _frequency(
        "oily_fish",
        "Oily fish (salmon, sardines, mackerel)",
        follows="about.diet",
        known=_never_for("vegetarian", "vegan"),
        topic="oily fish",
    ),
    _frequency(
        "dairy_or_fortified",
        "Dairy, or fortified plant drinks and yogurts",
        follows="about.diet",
        reworded={"vegan": (PLANT_DRINKS, PLANT_DRINKS)},
        topic="dairy",
    ),
    _frequency("leafy_greens", "Leafy green vegetables"),
    _frequency("nuts_seeds", "Nuts and seeds"),
    _frequency("legumes", "Beans, lentils, chickpeas, tofu"),
    _frequency("whole_grains", "Whole grains (brown rice, oats, wholemeal)"),
    _frequency("fruit_veg", "Fruit and vegetables"),
    _frequency(
        "meat", "Meat", follows="about.diet", known=_never_for("pescatarian", "vegetarian", "vegan"), topic="meat"
    ),
    _frequency("eggs", "Eggs", follows="about.diet", known=_never_for("vegan"), topic="eggs"),
    _frequency("fortified_cereals", "Fortified breakfast cereals"),
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
    # Asked before any exercise is suggested (PAR-Q items, facts-addendum-2 M.1): no default, so each is a
    # real answer; "Don't know" is treated with the same care as "Yes".
    Question(
        "lifestyle.chest_pain_on_activity",
        "Do you get pain in your chest when you are physically active?",
        "Chest pain when active",
        choices=YES_NO,
        required=True,
    ),
    Question(
        "lifestyle.dizzy_or_faint",
        "Do you lose your balance because of dizziness, or have you ever passed out?",
        "Dizziness or passing out",
        choices=YES_NO,
        required=True,
    ),
    Question(
        "lifestyle.falls_past_year",
        "How many times have you fallen in the last 12 months?",
        "Falls in the last year",
        choices={"none": "None", "one": "Once", "more": "Twice or more", "dont_know": DONT_KNOW},
    ),
    # A licensed questionnaire, asked in its authors' words from content/instruments/phq4.toml (never reworded
    # here): this text only introduces it.
    Question(
        "lifestyle.phq4",
        "Optional: four questions about mood and worry. Answer all four for a score to talk through with your GP, "
        "or leave them all blank.",
        "Mood and worry (PHQ-4)",
        kind="instrument",
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
        "back_pain.recent_procedure",
        "In the last few weeks, have you had an operation on your spine, a spinal injection or an epidural?",
        "Recent spine operation or injection",
        choices=YES_NO,
        required=True,
    ),
    Question(
        "back_pain.red_flags",
        "Warning signs: please answer each one.",
        "Warning signs",
        kind="red_flags",
        choices=RED_FLAG,
    ),
    # Keele's questionnaire, in Keele's words from content/instruments/start_back.toml; asked with back pain.
    Question(
        "back_pain.start_back",
        "Optional: nine questions from a back-pain questionnaire. Answer all nine for a score to show your "
        "physiotherapist or GP, or leave them all blank.",
        "Back-pain questionnaire (STarT Back)",
        kind="instrument",
    ),
)
