"""Engine invariants over generated answers (hypothesis)."""

from __future__ import annotations

import typing

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nutri_tui.content import load_content
from nutri_tui.content.supplements import supplement_problem
from nutri_tui.engine import assess
from nutri_tui.engine.scored import as_said
from nutri_tui.models.answers import About, Answers, BackPain, Diet, Lifestyle, Sun, Supplement
from nutri_tui.models.assessment import Assessment

CONTENT = load_content()
# Pregnancy and breastfeeding are answered in about.pregnancy, not as conditions.
CONDITIONS = sorted(set(CONTENT.conditions) - {"pregnancy", "breastfeeding"})
URGENCY_RANK = {"emergency": 0, "urgent": 1, "soon": 2}


def choices(model: type, field: str) -> st.SearchStrategy:
    annotation = model.model_fields[field].annotation
    return st.sampled_from(typing.get_args(annotation))


def section(model: type, **overrides: st.SearchStrategy) -> st.SearchStrategy[dict]:
    fields = {
        name: overrides.get(name, choices(model, name))
        for name, info in model.model_fields.items()
        if typing.get_origin(info.annotation) is typing.Literal or name in overrides
    }
    return st.fixed_dictionaries({}, optional=fields)


about = section(
    About,
    age=st.none() | st.integers(14, 110),
    allergies=st.lists(
        st.sampled_from(typing.get_args(typing.get_args(About.model_fields["allergies"].annotation)[0])),
        max_size=3,
        unique=True,
    ),
).filter(lambda a: not (a.get("sex") == "male" and a.get("pregnancy") in ("pregnant", "trying", "breastfeeding")))
sun = section(Sun, housebound=st.booleans())
diet = section(
    Diet,
    alcohol_drinks_per_week=st.none() | st.integers(0, 60),
    caffeine_cups_per_day=st.none() | st.integers(0, 12),
)
lifestyle = section(Lifestyle)
FORMS = {n: ["", *(f.id for f in CONTENT.supplement_forms.values() if f.nutrient == n)] for n in CONTENT.nutrients}


@st.composite
def supplement(draw: st.DrawFn) -> dict:
    """A supplement as a pack might give it (any form the content knows), at an amount the answers accept."""
    nutrient = draw(st.sampled_from(list(CONTENT.nutrients)))
    form = draw(st.sampled_from(FORMS[nutrient]))
    entry = {"nutrient": nutrient, "amount": draw(st.floats(0, 2000)), **({"form": form} if form else {})}
    assume(supplement_problem(Supplement.model_validate(entry), CONTENT) is None)
    return entry


supplements = st.lists(supplement(), max_size=3)
medicine_names = sorted(
    {m.id for m in CONTENT.medicines.values()} | {e for m in CONTENT.medicines.values() for e in m.examples}
)
health = st.fixed_dictionaries(
    {},
    optional={
        "medicines": st.lists(st.sampled_from(medicine_names), max_size=4, unique=True),
        "conditions": st.lists(st.sampled_from(CONDITIONS), max_size=3, unique=True),
        "symptoms": st.lists(st.sampled_from(sorted(CONTENT.symptoms)), max_size=5, unique=True),
        "supplements": supplements,
    },
)
back_pain = section(
    BackPain,
    areas=st.lists(st.sampled_from(["lower", "middle", "upper", "neck"]), unique=True, max_size=4),
    intensity=st.none() | st.integers(0, 10),
    red_flags=st.dictionaries(
        st.sampled_from(sorted(CONTENT.red_flags)), st.sampled_from(["yes", "no", "dont_know"]), max_size=5
    ),
)
answers_data = st.fixed_dictionaries(
    {},
    optional={
        "about": about,
        "sun": sun,
        "diet": diet,
        "lifestyle": lifestyle,
        "health": health,
        "back_pain": back_pain,
    },
)

