"""Find, load and cross-check the knowledge base in ``content/``.

The folder sits at the top of the repository and ships inside the wheel as
``nutri_tui/_content``; :func:`find_content_dir` looks in both places (and in
``NUTRI_TUI_CONTENT`` when set, which tests use for broken fixtures). Every
problem is raised as :class:`ContentError`, whose text names the file and the
key at fault: ``content/nutrients/iron.toml: foods[oysters].amount: ...``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from nutri_tui import paths
from nutri_tui.models.catalogues import (
    Condition,
    Correction,
    Exercise,
    FoodRule,
    Medicine,
    MedicineCaution,
    MedicineName,
    RedFlag,
    SupplementForm,
    Symptom,
    Topic,
)
from nutri_tui.models.content import NUTRIENT_IDS, SUPPORT_ONLY_KINDS, Manifest, Nutrient, Source
from nutri_tui.models.field_roles import unclassified_fields
from nutri_tui.models.rules import Rules, check_tests

# catalogue file -> (array-of-tables key, model)
CATALOGUES: dict[str, tuple[str, type[BaseModel]]] = {
    "sources.toml": ("source", Source),
    "medicines.toml": ("medicine", Medicine),
    "conditions.toml": ("condition", Condition),
    "symptoms.toml": ("symptom", Symptom),
    "red_flags.toml": ("red_flag", RedFlag),
    "exercises.toml": ("exercise", Exercise),
    "corrections.toml": ("correction", Correction),
    "food_rules.toml": ("food_rule", FoodRule),
    "supplement_forms.toml": ("form", SupplementForm),
    "topics.toml": ("topic", Topic),
    "medicine_cautions.toml": ("caution", MedicineCaution),
}
NAMES_FILE = "medicine_names.toml"
"""Brand and combination names: keyed by name, not id, so loaded on their own."""


class ContentError(Exception):
    """A problem in the content files, located by file and key path."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"content/{file}: {key or '(file)'}: {problem}")


@dataclass(frozen=True)
class Content:
    """The whole knowledge base, each catalogue keyed by id in file order."""

    root: Path
    manifest: Manifest
    sources: dict[str, Source]
    nutrients: dict[str, Nutrient]
    medicines: dict[str, Medicine]
    conditions: dict[str, Condition]
    symptoms: dict[str, Symptom]
    red_flags: dict[str, RedFlag]
    exercises: dict[str, Exercise]
    corrections: dict[str, Correction]
    food_rules: dict[str, FoodRule]
    supplement_forms: dict[str, SupplementForm]
    topics: dict[str, Topic]
    medicine_cautions: dict[str, MedicineCaution]
    medicine_names: dict[str, MedicineName]
    """Casefolded brand or combination name -> its entry."""
    rules: Rules

    @property
    def version(self) -> str:
        return self.manifest.version

    def food_count(self) -> int:
        return sum(len(n.foods) for n in self.nutrients.values())

    def summary(self) -> str:
        return (
            f"content {self.version} OK: {len(self.nutrients)} nutrients, {self.food_count()} foods, "
            f"{len(self.medicines)} medicines, {len(self.conditions)} conditions, "
            f"{len(self.symptoms)} symptoms, {len(self.red_flags)} red flags, "
            f"{len(self.exercises)} exercises, {len(self.corrections)} corrections, "
            f"{len(self.sources)} sources"
        )


def find_content_dir() -> Path:
    """The content folder: ``$NUTRI_TUI_CONTENT``, the wheel's copy, or the repo's."""
    folder = paths.find_content_dir()
    if folder is None:
        raise ContentError("content.toml", "", f"content folder not found next to {Path(__file__).resolve().parent}")
    return folder


def load_content(root: Path | None = None) -> Content:
    """Load and cross-check the knowledge base (cached per folder; it is immutable)."""
    return _load_cached((root or find_content_dir()).resolve())


@cache
def _load_cached(root: Path) -> Content:
    unclassified = unclassified_fields()
    if unclassified:
        # A field added to a content model must say where it reaches a person, or why it never does.
        raise ContentError("", "", f"{unclassified[0]}: no display role in nutri_tui/models/field_roles.py")
    if not root.is_dir():
        raise ContentError("", "", f"not a folder: {root}")
    manifest = _validate(Manifest, _read(root, "content.toml"), "content.toml", "")
    catalogues = {file: _load_catalogue(root, file, key, model) for file, (key, model) in CATALOGUES.items()}
    content = Content(
        root=root,
        manifest=manifest,
        sources=catalogues["sources.toml"],
        nutrients=_load_nutrients(root),
        medicines=catalogues["medicines.toml"],
        conditions=catalogues["conditions.toml"],
        symptoms=catalogues["symptoms.toml"],
        red_flags=catalogues["red_flags.toml"],
        exercises=catalogues["exercises.toml"],
        corrections=catalogues["corrections.toml"],
        food_rules=catalogues["food_rules.toml"],
        supplement_forms=catalogues["supplement_forms.toml"],
        topics=catalogues["topics.toml"],
        medicine_cautions=catalogues["medicine_cautions.toml"],
        medicine_names=_load_names(root),
        rules=_validate(Rules, _read(root, "rules.toml"), "rules.toml", ""),
    )
    _cross_check(content)
    return content


