"""``sessions --json`` to a pipe writes each session's JSON itself (issue 15: a sixth of the time); what it writes
is exactly what ``json.dumps`` writes of the same objects, whatever a label, a path or a reason holds."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from nutri_tui.cli.sessions_json import entry_json as _entry_json
from nutri_tui.cli.sessions_json import entry_text as _entry_text
from nutri_tui.models.summary_fields import ScoreSummary
from nutri_tui.storage import SavedSession, UnreadableSession

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
ZONES = st.sampled_from([UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))])
SAVED = st.builds(
    SavedSession,
    path=st.builds(lambda name: Path("/home/x") / f"{name}.toml", TEXT.filter(lambda t: "/" not in t and t)),
    created=st.builds(
        lambda d, z: d.replace(tzinfo=z), st.datetimes(datetime(1970, 1, 2), datetime(9000, 1, 1)), ZONES
    ),
    label=TEXT,
    pain_intensity=st.one_of(st.none(), st.integers(0, 10)),
    red_flag=st.booleans(),
    top_nutrients=st.lists(st.tuples(st.sampled_from(["iron", "zinc"]), st.sampled_from(["high", "moderate"]))).map(
        tuple
    ),
    content_version=st.sampled_from(["1.6.0", "0.2.0.dev3+g1a2b"]),
    instruments=st.sampled_from([(), (ScoreSummary("phq4", 4, "mild", (("anxiety", 3), ("depression", 1))),)]),
)
BROKEN = st.builds(UnreadableSession, path=st.just(Path("/home/x/b\u00e9.toml")), reason=TEXT)


@settings(max_examples=200, deadline=None)
@given(entries=st.lists(st.one_of(SAVED, BROKEN), max_size=4), profile=TEXT)
def test_each_session_is_written_as_json_dumps_writes_it(entries: list, profile: str) -> None:
    written = f"[{', '.join(_entry_text(e, json.dumps(profile)) for e in entries)}]"
    assert written == json.dumps([_entry_json(e, profile) for e in entries])
