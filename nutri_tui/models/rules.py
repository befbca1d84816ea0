"""Models for ``content/rules.toml``: the scoring weights and advice rules.

Scoring is data, not code: each :class:`NutrientRule` says "when these answers
hold, add this weight to this nutrient, for this cited reason". Weights are
positive, so adding a risk factor can never lower a score. Level thresholds,
symptom and medicine weights live here too. :class:`AdviceRule` entries carry
the evidence-based self-management advice (stress, sleep, staying active),
which deliberately never feeds a nutrient score: no source shows stress causes
these deficiencies.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, model_validator

from nutri_tui.models.answer_tests import When, uses_groups, walk
from nutri_tui.models.answers import Answers
from nutri_tui.models.content import Cited, Id, NutrientId, Statement, Strict, Text

if TYPE_CHECKING:
    from nutri_tui.content import Content

Weight = Annotated[float, Field(gt=0, le=20)]


class NutrientRule(Cited):
    id: Id
    nutrient: NutrientId
    weight: Weight
    when: tuple[When, ...] = Field(min_length=1)
    text: Text
    """One sentence explaining why this answer matters for this nutrient."""
    offset_by_supplement: bool = False
    """True for intake-related rules: a daily supplement that reaches the target reduces their weight."""


class AdviceRule(Cited):
    id: Id
    topic: Literal["stress", "sleep", "activity", "smoking", "pain", "supplements", "general"]
    when: tuple[When, ...] = ()
    """Empty: always shown."""
    text: Text
    nutrient: NutrientId | None = None
    """Advice to take or eat more of this nutrient: withheld for anyone told to ask their doctor first about it."""


class Levels(Strict):
    high: Weight
    moderate: Weight

    @model_validator(mode="after")
    def _ordered(self) -> Levels:
        if self.moderate >= self.high:
            raise ValueError("moderate must be below high")
        return self


class InteractionWeights(Strict):
    info: Weight
    caution: Weight
    doctor_first: Weight


Drinks = Annotated[int, Field(ge=1, le=100)]


class HeavyDrinking(Cited):
    """Standard drinks a week from which alcohol counts as the ``alcohol_use`` condition, by sex."""

    male: Drinks
    female: Drinks
    not_stated: Drinks
    """Sex not given: the lower threshold, so heavy drinking is never missed."""
    text: Text
    """How the threshold is defined; said with the reason it gives."""

    def threshold(self, sex: str) -> int:
        return {"male": self.male, "female": self.female}.get(sex, self.not_stated)


class Rules(Strict):
    levels: Levels
    symptom_weight: Weight
    depleting_interaction: InteractionWeights
    supplement_factor: Annotated[float, Field(ge=0, le=1)]
    """Multiplier for offset_by_supplement rules when a supplement already covers the target."""
    heavy_drinking: HeavyDrinking
    min_food_share: Annotated[float, Field(ge=0, lt=1)] = 0.0
    """A food is suggested for a nutrient only if one serving gives at least this share of the person's target."""
    implausible_times_upper_limit: Annotated[float, Field(gt=1, le=100)]
    """A supplement amount this many times the upper limit is refused as a likely unit mix-up."""
    supplement_plausible_max: dict[NutrientId, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    """The same guard, in the nutrient's unit, for nutrients with no upper limit."""
    supplement_covers: dict[NutrientId, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    """Daily supplement amount that counts as covering a nutrient, where not its target (omega-3: EPA+DHA)."""
    supplement_to_target_unit: dict[NutrientId, Annotated[float, Field(gt=0, le=10)]] = Field(default_factory=dict)
    """Factor from the supplement's unit to the target's (folate: 1 mcg folic acid with food = 1.7 mcg DFE)."""
    general_caution: Statement
    """Said once on every result, wherever supplements come up."""
    nutrient_rule: tuple[NutrientRule, ...] = Field(min_length=1)
    advice: tuple[AdviceRule, ...] = ()

    def cross_check(self, content: Content) -> None:
        from nutri_tui.content import ContentError

        seen: set[str] = set()
        for key, rule in [
            *(("nutrient_rule", r) for r in self.nutrient_rule),
            *(("advice", a) for a in self.advice),
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
        for nutrient_id in self.supplement_plausible_max:
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
    from nutri_tui.content import ContentError

    for index, test in enumerate(walk(tests)):
        problem = _check_when(test)
        bad_class = next((c for c in test.classes if c not in content.medicines), None)
        if bad_class is not None:
            problem = f"{bad_class!r} is not a medicine class in medicines.toml"
        if problem:
            raise ContentError(file, f"{where}[{index}]", problem)


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
