"""What the knowledge base holds: the :class:`Content` every layer above reads, and :class:`ContentError`.

The files it comes from, and the model each is checked with, are listed in :data:`CATALOGUES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

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
from nutri_tui.models.content import Manifest, Nutrient, Source
from nutri_tui.models.instruments import Instrument
from nutri_tui.models.rules import Rules

if TYPE_CHECKING:
    from nutri_tui.models.answers import Supplement

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
INSTRUMENTS_DIR = "instruments"
"""One file per validated questionnaire (file name = id), each with its licence and attribution."""


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
    instruments: dict[str, Instrument]
    """Validated questionnaires (STarT Back, PHQ-4) by id, in file-name order."""

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
            f"{len(self.instruments)} questionnaires, {len(self.sources)} sources"
        )

    def supplement_problem(self, supplement: Supplement) -> str | None:
        """Why a supplement answer cannot be taken as it stands (an unknown form, a likely unit mix-up), or None.

        The answers model calls this through its validation context, so the model needs no import of the
        rules that read the content (``nutri_tui.content.supplements``).
        """
        from nutri_tui.content.supplements import supplement_problem

        return supplement_problem(supplement, self)

    def instrument_asking(self, field: str) -> Instrument | None:
        """The questionnaire whose answers the answers file keeps at ``field`` (``back_pain.start_back``)."""
        return next((i for i in self.instruments.values() if i.field == field), None)

    def instrument_problem(self, field: str, given: dict[str, str]) -> str | None:
        """Why a questionnaire's answers cannot be taken (a question or an answer it does not have), or None.

        Called by the answers model through its validation context, as :meth:`supplement_problem` is.
        """
        instrument = self.instrument_asking(field)
        if instrument is None:
            return f"no questionnaire in the knowledge base is answered here ({field})" if given else None
        items = {item.id: item for item in instrument.item}
        for item_id, answer in given.items():
            item = items.get(item_id)
            if item is None:
                return f"{item_id!r} is not a question of the {instrument.name}; allowed: {', '.join(items)}"
            allowed = [a.id for a in instrument.answers_to(item)]
            if answer not in allowed:
                return f"{item_id}: {answer!r} is not one of its answers; allowed: {', '.join(allowed)}"
        return None
