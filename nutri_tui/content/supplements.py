"""Supplement amounts as the pack gives them, turned into the nutrient's own unit, and checked for sense.

People copy what the pack says: "1000 IU" of vitamin D, a "1000 mg" fish-oil capsule, a "200 mg"
iron tablet. Read as the nutrient's unit, those are 1,000 mcg (ten times the upper limit), 1 g of
EPA+DHA (the capsule is oil, with about 300 mg of EPA+DHA) and 200 mg of iron (the tablet is a salt
with 65 mg of iron). Each answer names its ``form`` (``content/supplement_forms.toml``, with the
factors and their sources), and an amount far above anything sensible is refused with a question
("did you mean IU?") rather than taken at its word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from nutri_tui.text import number

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.models.answers import Supplement
    from nutri_tui.models.catalogues import SupplementForm


class Counted(NamedTuple):
    """One supplement as the engine counts it."""

    nutrient_id: str
    amount: float
    """In the nutrient's own supplement unit (folate: mcg of folic acid; omega-3: g of EPA+DHA)."""
    entered: str
    """As the person gave it: "1,000 IU", "1,000 mg of fish oil"."""
    form: SupplementForm | None


def supplement_unit(nutrient_id: str, content: Content) -> str:
    """The unit a supplement is counted in (its UL's unit for folate, EPA+DHA grams for omega-3; a topic's own)."""
    if nutrient_id == "folate":
        return "mcg folic acid"
    if nutrient_id == "omega_3":
        return "g EPA+DHA"
    topic = content.topics.get(nutrient_id)
    if topic is not None:
        return topic.supplement_unit or topic.unit
    return content.nutrients[nutrient_id].unit


def supplement_name(nutrient_id: str, content: Content) -> str:
    """The name of a nutrient or topic a supplement is of."""
    topic = content.topics.get(nutrient_id)
    return topic.name if topic is not None else content.nutrients[nutrient_id].name


def counted(supplement: Supplement, content: Content) -> Counted:
    """The supplement in its nutrient's unit (an unknown form counts as the nutrient's unit: validation refuses it)."""
    form = content.supplement_forms.get(supplement.form) if supplement.form else None
    if form is None or form.nutrient != supplement.nutrient:
        unit = supplement_unit(supplement.nutrient, content)
        return Counted(supplement.nutrient, supplement.amount, f"{number(supplement.amount)} {unit}", None)
    amount = supplement.amount * form.factor
    return Counted(supplement.nutrient, amount, f"{number(supplement.amount)} {form.entered_in} ({form.name})", form)


class Implausible(NamedTuple):
    """An amount too large to take at its word, and the form that would make it sensible (if one would)."""

    nutrient: str
    counted: str
    """The amount as counted, with its unit: "1,000 mcg"."""
    limit: str
    """What it passes: "10 times the upper limit (100 mcg)"."""
    likely: SupplementForm | None

    def question(self) -> str:
        """The sentence both the app and the CLI start with."""
        return f"{self.nutrient}: {self.counted} a day is more than {self.limit}, so it is probably a unit mix-up"


def implausible(supplement: Supplement, content: Content) -> Implausible | None:
    """Why an amount cannot be taken at its word (None if it can)."""
    if supplement.nutrient in content.topics and content.topics[supplement.nutrient].upper_limit is None:
        return None
    amount = counted(supplement, content).amount
    ceiling, what = plausible_max(supplement.nutrient, content)
    if amount <= ceiling:
        return None
    unit = supplement_unit(supplement.nutrient, content)
    likely = None
    if not supplement.form:
        likely = next(
            (
                form
                for form in content.supplement_forms.values()
                if form.nutrient == supplement.nutrient and supplement.amount * form.factor <= ceiling
            ),
            None,
        )
    return Implausible(supplement_name(supplement.nutrient, content), f"{number(amount)} {unit}", what, likely)


def unknown_form(supplement: Supplement, content: Content) -> str | None:
    """A one-line problem for a form the content does not know for this nutrient, else None."""
    if not supplement.form:
        return None
    form = content.supplement_forms.get(supplement.form)
    if form is not None and form.nutrient == supplement.nutrient:
        return None
    allowed = [f.id for f in content.supplement_forms.values() if f.nutrient == supplement.nutrient]
    unit = supplement_unit(supplement.nutrient, content)
    choices = ", ".join(allowed) if allowed else "none: give the amount in " + unit
    return f"{supplement_name(supplement.nutrient, content)}: unknown form {supplement.form!r} (allowed: {choices})"


def supplement_problem(supplement: Supplement, content: Content) -> str | None:
    """Why an answers file's supplement cannot be taken as it stands, in the file's own terms, or None."""
    topic = content.topics.get(supplement.nutrient)
    if topic is not None and topic.supplement_unit is None:
        takeable = ", ".join(t.id for t in content.topics.values() if t.supplement_unit)
        return f"{topic.name} is not asked about as a supplement (besides the ten nutrients: {takeable})"
    problem = unknown_form(supplement, content)
    if problem:
        return problem
    found = implausible(supplement, content)
    if found is None:
        return None
    if found.likely is None:
        return f"{found.question()}; check the amount on the pack"
    return (
        f"{found.question()}: did you mean {number(supplement.amount)} {found.likely.entered_in} "
        f'({found.likely.name})? If so, add form = "{found.likely.id}"'
    )


def plausible_max(nutrient_id: str, content: Content) -> tuple[float, str]:
    """The largest daily amount taken at its word, and how to describe that limit."""
    rules = content.rules
    topic = content.topics.get(nutrient_id)
    limit = topic.upper_limit if topic is not None else content.nutrients[nutrient_id].upper_limit
    if limit is None:
        return float("inf"), "no limit"
    if limit.applies_to == "none_set":
        ceiling = rules.supplement_plausible_max.get(nutrient_id, float("inf"))
        return ceiling, f"{number(ceiling)} {supplement_unit(nutrient_id, content)}, far above any product"
    highest = max(limit.values.values())
    times = rules.implausible_times_upper_limit
    unit = "mcg" if limit.applies_to == "folic_acid" else supplement_unit(nutrient_id, content)
    return highest * times, f"{number(times)} times the upper limit ({number(highest)} {unit})"
