"""Find and load the knowledge base in ``content/``, validating every file as it is read.

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
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from nutri_tui import paths
from nutri_tui.content.knowledge_base import CATALOGUES, INSTRUMENTS_DIR, NAMES_FILE, Content, ContentError
from nutri_tui.models.catalogues import MedicineName
from nutri_tui.models.content import NUTRIENT_IDS, Manifest, Nutrient
from nutri_tui.models.instruments import Instrument
from nutri_tui.models.rules import Rules

NUTRIENTS_DIR = "nutrients"
FIXED_FILES = ("content.toml", *CATALOGUES, NAMES_FILE, "rules.toml")
"""The files every knowledge base has, besides one per nutrient and one per questionnaire."""


def find_content_dir() -> Path:
    """The content folder: ``$NUTRI_TUI_CONTENT``, the wheel's copy, or the repo's."""
    folder = paths.find_content_dir()
    if folder is None:
        raise ContentError("content.toml", "", f"content folder not found next to {Path(__file__).resolve().parent}")
    return folder


_loaded: dict[Path, Content] = {}


def load_content(root: Path | None = None, *, disk_cache: bool = False) -> Content:
    """Load and cross-check the knowledge base (kept per folder for the rest of the process; it is immutable).

    ``disk_cache``: reuse the checked copy in the cache folder when it was made from these very files by
    this very code, and leave one there when there is none (:mod:`nutri_tui.content.cache`). The app, plain
    mode, ``assess``, ``report`` and ``open`` pass it (reading and checking ``content/`` was most of a short
    command's time, and the app's warm-up); ``check`` never does, since checking the files is its whole point.
    """
    folder = (root or find_content_dir()).resolve()
    found = _loaded.get(folder)
    if found is None:
        found = _loaded[folder] = _load(folder, disk_cache)
    return found


def _load(root: Path, disk_cache: bool) -> Content:
    files = Files(root)
    if not disk_cache:
        return _load_checked(files)
    from nutri_tui.content import cache

    every = files.every()
    key = cache.key_for(root, every) if every is not None else None
    found = cache.read(key, root) if key is not None else None
    if found is not None:
        return found
    content = _load_checked(files)
    if key is not None:
        cache.write(key, content)
    return content


def _load_checked(files: Files) -> Content:
    from nutri_tui.content.cross_checks import cross_check
    from nutri_tui.models.field_roles import unclassified_fields

    unclassified = unclassified_fields()
    if unclassified:
        # A field added to a content model must say where it reaches a person, or why it never does.
        raise ContentError("", "", f"{unclassified[0]}: no display role in nutri_tui/models/field_roles.py")
    root = files.root
    if not root.is_dir():
        raise ContentError("", "", f"not a folder: {root}")
    manifest = _validate(Manifest, files.data("content.toml"), "content.toml", "")
    catalogues = {file: _load_catalogue(files, file, key, model) for file, (key, model) in CATALOGUES.items()}
    content = Content(
        root=root,
        manifest=manifest,
        sources=catalogues["sources.toml"],
        nutrients=_load_nutrients(files),
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
        medicine_names=_load_names(files),
        rules=_validate(Rules, files.data("rules.toml"), "rules.toml", ""),
        instruments=_load_instruments(files),
    )
    cross_check(content)
    return content


# --- reading and validating ---------------------------------------------------


class Files:
    """The content files of one folder, each read once: its bytes are what the cache key is made of and
    what is parsed, so a file changed between the two cannot be cached under the other's key."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._raw: dict[str, bytes] = {}
        self._lists: dict[str, list[str]] = {}

    def listing(self, folder: str) -> list[str]:
        """The ``*.toml`` files in ``folder`` (relative names such as ``nutrients/iron.toml``), sorted."""
        if folder not in self._lists:
            self._lists[folder] = [f"{folder}/{path.name}" for path in sorted((self.root / folder).glob("*.toml"))]
        return self._lists[folder]

    def names(self) -> list[str]:
        """Every file the knowledge base is read from, in the order they are read."""
        return [*FIXED_FILES, *self.listing(NUTRIENTS_DIR), *self.listing(INSTRUMENTS_DIR)]

    def every(self) -> list[tuple[str, bytes]] | None:
        """The name and bytes of every file, or None if one cannot be read (the full load then says why)."""
        try:
            return [(name, self.raw(name)) for name in self.names()]
        except ContentError:
            return None

    def raw(self, file: str) -> bytes:
        found = self._raw.get(file)
        if found is None:
            try:
                found = self._raw[file] = (self.root / file).read_bytes()
            except FileNotFoundError:
                raise ContentError(file, "", "file is missing") from None
            except OSError as error:
                raise ContentError(file, "", f"cannot read: {error.strerror}") from None
        return found

    def data(self, file: str) -> dict[str, Any]:
        raw = self.raw(file)
        try:
            return tomllib.loads(raw.decode())
        except tomllib.TOMLDecodeError as error:
            raise ContentError(file, "", f"not valid TOML: {error}") from None
        except RecursionError:
            raise ContentError(file, "", "not valid TOML: nested too deeply") from None
        except UnicodeDecodeError:
            raise ContentError(file, "", "not UTF-8 text") from None


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


def _load_catalogue(files: Files, file: str, key: str, model: type[M]) -> dict[str, M]:
    data = files.data(file)
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


def _load_names(files: Files) -> dict[str, MedicineName]:
    data = files.data(NAMES_FILE)
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


def _load_nutrients(files: Files) -> dict[str, Nutrient]:
    found: dict[str, Nutrient] = {}
    for file in files.listing(NUTRIENTS_DIR):
        nutrient = _validate(Nutrient, files.data(file), file, "")
        if nutrient.id != Path(file).stem:
            raise ContentError(file, "id", f"id {nutrient.id!r} does not match the file name")
        _check_unique((food.id for food in nutrient.foods), file, "foods", "food")
        found[nutrient.id] = nutrient
    missing = [n for n in NUTRIENT_IDS if n not in found]
    if missing:
        raise ContentError(f"nutrients/{missing[0]}.toml", "", "file is missing (every nutrient needs one)")
    return {n: found[n] for n in NUTRIENT_IDS}


def _load_instruments(files: Files) -> dict[str, Instrument]:
    """One file per questionnaire, named after its id; each answers field in the answers model has exactly one."""
    from nutri_tui.models.answers import INSTRUMENT_FIELDS

    found: dict[str, Instrument] = {}
    asked: dict[str, str] = {}
    for file in files.listing(INSTRUMENTS_DIR):
        instrument = _validate(Instrument, files.data(file), file, "")
        if instrument.id != Path(file).stem:
            raise ContentError(file, "id", f"id {instrument.id!r} does not match the file name")
        if instrument.field not in INSTRUMENT_FIELDS:
            raise ContentError(
                file,
                "field",
                f"{instrument.field!r} does not hold a questionnaire's answers: use one of "
                f"{', '.join(INSTRUMENT_FIELDS)} (a new one needs a field in nutri_tui/models/answers.py)",
            )
        if instrument.field in asked:
            raise ContentError(file, "field", f"{instrument.field!r} is already answered by {asked[instrument.field]}")
        asked[instrument.field] = file
        found[instrument.id] = instrument
    missing = [field for field in INSTRUMENT_FIELDS if field not in asked]
    if missing:
        raise ContentError(f"{INSTRUMENTS_DIR}/", "", f"no questionnaire file answers {missing[0]} (one is needed)")
    return found


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
