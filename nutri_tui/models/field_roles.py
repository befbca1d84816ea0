"""Where every field of the knowledge base reaches a person, or why it never does.

Safety knowledge once sat in fields no output displayed (a food's vitamin A warning, a medicine's
note). So every field of every content model has a role here, and the loader refuses to start when a
field has none (:func:`unclassified_fields`): adding a field means deciding where it is shown.

Roles:
- ``shown``: text or numbers a person reads, in the app, ``assess`` text, ``--json`` and the report,
  wherever the entry applies to them (``tests/test_content_reaches_people.py`` checks this).
- ``rule``: decides what is shown (answer tests, weights, filters, vocabularies); never text.
- ``key``: identifies or links entries (ids, cited source ids).
- ``background``: kept for reviewers only, with the reason.
"""

from __future__ import annotations

from pydantic import BaseModel

SHOWN, RULE, KEY = "shown", "rule", "key"


def background(reason: str) -> str:
    return f"background: {reason}"


_CITED = {"sources": SHOWN, "unverified": SHOWN}  # source titles and "not yet confirmed" go with the claim
_STATEMENT = {"text": SHOWN, **_CITED}

ROLES: dict[str, dict[str, str]] = {
    "Source": {
        "id": KEY,
        "title": SHOWN,
        "publisher": SHOWN,
        "url": SHOWN,
        "reviewed": SHOWN,
        "url_unverified": SHOWN,
        "kind": RULE,
    },
    "Manifest": {"version": SHOWN, "reviewed": SHOWN, "disclaimer": SHOWN, "glossary": SHOWN},
    "GlossaryTerm": {"term": SHOWN, "text": SHOWN, "also": RULE, **_CITED},
    "Statement": _STATEMENT,
    "Sign": {**_STATEMENT, "musculoskeletal": SHOWN},
    "Note": {
        **_STATEMENT,
        "when": RULE,
        "severity": SHOWN,
        "flagged_only": RULE,
        "background": RULE,
        "advises_taking": RULE,
    },
    "Targets": {"kind": SHOWN, "values": SHOWN, "form": SHOWN, "note": SHOWN, **_CITED},
    "UpperLimit": {"applies_to": SHOWN, "values": SHOWN, "note": SHOWN, **_CITED},
    "BloodTest": {"name": SHOWN, "shows": SHOWN, "limits": SHOWN, "usefulness": SHOWN, **_CITED},
    "Interaction": {
        "medicine": KEY,
        "condition": KEY,
        "effect": RULE,
        "severity": SHOWN,
        "scope": RULE,
        "weight": RULE,
        "text": SHOWN,
        "advice": SHOWN,
        "food_advice": SHOWN,
        **_CITED,
    },
    "Food": {
        "id": KEY,
        "name": SHOWN,
        "serving": SHOWN,
        "amount": SHOWN,
        "unit": SHOWN,
        "dv_percent": background(
            "the US label Daily Value, kept to check amounts against the ODS tables; a person sees how a serving "
            "compares with their own target instead, which a %DV for ages 4 and up would contradict"
        ),
        "diet": RULE,
        "allergens": RULE,
        "form": SHOWN,
        "fortified": SHOWN,
        "note": SHOWN,
        "tags": RULE,
        "vitamin_a": RULE,
        **_CITED,
    },
    "Nutrient": {
        "id": KEY,
        "name": SHOWN,
        "unit": SHOWN,
        "summary": SHOWN,
        "targets": SHOWN,
        "upper_limit": SHOWN,
        "at_risk": SHOWN,
        "signs": SHOWN,
        "test": SHOWN,
        "interactions": SHOWN,
        "excess": SHOWN,
        "notes": SHOWN,
        "foods": SHOWN,
    },
    "Medicine": {
        "id": KEY,
        "name": SHOWN,
        "short": SHOWN,
        "examples": SHOWN,
        "note": SHOWN,
        "back_pain_note": SHOWN,
        **_CITED,
    },
    "MedicineName": {"name": SHOWN, "classes": RULE, "generic": SHOWN, "note": SHOWN, **_CITED},
    "MedicineCaution": {"id": KEY, "when": RULE, "severity": SHOWN, "text": SHOWN, **_CITED},
    "TopicSupplementCaution": {"above": RULE, "when": RULE, "severity": SHOWN, "text": SHOWN, **_CITED},
    "Condition": {"id": KEY, "name": SHOWN, "note": SHOWN, **_CITED},
    "Symptom": {
        "id": KEY,
        "name": SHOWN,
        "nutrients": RULE,
        "musculoskeletal": SHOWN,
        "note": SHOWN,
        "warning": SHOWN,
        **_CITED,
    },
    "RedFlag": {
        "id": KEY,
        "question": SHOWN,
        "said": SHOWN,
        "urgency": SHOWN,
        "meaning": SHOWN,
        "advice": SHOWN,
        "implied_by": RULE,
        "ask_when": RULE,
        "asked": RULE,
        "variants": SHOWN,
        **_CITED,
    },
    "QuestionVariant": {"when": RULE, "question": SHOWN},
    "ExerciseCaution": {"when": RULE, "text": SHOWN, "exclude": RULE, "first": RULE, "last": RULE, **_CITED},
    "Exercise": {
        "id": KEY,
        "name": SHOWN,
        "description": SHOWN,
        "suits": SHOWN,
        "evidence": SHOWN,
        "certainty": SHOWN,
        "fit": SHOWN,
        "cautions": SHOWN,
        "stop_if": SHOWN,
        **_CITED,
    },
    "Correction": {
        "id": KEY,
        "claim": background("the seed article's claim, for reviewers: the app never repeats it"),
        "verdict": background("the audit's verdict on the seed article, for reviewers"),
        "correct": background(
            "the audit's correction, for reviewers; each corrected fact a person needs is stated where it applies "
            "(a medicine's note, a nutrient's note, the supplement units)"
        ),
        **{k: background("cites the audit, for reviewers") for k in _CITED},
    },
    "FoodRule": {
        "id": KEY,
        "when": RULE,
        "tags": RULE,
        "allergens": RULE,
        "over_topic_limit": RULE,
        "action": RULE,
        "text": SHOWN,
        **_CITED,
    },
    "SupplementForm": {
        "id": KEY,
        "nutrient": RULE,
        "name": SHOWN,
        "entered_in": SHOWN,
        "factor": SHOWN,
        "assumed": SHOWN,
        **_CITED,
    },
    "Topic": {
        "id": KEY,
        "name": SHOWN,
        "unit": SHOWN,
        **{
            key: background(
                "documents the topic for reviewers; what a person must know is in the text of each food rule"
            )
            for key in ("summary", "sources", "unverified")
        },
        "upper_limit": RULE,
        "supplement_unit": SHOWN,
        "supplement_cautions": SHOWN,
    },
    "NutrientRule": {
        "id": KEY,
        "nutrient": RULE,
        "weight": RULE,
        "when": RULE,
        "text": SHOWN,
        "offset_by_supplement": RULE,
        **_CITED,
    },
    "AdviceRule": {
        "id": KEY,
        "topic": RULE,
        "when": RULE,
        "situation": RULE,
        "withheld_in": RULE,
        "text": SHOWN,
        "nutrient": RULE,
        **_CITED,
    },
    "Levels": {"high": RULE, "moderate": RULE},
    "InteractionWeights": {"info": RULE, "caution": RULE, "doctor_first": RULE},
    "HeavyDrinking": {"male": SHOWN, "female": SHOWN, "not_stated": SHOWN, "text": SHOWN, **_CITED},
    # Shown where two pain scores are compared (Compare, History, the report's progress over time).
    "PainChange": {"points": SHOWN, "percent": SHOWN, "text": SHOWN, **_CITED},
    "Rules": {
        "levels": RULE,
        "symptom_weight": RULE,
        "depleting_interaction": RULE,
        "supplement_factor": RULE,
        "heavy_drinking": SHOWN,
        "min_food_share": RULE,
        "implausible_times_upper_limit": RULE,
        "supplement_plausible_max": RULE,
        "supplement_covers": RULE,
        "supplement_to_target_unit": RULE,
        "general_caution": SHOWN,
        "pain_change": SHOWN,
        "nutrient_rule": SHOWN,
        "advice": SHOWN,
    },
    "When": {
        f: RULE for f in ("field", "in_", "at_least", "at_most", "includes", "classes", "blank", "any", "all", "none")
    },
    # Validated questionnaires (content/instruments/): the wording is shown as written, with the attribution.
    "InstrumentAnswer": {"id": KEY, "text": SHOWN, "score": SHOWN},
    "AnswerSet": {"id": KEY, "answers": SHOWN},
    "InstrumentItem": {"id": KEY, "number": SHOWN, "text": SHOWN, "answers": KEY, "subscales": RULE},
    "FollowUp": {"at_least": RULE, "text": SHOWN, **_CITED},
    "Subscale": {"id": KEY, "name": SHOWN, "follow_up": SHOWN},
    "ScoreTest": {"score": RULE, "at_least": RULE, "at_most": RULE},
    "ScoreBand": {"id": KEY, "name": SHOWN, "when": RULE, "text": SHOWN},
    "Instrument": {
        "id": KEY,
        "name": SHOWN,
        "licence": background(
            "the terms the instrument is used under, for reviewers; a person sees the attribution, which carries "
            "the copyright notice the licence asks to keep"
        ),
        "source_url": background("where the licence was read, for reviewers; the sources cited with it are shown"),
        "verified_on": background("when the wording, scoring and licence were last checked, for reviewers"),
        "allowed_use": background("what the licence allows and how nutri-tui keeps within it, for reviewers"),
        "attribution": SHOWN,
        "attribution_unverified": SHOWN,
        "purpose": SHOWN,
        "field": RULE,
        "ask_when": RULE,
        "stem": SHOWN,
        "total_name": SHOWN,
        "answer_set": SHOWN,
        "item": SHOWN,
        "subscale": SHOWN,
        "band": SHOWN,
        "safety_net": SHOWN,
        **_CITED,
    },
}


def content_models() -> list[type[BaseModel]]:
    """Every pydantic model the knowledge base is read into."""
    from nutri_tui.models import catalogues, content, instruments, rules
    from nutri_tui.models.answer_tests import When

    found: list[type[BaseModel]] = [When]
    for module in (content, catalogues, rules, instruments):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == module.__name__:
                found.append(value)
    return found


def unclassified_fields() -> list[str]:
    """``Model.field`` for every content field without a role (the loader refuses to start if any)."""
    missing: list[str] = []
    for model in content_models():
        if model.__name__ in ("Strict", "Cited"):
            continue
        roles = ROLES.get(model.__name__, {})
        missing += [f"{model.__name__}.{name}" for name in model.model_fields if name not in roles]
    return missing
