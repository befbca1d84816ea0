"""Automated checks of the knowledge base's wording and honesty.

These tests read the raw TOML in content/ (not the loaded models), so they hold
even if the loader's own checks change. They check that:

(a) no run of 8 or more words is copied from the seed article;
(b) advice is country-neutral (no 999, 111, 911, A&E or NHS 111);
(c) the seed article's errors (vitamin "B17", 1,000 mg EPA/DHA per capsule,
    3-4 g omega-3 "recommended") appear only as corrections;
(d) every emergency red flag's advice says "emergency";
(e) every cited source id exists in sources.toml;
(f) every source has an http(s) address and a review date;
(g) no text tells the person they have a deficiency (the app screens, it does not diagnose).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "content"
SEED_RUNS = Path(__file__).resolve().parents[1] / "data" / "seed_article_runs.txt"
"""Hashes of the seed article's 8-word runs (the article has known errors, so it is not shipped)."""
TOML_FILES = sorted(path.relative_to(CONTENT).as_posix() for path in CONTENT.rglob("*.toml"))
COPY_RUN = 8


def _load(file: str) -> dict[str, Any]:
    with (CONTENT / file).open("rb") as handle:
        return tomllib.load(handle)


class _Parsed(dict[str, dict[str, Any]]):
    """Each content file's raw TOML, parsed when a test first asks for it: parsing all of them when the module
    was collected cost each test worker about 0.4 s, whether or not it ran any of these tests."""

    def __missing__(self, file: str) -> dict[str, Any]:
        self[file] = _load(file)
        return self[file]


RAW = _Parsed()


def _walk(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Yield (key path, value) for every value in a TOML tree, naming list items by id."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            label = item.get("id") if isinstance(item, dict) else None
            yield from _walk(item, f"{path}[{label or index}]")


def _strings(file: str) -> Iterator[tuple[str, str]]:
    for path, value in _walk(RAW[file], ""):
        if isinstance(value, str):
            yield path, value


@functools.cache
def all_strings() -> tuple[tuple[str, str, str], ...]:
    """Every string in content/: (file, key path, text)."""
    return tuple((file, path, text) for file in TOML_FILES for path, text in _strings(file))


def _report(offenders: list[str]) -> str:
    return f"{len(offenders)} problem(s):\n" + "\n".join(offenders[:20])


def test_content_has_strings_to_check() -> None:
    assert "sources.toml" in TOML_FILES and "corrections.toml" in TOML_FILES
    assert len(all_strings()) > 1000


# --- (a) nothing copied from the seed article ---------------------------------------


def _words(text: str) -> list[str]:
    """Lower-case words with punctuation stripped (apostrophes vanish, other marks split words)."""
    text = text.casefold().replace("'", "").replace("’", "")
    return re.sub(r"[^\w]|_", " ", text).split()


def _runs(words: list[str]) -> set[str]:
    """Each run of COPY_RUN words, hashed the way tests/data/seed_article_runs.txt was made."""
    return {
        hashlib.sha256(" ".join(words[i : i + COPY_RUN]).encode()).hexdigest()[:16]
        for i in range(len(words) - COPY_RUN + 1)
    }


@pytest.fixture(scope="module")
def article_runs() -> set[str]:
    lines = SEED_RUNS.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_copy_detector_catches_a_copied_sentence(article_runs: set[str]) -> None:
    copied = "As the article put it, each capsule gives 1000mg of EPA/DHA docosahexaenoic acid!"
    assert _runs(_words(copied)) & article_runs
    assert not _runs(_words("A typical capsule gives about 180 mg EPA and 120 mg DHA in all.")) & article_runs


@pytest.mark.parametrize("file", TOML_FILES)
def test_no_run_of_words_copied_from_seed_article(file: str, article_runs: set[str]) -> None:
    offenders = [
        f"{file}: {path}: '{' '.join(run)}'"
        for path, text in _strings(file)
        for run in _copied_runs(text, article_runs)
    ]
    assert not offenders, _report(offenders)


def _copied_runs(text: str, article_runs: set[str]) -> list[str]:
    words = _words(text)
    runs = (" ".join(words[i : i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1))
    return [run for run in runs if _runs(run.split()) & article_runs]


# --- (b) country-neutral advice -------------------------------------------------------

# Phone numbers and services of one country. A number followed by a unit ("111 mg") is an amount, not a phone number.
_NOT_AMOUNT = r"(?!\s*(?:mg|mcg|µg|g|IU|%|nmol|ng)\b)"
COUNTRY_SPECIFIC = [
    re.compile(r"(?<![\d,.])999(?![\d,])" + _NOT_AMOUNT),
    re.compile(r"(?<![\d,.])111(?![\d,])" + _NOT_AMOUNT),
    re.compile(r"(?<![\d,.])911(?![\d,])" + _NOT_AMOUNT),
    re.compile(r"A&E"),
    re.compile(r"NHS\s*111", re.IGNORECASE),
]
SOURCE_CITATION_KEYS = {"title", "publisher", "url"}


def _exempt_citation(file: str, path: str) -> bool:
    """Sources may be NHS pages, so their titles, publishers and addresses may name the NHS."""
    return file == "sources.toml" and path.rsplit(".", 1)[-1] in SOURCE_CITATION_KEYS


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Call 999 or go to A&E now.", True),
        ("Ring NHS 111 for advice.", True),
        ("Call 911.", True),
        ("Call 111 if unsure.", True),
        ("Chia seeds give 111 mg of magnesium.", False),
        ("Call your local emergency number.", False),
    ],
)
def test_country_check_detects_phone_numbers(text: str, flagged: bool) -> None:
    assert any(p.search(text) for p in COUNTRY_SPECIFIC) is flagged


