"""``assess``: answers and content in, a complete, cited Assessment out.

Cited sources are gathered as masks (:mod:`nutri_tui.engine.sources`) and listed at the end.
"""

from __future__ import annotations

from dataclasses import fields

from nutri_tui.content import Content
from nutri_tui.engine.answer_row import SLOTS
from nutri_tui.engine.checks import Row, medicine_classes
from nutri_tui.engine.coverage import unanswered
from nutri_tui.engine.guidance import FlagsFound, advice, exercises, red_flags
from nutri_tui.engine.index import ContentIndex, index_for
from nutri_tui.engine.instruments import instrument_scores
from nutri_tui.engine.nutrients import nutrient_findings
from nutri_tui.engine.profile import Profile, build_profile, with_flag_situations
from nutri_tui.engine.selection import FoodRules
from nutri_tui.engine.summary import FlagCounts, summary_lines
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import Assessment, Caution, SupplementTaken, YourItem

CONFIRMED = ("yes", "implied")
SUPPLEMENTS, MEDICINES, SYMPTOMS = (SLOTS[f"health.{name}"] for name in ("supplements", "medicines", "symptoms"))
WORTH_A_TEST = ("good", "limited")
"""Blood tests worth asking a doctor about; a poor test is described by what it cannot show, never suggested."""


_new = object.__new__
_RESULT_FIELDS = (
    "content_version",
    "life_stage",
    "notes",
    "summary",
    "red_flags",
    "emergency",
    "exercise_withheld",
    "nutrients",
    "tests_to_ask",
    "exercises",
    "exercise_note",
    "advice",
    "general_cautions",
    "disclaimer",
    "sources",
    "content_reviewed",
    "medicines",
    "conditions",
    "supplements",
    "food_cautions",
    "unanswered",
    "flags_asked",
    "flags_answered",
    "medicine_cautions",
    "supplement_cautions",
    "exercise_check_first",
    "instruments",
)
"""The fields :func:`assess` stores. Calling the class with 27 keywords cost microseconds (matching each
keyword to a parameter) where storing them costs a fraction: ``assess`` stores them and calls ``__post_init__``,
which is all the dataclass ``__init__`` does while the class has exactly these fields (checked on loading)."""
if tuple(f.name for f in fields(Assessment)) != _RESULT_FIELDS:
    raise TypeError("Assessment changed: update assess, which stores its fields one by one")


