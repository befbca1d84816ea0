"""``nutri-tui sessions --json``'s text: what ``json.dumps`` of each entry's object writes, made without the objects.

A warm listing of 10,000 results writes 10,000 rows of the index as they stand. Each row is checked as its entry
would be (``index_row.readable_row``) before it is written; what varies from row to row is only its file's name
and its moment, while its label, pain, red flag, nutrients, version and scores repeat the few a person's results
have. So the text after ``created`` is made once for each such set of a row's raw values (after they passed the
checks), and a row whose moment is written as ``isoformat`` writes it (``index.canonical_moment``) is written
from its own text: parsing it back into a date-time and formatting it again was a third of a warm listing.
"""

from __future__ import annotations

import contextlib
import functools
import json
from json.encoder import encode_basestring_ascii as _text  # a string as json.dumps writes it (ASCII only)
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nutri_tui.models.summary_fields import ScoreSummary
    from nutri_tui.storage import SessionEntry, Storage

TAILS_MAX = 4096
"""Sets of a row's values kept with their text (a history repeats a few; a forged index could hold many)."""


def entry_json(entry: SessionEntry, profile: str) -> dict[str, Any]:
    """The JSON object of one entry (``profile``: the profile's name)."""
    if not entry.readable:
        return {"path": str(entry.path), "profile": profile, "readable": False, "reason": entry.reason}
    return {
        "path": str(entry.path),
        "profile": profile,
        "readable": True,
        "created": entry.created.isoformat(),
        "label": entry.label,
        "pain_intensity": entry.pain_intensity,
        "red_flag": entry.red_flag,
        "top_nutrients": _top_json(entry.top_nutrients),
        "content_version": entry.content_version,
        # Each complete questionnaire's score: with created and pain_intensity, the series over time.
        "instruments": _scores_json(entry.instruments),
    }


def json_texts(storage: Storage, profile: str) -> list[str]:
    """What :func:`entry_text` writes of each of ``storage.list_sessions()`` (``profile``: the name as JSON). A row
    of the index that reads as a result is written as it is, checked as its entry would be (``readable_row``),
    without making the entry and its path first: half of listing 10,000 results from the index."""
    from nutri_tui.storage.index import canonical_moment, child, cyclic_gc_paused
    from nutri_tui.storage.index_row import listed_name, readable_row

    folder = str(child(storage.sessions_dir, "x"))[:-1]  # what an entry's path is before its file's name
    tails: dict[tuple[Any, ...], str] = {}

    def quick(row: tuple[Any, ...]) -> str | None:
        _, name, created, label, pain, red_flag, top, version, scores, reason = row[:10]
        # Only exact types in the key: 1.0 and True equal 1 (and hash alike), but the checks refuse them.
        if reason is None and type(red_flag) is int and (pain is None or type(pain) is int):
            key = (label, pain, red_flag, top, version, scores)
            tail = tails.get(key)
            if tail is not None and listed_name(name) and name and "\\" not in name and canonical_moment(created):
                return _head(_text(folder + name), profile, created) + tail
        values = readable_row(row)
        if values is None or not values[0] or "\\" in values[0]:  # a name child() would not simply append
            return None
        tail = _tail(*values[2:])
        if reason is None and type(red_flag) is int and len(tails) < TAILS_MAX:  # checked: its values hold
            tails[(label, pain, red_flag, top, version, scores)] = tail
        return _head(_text(folder + values[0]), profile, values[1].isoformat()) + tail

    def fresh_as(name: str, entry: SessionEntry, created: str | None) -> str:
        """A first listing's entry with its file's name and its moment's text (made once, for its row too)."""
        if created is None or not entry.readable or not name or "\\" in name:
            return entry_text(entry, profile)
        values = (entry.label, entry.pain_intensity, entry.red_flag, entry.top_nutrients, entry.content_version)
        return _head(_text(folder + name), profile, created) + _tail(*values, entry.instruments)

    # As list_sessions: the cyclic collector paused (tens of thousands of objects, no cycle among them).
    with cyclic_gc_paused(), contextlib.closing(storage.history()) as rows:
        return [item if type(item) is str else entry_text(item, profile) for item in rows.all(quick, fresh_as)]


def entry_text(entry: SessionEntry, profile: str) -> str:
    """``json.dumps(entry_json(entry, name))`` where ``profile`` is the name as JSON: each string by json's own
    (C) string encoder, each list of nutrients or scores encoded once (a history repeats a few)."""
    path = _text(str(entry.path))
    if not entry.readable:
        return f'{{"path": {path}, "profile": {profile}, "readable": false, "reason": {_text(entry.reason)}}}'
    values = (entry.label, entry.pain_intensity, entry.red_flag, entry.top_nutrients, entry.content_version)
    return _head(path, profile, entry.created.isoformat()) + _tail(*values, entry.instruments)


def _head(path: str, profile: str, created: str) -> str:
    """A readable entry's JSON up to its moment (``path`` and ``profile`` already as JSON, ``created`` as
    ``isoformat`` gives it)."""
    return f'{{"path": {path}, "profile": {profile}, "readable": true, "created": {_text(created)}'


@functools.lru_cache(maxsize=1024)
def _tail(
    label: str,
    pain: int | None,
    red_flag: bool,
    top: tuple[tuple[str, str], ...],
    version: str,
    scores: tuple[ScoreSummary, ...],
) -> str:
    """A readable entry's JSON after its moment (cached: a history repeats a few; ``pain`` is an int or None and
    ``red_flag`` a bool, which the checks make sure of, so that 1 and True never share an entry)."""
    pain_text = "null" if pain is None else int.__repr__(pain)
    flag = "true" if red_flag else "false"
    return (
        f', "label": {_text(label)}, "pain_intensity": {pain_text}, "red_flag": {flag},'
        f' "top_nutrients": {json.dumps(_top_json(top))}, "content_version": {_text(version)},'
        f' "instruments": {json.dumps(_scores_json(scores))}}}'
    )


@functools.lru_cache(maxsize=1024)
def _top_json(top: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
    """A result's nutrients as JSON objects. Cached (and only read, by json.dumps): a person's results repeat
    the same few lists, and building them again was a sixth of listing 10,000 sessions."""
    return [{"id": nutrient, "level": level} for nutrient, level in top]


@functools.lru_cache(maxsize=1024)
def _scores_json(scores: tuple[ScoreSummary, ...]) -> list[dict[str, object]]:
    return [{"id": s.id, "total": s.total, "band": s.band, "subscales": dict(s.subscales)} for s in scores]