@pytest.mark.parametrize("file", TOML_FILES)
def test_advice_is_country_neutral(file: str) -> None:
    offenders = [
        f"{file}: {path}: {pattern.pattern!r} in {text[:120]!r}"
        for path, text in _strings(file)
        if not _exempt_citation(file, path)
        for pattern in COUNTRY_SPECIFIC
        if pattern.search(text)
    ]
    assert not offenders, _report(offenders)


# --- (c) the article's errors appear only as corrections ------------------------------

B17 = re.compile(r"\bB[\s-]?17\b", re.IGNORECASE)
# "1,000 mg of EPA/DHA", "1000mg EPA", "1 g of omega-3", unless directly negated ("not 1,000 mg of omega-3").
CAPSULE_1000 = re.compile(
    r"(?<!not )\b(?:1,?000\s*mg|1\s*g)\s+(?:of\s+)?(?:EPA|DHA|omega-?3|fish oil omega)", re.IGNORECASE
)
THREE_TO_FOUR_G = re.compile(r"\b3\s*(?:-|–|to)\s*4\s*(?:g|grams)\b", re.IGNORECASE)


def test_b17_only_in_corrections() -> None:
    # A source's title may name the myth it debunks (the Vanderbilt Poison Center's "Vitamin B-17" page).
    offenders = [
        f"{f}: {p}"
        for f, p, t in all_strings()
        if f != "corrections.toml" and not _exempt_citation(f, p) and B17.search(t)
    ]
    assert not offenders, _report(offenders)
    corrections = {c["id"]: c for c in RAW["corrections.toml"]["correction"]}
    b17 = [c for c in corrections.values() if B17.search(c["claim"])]
    assert b17, "the B17 claim should be corrected in corrections.toml"
    assert all(c["verdict"] == "wrong" for c in b17)


def test_no_food_claims_1000_mg_epa_dha_per_capsule() -> None:
    offenders = []
    for file in TOML_FILES:
        for food in RAW[file].get("foods", []) if file.startswith("nutrients/") else []:
            label = " ".join(str(food.get(k, "")) for k in ("name", "serving", "note")).casefold()
            if ("capsule" in label or "softgel" in label) and food["amount"] >= (1.0 if food["unit"] == "g" else 1000):
                offenders.append(f"{file}: foods[{food['id']}] gives {food['amount']} {food['unit']} per capsule")
    assert not offenders, _report(offenders)


def test_capsule_pattern_reads_negation() -> None:
    assert CAPSULE_1000.search("Each capsule gives 1,000 mg of EPA/DHA.")
    assert CAPSULE_1000.search("each softgel has 1000mg EPA")
    assert not CAPSULE_1000.search("holds 1,000 mg of oil, not 1,000 mg of omega-3")


def test_no_text_claims_1000_mg_epa_dha_outside_corrections() -> None:
    offenders = [
        f"{f}: {p}: {t[:120]!r}" for f, p, t in all_strings() if f != "corrections.toml" and CAPSULE_1000.search(t)
    ]
    assert not offenders, _report(offenders)


def test_3_to_4_g_omega_3_only_as_correction_or_prescription_dose() -> None:
    hits = [(f, p, t) for f, p, t in all_strings() if THREE_TO_FOUR_G.search(t)]
    assert any(f == "corrections.toml" for f, _, _ in hits), "the 3-4 g claim should be corrected"
    offenders = [
        f"{f}: {p}: {t[:120]!r}" for f, p, t in hits if f != "corrections.toml" and "prescription" not in t.casefold()
    ]
    assert not offenders, _report(offenders)


# --- (d) emergency red flags say so ---------------------------------------------------

RED_FLAGS = RAW["red_flags.toml"]["red_flag"]
EMERGENCY_FLAGS = [flag for flag in RED_FLAGS if flag["urgency"] == "emergency"]


def test_there_are_emergency_red_flags() -> None:
    assert len(EMERGENCY_FLAGS) >= 5


@pytest.mark.parametrize("flag", EMERGENCY_FLAGS, ids=[flag["id"] for flag in EMERGENCY_FLAGS])
def test_emergency_red_flag_advice_mentions_emergency(flag: dict[str, Any]) -> None:
    assert "emergency" in flag["advice"].casefold()


