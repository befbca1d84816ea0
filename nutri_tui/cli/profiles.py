"""``nutri-tui profiles``: whose results are kept on this machine, and making or renaming a profile.

::

    nutri-tui profiles                       list them: name, saved results, folder
    nutri-tui profiles --json                the same as a JSON array
    nutri-tui profiles --new "Anna K"        make a new, empty profile
    nutri-tui profiles --rename "Anna K" "Anna Kowalska"

Exit codes: 0 on success; 2 for a name that cannot be used (empty, taken, unknown); 1 when the profile
could not be written. Names from files are printed cleaned (one line, nothing a terminal would obey).
"""

from __future__ import annotations

import argparse
import json

from nutri_tui.cli.common import EXIT_OK, EXIT_STORAGE, columns, cut, data_folder, fail, shown


def add_profiles_command(commands: argparse._SubParsersAction) -> None:
    profiles = commands.add_parser("profiles", help="list the profiles (whose results), or make or rename one")
    action = profiles.add_mutually_exclusive_group()
    action.add_argument("--json", action="store_true", help="print the list as a JSON array")
    action.add_argument("--new", metavar="NAME", help="make a new, empty profile called NAME")
    action.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"), help="rename the profile OLD to NEW")
    profiles.set_defaults(handler=_cmd_profiles)


def _cmd_profiles(args: argparse.Namespace) -> int:
    from nutri_tui.profiles import find_profile, list_profiles, session_count
    from nutri_tui.storage import StorageError
    from nutri_tui.storage.profile_folders import NameNotUsable, create_profile, rename_profile

    data = data_folder(args)
    try:
        if args.new is not None:
            made = create_profile(data, args.new)
            print(f'New profile "{made.name}" made; use it with: nutri-tui --profile "{made.name}"')
            return EXIT_OK
        if args.rename is not None:
            old, new = args.rename
            profile = find_profile(data, old)
            if profile is None:
                return fail(f'no profile called "{old}"; see `nutri-tui profiles`')
            renamed = rename_profile(data, profile, new)
            print(f'Profile "{profile.name}" is now called "{renamed.name}".')
            return EXIT_OK
    except NameNotUsable as error:
        return fail(str(error))
    except StorageError as error:
        return fail(str(error), EXIT_STORAGE)
    profiles = list_profiles(data)
    if args.json:
        rows = [
            {
                "name": p.name,
                "default": p.is_default,
                "folder": str(p.root),
                "sessions": session_count(p),
                **({"problem": p.problem} if p.problem else {}),
            }
            for p in profiles
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    print(f"{len(profiles)} profile{'s' if len(profiles) != 1 else ''} in {shown(data)}:")
    for p in profiles:
        count = session_count(p)
        results = f"{count} saved result{'s' if count != 1 else ''}"
        tag = " (default)" if p.is_default else ""
        print(f"  {cut(p.name, 80 - columns(f'    {tag}  {results}'))}{tag}  {results}")
        if p.problem:
            print(f"    cannot read its name: {cut(p.problem, 60)}")
        print(f"    {shown(p.root)}")
    return EXIT_OK
