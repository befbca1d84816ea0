"""The result types (stdlib dataclasses) validate and serialise through pydantic as they did as models.

A saved session holds its result; a result must come back from a file exactly as it was saved, and a
hand-edited result must still be refused with a message that names the field at fault.
"""

from __future__ import annotations

import dataclasses
import json
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from pydantic import ValidationError

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.assessment import Assessment, NutrientFinding, Reason, result_adapter
from nutri_tui.models.session import SESSION_SCHEMA_VERSION, Session
from nutri_tui.storage import Storage, StorageError, make_session
from tests.broken_sessions import changed

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 26, 6, 40, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def results(content: Content) -> list[Assessment]:
    """Every example, plus answers that leave sex unstated (targets then carry a ``low`` value)."""
    sections = [tomllib.loads(path.read_text()) for path in sorted((REPO / "examples").glob("*.toml"))]
    sections.append({"about": {"sex": "not_stated", "diet": "vegan"}, "health": {"symptoms": ["fatigue"]}})
    return [assess(Answers.model_validate(s, context={"content": content}), content) for s in sections]


def saved(result: Assessment) -> dict[str, Any]:
    """The result as a session file holds it (storage writes the session with these options)."""
    session = make_session(Answers(), result, result.content_version, now=NOW)
    return session.model_dump(mode="json", exclude_none=True)["result"]


def load(result_data: Any) -> Assessment:
    """The result of a session whose file holds ``result_data``."""
    data = {
        "schema_version": SESSION_SCHEMA_VERSION,
        "app_version": "0",
        "content_version": "0",
        "created": NOW.isoformat(),
        "answers": {},
        "result": result_data,
    }
    return Session.model_validate(data).result


def test_a_result_round_trips_through_the_session_model(results: list[Assessment]) -> None:
    for result in results:
        data = saved(result)
        back = load(data)
        assert back == result
        assert type(back) is Assessment and type(back.nutrients[0]) is NutrientFinding
        assert saved(back) == data
        assert tomli_w.dumps({"result": saved(back)}) == tomli_w.dumps({"result": data})  # same keys, same order


def test_a_result_round_trips_through_toml_and_json(results: list[Assessment]) -> None:
    adapter = result_adapter()
    for result in results:
        data = saved(result)
        assert load(tomllib.loads(tomli_w.dumps({"result": data}))["result"]) == result
        assert adapter.validate_json(adapter.dump_json(result)) == result
        assert json.loads(adapter.dump_json(result)) == adapter.dump_python(result, mode="json")


def test_keys_keep_the_field_order_and_none_is_left_out(results: list[Assessment]) -> None:
    data = saved(results[-1])
    assert list(data) == [f.name for f in dataclasses.fields(Assessment)]
    finding = next(n for n in data["nutrients"] if n["id"] == "potassium")  # no upper limit is set for potassium
    assert "upper_limit" not in finding and list(finding)[:4] == ["id", "name", "level", "score"]
    assert load(data).nutrients[[n["id"] for n in data["nutrients"]].index("potassium")].upper_limit is None
    assert any("low" in n["target"] for n in data["nutrients"])  # sex not stated: the female-male range


def test_saved_sessions_read_back_equal(private_home: Path, results: list[Assessment], content: Content) -> None:
    store = Storage()
    for result in results:
        session = make_session(Answers(), result, content.version, now=NOW)
        assert store.load_session(store.save_session(session)) == session


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"result__colour": "red"}, "result.colour: unknown field"),
        ({"result__nutrients__0__colour": "red"}, "result.nutrients.0.colour: unknown field"),
        ({"result__nutrients__0__target__colour": "red"}, "result.nutrients.0.target.colour: unknown field"),
        ({"result__nutrients__0__level": "extreme"}, "result.nutrients.0.level: Input should be 'high', 'moderate'"),
        ({"result__red_flags": [{"id": "x"}]}, "result.red_flags.0.question: required field is missing"),
        ({"result__nutrients__0__name": 7}, "result.nutrients.0.name: Input should be a valid string"),
        ({"result__nutrients": []}, "result: nutrients: a result needs at least one nutrient finding"),
        ({"result__tests_to_ask": ["nope"]}, "result: tests_to_ask: 'nope' is not one of the result's nutrients"),
        ({"result__emergency": "maybe"}, "result.emergency: Input should be a valid boolean"),
    ],
)
def test_a_hand_edited_result_is_refused_naming_the_field(
    private_home: Path, content: Content, change: dict[str, Any], expected: str
) -> None:
    session = make_session(Answers(), assess(Answers(), content), content.version, now=NOW)
    store = Storage()
    path = store.sessions_dir / "edited.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(changed(session, **change))
    with pytest.raises(StorageError) as caught:
        store.load_session(path)
    assert expected in str(caught.value)


def test_unknown_keys_in_a_result_are_errors_of_their_own(content: Content) -> None:
    """Whatever wording the message uses, an unknown key is refused as unknown (not, say, ignored)."""
    data = saved(assess(Answers(), content))
    data["nutrients"][0]["reasons"] = [{"text": "t", "answer": "a", "weight": 1, "sources": [], "shoe_size": 44}]
    with pytest.raises(ValidationError) as caught:
        result_adapter().validate_python(data)
    [problem] = caught.value.errors()
    assert problem["loc"] == ("nutrients", 0, "reasons", 0, "shoe_size")
    assert problem["type"] in ("extra_forbidden", "unexpected_keyword_argument")


def test_parts_are_frozen_and_results_hash_by_value(make_answers: Callable[..., Answers], content: Content) -> None:
    answers = make_answers(diet={"oily_fish": "never"}, health={"medicines": ["omeprazole"]})
    first, second = assess(answers, content), assess(answers, content)
    reason = next(r for n in first.nutrients for r in n.reasons)
    with pytest.raises(dataclasses.FrozenInstanceError):
        reason.weight = 0  # type: ignore[misc]
    assert isinstance(reason, Reason)
    assert first == second and hash(first) == hash(second) and first is not second
