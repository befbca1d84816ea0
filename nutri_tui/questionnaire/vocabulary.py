"""The shape of a question and a step, and the answer vocabularies several questions share."""

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

Kind = Literal[
    "choice", "number", "ticks", "medicines", "conditions", "symptoms", "supplements", "red_flags", "instrument"
]
"""``instrument``: a validated questionnaire from content/instruments/, asked in its own words (optional)."""


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
    follows: str = ""
    """An earlier answer (its field, ``about.diet``) that can settle this question or change how it is asked."""
    known: dict[str, object] = field(default_factory=dict)
    """Answers of ``follows`` that settle this question, with the answer it then has: a vegetarian eats meat
    ``never``. The question is not asked; the form, the answers, the review and the report all hold that answer."""
    reworded: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Answers of ``follows`` that change how the question is asked: (question, review wording) then."""
    topic: str = ""
    """The question's subject mid-sentence ("oily fish"), for saying it is not asked."""
    reason: dict[str, str] = field(default_factory=dict)
    """This answer in a word, for naming it as the reason another answer is known: "(vegetarian)"."""

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
    """Why the step asks what it asks, and how to answer, in words for any front end (plain mode's "?")."""
    keys: str = ""
    """How the app's form is answered by keyboard: its F1 help adds this after ``help``."""


def answer_keys(options: dict[str, str]) -> dict[str, str]:
    """The key that answers each option of a questionnaire's item (key -> option id): its first letter when those
    differ (A agree, D disagree), otherwise its position from 0 (the PHQ-4's "Not at all" and "Nearly every day"
    share an N: 0 to 3, as the form scores them and the step's help says). The app and plain mode use the same."""
    letters = [text[:1].casefold() for text in options.values()]
    if len(set(letters)) == len(letters) and all(letter.isalpha() for letter in letters):
        return dict(zip(letters, options, strict=True))
    return {str(position): key for position, key in enumerate(options)}
