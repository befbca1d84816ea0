"""Every question nutri-tui asks, once: its answer field, wording, choices, review wording and when it applies.

The wizard's step forms are built from these definitions by one loop, and the review screen, the
Markdown report and the plain-text outputs word answers from the same place, so a question is never
defined twice. Questions whose choices come from the knowledge base (medicines, conditions,
symptoms, supplements, warning signs) say so with ``kind``; :mod:`nutri_tui.content.choices` builds those lists.

This is the ground floor: it imports nothing of nutri-tui but the standard library, so every layer
above (models excepted) may use it, the first screen included.
"""

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from nutri_tui.questionnaire.questions import ABOUT, BACK_PAIN, DIET, LIFESTYLE, MEDICINES, SUN, SYMPTOMS
from nutri_tui.questionnaire.vocabulary import (
    ALLERGENS,
    DONT_KNOW,
    FREQUENCY,
    NOT_ANSWERED,
    PAIN_AREAS,
    RED_FLAG,
    YES_NO,
    Kind,
    Question,
    Step,
    answer_keys,
)

__all__ = [
    "ALLERGENS",
    "DONT_KNOW",
    "FREQUENCY",
    "NOT_ANSWERED",
    "PAIN_AREAS",
    "PREGNANCY_MAX_AGE",
    "QUESTIONS",
    "RED_FLAG",
    "REVIEW",
    "STEPS",
    "STEP_IDS",
    "YES_NO",
    "Kind",
    "Question",
    "Step",
    "answer_keys",
    "as_asked",
    "given",
    "known_answer",
    "known_answers",
    "known_because",
    "not_asked",
    "not_asked_answer",
    "pregnancy_applies",
    "step",
    "step_index",
]

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
        "Questions your diet pattern (in About you) already answers are left out: for a vegetarian, meat "
        "and oily fish count as Never. "
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
        "your result says what helps. Activity shapes the exercise suggestions.\n\n"
        "The four questions on mood and worry at the end (the PHQ-4) are optional: answer each with 0 to 3 "
        "(0 Not at all to 3 Nearly every day), or leave them all blank. All four give a score to talk through "
        "with your GP; it is never a diagnosis.",
    ),
    Step(
        "medicines",
        "Medicines and conditions",
        "health",
        MEDICINES,
        "Tick the medicines you take, by name if it is listed (so your result can name it), or by kind. "
        "Supplements: the amount you take a day, as the pack gives it, and the unit or form it is given in: vitamin D "
        "in mcg or IU (40 IU = 1 mcg); fish oil by the capsule's weight (about 300 mg of EPA+DHA per 1,000 mg is "
        "assumed) or, better, the EPA+DHA on the label; an iron, calcium, magnesium or zinc tablet by its salt "
        "(such as dried ferrous sulfate), or its elemental amount if the label gives one. Leave blank if you take "
        "none.",
        keys="Type in the box above a list to narrow it, then Tab into the list; Space ticks an item. Choose a "
        "supplement's unit or form in the box beside its amount.",
    ),
    Step(
        "symptoms",
        "Symptoms",
        "health",
        SYMPTOMS,
        "Tick any symptom you have had regularly over the last few weeks. Each one has many possible "
        "causes; low levels of a nutrient are only one, so symptoms count for less than risk factors.",
        keys="Type to narrow the list, Tab into it, Space to tick.",
    ),
    Step(
        "back_pain",
        "Back pain",
        "back_pain",
        BACK_PAIN,
        "Where it hurts, for how long and how much shape the exercise advice. The questions after "
        "them are warning signs (red flags): please answer every one, Yes, No or Not sure. "
        "Most back pain is not serious, "
        "but these signs need a doctor, some of them at once. If you answer Yes to an emergency sign, "
        "you will be told what to do straight away.\n\n"
        "With back pain, nine optional questions follow the warning signs: the Keele STarT Back Screening Tool, "
        "in Keele's own words. Answer them with A (agree) or D (disagree), the last by the first letter of its "
        "answer, or leave them all blank. All nine give a score to show your physiotherapist or GP.",
        keys="Answer each warning sign with Y (yes), N (no) or S (not sure), which moves on to the next, or change "
        "an answer with the left and right arrows.",
    ),
)
STEP_IDS = tuple(step.id for step in STEPS)
REVIEW = "review"
QUESTIONS: dict[str, Question] = {q.field: q for step in STEPS for q in step.questions}
"""Every question by its answer field."""
PREGNANCY_MAX_AGE = 60
"""Above this age the pregnancy question is not asked (it is answered "no")."""


