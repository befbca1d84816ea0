"""The command lines run most often, read without building the grammar of every sub-command.

``nutri-tui sessions --json`` and ``nutri-tui assess FILE`` are what scripts and a person run again and again, and
each is a process of its own: building argparse's parser of all eight sub-commands (with its help texts, and the
formatter and translation look-ups each option makes) was about 23 M instructions, and importing argparse and what
it brings (``shutil``, ``gettext``, ``locale``) 16 M more, against a start of about 270 M. Bare ``nutri-tui`` (the
app) and ``nutri-tui open FILE`` are what a person runs, and every millisecond before the app's first paint is one
they wait: the parser's import and build were 20-60 ms of it on a busy host (the app's start is 300 ms).
:func:`quick_args` reads exactly those commands, their own flags and one file name, and gives what :mod:`argparse`
would give; anything else (another command or option, a value after an option, ``--``, a name starting with ``-``,
``--help``) is None, and the whole parser reads it as always, errors included. ``tests/unit/test_cli_speed_args.py``
compares the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

FLAGS: dict[str, dict[str, str]] = {
    "sessions": {"--json": "json", "--all-profiles": "all_profiles"},
    "assess": {"--json": "json", "--save": "save"},
    "open": {},
}
"""Each command read here, with the flags (``store_true`` options) it takes, by the name argparse gives them."""


def quick_args(argv: Sequence[str]) -> Any | None:
    """The namespace the whole parser gives ``argv`` (the same attributes and values), or None to use it."""
    if not argv:  # the app
        return SimpleNamespace(plain=False, data_dir=None, profile=None, where=False, command=None)
    if argv[0] not in FLAGS:
        return None
    command = argv[0]
    flags = FLAGS[command]
    given = dict.fromkeys(flags.values(), False)
    files: list[str] = []
    for token in argv[1:]:
        if token in flags:
            given[flags[token]] = True
        elif not token or token.startswith("-"):  # an option (or a prefix of one), or a name argparse reads its way
            return None
        else:
            files.append(token)
    args = SimpleNamespace(plain=False, data_dir=None, profile=None, where=False, command=command)
    if command == "sessions":
        from nutri_tui.cli.sessions import _cmd_sessions

        if files:
            return None
        args.json, args.all_profiles, args.handler = given["json"], given["all_profiles"], _cmd_sessions
        return args
    if len(files) != 1:
        return None
    if command == "open":
        from nutri_tui.cli.sessions import _cmd_open

        args.session, args.handler = Path(files[0]), _cmd_open
        return args
    from nutri_tui.cli.assess import _cmd_assess

    args.answers, args.json, args.save, args.label = Path(files[0]), given["json"], given["save"], None
    args.handler = _cmd_assess
    return args
