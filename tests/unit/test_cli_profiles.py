"""The command line with profiles (issue 16): --profile, `profiles`, `sessions --all-profiles`, whose report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from nutri_tui.profiles import PROFILES_DIR, find_profile, list_profiles
from nutri_tui.storage import Storage, make_session
from tests.cli_run import run


@pytest.fixture
def two_clients(private_home: Path, content: Content) -> dict[str, Path]:
    """A physiotherapist's two clients, one saved result for Anna; the default profile keeps its own."""
    for name in ("Anna K", "Ben"):
        assert run_ok("profiles", "--new", name)
    anna = find_profile(private_home, "Anna K")
    assert anna is not None
    result = make_session(Answers(), assess(Answers(), content), content.version, label="Anna, week 1")
    mine = make_session(Answers(), assess(Answers(), content), content.version, label="My own")
    return {"anna": Storage(anna.root).save_session(result), "mine": Storage(private_home).save_session(mine)}


def run_ok(*argv: str) -> bool:
    from nutri_tui.cli import main

    return main(list(argv)) == 0


def test_profiles_lists_each_with_its_results(capsys, two_clients) -> None:
    capsys.readouterr()
    code, out, err = run(capsys, "profiles")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("3 profiles in ")
    assert "  Default (default)  1 saved result" in out and "  Anna K  1 saved result" in out
    assert "  Ben  0 saved results" in out
    code, out, _ = run(capsys, "profiles", "--json")
    rows = json.loads(out)
    assert [(r["name"], r["default"], r["sessions"]) for r in rows] == [
        ("Default", True, 1),
        ("Anna K", False, 1),
        ("Ben", False, 0),
    ]


def test_sessions_lists_one_profile_or_all(capsys, two_clients) -> None:
    capsys.readouterr()
    code, out, _ = run(capsys, "sessions", "--profile", "anna k")
    assert code == 0 and "Anna, week 1" in out and "My own" not in out
    code, out, _ = run(capsys, "sessions")
    assert code == 0 and "My own" in out and "Anna, week 1" not in out
    code, out, _ = run(capsys, "sessions", "--profile", "Ben")
    assert code == 0 and "No saved sessions yet" in out
    code, out, _ = run(capsys, "sessions", "--all-profiles")
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith("Profile: ")] == [
        "Profile: Default",
        "Profile: Anna K",
        "Profile: Ben",
    ]
    assert out.index("My own") < out.index("Profile: Anna K") < out.index("Anna, week 1") < out.index("Profile: Ben")
    code, out, _ = run(capsys, "sessions", "--all-profiles", "--json")
    assert sorted((row["profile"], row["label"]) for row in json.loads(out)) == [
        ("Anna K", "Anna, week 1"),
        ("Default", "My own"),
    ]


def test_an_unknown_profile_is_refused_by_a_command_that_only_reads(capsys, two_clients, private_home) -> None:
    capsys.readouterr()
    for argv in (
        ("sessions", "--profile", "Anna"),
        ("--where", "--profile", "Anna"),
        ("--profile", "Anna", "sessions"),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert (
            err == 'nutri-tui: error: no profile called "Anna" (profiles here: "Default", "Anna K", "Ben"); '
            "see `nutri-tui profiles`\n"
        )
    assert len(list_profiles(private_home)) == 3  # reading never creates


def test_where_names_the_profile_and_its_folder(capsys, two_clients, private_home) -> None:
    capsys.readouterr()
    code, out, _ = run(capsys, "--where", "--profile", "Anna K")
    anna = find_profile(private_home, "Anna K")
    assert code == 0 and anna is not None
    assert out.splitlines()[:2] == ["profile: Anna K", f"data: {anna.root}"]


def test_the_report_says_whose_results_they_are(capsys, two_clients) -> None:
    capsys.readouterr()
    code, out, _ = run(capsys, "report", two_clients["anna"])
    assert code == 0
    assert "**Whose results:** Anna K" in out.splitlines()[:4]
    code, out, _ = run(capsys, "report", two_clients["mine"])
    assert "**Whose results:** Default" in out


def test_without_profiles_the_report_is_as_before(capsys, private_home, content: Content) -> None:
    saved = Storage().save_session(make_session(Answers(), assess(Answers(), content), content.version))
    code, out, _ = run(capsys, "report", saved)
    assert code == 0 and "Whose results" not in out


def test_profiles_new_and_rename_refuse_unusable_names(capsys, two_clients, private_home) -> None:
    capsys.readouterr()
    assert run(capsys, "profiles", "--new", "ANNA K")[0:3:2] == (
        2,
        'nutri-tui: error: there is already a profile called "Anna K"; choose another name\n',
    )
    assert run(capsys, "profiles", "--new", "  ")[0] == 2
    assert run(capsys, "profiles", "--rename", "Nobody", "X")[0] == 2
    code, out, _ = run(capsys, "profiles", "--rename", "Ben", "Ben Smith")
    assert code == 0 and out == 'Profile "Ben" is now called "Ben Smith".\n'
    assert [p.name for p in list_profiles(private_home)] == ["Default", "Anna K", "Ben Smith"]
    assert run(capsys, "profiles", "--json", "--new", "X")[0] == 2  # one action at a time


def test_a_hostile_profile_name_on_the_command_line_stays_inside(capsys, private_home) -> None:
    code, out, err = run(capsys, "profiles", "--new", "../../\x1b[2Jescape")
    assert code == 0 and "\x1b" not in out + err
    [_, made] = list_profiles(private_home)
    assert made.root.parent == private_home / PROFILES_DIR and made.name == "../../[2Jescape"
    assert run(capsys, "--profile", "", "sessions")[0] == 2


def test_the_report_follows_the_clients_own_history(capsys, private_home, content: Content) -> None:
    """Two results for Anna a week apart: her report (named by its file, without --profile) shows the pain
    change over her own results, and says whether it matters."""
    from datetime import UTC, datetime, timedelta

    assert run_ok("profiles", "--new", "Anna K")
    anna = find_profile(private_home, "Anna K")
    assert anna is not None
    store = Storage(anna.root)
    week1 = datetime(2026, 11, 24, 10, tzinfo=UTC)
    for pain, when in ((7, week1), (4, week1 + timedelta(days=7))):
        answers = Answers.model_validate({"back_pain": {"areas": ["lower"], "intensity": pain}})
        latest = store.save_session(make_session(answers, assess(answers, content), content.version, now=when))
    capsys.readouterr()
    code, out, _ = run(capsys, "report", latest)
    assert code == 0
    assert "## Progress over time (2 results up to this one, oldest first)" in out
    assert "- Pain: 7, 4 (latest 4 of 10, 3 points lower than the first: a change that matters)" in out


def test_open_starts_the_app_in_the_profile_the_session_belongs_to(capsys, two_clients, monkeypatch) -> None:
    """`nutri-tui open` with one of Anna's files, without --profile: the app runs in Anna's profile, so its
    header names her and its history is hers."""
    import nutri_tui.tui.app as app_module

    made: list[dict] = []

    class FakeApp:
        def __init__(self, **kwargs) -> None:
            made.append(kwargs)
            self.return_code = 0

        def run(self) -> None:
            pass

    monkeypatch.setattr(app_module, "NutriTuiApp", FakeApp)
    code, _, _ = run(capsys, "open", two_clients["anna"])
    assert code == 0
    [kwargs] = made
    assert kwargs["storage"].root == two_clients["anna"].parent.parent
