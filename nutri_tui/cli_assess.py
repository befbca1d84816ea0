"""``nutri-tui assess`` and ``nutri-tui schema``: the assessment without the UI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from nutri_tui.cli import EXIT_CONTENT, EXIT_OK, fail


def add_assess_commands(commands: argparse._SubParsersAction) -> None:
    assess = commands.add_parser("assess", help="assess an answers file (TOML) and print the result")
    assess.add_argument("answers", type=Path, metavar="ANSWERS.toml")
    assess.add_argument("--json", action="store_true", help="print the full result as JSON")
    assess.set_defaults(handler=_cmd_assess)

    schema = commands.add_parser("schema", help="print the JSON Schema of the answers file")
    schema.set_defaults(handler=_cmd_schema)


def _cmd_assess(args: argparse.Namespace) -> int:
    from nutri_tui.answers_file import AnswersError, read_answers
    from nutri_tui.content import ContentError, load_content
    from nutri_tui.engine import assess
    from nutri_tui.text_report import render_text

    try:
        content = load_content()
    except ContentError as error:
        return fail(str(error), EXIT_CONTENT)
    try:
        answers = read_answers(args.answers, content)
    except AnswersError as error:
        return fail(str(error))
    result = assess(answers, content)
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        print(render_text(result))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from nutri_tui.models.answers import Answers

    print(json.dumps(Answers.model_json_schema(), indent=2))
    return EXIT_OK