def pregnancy_applies(sex: object, age: object) -> bool:
    """Whether the pregnancy question is asked: not of a man, nor above :data:`PREGNANCY_MAX_AGE` (then it is "no").
    ``sex`` and ``age`` as the About step holds them (None: not given yet)."""
    return sex != "male" and (not isinstance(age, int | float) or age <= PREGNANCY_MAX_AGE)


def not_asked_answer(question: Question, sections: Mapping[str, Any], here: Mapping[str, Any]) -> object | None:
    """The answer a question has without being asked, or None when it is asked: one an earlier step settles (a
    vegetarian's meat is "never", :func:`known_answer`), or "no" to pregnancy where it cannot apply (``here``: the
    step's answers so far, so the About step's sex and age)."""
    known = known_answer(question, sections)
    if known is not None:
        return known
    if question.field == "about.pregnancy" and not pregnancy_applies(here.get("sex"), here.get("age")):
        return "no"
    return None


def step_index(step_id: str) -> int:
    return STEP_IDS.index(step_id)


def step(step_id: str) -> Step:
    return STEPS[step_index(step_id)]


# --- answers that follow from earlier ones (a vegetarian eats meat "never") ---------------------------------


def given(sections: Mapping[str, Any], field: str) -> Any:
    """The answer at ``field`` (``about.diet``) in answers kept as section dicts; None if not given."""
    section, _, name = field.partition(".")
    values = sections.get(section)
    return values.get(name) if isinstance(values, Mapping) else None


def known_answer(question: Question, sections: Mapping[str, Any]) -> object | None:
    """The answer an earlier answer settles (meat for a vegetarian: ``never``); None when the question is asked."""
    if not question.follows:
        return None
    return question.known.get(str(given(sections, question.follows)))


def known_because(question: Question, sections: Mapping[str, Any]) -> str:
    """The earlier answer that settles the question, in a word ("vegetarian"); "" when it is asked."""
    if known_answer(question, sections) is None:
        return ""
    value = str(given(sections, question.follows))
    deciding = QUESTIONS[question.follows]
    return deciding.reason.get(value) or deciding.label(value).lower()


def known_answers(sections: Mapping[str, Any]) -> dict[str, dict[str, object]]:
    """Every answer that earlier answers settle, by section: ``{"diet": {"meat": "never"}}``."""
    known: dict[str, dict[str, object]] = {}
    for question in QUESTIONS.values():
        answer = known_answer(question, sections)
        if answer is not None:
            known.setdefault(question.section, {})[question.name] = answer
    return known


def as_asked(question: Question, sections: Mapping[str, Any]) -> Question:
    """The question as this person is asked it (a vegan is asked about fortified plant drinks, not dairy)."""
    if question.follows:
        wording = question.reworded.get(str(given(sections, question.follows)))
        if wording:
            return replace(question, text=wording[0], review=wording[1])
    return question


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def not_asked(questions: tuple[Question, ...], sections: Mapping[str, Any], where: bool = True) -> str:
    """What earlier answers settle or change among ``questions``, and why, in plain words ("" if nothing).

    "You said you are vegetarian, so oily fish and meat are not asked: both count as Never." ``where`` adds which
    step to go back to, to change it (plain mode changes answers in its review instead).
    """
    settled = [q for q in questions if known_answer(q, sections) is not None]
    changed = [q for q in questions if as_asked(q, sections) is not q]
    sentences = []
    for because in dict.fromkeys(known_because(q, sections) for q in settled):
        these = [q for q in settled if known_because(q, sections) == because]
        topics = [q.topic or q.review.lower() for q in these]
        labels = [q.label(known_answer(q, sections)) for q in these]
        if len(set(labels)) > 1:
            counted = "counted as " + _listed([f"{t}: {label}" for t, label in zip(topics, labels, strict=True)])
        else:
            counted = {1: "it counts", 2: "both count"}.get(len(these), "each counts") + f" as {labels[0]}"
        verb = "is" if len(these) == 1 else "are"
        sentences.append(f"You said you are {because}, so {_listed(topics)} {verb} not asked: {counted}.")
    for question in changed:
        asked = as_asked(question, sections).text
        topic = question.topic or question.review.lower()
        sentences.append(f"The {topic} question asks about {asked[:1].lower()}{asked[1:]}.")
    if not sentences or not where:
        return " ".join(sentences)
    fields = {q.follows for q in (*settled, *changed)}
    where = [s.title for s in STEPS if any(q.field in fields for q in s.questions)]
    sentences.append(f"To change this, go back to {_listed(where)}.")
    return " ".join(sentences)
