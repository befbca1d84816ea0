"""The checks across files, run once the knowledge base is loaded: every reference resolves.

A source id, medicine, condition or topic named anywhere must exist; answer tests (``when``) must name
real answers and allowed values; a claim may not rest only on a review or a compendium; brand names
must be unambiguous. Each problem is a :class:`ContentError` naming the file and key.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel

from nutri_tui.content.knowledge_base import CATALOGUES, INSTRUMENTS_DIR, NAMES_FILE, Content, ContentError
from nutri_tui.models.answer_tests import FLAG_ANSWER, When, uses_groups, walk
from nutri_tui.models.answers import Answers
from nutri_tui.models.catalogues import MedicineName
from nutri_tui.models.content import SUPPORT_ONLY_KINDS

# --- cross-references -----------------------------------------------------------


def _files(content: Content) -> Iterator[tuple[str, str, BaseModel]]:
    """Every top-level entry with its file and key, for the reference checks."""
    for nutrient in content.nutrients.values():
        yield f"nutrients/{nutrient.id}.toml", "", nutrient
    catalogues = {
        "medicines.toml": content.medicines,
        "conditions.toml": content.conditions,
        "symptoms.toml": content.symptoms,
        "red_flags.toml": content.red_flags,
        "exercises.toml": content.exercises,
        "corrections.toml": content.corrections,
        "food_rules.toml": content.food_rules,
        "supplement_forms.toml": content.supplement_forms,
        "topics.toml": content.topics,
        "medicine_cautions.toml": content.medicine_cautions,
    }
    for file, entries in catalogues.items():
        key = CATALOGUES[file][0]
        for entry_id, entry in entries.items():
            yield file, f"{key}[{entry_id}]", entry
    for entry in content.medicine_names.values():
        yield NAMES_FILE, f"name[{entry.name}]", entry
    yield "rules.toml", "", content.rules
    for instrument in content.instruments.values():
        yield f"{INSTRUMENTS_DIR}/{instrument.id}.toml", "", instrument
    for term in content.manifest.glossary:
        yield "content.toml", f"glossary[{term.term}]", term


def _walk(model: BaseModel, path: str) -> Iterator[tuple[str, BaseModel]]:
    """Yield the model and every model nested in it, with key paths."""
    yield path, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        child = f"{path}.{name}" if path else name
        if isinstance(value, BaseModel):
            yield from _walk(value, child)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    label = getattr(item, "id", None) or index
                    yield from _walk(item, f"{child}[{label}]")


def cross_check(content: Content) -> None:
    """Raise :class:`ContentError` for the first reference that does not resolve."""
    for file, key, entry in _files(content):
        for path, model in _walk(entry, key):
            for source in getattr(model, "sources", ()):
                if source not in content.sources:
                    raise ContentError(file, f"{path}.sources", f"unknown source id {source!r}")
            medicine = getattr(model, "medicine", None)
            if isinstance(medicine, str) and medicine not in content.medicines:
                raise ContentError(file, f"{path}.medicine", f"unknown medicine id {medicine!r}")
            condition = getattr(model, "condition", None)
            if isinstance(condition, str) and condition not in content.conditions:
                raise ContentError(file, f"{path}.condition", f"unknown condition id {condition!r}")
    _check_medicine_names(content)
    _check_rules(content)
    _check_answer_tests(content)
    _check_food_rules(content)
    _check_source_kinds(content)


def _check_source_kinds(content: Content) -> None:
    """A claim may not rest only on sources of a kind that can only support (a review, a compendium, press).

    A brand name's entry may rest on a compendium: naming what a product contains is not a clinical claim.
    """
    for file, key, entry in _files(content):
        for path, model in _walk(entry, key):
            sources = getattr(model, "sources", None)
            if not sources:
                continue
            kinds = {content.sources[s].kind for s in sources}
            allowed = SUPPORT_ONLY_KINDS - {"compendium"} if isinstance(model, MedicineName) else SUPPORT_ONLY_KINDS
            if kinds <= allowed:
                raise ContentError(
                    file,
                    f"{path}.sources",
                    f"only {', '.join(sorted(kinds))} sources: a claim needs a guideline, regulator, fact sheet, "
                    "study or other primary source",
                )


def _check_answer_tests(content: Content) -> None:
    """Every answer test outside rules.toml names a real answer, allowed values and real medicine classes."""
    for flag in content.red_flags.values():
        where = f"red_flag[{flag.id}]"
        check_tests(flag.implied_by, content, "red_flags.toml", f"{where}.implied_by")
        check_tests(flag.ask_when, content, "red_flags.toml", f"{where}.ask_when")
        for index, variant in enumerate(flag.variants):
            check_tests(variant.when, content, "red_flags.toml", f"{where}.variants[{index}].when")
    for nutrient in content.nutrients.values():
        for index, note in enumerate(nutrient.notes):
            check_tests(note.when, content, f"nutrients/{nutrient.id}.toml", f"notes[{index}].when")
    for rule in content.food_rules.values():
        check_tests(rule.when, content, "food_rules.toml", f"food_rule[{rule.id}].when")
    for caution in content.medicine_cautions.values():
        check_tests(caution.when, content, "medicine_cautions.toml", f"caution[{caution.id}].when")
    for topic in content.topics.values():
        for index, caution in enumerate(topic.supplement_cautions):
            where = f"topic[{topic.id}].supplement_cautions[{index}].when"
            check_tests(caution.when, content, "topics.toml", where)
    for instrument in content.instruments.values():
        check_tests(instrument.ask_when, content, f"{INSTRUMENTS_DIR}/{instrument.id}.toml", "ask_when")


def _check_food_rules(content: Content) -> None:
    for rule in content.food_rules.values():
        topic_id = rule.over_topic_limit
        if topic_id is None:
            continue
        topic = content.topics.get(topic_id)
        if topic is None:
            raise ContentError(
                "food_rules.toml", f"food_rule[{rule.id}].over_topic_limit", f"unknown topic {topic_id!r}"
            )
        if topic.upper_limit is None or topic.upper_limit.applies_to == "none_set":
            raise ContentError(
                "food_rules.toml", f"food_rule[{rule.id}].over_topic_limit", f"topic {topic_id!r} has no upper limit"
            )


def _check_medicine_names(content: Content) -> None:
    """A person may answer with a class id, an example name or a brand name, so each must be unambiguous."""
    owner: dict[str, str] = {}
    for medicine in content.medicines.values():
        for name in (medicine.id, *medicine.examples):
            folded = name.casefold()
            if owner.get(folded, medicine.id) != medicine.id:
                raise ContentError(
                    "medicines.toml",
                    f"medicine[{medicine.id}].examples",
                    f"{name!r} is also listed under {owner[folded]!r}",
                )
            owner[folded] = medicine.id
    for folded, entry in content.medicine_names.items():
        where = f"name[{entry.name}]"
        for class_id in entry.classes:
            if class_id not in content.medicines:
                raise ContentError(NAMES_FILE, f"{where}.classes", f"unknown medicine class {class_id!r}")
        if folded in owner and entry.classes != (owner[folded],):
            raise ContentError(
                NAMES_FILE, where, f"{entry.name!r} is already a name in medicines.toml ({owner[folded]})"
            )


def _check_rules(content: Content) -> None:
    """rules.toml: unique ids, answer tests that name real answers, guards only where there is no upper limit."""
    rules = content.rules
    seen: set[str] = set()
    for key, rule in [
        *(("nutrient_rule", r) for r in rules.nutrient_rule),
        *(("advice", a) for a in rules.advice),
    ]:
        where = f"{key}[{rule.id}]"
        if rule.id in seen:
            raise ContentError("rules.toml", f"{where}.id", f"duplicate id {rule.id!r}")
        seen.add(rule.id)
        if key == "nutrient_rule" and uses_groups(rule.when):
            # A reason quotes the answers its rule read; a group would leave which ones ambiguous.
            raise ContentError(
                "rules.toml", f"{where}.when", "a nutrient rule cannot use 'any', 'all' or 'none': write two rules"
            )
        check_tests(rule.when, content, "rules.toml", f"{where}.when")
    for nutrient_id in rules.supplement_plausible_max:
        if content.nutrients[nutrient_id].upper_limit.applies_to != "none_set":
            raise ContentError(
                "rules.toml",
                f"supplement_plausible_max.{nutrient_id}",
                "this nutrient has an upper limit, which sets the guard",
            )
    if "alcohol_use" not in content.conditions:
        raise ContentError("conditions.toml", "condition", "the 'alcohol_use' condition is required")


def check_tests(tests: tuple[When, ...], content: Content, file: str, where: str) -> None:
    """Raise ContentError for the first test that names no answer, an unknown value or class."""
    for index, test in enumerate(walk(tests)):
        problem = _check_flag_answer(test, content) if (test.field or "").startswith(FLAG_ANSWER) else _check_when(test)
        bad_class = next((c for c in test.classes if c not in content.medicines), None)
        if bad_class is not None:
            problem = f"{bad_class!r} is not a medicine class in medicines.toml"
        if problem:
            raise ContentError(file, f"{where}[{index}]", problem)


def _check_flag_answer(test: When, content: Content) -> str | None:
    """A test on one warning sign's answer: a known flag, tested with ``in`` on the answers it can have."""
    flag = test.field.removeprefix(FLAG_ANSWER)
    if flag not in content.red_flags:
        return f"{flag!r} is not a red flag in red_flags.toml"
    others = test.includes or test.classes or test.blank or test.at_least is not None or test.at_most is not None
    if not test.in_ or others:
        return f"{test.field}: test a warning sign's answer with 'in' (yes, no, dont_know)"
    allowed = ("yes", "no", "dont_know")
    bad = [v for v in test.in_ if v not in allowed]
    if bad:
        return f"{bad[0]!r} is not an answer to a warning sign (allowed: {', '.join(allowed)})"
    return None


