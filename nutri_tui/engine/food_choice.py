"""Which foods a person is offered for a nutrient, and why any are left out: the food lists of one content.

Lists are built on first use and shared, like the rest of :mod:`nutri_tui.engine.pieces`: keyed by a set of food
rules, then by nutrient, diet, the allergies that matter for it, the target and the upper limit with what
supplements already give.
"""

from __future__ import annotations

from functools import lru_cache, partial

from nutri_tui.content import Content
from nutri_tui.engine.parts import FoodLists, FoodPart, FoodRuleUse, acts_on, caution_rank
from nutri_tui.engine.sources import SourceMasks
from nutri_tui.models.assessment import Caution, FoodSuggestion
from nutri_tui.models.content import Food
from nutri_tui.text import metric_first, number

FOODS_MAX = 2048
"""Food lists for one set of food rules: nutrient x diet x relevant allergies x target x limit."""

SUPPLEMENTS_REACH_LIMIT = (
    "No foods are suggested: the {taken} {unit} a day you take in supplements already reaches your upper limit of "
    "{upper} {unit} a day from food and supplements together, so more from food would pass it. Ask your doctor or "
    "pharmacist whether the supplement is still right for you (see the cautions)."
)
"""A food list's reason for listing no food, where supplements alone reach an upper limit that counts food."""


class FoodChoice:
    """The food lists of one content, and the food suggestions they share (one per food and target)."""

    def __init__(
        self, content: Content, masks: SourceMasks, foods_for_diet: dict[tuple[str, str], tuple[Food, ...]]
    ) -> None:
        self._content = content
        self._rules = content.rules
        self._masks = masks
        self._foods_for_diet = foods_for_diet
        self.food_suggestion = lru_cache(maxsize=FOODS_MAX)(self._food_suggestion)

    def lists(self, rules: tuple[FoodRuleUse, ...]) -> FoodLists:
        """The cached food lists (:meth:`_foods`) for people to whom these food rules apply: looked up once per
        person, where a key holding the rules would hash every rule's fields in each of their ten food lists."""
        return lru_cache(maxsize=FOODS_MAX)(partial(self._foods, rules=rules))

    def _foods(
        self,
        nutrient_id: str,
        diet: str,
        allergies: frozenset[str],
        target: float,
        limit: tuple[float, float] | None,
        given: float,
        rules: tuple[FoodRuleUse, ...],
    ) -> FoodPart:
        """Foods that fit the diet, allergies and food rules, richest first, rules' ``last`` foods at the end.

        ``limit`` is (upper limit, supplements taken a day) where the limit counts food, else None. A food whose one
        serving would pass the limit with the supplements is left out with a caution (a 25 mg zinc supplement
        leaves 15 mg of a 40 mg limit: oysters, 32 mg a serving, were suggested all the same); where the
        supplements alone reach it, no food is suggested and the list says why. A food that gives under
        ``rules.min_food_share`` of the target a serving is left out too. ``given`` is what supplements give towards
        the target a day: a food's servings a day are counted to reach what is left of the target, so servings and
        supplements together never pass a limit at or above the target (a woman of 60 taking 1,200 mg of calcium
        a day was shown ~2.9 yogurts a day for her 1,200 mg target: 2,400 mg in all, above her 2,000 mg limit).
        """
        nutrient = self._content.nutrients[nutrient_id]
        limit_sources = nutrient.upper_limit.sources
        upper, taken = limit if limit is not None else (0.0, 0.0)
        room = upper - taken if limit is not None else None
        if room is not None and taken > 0 and room <= 0:
            return FoodPart(
                (),
                (),
                0,
                frozenset(),
                SUPPLEMENTS_REACH_LIMIT.format(taken=number(taken), unit=nutrient.unit, upper=number(upper)),
            )
        share = self._rules.min_food_share
        covers = self._rules.supplement_covers.get(nutrient_id, target)
        first: list[FoodSuggestion] = []
        last: list[FoodSuggestion] = []
        skipped: list[tuple[int, Caution]] = []
        for food in self._foods_for_diet[(nutrient_id, diet)]:
            if allergies and allergies.intersection(food.allergens):
                continue
            acting = [use for use in rules if acts_on(use, food)]
            if any(use.action == "exclude" for use in acting):
                continue  # the rule's own text says once why these foods are left out
            # A food counting towards another form than the target (EPA+DHA, not ALA) is judged against
            # the amount a supplement would need to cover (omega-3: 0.25 g EPA+DHA).
            counts = not nutrient.targets.form or food.form == nutrient.targets.form
            if food.amount < share * (target if counts else covers):
                continue
            if room is not None and food.amount > room:
                has = f"{food.name} is left out of the suggestions: one serving ({metric_first(food.serving)}) has"
                text = (
                    f"{has} {number(food.amount)} {nutrient.unit}, which with the {number(taken)} {nutrient.unit} a "
                    f"day you take in supplements is above your upper limit of {number(upper)} {nutrient.unit}."
                    if taken > 0
                    else f"{has} {number(food.amount)} {nutrient.unit}, above your upper limit of {number(upper)} "
                    f"{nutrient.unit}."
                )
                caution = Caution(text=text, about="food", severity="caution", sources=limit_sources)
                skipped.append((caution_rank(caution), caution))
                continue
            notes = tuple(use.text for use in acting if use.action in ("note", "last"))
            suggestion = self.food_suggestion(nutrient_id, food, target, notes, given)
            (last if any(use.action == "last" for use in acting) else first).append(suggestion)
        suggestions = (*first, *last)
        mask = self._masks.of(s for item in (*suggestions, *(c for _, c in skipped)) for s in item.sources)
        advisories = frozenset(text for food in suggestions for text in food.advisories)
        return FoodPart(suggestions, tuple(skipped), mask, advisories)

    def _food_suggestion(
        self, nutrient_id: str, food: Food, target: float, advisories: tuple[str, ...] = (), given: float = 0.0
    ) -> FoodSuggestion:
        """One food at one target amount, with what food rules say about it; shared by every list that shows it.

        Its servings a day reach what is left of the target after ``given`` from supplements (None where the
        supplements already reach it, or where the food's form does not count towards the target)."""
        targets = self._content.nutrients[nutrient_id].targets
        counts = not targets.form or food.form == targets.form
        left = target - given
        return FoodSuggestion(
            id=food.id,
            name=food.name,
            serving=metric_first(food.serving),
            amount=food.amount,
            unit=food.unit,
            dv_percent=food.dv_percent,
            form=food.form,
            servings_to_target=round(left / food.amount, 1) if counts and food.amount > 0 and left > 0 else None,
            from_supplements=given,
            sources=food.sources,
            note=food.note,
            fortified=food.fortified,
            advisories=advisories,
            unverified=food.unverified,
        )
