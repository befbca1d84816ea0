"""How many generated profiles ``assess()`` handles per second on one core.

Run: ``python -m benchmarks.bench_assess`` (from the repository, after ``pip install .``).
Profiles are generated from a fixed seed, so runs are comparable; the result is a
median over several rounds, since shared machines are noisy.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from nutri_tui.content import load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers

FREQUENCIES = ["never", "rarely", "weekly", "often", "daily", "dont_know"]


def generate(count: int, seed: int = 7) -> list[Answers]:
    content = load_content()
    rng = random.Random(seed)
    medicines = sorted(content.medicines)
    # Pregnancy and breastfeeding are answered in about.pregnancy, not as conditions.
    conditions = sorted(set(content.conditions) - {"pregnancy", "breastfeeding"})
    symptoms = sorted(content.symptoms)
    flags = sorted(content.red_flags)
    profiles = []
    for _ in range(count):
        sex = rng.choice(["female", "male", "not_stated"])
        data = {
            "about": {
                "age": rng.choice([None, *range(14, 95)]),
                "sex": sex,
                "pregnancy": rng.choice(["no", "pregnant", "breastfeeding"]) if sex == "female" else "no",
                "diet": rng.choice(["omnivore", "pescatarian", "vegetarian", "vegan", "not_stated"]),
            },
            "sun": {
                "outdoor_minutes": rng.choice(["under_15", "15_to_30", "30_to_60", "over_60", "dont_know"]),
                "season": rng.choice(["spring", "summer", "autumn", "winter"]),
                "far_from_equator": rng.choice(["yes", "no", "dont_know"]),
                "housebound": rng.random() < 0.1,
            },
            "diet": {
                field: rng.choice(FREQUENCIES)
                for field in ("oily_fish", "dairy_or_fortified", "leafy_greens", "nuts_seeds", "legumes", "fruit_veg")
            }
            | {"alcohol_drinks_per_week": rng.randint(0, 40)},
            "lifestyle": {"stress": rng.choice(["low", "moderate", "high"])},
            "health": {
                "medicines": rng.sample(medicines, rng.randint(0, 4)),
                "conditions": rng.sample(conditions, rng.randint(0, 2)),
                "symptoms": rng.sample(symptoms, rng.randint(0, 4)),
                "supplements": [{"nutrient": "vitamin_d", "amount": rng.choice([0, 10, 25, 125])}],
            },
            "back_pain": {
                "areas": ["lower"],
                "duration": rng.choice(["acute", "subacute", "chronic", "dont_know"]),
                "intensity": rng.randint(0, 10),
                "red_flags": {
                    flag: rng.choice(["no", "no", "no", "yes", "dont_know"]) for flag in rng.sample(flags, 3)
                },
            },
        }
        profiles.append(Answers.model_validate(data, context={"content": content}))
    return profiles


def reference_unit(i: int) -> int:
    """A fixed piece of plain Python (a sort, a dict, string work; no nutri-tui code) that measures the host.

    Timed in the same rounds as ``assess``, it says how fast the machine ran this time: the same build has read
    7,500 and 10,900 profiles a second a minute apart on a shared VM, and the reference moves with most of that
    (it is small and stays in the cache; ``assess`` does not), so a profile's cost in reference units compares
    runs on different days and hosts better than the rate does.
    """
    items = [(j * 7919 + i) % 1009 for j in range(40)]
    items.sort()
    table = {x: str(x) for x in items}
    return sum(len(text) for text in table.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    content = load_content()
    profiles = generate(args.profiles)
    assess(profiles[0], content)  # warm caches
    rates, references = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for answers in profiles:
            assess(answers, content)
        rates.append(len(profiles) / (time.perf_counter() - start))
        start = time.perf_counter()
        for i in range(len(profiles)):
            reference_unit(i)
        references.append(len(profiles) / (time.perf_counter() - start))
    median = statistics.median(rates)
    cost = statistics.median(reference / rate for rate, reference in zip(rates, references, strict=True))
    # The first round meets each profile for the first time, so the result parts' caches are filling.
    print(
        f"assess(): median {median:,.0f} profiles/s ({1e6 / median:,.0f} µs each) over {args.rounds} rounds "
        f"(rounds {min(rates):,.0f}-{max(rates):,.0f}; the first, caches filling: {rates[0]:,.0f})"
    )
    print(
        f"host reference (bench_assess.reference_unit, same rounds): median {statistics.median(references):,.0f} "
        f"units/s; one profile costs {cost:.2f} units"
    )


if __name__ == "__main__":
    main()
