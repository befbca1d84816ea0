"""``nutri-tui sessions``, ``report``, ``open`` and ``--where``: saved sessions from the command line.

Exit codes follow :mod:`nutri_tui.cli`: 0 on success (``sessions`` too, when some files cannot be
read: they are listed with their reason); 2 for bad input, which includes a session file given
on the command line that cannot be read (missing, broken, binary, from a newer nutri-tui) and a
report ``--output`` that already exists; 1 when something could not be written or listed (a full
disk, a folder without permission) or the knowledge base is broken. Every error is one line.

Nothing here changes a session file; ``report --output`` only ever creates a new file (0600).
"""

from __future__ import annotations

import json
import os
import sys
from json.encoder import encode_basestring_ascii as _text  # a string as json.dumps writes it (ASCII only)
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nutri_tui.cli.common import (
    COLUMNS,
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_STORAGE,
    columns,
    cut,
    data_folder,
    fail,
    plain_wanted,
    shown,
    storage_for,
    with_path,
    wrapped,
)
from nutri_tui.cli.sessions_json import entry_json, json_texts
from nutri_tui.text import clean_text

NAME_MAX = 255
"""The longest file name (in bytes) that the common file systems allow."""

if TYPE_CHECKING:
    import argparse  # annotations only: the commands read here do not build the parser (cli/quick_args.py)

    from nutri_tui.content import Content
    from nutri_tui.models.session import Session
    from nutri_tui.profiles import Profile
    from nutri_tui.storage import SavedSession, SessionEntry, Storage
    from nutri_tui.tui.app import NutriTuiApp


def add_session_commands(commands: argparse._SubParsersAction) -> None:
    from argparse import SUPPRESS  # here: the commands read without the parser (cli/quick_args.py) never need it

    sessions = commands.add_parser("sessions", help="list saved sessions, newest first (unreadable files last)")
    sessions.add_argument("--json", action="store_true", help="print the list as a JSON array")
    sessions.add_argument(
        "--all-profiles", action="store_true", help="every profile's sessions, each under its name (see `profiles`)"
    )
    sessions.set_defaults(handler=_cmd_sessions)

    report = commands.add_parser("report", help="print a saved session as a Markdown report for a clinician")
    report.add_argument("session", type=Path, metavar="SESSION.toml")
    report.add_argument(
        "--output", type=Path, metavar="FILE", help="write the report to FILE (a new file, never overwritten)"
    )
    report.set_defaults(handler=_cmd_report)

    open_ = commands.add_parser("open", help="start the app showing a saved session")
    open_.add_argument("session", type=Path, metavar="SESSION.toml")
    # Also after the command, as the README reads ("open ... with --plain"): `open FILE --plain` was refused.
    # SUPPRESS: not given here, it keeps what was given before the command.
    open_.add_argument(
        "--plain", action="store_true", default=SUPPRESS, help="print the result a sentence a line instead"
    )
    open_.set_defaults(handler=_cmd_open)


def print_where(args: argparse.Namespace) -> int:
    """``name: path`` for the data folder, the sessions folder, the draft file, the content folder and the cache."""
    from nutri_tui.content import ContentError, find_content_dir
    from nutri_tui.paths import cache_dir
    from nutri_tui.profiles import is_shown, list_profiles

    where = storage_for(args).where()
    profile = args.chosen_profile
    try:
        content = shown(find_content_dir())
    except ContentError as error:
        content = f"not found ({error})"
    if is_shown(list_profiles(data_folder(args))):  # as on screens: only once profiles are in use
        print(f"profile: {profile.name}")
    print(f"data: {shown(where.root)}")
    print(f"sessions: {shown(where.sessions)}")
    print(f"draft: {shown(where.draft)}")
    print(f"content: {content}")
    print(f"cache: {shown(cache_dir())}")  # the checked knowledge base; always safe to delete
    return EXIT_OK


# -- sessions ---------------------------------------------------------------------------------------