def _check_when(test: When) -> str | None:
    annotation: Any = Answers
    for part in test.field.split("."):
        fields = getattr(annotation, "model_fields", None)
        if not fields or part not in fields:
            return f"field {test.field!r} is not an answer (see docs/answers.md)"
        annotation = fields[part].annotation
    kinds = _plain_types(annotation)
    is_list = tuple in kinds
    is_number = bool(kinds & {int, float})
    if (test.includes or test.classes) and not is_list:
        return f"'includes' needs a list answer; {test.field} is not a list (use 'in')"
    if test.in_ and is_list:
        return f"{test.field} is a list: use 'includes', not 'in'"
    if test.blank and type(None) not in kinds:
        return f"'blank' needs an answer that can be left blank; {test.field} always has a value"
    if (test.at_least is not None or test.at_most is not None) and not is_number:
        return f"'at_least' and 'at_most' need a number; {test.field} is not a number"
    allowed = _literal_values(annotation)
    if test.includes and allowed:
        bad = [v for v in test.includes if v not in allowed]
        if bad:
            return f"{bad[0]!r} is not a value of {test.field} (allowed: {', '.join(map(str, allowed))})"
    if test.in_ and allowed:
        bad = [v for v in test.in_ if v not in allowed]
        if bad:
            return f"{bad[0]!r} is not a value of {test.field} (allowed: {', '.join(map(str, allowed))})"
    return None


def _plain_types(annotation: Any) -> set[Any]:
    """The runtime types an annotation allows, looking through Optional, unions and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _plain_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_plain_types(arg) for arg in typing.get_args(annotation)))
    if origin is Literal:
        return {str}
    return {origin or annotation}


def _literal_values(annotation: Any) -> tuple[Any, ...]:
    """All Literal values reachable in a (possibly Optional or tuple) annotation."""
    if typing.get_origin(annotation) is Literal:
        return typing.get_args(annotation)
    values: tuple[Any, ...] = ()
    for arg in typing.get_args(annotation):
        values += _literal_values(arg)
    if annotation is bool:
        values += (True, False)
    return values