ENGINE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""150 generated answers for each invariant (a setting for these tests only: a profile loaded here applied to
every hypothesis test in the process)."""


def build(data: dict) -> Answers:
    return Answers.model_validate(data, context={"content": CONTENT})


@ENGINE
@given(answers_data)
def test_every_generated_result_keeps_the_engine_invariants(data: dict) -> None:
    """One assessment per generated set of answers, and every invariant below checked on it: each was a test of
    its own that generated its own 150 answers and assessed each, five times the work for the same 150 answers
    per invariant."""
    answers = build(data)
    result = assess(answers, CONTENT)
    never_raises_and_is_deterministic(answers, result)
    red_flags_first_and_emergency_withholds_exercise(result)
    every_reason_and_caution_cites_an_existing_source(result)
    no_suggested_amount_exceeds_the_upper_limit(result)
    no_food_or_amount_contradicts_a_safety_filter(answers, result)
    each_answer_counts_once_in_the_persons_words(answers, result)


def never_raises_and_is_deterministic(answers: Answers, first: Assessment) -> None:
    assert assess(answers, CONTENT) == first
    assert len(first.nutrients) == 10


def red_flags_first_and_emergency_withholds_exercise(result: Assessment) -> None:
    ranks = [URGENCY_RANK[f.urgency] for f in result.red_flags]
    assert ranks == sorted(ranks)
    # "Not sure" to an emergency sign is acted on as if it were yes, until a clinician rules it out.
    emergency_sign = any(f.urgency == "emergency" for f in result.red_flags)
    assert result.emergency == emergency_sign
    if result.emergency:
        assert result.exercises == () and result.exercise_withheld
        assert result.summary[0].startswith("Get help now")


def _all_cited(result: Assessment) -> set[str]:
    cited = {s for f in result.red_flags for s in f.sources}
    for finding in result.nutrients:
        cited.update(s for r in finding.reasons for s in r.sources)
        cited.update(s for c in finding.cautions for s in c.sources)
        cited.update(s for f in finding.foods for s in f.sources)
        cited.update(s for t in finding.tests for s in t.sources)
        cited.update(s for n in finding.notes for s in n.sources)
        if finding.about is not None:
            about = finding.about
            cited.update(s for n in (about.summary, *about.at_risk, *about.signs, *about.excess) for s in n.sources)
    cited.update(s for e in result.exercises for s in e.sources)
    cited.update(s for a in result.advice for s in a.sources)
    cited.update(s for c in result.food_cautions for s in c.sources)
    cited.update(s for item in (*result.medicines, *result.conditions) if item.note for s in item.sources)
    cited.update(s for item in result.supplements for s in item.sources)
    return cited


def every_reason_and_caution_cites_an_existing_source(result: Assessment) -> None:
    for finding in result.nutrients:
        assert all(r.sources for r in finding.reasons)
        assert all(c.sources for c in finding.cautions)
        assert all(r.answer for r in finding.reasons)
    cited = _all_cited(result)
    assert cited <= set(CONTENT.sources)
    assert cited <= {s.id for s in result.sources}


def no_suggested_amount_exceeds_the_upper_limit(result: Assessment) -> None:
    for finding in result.nutrients:
        limit = finding.upper_limit
        if limit is None:
            continue
        assert 0 <= limit.supplement_room <= limit.amount
        assert limit.already_taken + limit.supplement_room <= max(limit.amount, limit.already_taken)
        if limit.applies_to == "all_sources":
            assert finding.target.amount <= limit.amount
            # One serving with what supplements already give stays under a limit that counts food (a 25 mg zinc
            # supplement and oysters, 32 mg a serving, once passed the 40 mg limit).
            assert all(food.amount + limit.already_taken <= limit.amount for food in finding.foods)
        for food in finding.foods:
            if food.servings_to_target is None:
                continue
            # The "/day" figure reaches what supplements leave of the target, so figure and supplements together
            # stay at the target, under a limit that counts food (within the figure's rounding to 0.1 serving).
            eaten = food.servings_to_target * food.amount + food.from_supplements
            assert abs(eaten - finding.target.amount) <= 0.05 * food.amount + 1e-9, (finding.id, food.id)
            if limit.applies_to == "all_sources":
                assert eaten <= limit.amount + 0.05 * food.amount + 1e-9, (finding.id, food.id)


def each_answer_counts_once_in_the_persons_words(answers: Answers, result: Assessment) -> None:
    """No reason quotes an answer the diet pattern settled (a vegetarian is not told about meat), and no answer
    is quoted twice in a finding but the diet pattern itself, which rewording can make the quote of two reasons
    (oily fish and the diet rule), each still counting. The engine skips both passes where they cannot apply
    (engine/nutrients.py): this checks the skipping changes nothing."""
    diet = answers.about.diet
    for finding in result.nutrients:
        quoted = [reason.answer for reason in finding.reasons]
        assert all(as_said(reason, diet) == reason for reason in finding.reasons), finding.id
        repeated = {answer for answer in quoted if quoted.count(answer) > 1}
        assert repeated <= {f"about.diet = {diet}"}, (finding.id, repeated)


def test_no_two_rules_of_a_nutrient_quote_one_answer() -> None:
    """Two rules of one nutrient reading the same answers accept no answer in common, so for them one answer is
    never counted twice; only a condition derived from an answer (pregnancy, heavy drinking) can repeat a rule's
    quote, which is where the engine runs its once-per-answer pass (``_effects`` in engine/nutrients.py)."""
    by_fields: dict[tuple[str, tuple[str, ...]], list] = {}
    for rule in CONTENT.rules.nutrient_rule:
        by_fields.setdefault((rule.nutrient, tuple(t.field for t in rule.when)), []).append(rule)
    for (nutrient, fields), rules in by_fields.items():
        for i, first in enumerate(rules):
            for second in rules[i + 1 :]:
                apart = any(
                    a.in_ and b.in_ and not set(a.in_) & set(b.in_)
                    for a, b in zip(first.when, second.when, strict=True)
                )
                assert apart, (nutrient, fields, first.text[:40], second.text[:40])


@ENGINE
@given(answers_data, st.data())
def test_adding_a_risk_factor_never_lowers_a_score(data: dict, draw: st.DataObject) -> None:
    """Adding a medicine, condition or symptom leaves every score equal or higher."""
    base = build(data)
    health = dict(data.get("health", {}))
    kind = draw.draw(st.sampled_from(["medicines", "conditions", "symptoms"]))
    pool = {"medicines": medicine_names, "conditions": CONDITIONS, "symptoms": sorted(CONTENT.symptoms)}
    extra = draw.draw(st.sampled_from(pool[kind]))
    health[kind] = list(dict.fromkeys([*health.get(kind, []), extra]))
    more = build({**data, "health": health})
    before = {n.id: n.score for n in assess(base, CONTENT).nutrients}
    after = {n.id: n.score for n in assess(more, CONTENT).nutrients}
    assert all(after[n] >= before[n] for n in before), (kind, extra)


@ENGINE
@given(answers_data, st.sampled_from(CONTENT.rules.nutrient_rule))
def test_a_rule_whose_answers_hold_always_gives_its_reason(data: dict, rule) -> None:
    """Whatever else was answered, a scoring rule whose answers hold shows up as a reason (explainability)."""
    forced = {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}
    for test in rule.when:
        section_name, field = test.field.split(".")
        target = forced.setdefault(section_name, {})
        if test.in_:
            target[field] = test.in_[0]
        elif test.includes:
            target[field] = list(dict.fromkeys([*target.get(field, []), test.includes[0]]))
        else:
            target[field] = int(test.at_least if test.at_least is not None else test.at_most)
    about = forced.get("about", {})
    if about.get("sex") == "male" and about.get("pregnancy") in ("pregnant", "trying", "breastfeeding"):
        # Keep the answers possible: whichever of the two the rule does not test gives way.
        if any(t.field == "about.pregnancy" for t in rule.when):
            about["sex"] = "female"
        else:
            about["pregnancy"] = "no"
    result = {n.id: n for n in assess(build(forced), CONTENT).nutrients}
    assert any(r.text.startswith(rule.text) for r in result[rule.nutrient].reasons)


KIDNEY_MEDICINES = {"ace_inhibitor", "arb", "potassium_sparing_diuretic", "trimethoprim"}
SOURCE_FOODS = {(n.id, f.id): f for n in CONTENT.nutrients.values() for f in n.foods}
ADVISES_TAKING = {(n.id, note.text) for n in CONTENT.nutrients.values() for note in n.notes if note.advises_taking}
ADVICE_NUTRIENT = {rule.id: rule.nutrient for rule in CONTENT.rules.advice}
FOOD_ADVICE = {(n.id, i.food_advice) for n in CONTENT.nutrients.values() for i in n.interactions if i.food_advice}


def no_food_or_amount_contradicts_a_safety_filter(answers: Answers, result: Assessment) -> None:
    """Pregnancy, kidney disease, warfarin and every doctor-first caution hold in every generated profile."""
    from nutri_tui.engine.index import index_for

    names = index_for(CONTENT).medicine_by_name
    classes = {c for m in answers.health.medicines for c in names[m.casefold()]}
    pregnant = answers.about.pregnancy in ("pregnant", "trying")
    kidney = "kidney_disease" in answers.health.conditions or bool(classes & KIDNEY_MEDICINES)
    vitamin_a_limit = CONTENT.topics["vitamin_a"].upper_limit
    rules = CONTENT.food_rules
    for finding in result.nutrients:
        if finding.diet_doctor_first:
            assert finding.foods == ()
            texts = " ".join(c.text for c in finding.cautions)
            assert not any(advice in texts for nutrient_id, advice in FOOD_ADVICE if nutrient_id == finding.id)
        if kidney and finding.id == "potassium":
            assert finding.foods == () and finding.diet_doctor_first
        if finding.doctor_first:
            assert all(ADVICE_NUTRIENT[a.id] != finding.id for a in result.advice)
            assert not any((finding.id, note.text) in ADVISES_TAKING for note in finding.notes)
            assert not any("any further supplement must stay under" in c.text for c in finding.cautions)
        for food in finding.foods:
            source = SOURCE_FOODS[(finding.id, food.id)]
            if pregnant:
                assert not set(source.tags) & {"liver", "fish_liver_oil"}, food.id
                assert (source.vitamin_a or 0) <= max(vitamin_a_limit.values.values())
            if kidney and "potassium_rich" in source.tags:
                assert rules["potassium_rich_kidney"].text in food.advisories
            if "vitamin_k_rich" in source.tags:
                assert (rules["warfarin_vitamin_k"].text in food.advisories) == ("warfarin" in classes)