def assess(answers: Answers, content: Content) -> Assessment:
    """Turn one person's answers into a result. Pure: no I/O, no clock, no randomness."""
    index = index_for(content)
    row = index.read_row(answers)  # every answer, read once: what the compiled tests read (engine/answer_row.py)
    profile = build_profile(answers, content, index, row)
    flags = red_flags(answers, index, row)
    flags_found, flags_mask, flags_asked, flags_answered = flags  # one unpacking, not a look-up per field
    counts = _count(flags)
    emergency = counts.first_emergency is not None
    situations = with_flag_situations(profile.situations, tuple([flag.id for flag in flags_found]))
    if situations is not profile.situations:
        profile = profile._replace(situations=situations)
    age_band, stages, _, condition_causes, taken_medicines, _, _, profile_notes = profile
    check_first = not emergency and "exertion_symptoms" in situations

    pieces = index.pieces
    taken_by: dict[str, float] = {}
    supplements: list[SupplementTaken] = []
    supplements_mask = 0
    for supplement in row[SUPPLEMENTS]:
        amount, listed, mask = pieces.supplement(supplement.nutrient, supplement.amount, supplement.form)
        taken_by[supplement.nutrient] = taken_by.get(supplement.nutrient, 0.0) + amount
        supplements.append(listed)
        supplements_mask |= mask
    _, food_cautions, rules_mask, food_lists = _food_rules(row, profile, index)
    findings, nutrient_sources, advisories = nutrient_findings(row, profile, content, index, taken_by, food_lists)
    if advisories:
        shown, shown_mask = index.annotations_for(advisories)
        food_cautions += shown
        rules_mask |= shown_mask
    suggested = exercises(profile, index) if not emergency else None
    if emergency:
        exercise_note = (
            "Exercise advice is withheld: one of your answers needs a clinician to see you first, or to rule it "
            "out. Follow the warning-sign advice at the top of your result now."
        )
    elif counts.urgent:
        exercise_note = (
            "See a doctor about the warning signs at the top of your result, the same day, before starting any "
            "new exercise."
        )
    elif check_first:
        exercise_note = "These exercises are for once a doctor has said it is safe for you to start."
    else:
        exercise_note = "Start gently and build up; it is normal for pain to rise a little at first."
    doctor_first = frozenset([f.id for f in findings if f.doctor_first])
    advice_given, advice_sources = advice(row, index, doctor_first, situations, not emergency)
    tests = tuple([f.id for f in findings if f.level != "low" and f.tests and f.tests[0].usefulness in WORTH_A_TEST])
    medicines: list[YourItem] = []
    conditions: list[YourItem] = []
    mine_mask = 0
    for taken in taken_medicines:
        item, mask = pieces.your_medicine(taken.id, taken.said_as)
        medicines.append(item)
        mine_mask |= mask
    for condition_id, cause in condition_causes.items():
        if condition_id in content.conditions:
            item, mask = pieces.your_condition(condition_id, cause)
            conditions.append(item)
            mine_mask |= mask
    left_out = unanswered(answers, row)
    medicine_cautions: list[Caution] = []
    mask_more = 0
    # Cautions that need a class of medicine the person does not take are left out untested (they cannot hold).
    for check, caution, mask in index.medicine_cautions_for(medicine_classes(index.medicine_by_name, row[MEDICINES])):
        if check(row) is not None:
            medicine_cautions.append(caution)
            mask_more |= mask
    supplement_cautions: list[Caution] = []
    for topic_id, cautions in index.topic_cautions.items():
        total = taken_by.get(topic_id)
        if total is None:
            continue
        for above, check, caution, mask in cautions:
            if total > above and (check is None or check(row) is not None):
                supplement_cautions.append(caution)
                mask_more |= mask

    warnings = [index.symptom_warnings[s] for s in row[SYMPTOMS] if s in index.symptom_warnings]
    for _, mask in warnings:
        mask_more |= mask

    scored, scored_mask = instrument_scores(row, content, index.masks)
    cited = flags_mask | nutrient_sources | advice_sources | index.general_sources | rules_mask | mine_mask
    cited |= supplements_mask | mask_more | scored_mask
    if suggested is not None:
        cited |= suggested.mask
    # Assessment(...) as its dataclass __init__ builds it: each field stored, then its check (see _RESULT_FIELDS).
    result = _new(Assessment)
    result.content_version = content.version
    result.life_stage = stages[0] if len(stages) == 1 else f"adult_{age_band}"
    result.notes = profile_notes
    result.summary = summary_lines(
        counts, findings, tests, advice_given, left_out, (*medicine_cautions, *supplement_cautions), taken_by
    )
    result.red_flags = flags_found
    result.emergency = emergency
    result.exercise_withheld = emergency
    result.nutrients = tuple(findings)
    result.tests_to_ask = tests
    result.exercises = suggested.suggestions if suggested is not None else ()
    result.exercise_note = exercise_note
    result.advice = advice_given
    result.general_cautions = (*index.general_cautions, *(caution for caution, _ in warnings))
    result.disclaimer = content.manifest.disclaimer
    result.sources = index.masks.refs(cited)
    result.content_reviewed = index.content_reviewed
    result.medicines = tuple(medicines)
    result.conditions = tuple(conditions)
    result.supplements = tuple(supplements)
    result.food_cautions = food_cautions
    result.unanswered = left_out
    result.flags_asked = flags_asked
    result.flags_answered = flags_answered
    result.medicine_cautions = tuple(medicine_cautions)
    result.supplement_cautions = tuple(supplement_cautions)
    result.exercise_check_first = check_first
    result.instruments = scored
    result.__post_init__()
    return result


def _count(flags: FlagsFound) -> FlagCounts:
    first_emergency = None
    by_urgency = {"urgent": 0, "soon": 0}
    unsure = 0
    for flag in flags.findings:
        if flag.urgency == "emergency":
            # "Not sure" to an emergency sign is acted on as if it were yes until a clinician rules it out.
            if first_emergency is None and (flag.answer in CONFIRMED or flag.answer == "dont_know"):
                first_emergency = flag
        elif flag.answer in CONFIRMED:
            by_urgency[flag.urgency] += 1
        elif flag.answer == "dont_know" and flag.urgency == "urgent":
            unsure += 1
    return FlagCounts(first_emergency, by_urgency["urgent"], by_urgency["soon"], unsure, flags.asked, flags.answered)


def _food_rules(row: Row, profile: Profile, index: ContentIndex) -> FoodRules:
    """The food rules that apply to this person, what each says once, the sources they cite, their food lists."""
    applying = 0
    for bit, check in index.food_rule_checks:
        if check is None or check(row) is not None:
            applying |= bit
    return index.food_rules_for(applying, profile.age_band)