def _cmd_sessions(args: argparse.Namespace) -> int:
    from nutri_tui.profiles import list_profiles
    from nutri_tui.storage import Storage, StorageError

    profiles = list_profiles(data_folder(args)) if args.all_profiles else [args.chosen_profile]
    as_text = args.json and not sys.stdout.isatty()  # one line for a pipe or a file: what json.dumps(rows) writes
    listed: list[tuple[Profile, Storage, list[Any]]] = []
    for profile in profiles:
        storage = Storage(profile.root)
        try:
            found = json_texts(storage, _text(profile.name)) if as_text else storage.list_sessions()
        except StorageError as error:
            return fail(str(error), EXIT_STORAGE)
        listed.append((profile, storage, found))
    if as_text:
        print(f"[{', '.join(text for *_, texts in listed for text in texts)}]")
        return EXIT_OK
    if args.json:  # indented for a person at a terminal
        rows = [entry_json(entry, profile.name) for profile, _, entries in listed for entry in entries]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    names = _nutrient_names()
    for number, (profile, storage, entries) in enumerate(listed):
        if args.all_profiles:
            _print(*([""] if number else []), f"Profile: {profile.name}")
        _print_entries(storage, entries, names)
    return EXIT_OK


def _print_entries(storage: Storage, entries: list[SessionEntry], names: dict[str, str]) -> None:
    """One profile's sessions: the readable ones newest first, then the files that cannot be read."""
    from nutri_tui.storage import SavedSession, UnreadableSession

    if not entries:
        empty = f"No saved sessions yet (in {shown(storage.sessions_dir)})."
        _print(
            *(
                [empty]
                if columns(empty) <= COLUMNS
                else ["No saved sessions yet, in:", f"  {shown(storage.sessions_dir)}"]
            )
        )
        return
    readable = [e for e in entries if isinstance(e, SavedSession)]
    unreadable = [e for e in entries if isinstance(e, UnreadableSession)]
    if readable:
        plural = "s" if len(readable) != 1 else ""
        print(f"{len(readable)} saved session{plural}, newest first (with the nutrients worth checking):")
    for entry in readable:
        _print(*_entry_lines(entry, names))
    if unreadable:
        if readable:
            print()
        count, left = (f"{len(unreadable)} files", "they are") if len(unreadable) != 1 else ("1 file", "it is")
        print(f"{count} that cannot be read (left as {left}):")
    for entry in unreadable:
        # The path whole on its line, to be copied; the reason (which may quote the file) wrapped below it.
        _print(f"  {shown(entry.path)}", *wrapped(clean_text(entry.reason, 600), "    "))


def _print(*lines: str) -> None:
    print("\n".join(lines))


def _entry_lines(entry: SavedSession, names: dict[str, str]) -> list[str]:
    """Three lines in :data:`COLUMNS`: when, label, pain and red flag; the nutrients worth checking; the path.

    A long label is what gives way (cut with an ellipsis); the date, the pain, the red flag and the
    nutrients keep their room. The path stays whole, to be copied into ``report`` or ``open``.
    """
    from nutri_tui.local_time import shown_time

    created = shown_time(entry.created)
    pain = f"pain {entry.pain_intensity}/10" if entry.pain_intensity is not None else "pain not given"
    flag = "RED FLAG" if entry.red_flag else "no red flag"
    label = "(no label)"
    if entry.label:
        # Everything here may come from a file (the index, a head): one line, nothing a terminal would obey.
        room = COLUMNS - columns(f'  {created}  ""  {pain}  {flag}')  # all but the label's text
        label = f'"{cut(clean_text(entry.label), room)}"'
    return [
        f"  {created}  {label}  {pain}  {flag}",
        f"    {cut(_worth_checking(entry, names), COLUMNS - 4)}",
        f"    {shown(entry.path)}",
    ]


def _worth_checking(entry: SavedSession, names: dict[str, str]) -> str:
    """``high: Vitamin D, Calcium; moderate: Omega-3 fatty acids``: the level once, then its nutrients."""
    groups: dict[str, list[str]] = {}
    for nutrient, level in entry.top_nutrients:
        groups.setdefault(level, []).append(names.get(nutrient, nutrient))
    top = "; ".join(f"{level}: {', '.join(group)}" for level, group in groups.items())
    return clean_text(top, 400) or "no nutrient flagged"


def _nutrient_names() -> dict[str, str]:
    """Nutrient names from the knowledge base; ids are shown instead if it cannot be loaded."""
    from nutri_tui.content import ContentError, load_content

    try:
        return {nutrient_id: nutrient.name for nutrient_id, nutrient in load_content().nutrients.items()}
    except ContentError:
        return {}


