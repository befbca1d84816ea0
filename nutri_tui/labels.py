"""Plain-English labels for the answer choices, shared by the wizard, the review and reports.

This is wording, not medical knowledge; the facts behind each question live in content/.
"""

from __future__ import annotations

DONT_KNOW = "Don't know"

CHOICES: dict[str, dict[str, str]] = {
    "about.sex": {"female": "Female", "male": "Male", "not_stated": "Prefer not to say"},
    "about.pregnancy": {
        "no": "No",
        "pregnant": "Pregnant",
        "trying": "Trying for a baby",
        "breastfeeding": "Breastfeeding",
        "prefer_not": "Prefer not to say",
    },
    "about.diet": {
        "omnivore": "I eat meat and fish",
        "pescatarian": "Pescatarian (fish, no meat)",
        "vegetarian": "Vegetarian",
        "vegan": "Vegan",
        "not_stated": "Prefer not to say",
    },
    "sun.outdoor_minutes": {
        "under_15": "Under 15 minutes",
        "15_to_30": "15-30 minutes",
        "30_to_60": "30-60 minutes",
        "over_60": "Over an hour",
        "dont_know": DONT_KNOW,
    },
    "sun.covering_clothing": {"yes": "Yes", "no": "No", "dont_know": DONT_KNOW},
    "sun.sunscreen": {"always": "Always", "sometimes": "Sometimes", "never": "Never", "dont_know": DONT_KNOW},
    "sun.skin_tone": {"light": "Light", "medium": "Medium", "dark": "Dark", "prefer_not": "Prefer not to say"},
    "sun.season": {
        "spring": "Spring",
        "summer": "Summer",
        "autumn": "Autumn",
        "winter": "Winter",
        "dont_know": DONT_KNOW,
    },
    "sun.far_from_equator": {"yes": "Yes", "no": "No", "dont_know": DONT_KNOW},
    "sun.housebound": {"no": "No", "yes": "Yes"},
    "frequency": {
        "never": "Never",
        "rarely": "Less than once a week",
        "weekly": "1-2 times a week",
        "often": "3-6 times a week",
        "daily": "Every day",
        "dont_know": DONT_KNOW,
    },
    "lifestyle.stress": {"low": "Low", "moderate": "Moderate", "high": "High", "prefer_not": "Prefer not to say"},
    "lifestyle.sleep": {
        "under_6": "Under 6 hours",
        "6_to_7": "6-7 hours",
        "7_to_9": "7-9 hours",
        "over_9": "Over 9 hours",
        "dont_know": DONT_KNOW,
    },
    "lifestyle.smoking": {
        "never": "Never smoked",
        "former": "Used to smoke",
        "current": "Smoke now",
        "prefer_not": "Prefer not to say",
    },
    "lifestyle.activity": {
        "under_30": "Under 30 minutes",
        "30_to_150": "30-150 minutes",
        "over_150": "Over 150 minutes",
        "dont_know": DONT_KNOW,
    },
    "back_pain.areas": {"lower": "Lower back", "middle": "Middle back", "upper": "Upper back", "neck": "Neck"},
    "back_pain.leg_spread": {
        "none": "No",
        "one_leg": "Into one leg",
        "both_legs": "Into both legs",
        "dont_know": DONT_KNOW,
    },
    "back_pain.duration": {
        "acute": "Under 4 weeks",
        "subacute": "4 to 12 weeks",
        "chronic": "Over 12 weeks",
        "dont_know": DONT_KNOW,
    },
    "back_pain.cause": {
        "gradual": "It came on gradually",
        "lifting_or_strain": "Lifting or a strain",
        "minor_fall": "A minor fall or knock",
        "serious_accident": "A serious accident (car crash, fall from a height)",
        "sport_or_exercise": "Sport or exercise",
        "dont_know": DONT_KNOW,
    },
    "red_flag": {"yes": "Yes", "no": "No", "dont_know": "Not sure"},
    "allergen": {
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
    },
    "level": {"high": "High", "moderate": "Moderate", "low": "Low"},
    "urgency": {"emergency": "EMERGENCY", "urgent": "URGENT", "soon": "SOON"},
}

DIET_FIELDS: dict[str, str] = {
    "oily_fish": "Oily fish (salmon, sardines, mackerel)",
    "dairy_or_fortified": "Dairy, or fortified plant drinks and yogurts",
    "leafy_greens": "Leafy green vegetables",
    "nuts_seeds": "Nuts and seeds",
    "legumes": "Beans, lentils, chickpeas, tofu",
    "whole_grains": "Whole grains (brown rice, oats, wholemeal)",
    "fruit_veg": "Fruit and vegetables",
    "meat": "Meat",
    "eggs": "Eggs",
    "fortified_cereals": "Fortified breakfast cereals",
    "processed_food": "Processed or fast food",
}

LEVEL_SYMBOL = {"high": "▲", "moderate": "◆", "low": "○"}
URGENCY_SYMBOL = {"emergency": "‼", "urgent": "!", "soon": "•"}


def label(key: str, value: object) -> str:
    """The label for a stored value, falling back to the value itself."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None:
        return "Prefer not to say"
    return CHOICES.get(key, {}).get(str(value), str(value).replace("_", " "))


def number(value: float) -> str:
    """An amount for reading: thousands separated, at most one decimal (``1,200``, ``2.4``)."""
    return f"{value:,.1f}".removesuffix(".0")
