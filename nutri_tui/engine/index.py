"""Look-ups derived once per loaded Content, so each assessment does only per-person work."""

from __future__ import annotations

from dataclasses import dataclass, field

from nutri_tui.content import Content
from nutri_tui.models.assessment import FoodSuggestion, SourceRef, TestInfo
from nutri_tui.models.content import DIETS_BY_BREADTH, Food, Nutrient
from nutri_tui.models.rules import NutrientRule


@dataclass(frozen=True)
class ContentIndex:
    rules_by_nutrient: dict[str, tuple[NutrientRule, ...]]
    medicine_by_name: dict[str, str]
    """Casefolded class id or example name -> medicine class id."""
    medicine_short: dict[str, str]
    condition_name: dict[str, str]
    foods_for_diet: dict[tuple[str, str], tuple[Food, ...]]
    """(nutrient id, diet) -> foods that fit the diet, richest first."""
    tests: dict[str, tuple[TestInfo, ...]]
    static_sources: dict[str, frozenset[str]]
    """Sources every finding for the nutrient cites: its targets, upper limit and test."""
    source_refs: dict[str, SourceRef]
    """Every source as it appears in a result, in sources.toml order."""
    _suggestions: dict[tuple[str, str, float], FoodSuggestion] = field(default_factory=dict)

    def food_suggestion(self, nutrient: Nutrient, food: Food, target: float) -> FoodSuggestion:
        """The (immutable) suggestion for a food at a target amount, built once and reused."""
        key = (nutrient.id, food.id, target)
        suggestion = self._suggestions.get(key)
        if suggestion is None:
            counts = not nutrient.targets.form or food.form == nutrient.targets.form
            suggestion = FoodSuggestion(
                id=food.id,
                name=food.name,
                serving=food.serving,
                amount=food.amount,
                unit=food.unit,
                dv_percent=food.dv_percent,
                form=food.form,
                servings_to_target=round(target / food.amount, 1) if counts and food.amount > 0 else None,
                sources=food.sources,
            )
            self._suggestions[key] = suggestion
        return suggestion


_CACHE: dict[int, tuple[Content, ContentIndex]] = {}


def index_for(content: Content) -> ContentIndex:
    cached = _CACHE.get(id(content))
    if cached is None or cached[0] is not content:
        cached = (content, _build(content))
        _CACHE[id(content)] = cached
    return cached[1]


def _build(content: Content) -> ContentIndex:
    medicine_by_name: dict[str, str] = {}
    for medicine in content.medicines.values():
        medicine_by_name[medicine.id.casefold()] = medicine.id
        for example in medicine.examples:
            medicine_by_name[example.casefold()] = medicine.id
    foods: dict[tuple[str, str], tuple[Food, ...]] = {}
    for nutrient in content.nutrients.values():
        richest = sorted(nutrient.foods, key=lambda f: -f.amount)
        for diet in DIETS_BY_BREADTH:
            foods[(nutrient.id, diet)] = tuple(f for f in richest if f.fits(diet))
    return ContentIndex(
        rules_by_nutrient={
            n: tuple(r for r in content.rules.nutrient_rule if r.nutrient == n) for n in content.nutrients
        },
        medicine_by_name=medicine_by_name,
        medicine_short={m.id: m.short for m in content.medicines.values()},
        condition_name={c.id: c.name for c in content.conditions.values()},
        foods_for_diet=foods,
        tests={
            n.id: (
                TestInfo(
                    name=n.test.name,
                    shows=n.test.shows,
                    limits=n.test.limits,
                    usefulness=n.test.usefulness,
                    sources=n.test.sources,
                ),
            )
            for n in content.nutrients.values()
        },
        source_refs={
            s.id: SourceRef(id=s.id, title=s.title, publisher=s.publisher, url=s.url) for s in content.sources.values()
        },
        static_sources={
            n.id: frozenset((*n.targets.sources, *n.upper_limit.sources, *n.test.sources))
            for n in content.nutrients.values()
        },
    )
