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

from nutri_tui.models.answers import Answers
from nutri_tui.models.content import Cited, Id, NutrientId, Statement, Strict, Text, When

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


class Rules(Strict):
    levels: Levels
    symptom_weight: Weight
    depleting_interaction: InteractionWeights
    supplement_factor: Annotated[float, Field(ge=0, le=1)]
    """Multiplier for offset_by_supplement rules when a supplement already covers the target."""
    heavy_drinking_per_week: Annotated[int, Field(ge=1, le=100)]
    """Drinks a week from which alcohol counts as the ``alcohol_use`` condition."""
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
            for index, test in enumerate(rule.when):
                problem = _check_when(test)
                if problem:
                    raise ContentError("rules.toml", f"{where}.when[{index}]", problem)
        for flag in content.red_flags.values():
            for index, test in enumerate(flag.implied_by):
                problem = _check_when(test)
                if problem:
                    raise ContentError("red_flags.toml", f"red_flag[{flag.id}].implied_by[{index}]", problem)
        if "alcohol_use" not in content.conditions:
            raise ContentError("conditions.toml", "condition", "the 'alcohol_use' condition is required")


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
    if test.includes and not is_list:
        return f"'includes' needs a list answer; {test.field} is not a list (use 'in')"
    if test.in_ and is_list:
        return f"{test.field} is a list: use 'includes', not 'in'"
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
