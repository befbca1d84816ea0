"""Session files generated from the model, then broken at random: each is listed or refused, never a crash.

Hypothesis builds answers, assesses them into a real session, writes the file, and breaks it one way:
a value replaced (nan, 2**63, markup, an ESC, a date out of range, another type), an item duplicated,
a key dropped, or the file cut at a table boundary. Whatever comes out must be listed (readable or with
a one-line reason), read the same way by a full load, left byte for byte as it was, and, if it loads,
be displayable by everything that shows a result without a terminal: the text and Markdown reports,
the comparison, the result screen's text blocks. A cut file is never taken for the whole.

CI runs a fixed, small set of examples (derandomized): 24, which break the file each way (values, duplicates,
dropped keys, cuts, as written); NUTRI_TUI_FUZZ_EXAMPLES=2000 looks much harder.
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutri_tui.content import Content, load_content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.models.session import Session
from nutri_tui.reports.citations import Citations
from nutri_tui.reports.comparison import compare_sessions
from nutri_tui.reports.markdown import render_markdown
from nutri_tui.reports.phrases import level_tag
from nutri_tui.reports.plan import action_plan
from nutri_tui.reports.result_text import exercise_text, finding_details, target_text
from nutri_tui.reports.text import render_text
from nutri_tui.storage import SavedSession, Storage, StorageError, UnreadableSession, make_session, session_file

EXAMPLES = int(os.environ.get("NUTRI_TUI_FUZZ_EXAMPLES", "24"))
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
CONTENT: Content = load_content()

HOSTILE: list[Any] = [
    float("nan"),
    float("inf"),
    -float("inf"),
    1e308,
    -1,
    0,
    4,
    2**63,
    -(2**63),
    True,
    False,
    3.5,
    "",
    "[/]",
    "[b]x[/b] [@click=app.quit]",
    "\x1b]0;pwned\x07",
    "a\u202eb",
    "x:y",
    "x" * 25_000,
    [],
    {},
    [[]],
    [{}],
    "2026-11-26T06:40:12Z",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "vitamin_d",
    "high",
]

FREQUENCY = st.sampled_from(["never", "rarely", "weekly", "often", "daily", "dont_know"])
ANSWERS = st.fixed_dictionaries(
    {
        "about": st.fixed_dictionaries(
            {
                "age": st.one_of(st.none(), st.integers(14, 120)),
                "sex": st.sampled_from(["female", "male", "not_stated"]),
                "diet": st.sampled_from(["omnivore", "pescatarian", "vegetarian", "vegan", "not_stated"]),
            }
        ),
        "diet": st.fixed_dictionaries({"oily_fish": FREQUENCY, "dairy_or_fortified": FREQUENCY, "meat": FREQUENCY}),
        "sun": st.fixed_dictionaries({"housebound": st.booleans()}),
        "health": st.fixed_dictionaries(
            {"medicines": st.lists(st.sampled_from(sorted(CONTENT.medicines)), max_size=3, unique=True)}
        ),
        "back_pain": st.fixed_dictionaries(
            {
                "intensity": st.one_of(st.none(), st.integers(0, 10)),
                "areas": st.lists(st.sampled_from(["lower", "middle", "upper", "neck"]), max_size=2, unique=True),
                "duration": st.sampled_from(["acute", "subacute", "chronic", "dont_know"]),
            }
        ),
    }
)


def sessions() -> st.SearchStrategy[Session]:
    def build(answers: dict[str, Any], label: str) -> Session:
        valid = Answers.model_validate(answers, context={"content": CONTENT})
        return make_session(valid, assess(valid, CONTENT), CONTENT.version, label)

    return st.builds(build, ANSWERS, st.sampled_from(["", "walking", "[/]"]))


def paths(data: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every node's path in the data, the root excepted."""
    found: list[tuple[Any, ...]] = [where] if where else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*where, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*where, index))
    return found


def parent_of(data: Any, where: tuple[Any, ...]) -> Any:
    for part in where[:-1]:
        data = data[part]
    return data