# -- report and open --------------------------------------------------------------------------------


def _load(args: argparse.Namespace) -> Session | int:
    """The session named on the command line, or the exit code after a one-line error."""
    from nutri_tui.storage import StorageError

    try:
        return storage_for(args).load_session(args.session)
    except StorageError as error:
        return fail(str(error))


def _cmd_report(args: argparse.Namespace) -> int:
    from nutri_tui.content import ContentError, load_content
    from nutri_tui.reports.markdown import render_markdown

    session = _load(args)
    if isinstance(session, int):
        return session
    try:
        content = load_content(disk_cache=True)  # checked once, then reused (nutri_tui/content/cache.py)
    except ContentError as error:
        return fail(str(error), EXIT_CONTENT)
    from nutri_tui.profiles import is_shown, list_profiles
    from nutri_tui.storage import Storage

    profiles = list_profiles(data_folder(args))
    owner = _owner(args, profiles)
    results = Storage(owner.root).results_until(args.session, session.created)  # its own profile's history
    text = render_markdown(session, content, results, owner.name if is_shown(profiles) else "")
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    return _write_new(args.output, text)


def _owner(args: argparse.Namespace, profiles: list[Profile]) -> Profile:
    """The profile whose sessions folder holds the session file named (else the profile chosen)."""
    from nutri_tui.paths import SESSIONS_DIR

    folder = os.path.realpath(args.session.parent)
    return next((p for p in profiles if os.path.realpath(p.root / SESSIONS_DIR) == folder), args.chosen_profile)


def _write_new(path: Path, text: str) -> int:
    """Write ``text`` to a new file ``path`` (0600, atomically); exit 2 if it exists, 1 if it cannot be written."""
    from nutri_tui.storage.private_files import StorageError, write_private_new

    if len(os.fsencode(path.name)) > NAME_MAX:  # else the system's "File name too long", as a traceback once
        return fail(f"{shown(path.name[:40])}...: file name too long (the limit is {NAME_MAX} bytes)")
    if os.path.isdir(path):  # os.path's checks never raise, unlike Path.is_dir on an over-long path
        return fail(f"{shown(path)}: is a folder; give a file name for the report")
    if os.path.lexists(path):
        return fail(f"{shown(path)}: already exists; not overwritten (choose another name)")
    try:
        write_private_new(path, text.encode("utf-8"))
    except StorageError as error:
        return fail(str(error), EXIT_STORAGE)
    _print(*with_path("Report written to", path))
    return EXIT_OK


def _cmd_open(args: argparse.Namespace) -> int:
    from nutri_tui.content import ContentError, load_content

    session = _load(args)
    if isinstance(session, int):
        return session
    try:
        content = load_content(disk_cache=True)
    except ContentError as error:
        return fail(str(error), EXIT_CONTENT)
    if args.plain or plain_wanted(os.environ, sys.stdin):  # the app cannot work here: the result as plain text
        return _print_plain(session, content)
    from nutri_tui.cli.quiet_terminal import run_to_the_end

    def make_app() -> NutriTuiApp:
        from nutri_tui.profiles import list_profiles
        from nutri_tui.storage import Storage
        from nutri_tui.tui.app import NutriTuiApp

        data = data_folder(args)
        owner = _owner(args, list_profiles(data))  # the header names whose result it is, its history is theirs
        return NutriTuiApp(storage=Storage(owner.root), open_session=session, open_path=args.session, data=data)

    return run_to_the_end(make_app).return_code or EXIT_OK


def _print_plain(session: Session, content: Content) -> int:
    """``open`` where the full-screen app cannot work (``TERM=dumb``, input that is not a terminal, ``--plain``):
    the result as plain mode says it, a sentence a line for a screen reader, after the note the app shows."""
    from nutri_tui.local_time import shown_time
    from nutri_tui.plain.console import Console
    from nutri_tui.reports.phrases import saved_result_note
    from nutri_tui.reports.text import plain_lines

    note = saved_result_note(shown_time(session.created), session.label, session.content_version, content.version)
    Console(sys.stdin, sys.stdout).say(note, "", *plain_lines(session.result, content))
    return EXIT_OK