# --- reading and validating ---------------------------------------------------


def _read(root: Path, file: str) -> dict[str, Any]:
    path = root / file
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(file, "", "file is missing") from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(file, "", f"not valid TOML: {error}") from None
    except RecursionError:
        raise ContentError(file, "", "not valid TOML: nested too deeply") from None
    except UnicodeDecodeError:
        raise ContentError(file, "", "not UTF-8 text") from None
    except OSError as error:
        raise ContentError(file, "", f"cannot read: {error.strerror}") from None


M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], data: Any, file: str, prefix: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        key = _key_path(data, first["loc"], prefix)
        problem = _describe(first)
        # Whole-entry checks name their own key first ("foods[x].amount: ..."): move it into the key path.
        inner = re.match(r"^([\w\[\]\.]+): (.+)$", problem)
        if inner and first["type"] == "value_error":
            key, problem = ".".join(p for p in (key, inner.group(1)) if p), inner.group(2)
        raise ContentError(file, key, problem) from None


def _describe(error: dict[str, Any]) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "missing":
        return "required key is missing"
    if error["type"] == "extra_forbidden":
        return "unknown key (check the spelling against docs/content.md)"
    return message


def _key_path(data: Any, loc: tuple[Any, ...], prefix: str) -> str:
    """Render a pydantic location as ``foods[oysters].amount``, naming list items by id."""
    parts = [prefix] if prefix else []
    node = data
    for step in loc:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            parts[-1:] = [f"{parts[-1] if parts else ''}[{label or step}]"]
            node = item
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)


def _load_catalogue(root: Path, file: str, key: str, model: type[M]) -> dict[str, M]:
    data = _read(root, file)
    unknown = sorted(set(data) - {key})
    if unknown:
        raise ContentError(file, unknown[0], f"unknown table (expected only [[{key}]])")
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise ContentError(file, key, f"expected one or more [[{key}]] entries")
    entries: dict[str, M] = {}
    for index, raw in enumerate(items):
        label = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else index
        entry = _validate(model, raw, file, f"{key}[{label}]")
        _add_unique(entries, entry, file, f"{key}[{index}].id")
    return entries


def _load_names(root: Path) -> dict[str, MedicineName]:
    data = _read(root, NAMES_FILE)
    unknown = sorted(set(data) - {"name"})
    if unknown:
        raise ContentError(NAMES_FILE, unknown[0], "unknown table (expected only [[name]])")
    items = data.get("name")
    if not isinstance(items, list) or not items:
        raise ContentError(NAMES_FILE, "name", "expected one or more [[name]] entries")
    names: dict[str, MedicineName] = {}
    for index, raw in enumerate(items):
        label = raw.get("name") if isinstance(raw, dict) and isinstance(raw.get("name"), str) else index
        entry = _validate(MedicineName, raw, NAMES_FILE, f"name[{label}]")
        folded = entry.name.casefold()
        if folded in names:
            raise ContentError(NAMES_FILE, f"name[{label}]", f"{entry.name!r} is listed twice")
        names[folded] = entry
    return names


def _load_nutrients(root: Path) -> dict[str, Nutrient]:
    folder = root / "nutrients"
    found: dict[str, Nutrient] = {}
    for path in sorted(folder.glob("*.toml")):
        file = f"nutrients/{path.name}"
        nutrient = _validate(Nutrient, _read(root, file), file, "")
        if nutrient.id != path.stem:
            raise ContentError(file, "id", f"id {nutrient.id!r} does not match the file name")
        _check_unique((food.id for food in nutrient.foods), file, "foods", "food")
        found[nutrient.id] = nutrient
    missing = [n for n in NUTRIENT_IDS if n not in found]
    if missing:
        raise ContentError(f"nutrients/{missing[0]}.toml", "", "file is missing (every nutrient needs one)")
    return {n: found[n] for n in NUTRIENT_IDS}


def _add_unique(entries: dict[str, M], entry: M, file: str, key: str) -> None:
    entry_id = entry.id  # type: ignore[attr-defined]
    if entry_id in entries:
        raise ContentError(file, key, f"duplicate id {entry_id!r}")
    entries[entry_id] = entry


def _check_unique(ids: Iterator[str], file: str, key: str, what: str) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ContentError(file, f"{key}[{item_id}]", f"duplicate {what} id {item_id!r}")
        seen.add(item_id)


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


def _cross_check(content: Content) -> None:
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
    content.rules.cross_check(content)
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
