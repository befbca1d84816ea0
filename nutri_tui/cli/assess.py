"""``nutri-tui assess`` and ``nutri-tui schema``: the assessment without the UI.

``assess --save`` keeps the result as a session, exactly as the app does when the wizard ends, and
prints the new file's path as the last line of stdout after the text; with ``--json`` the path is the
JSON's ``saved_to`` key instead, so stdout stays one JSON document (``jq`` reads it). The JSON also
carries the action plan the text starts with (``plan``: its steps, each with its lines). Exit codes: 2
for a bad answers file or ``--label`` without ``--save`` (bad input); 1 when the session cannot be
saved (a full disk, a folder without permission): the result has been printed by then, and saving
is not the person's input, so it is not a usage error. Each error is one line on stderr.

``assess`` takes the knowledge base from the content cache once it has been checked (the first run
checks ``content/`` and leaves the cache; see :mod:`nutri_tui.content.cache`), and imports only what its
output needs: the whole process is what issue 15 times against ``python -c 'import tomllib'``.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import TYPE_CHECKING

from nutri_tui.cli.common import EXIT_CONTENT, EXIT_OK, EXIT_STORAGE, fail, shown, storage_for

if TYPE_CHECKING:
    import argparse  # annotations only: the commands read here do not build the parser (cli/quick_args.py)

    from nutri_tui.content import Content
    from nutri_tui.models.answers import Answers
    from nutri_tui.models.assessment import Assessment


def add_assess_commands(commands: argparse._SubParsersAction) -> None:
    assess = commands.add_parser("assess", help="assess an answers file (TOML) and print the result")
    assess.add_argument("answers", type=Path, metavar="ANSWERS.toml")
    assess.add_argument("--json", action="store_true", help="print the full result as JSON")
    assess.add_argument("--save", action="store_true", help="also save it as a session; its path is the last line")
    assess.add_argument("--label", metavar="TEXT", help="a name for the saved session (with --save)")
    assess.set_defaults(handler=_cmd_assess)

    schema = commands.add_parser("schema", help="print the JSON Schema of the answers file")
    schema.set_defaults(handler=_cmd_schema)


def _cmd_assess(args: argparse.Namespace) -> int:
    was_enabled = gc.isenabled()
    gc.disable()  # see _assess
    try:
        return _assess(args)
    finally:
        if was_enabled:
            gc.enable()


def _assess(args: argparse.Namespace) -> int:
    """The command, with the cyclic garbage collector paused: importing pydantic, the models and the engine and
    rebuilding the knowledge base make hundreds of thousands of objects and next to no garbage, and the ninety-odd
    collections that ran while they were made took several milliseconds (measured) and found nothing. Reference
    counting still frees memory; a cycle left behind is collected once the collector runs again."""
    from nutri_tui.content import ContentError, load_content
    from nutri_tui.engine import assess
    from nutri_tui.storage.answers_file import AnswersError, read_answers

    if args.label is not None and not args.save:
        return fail("--label only works with --save")
    try:
        content = load_content(disk_cache=True)  # checked once, then reused: see nutri_tui/content/cache.py
    except ContentError as error:
        return fail(str(error), EXIT_CONTENT)
    try:
        answers = read_answers(args.answers, content)
    except AnswersError as error:
        return fail(str(error))
    result = assess(answers, content)
    if args.json:
        return _print_json(args, answers, result, content)
    from nutri_tui.reports.text import render_text  # here: --json needs only the plan

    print(render_text(result, content))
    if args.save:
        path, status = _save(args, answers, result, content.version)
        if path is not None:
            print(shown(path))
        return status
    return EXIT_OK


def _print_json(args: argparse.Namespace, answers: Answers, result: Assessment, content: Content) -> int:
    from dataclasses import asdict

    from nutri_tui.models.result_json import result_json
    from nutri_tui.reports.plan import IN_THE_DATA, action_plan

    data = result_json(result)  # pydantic's serialiser would be built first: see models/result_json.py
    data["plan"] = [asdict(step) for step in action_plan(result, content, IN_THE_DATA)]
    status = EXIT_OK
    if args.save:
        path, status = _save(args, answers, result, content.version)
        if path is not None:
            data["saved_to"] = str(path)
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return status


def _save(
    args: argparse.Namespace, answers: Answers, result: Assessment, content_version: str
) -> tuple[Path | None, int]:
    """The saved file and EXIT_OK, or None and the exit status after reporting why it was not saved."""
    from nutri_tui.storage import StorageError, make_session

    try:
        path = storage_for(args).save_session(make_session(answers, result, content_version, args.label or ""))
    except (StorageError, OSError) as error:
        return None, fail(f"the result was not saved: {error}", EXIT_STORAGE)
    return path, EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from nutri_tui.models.answers_schema import answers_json_schema

    print(json.dumps(answers_json_schema(), indent=2))
    return EXIT_OK
