"""Every question nutri-tui asks, once: its answer field, wording, choices, review wording and when it applies.

The wizard's step forms are built from these definitions by one loop, and the review screen, the
Markdown report and the plain-text outputs word answers from the same place, so a question is never
defined twice. Questions whose choices come from the knowledge base (medicines, conditions,
symptoms, supplements, warning signs) say so with ``kind``; :mod:`nutri_tui.content.choices` builds those lists.

This is the ground floor: it imports nothing of nutri-tui but the standard library, so every layer
above (models excepted) may use it, the first screen included.
"""

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
        "which moves on to the next, or change an answer with the left and right arrows. "
        "Most back pain is not serious, "
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