# --- (e) cited sources exist ----------------------------------------------------------

SOURCES = RAW["sources.toml"]["source"]
SOURCE_IDS = {source["id"] for source in SOURCES}
CITING_FILES = [f for f in TOML_FILES if f not in ("sources.toml", "content.toml")]


def _citations(file: str) -> Iterator[tuple[str, Any]]:
    for path, value in _walk(RAW[file], ""):
        if path == "sources" or path.endswith(".sources"):
            for source in value if isinstance(value, list) else [value]:
                yield path, source


@pytest.mark.parametrize("file", CITING_FILES)
def test_cited_sources_exist(file: str) -> None:
    citations = list(_citations(file))
    assert citations, f"{file} cites no sources"
    offenders = [f"{file}: {path}: {source!r}" for path, source in citations if source not in SOURCE_IDS]
    assert not offenders, _report(offenders)


# --- (f) every source can be found and has been reviewed ------------------------------


@pytest.mark.parametrize("source", SOURCES, ids=[source["id"] for source in SOURCES])
def test_source_has_url_and_review_date(source: dict[str, Any]) -> None:
    assert re.fullmatch(r"https?://\S+", source.get("url", "")), source.get("url")
    reviewed = source.get("reviewed")
    assert isinstance(reviewed, dt.date) and not isinstance(reviewed, dt.datetime), reviewed
    assert reviewed <= dt.date.today()


# --- (g) no diagnosis wording ---------------------------------------------------------

_NUTRIENT = (
    r"(?:vitamin\s*d|vitamin\s*b-?12|b-?12|calcium|magnesium|potassium|omega-?3s?|iron|zinc|selenium|"
    r"folate|folic\s+acid|epa|dha)"
)
_STATE = r"(?:anaemi[ac]|anemi[ac]|osteomalacia|rickets|hypo(?:magnes|kal|calc)a?emia)"
_YOU_HAVE = r"\byou(?:\s+have|['’]ve)(?:\s+got)?\s+(?:(?:a|an|some)\s+)?"
_YOU_ARE = r"\byou(?:\s+are|['’]re)\s+(?:\w+\s+)?"
DIAGNOSIS = [
    # "you have low iron", "you've got too little vitamin D", "you have magnesium"
    re.compile(_YOU_HAVE + r"(?:(?:low|too\s+little|not\s+enough|insufficient)\s+)?" + _NUTRIENT + r"\b", re.I),
    # "you have a vitamin D deficiency", "you have iron-deficiency anaemia", "you have anaemia"
    re.compile(_YOU_HAVE + r"(?:[\w-]+\s+){0,2}(?:deficiency|insufficiency)\b", re.I),
    re.compile(_YOU_HAVE + _STATE, re.I),
    # "you are deficient", "you're low in iron", "you are anaemic", "you are short of these nutrients"
    re.compile(_YOU_ARE + r"(?:deficient|low\s+in|short\s+of|lacking|anaemic|anemic)\b", re.I),
    # "your iron is low", "your vitamin D levels are too low"
    re.compile(
        r"\byour\s+" + _NUTRIENT + r"(?:\s+(?:level|levels|stores|status))?\s+(?:is|are)\s+(?:too\s+)?low", re.I
    ),
]
# Conditional or reported wording ("if you have", "whether you are", "told you are") is not a diagnosis.
HEDGE = re.compile(r"\b(?:if|whether|unless|when|told|think|suspect|worried|case)\s+(?:that\s+)?$", re.I)


def _diagnoses(text: str) -> list[str]:
    found = []
    for pattern in DIAGNOSIS:
        for match in pattern.finditer(text):
            if not HEDGE.search(text[max(0, match.start() - 30) : match.start()]):
                found.append(match.group(0))
    return found


@pytest.mark.parametrize(
    ("text", "is_diagnosis"),
    [
        ("You have low iron.", True),
        ("You are deficient in vitamin D.", True),
        ("You have a vitamin D deficiency.", True),
        ("You've got magnesium deficiency, so take a supplement.", True),
        ("You're low in B12.", True),
        ("Your iron levels are low.", True),
        ("You have anaemia.", True),
        ("Your answers suggest magnesium may be worth checking.", False),
        ("If you have signs of low iron, ask your doctor.", False),
        ("Ask whether you are short of vitamin D.", False),
        ("Especially if you have been told you are anaemic.", False),
        ("If you have kidney disease, do not take potassium.", False),
    ],
)
def test_diagnosis_detector(text: str, is_diagnosis: bool) -> None:
    assert bool(_diagnoses(text)) is is_diagnosis


@pytest.mark.parametrize("file", [f for f in TOML_FILES if f != "sources.toml"])
def test_no_diagnosis_wording(file: str) -> None:
    offenders = [
        f"{file}: {path}: {found!r} in {text[:120]!r}" for path, text in _strings(file) for found in _diagnoses(text)
    ]
    assert not offenders, _report(offenders)
