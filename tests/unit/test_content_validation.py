"""The loader refuses broken content, naming the file and key at fault."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nutri_tui.content import ContentError, load_content

# Each test breaks one file of a copy of content/ and loads the whole copy: the files it did not change are parsed
# once a process (tests/unit/conftest.py); what the loader makes of the text is checked as before.
pytestmark = pytest.mark.usefixtures("toml_parsed_once")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def error_for(root: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_real_content_loads(content) -> None:
    assert list(content.nutrients) == [
        "vitamin_d",
        "calcium",
        "magnesium",
        "potassium",
        "omega_3",
        "vitamin_b12",
        "iron",
        "zinc",
        "selenium",
        "folate",
    ]
    assert all(len(n.foods) >= 8 for n in content.nutrients.values())
    assert {f.urgency for f in content.red_flags.values()} == {"emergency", "urgent", "soon"}
    assert re.fullmatch(r"content \S+ OK: 10 nutrients, \d+ foods, .* \d+ sources", content.summary())


def test_copy_of_content_loads(content_copy: Path) -> None:
    assert len(load_content(content_copy).nutrients) == 10


def test_unknown_source_id(content_copy: Path) -> None:
    edit(content_copy / "nutrients/iron.toml", 'sources = ["', 'sources = ["no-such-source", "')
    message = error_for(content_copy)
    assert message.startswith("content/nutrients/iron.toml: ")
    assert "unknown source id 'no-such-source'" in message


def test_unknown_medicine_in_interaction(content_copy: Path) -> None:
    edit(content_copy / "nutrients/magnesium.toml", 'medicine = "ppi"', 'medicine = "ppx"')
    message = error_for(content_copy)
    assert message.startswith("content/nutrients/magnesium.toml: interactions[")
    assert ".medicine: unknown medicine id 'ppx'" in message


def test_unknown_condition_in_interaction(content_copy: Path) -> None:
    edit(content_copy / "nutrients/iron.toml", 'condition = "haemochromatosis"', 'condition = "iron_overload"')
    assert "unknown condition id 'iron_overload'" in error_for(content_copy)


def test_missing_life_stage(content_copy: Path) -> None:
    path = content_copy / "nutrients/zinc.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^lactating_31_50 = .*\n", "", text, count=1), encoding="utf-8")
    message = error_for(content_copy)
    assert message.startswith("content/nutrients/zinc.toml: targets: ")
    assert "missing life stage(s): lactating_31_50" in message


def test_missing_age_band_in_upper_limit(content_copy: Path) -> None:
    path = content_copy / "nutrients/calcium.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(?m)^"71_plus" = .*\n', "", text, count=1), encoding="utf-8")
    assert "upper_limit: missing age band(s): 71_plus" in error_for(content_copy)


def test_negative_food_amount(content_copy: Path) -> None:
    path = content_copy / "nutrients/magnesium.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^amount = [\d.]+$", "amount = -5", text, count=1), encoding="utf-8")
    message = error_for(content_copy)
    assert re.match(r"content/nutrients/magnesium.toml: foods\[\w+\]\.amount: ", message)
    assert "greater than or equal to 0" in message


def test_implausible_target(content_copy: Path) -> None:
    edit(content_copy / "nutrients/iron.toml", "pregnant_19_30 = 27", "pregnant_19_30 = 27000")
    assert "targets.values.pregnant_19_30: 27000.0 mg is implausible" in error_for(content_copy)


def test_unit_that_does_not_match_the_nutrient(content_copy: Path) -> None:
    path = content_copy / "nutrients/vitamin_d.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(?m)^unit = "mcg"$', 'unit = "IU"', text, count=1), encoding="utf-8")
    message = error_for(content_copy)
    assert message.startswith("content/nutrients/vitamin_d.toml: ")
    assert "'IU' does not match vitamin_d (expected 'mcg')" in message


def test_food_unit_that_does_not_match(content_copy: Path) -> None:
    path = content_copy / "nutrients/iron.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[[foods]]")
    fixed = text[:start] + re.sub(r'(?m)^unit = "mg"$', 'unit = "mcg"', text[start:], count=1)
    path.write_text(fixed, encoding="utf-8")
    assert re.search(r"foods\[\w+\]\.unit: 'mcg' does not match iron", error_for(content_copy))


def test_duplicate_food_id(content_copy: Path) -> None:
    path = content_copy / "nutrients/selenium.toml"
    ids = re.findall(r'(?m)^id = "(\w+)"', path.read_text(encoding="utf-8"))
    first_food, second_food = ids[1], ids[2]  # ids[0] is the nutrient's own id
    edit(path, f'id = "{second_food}"', f'id = "{first_food}"')
    assert f"foods[{first_food}]: duplicate food id '{first_food}'" in error_for(content_copy)


def test_duplicate_catalogue_id(content_copy: Path) -> None:
    edit(content_copy / "symptoms.toml", 'id = "muscle_weakness"', 'id = "fatigue"')
    message = error_for(content_copy)
    assert message.startswith("content/symptoms.toml: symptom[1].id: duplicate id 'fatigue'")


def test_missing_required_field(content_copy: Path) -> None:
    path = content_copy / "red_flags.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^urgency = .*\n", "", text, count=1), encoding="utf-8")
    message = error_for(content_copy)
    assert message.startswith("content/red_flags.toml: red_flag[saddle_numbness].urgency: required key is missing")


def test_unknown_key_is_refused(content_copy: Path) -> None:
    edit(content_copy / "exercises.toml", 'id = "walking"', 'id = "walking"\ncolour = "blue"')
    assert "exercise[walking].colour: unknown key" in error_for(content_copy)


def test_invalid_toml(content_copy: Path) -> None:
    (content_copy / "conditions.toml").write_text("[[condition]\nid = 1\n", encoding="utf-8")
    assert error_for(content_copy).startswith("content/conditions.toml: (file): not valid TOML: ")


def test_binary_file(content_copy: Path) -> None:
    (content_copy / "medicines.toml").write_bytes(b"\xff\xfe\x00binary")
    assert error_for(content_copy).startswith("content/medicines.toml: (file): ")


def test_missing_nutrient_file(content_copy: Path) -> None:
    (content_copy / "nutrients/folate.toml").unlink()
    assert (
        error_for(content_copy) == "content/nutrients/folate.toml: (file): file is missing (every nutrient needs one)"
    )


def test_nutrient_id_must_match_file_name(content_copy: Path) -> None:
    (content_copy / "nutrients/folate.toml").rename(content_copy / "nutrients/folic.toml")
    assert error_for(content_copy) == "content/nutrients/folic.toml: id: id 'folate' does not match the file name"


def test_ambiguous_medicine_name(content_copy: Path) -> None:
    edit(content_copy / "medicines.toml", 'examples = ["', 'examples = ["metformin", "')
    assert "is also listed under" in error_for(content_copy)


def test_rule_on_unknown_answer_field(content_copy: Path) -> None:
    edit(content_copy / "rules.toml", 'field = "sun.housebound"', 'field = "sun.housebund"')
    message = error_for(content_copy)
    assert message.startswith("content/rules.toml: nutrient_rule[housebound_vitamin_d].when[0]: ")
    assert "'sun.housebund' is not an answer" in message


def test_rule_with_impossible_value(content_copy: Path) -> None:
    edit(content_copy / "rules.toml", 'in = ["under_15"]', 'in = ["under_5"]')
    assert "'under_5' is not a value of sun.outdoor_minutes" in error_for(content_copy)


def test_missing_content_folder(tmp_path: Path) -> None:
    assert "not a folder" in error_for(tmp_path / "nowhere")