def mutated(draw: st.DrawFn, session: Session) -> tuple[bytes, str]:
    """The session's file broken one way, and which way (for the failure message)."""
    way = draw(st.sampled_from(["value", "value", "number", "number", "duplicate", "drop", "cut", "as written"]))
    if way == "as written":
        return session_file.dump_session(session), way
    if way == "cut":
        written = session_file.dump_session(session)
        boundaries = [m.start() + 1 for m in re.finditer(rb"\n\[", written)][1:]
        return written[: draw(st.sampled_from(boundaries))], way
    data = copy.deepcopy(session.model_dump(mode="json", exclude_none=True))
    everything = paths(data)
    if way == "duplicate":
        lists = [p for p in everything if isinstance(_at(data, p), list) and _at(data, p)]
        if not lists:
            return session_file.dump_session(session), "as written"
        where = draw(st.sampled_from(lists))
        items = _at(data, where)
        items.insert(draw(st.integers(0, len(items))), copy.deepcopy(items[draw(st.integers(0, len(items) - 1))]))
        return tomli_w.dumps(data).encode(), f"duplicate in {where}"
    if way == "number":  # the values a screen computes with: scores, amounts, fits, counts
        everything = [p for p in everything if type(_at(data, p)) in (int, float)]
    where = draw(st.sampled_from(everything))
    parent = parent_of(data, where)
    if way == "drop":
        del parent[where[-1]]
        return tomli_w.dumps(data).encode(), f"drop {where}"
    value = draw(st.sampled_from(HOSTILE))
    parent[where[-1]] = value
    return tomli_w.dumps(data).encode(), f"{where} = {value!r:.60}"


def _at(data: Any, where: tuple[Any, ...]) -> Any:
    for part in where:
        data = data[part]
    return data


def displayable(session: Session) -> list[str]:
    """Every text a person could be shown for this session without a terminal (each must build, and be clean)."""
    result = session.result
    texts = [
        render_text(result, CONTENT),
        render_markdown(session, CONTENT),
        "\n".join(compare_sessions(session, session)),
    ]
    texts += [line.text for step in action_plan(result, CONTENT) for line in step.lines]
    texts += [exercise_text(exercise, Citations(result)) for exercise in result.exercises]
    for finding in result.nutrients:
        texts += [finding_details(finding, Citations(result), CONTENT), target_text(finding), level_tag(finding.level)]
    assert len({f.id for f in result.nutrients}) == len(result.nutrients)  # option ids
    for finding in result.nutrients:
        assert len({f.id for f in finding.foods}) == len(finding.foods)  # food table row keys
    return texts


@settings(
    max_examples=EXAMPLES,
    derandomize=EXAMPLES <= 100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(session=sessions(), data=st.data())
def test_a_broken_session_file_is_listed_or_refused_never_a_crash(session: Session, data: st.DataObject) -> None:
    body, way = mutated(data.draw, session)
    with tempfile.TemporaryDirectory() as folder:
        store = Storage(Path(folder))
        store.sessions_dir.mkdir(parents=True)
        path = store.sessions_dir / "fuzzed.toml"
        path.write_bytes(body)

        [entry] = store.list_sessions()
        try:
            loaded: Session | None = store.load_session(path)
        except StorageError as error:
            loaded, message = None, str(error)
            assert "\n" not in message and not UNSAFE.search(message), (way, message)
        assert path.read_bytes() == body, way
        if loaded is None:
            assert isinstance(entry, UnreadableSession), (way, entry)
            assert "\n" not in entry.reason and not UNSAFE.search(entry.reason) and len(entry.reason) <= 600
        else:
            assert isinstance(entry, SavedSession), (way, entry)
            for text in displayable(loaded):
                assert not UNSAFE.search(text), (way, text[:200])
        if way == "cut":
            assert loaded is None and entry.reason.startswith("cut off: "), (way, entry)
        if way == "as written":
            assert loaded == session
