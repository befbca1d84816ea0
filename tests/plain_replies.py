"""Answers typed into plain mode from a persona's answers file, as a person would type them, question by question.

:class:`Replies` is standard input for :func:`nutri_tui.plain.run`: each time plain mode reads a line, it looks at
the last line plain mode said, works out which question that is from its words alone (so every question line
must say its question), and types the persona's answer: a choice by its number, a number as digits, a list by
names, a warning sign by y, n or s. A line it cannot place fails the test, naming it.
"""

from __future__ import annotations

import copy
import io
import re
import tomllib
from pathlib import Path
from typing import Any

from nutri_tui.content import Content, load_content
from nutri_tui.content.choices import medicine_rows, supplement_form_choices, supplement_kinds
from nutri_tui.models.answers import Answers, field_value
from nutri_tui.plain import EXIT_OK, run
from nutri_tui.questionnaire import QUESTIONS, STEPS, Question, answer_keys, as_asked
from nutri_tui.storage import Storage

REPO = Path(__file__).resolve().parent.parent
NUMBERED = re.compile(r"^(Question \d+ of \d+|" + "|".join(re.escape(s.title) for s in STEPS) + "): ")
"""How a question line starts: its number, or its step when the review asks what an answer brings in."""
FLAG_LETTER = {"yes": "y", "no": "n", "dont_know": "s"}


def plain_answers(sections: dict[str, Any], home: Path) -> Answers:
    """The answers plain mode saves (in a data folder at ``home``) when ``sections`` are typed into it."""
    content = load_content()
    said = io.StringIO()
    storage = Storage(home)
    assert run(content, storage, Replies(sections, said, content), said) == EXIT_OK, said.getvalue()[-2000:]
    [entry] = storage.list_sessions()
    return storage.load_session(entry.path).answers


def example(name: str) -> dict[str, Any]:
    with (REPO / "examples" / f"{name}.toml").open("rb") as handle:
        sections = tomllib.load(handle)
    sections.pop("format", None)
    return sections


class Replies(io.TextIOBase):
    """Standard input that answers what plain mode asks (written to ``said``) from ``sections``."""

    def __init__(self, sections: dict[str, Any], said: io.StringIO, content: Content, extra: list[str] | None = None):
        self.sections = copy.deepcopy(sections)
        """The persona's answers, and any the file leaves out that plain mode asked and these replies gave."""
        self.said, self.content = said, content
        self.flags_asked: list[str] = []
        self.extra = list(extra or [])
        """Replies typed first, before any worked out (to test a path by hand)."""
        self.typed: list[tuple[str, str]] = []
        """(the line asked, the reply), in order."""

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:
        lines = [line for line in self.said.getvalue().splitlines() if line.strip()]
        asked = lines[-1] if lines else ""
        if len(self.typed) > 400:
            raise AssertionError(f"too many questions; the last: {asked!r}")
        reply = self.extra.pop(0) if self.extra else self.reply(asked)
        self.typed.append((asked, reply))
        return reply + "\n"

    # --- working out the reply -----------------------------------------------------------------------

    def given(self, field: str) -> Any:
        section, _, name = field.partition(".")
        return self.sections.get(section, {}).get(name)

    def reply(self, asked: str) -> str:
        if asked.startswith("You have unfinished answers"):
            return "r"
        if asked.startswith(("Press Enter when you have read this", "Ticked so far", "Type a number from 1 to")):
            return ""
        text = NUMBERED.sub("", asked)
        if text.startswith("Warning sign: "):
            return self.flag(text.removeprefix("Warning sign: "))
        for kind, name in supplement_kinds(self.content):
            if text.startswith(f"{name} a day"):
                return self.supplement(kind, "amount")
            if text.startswith(f"{name}: in which unit or form?"):
                return self.supplement(kind, "form")
        for instrument in self.content.instruments.values():
            if text.startswith(f"{instrument.name}. "):
                return "y" if self.given(instrument.field) else "n"
            if text.startswith(instrument.stem):
                return self.item(instrument, text.removeprefix(instrument.stem))
        question = self.question(text)
        if question is None:
            raise AssertionError(f"cannot tell which question this is: {asked!r}")
        return self.answer(question)

    def question(self, text: str) -> Question | None:
        found = [q for q in QUESTIONS.values() if text.startswith(as_asked(q, self.sections).text.split(" (space")[0])]
        return max(found, key=lambda q: len(as_asked(q, self.sections).text), default=None)

    def answer(self, question: Question) -> str:
        value = self.given(question.field)
        if value is None and question.required:  # what the file means by leaving it out: the model's default
            value = field_value(Answers(), question.field)
            if value is None:  # an answer the wizard needs and the file (older than it) does not have
                value = "dont_know" if "dont_know" in question.choices else next(iter(question.choices))
                self.fill(question.field, value)
        if value is None:
            return ""
        if question.kind == "choice":
            if question.yes_no_flag:
                value = "yes" if value else "no"
            return str(list(question.choices).index(value) + 1)
        if question.kind == "number":
            return str(value)
        if question.kind == "ticks":
            return ", ".join(str(list(question.choices).index(v) + 1) for v in value) or "none"
        if question.kind in ("medicines", "conditions", "symptoms"):
            return ", ".join(value) or "none"  # by name (a medicine's generic, a condition's or symptom's id)
        if question.kind == "supplements":
            names = dict(supplement_kinds(self.content))
            return ", ".join(names[s["nutrient"]] for s in value) or "none"
        raise AssertionError(f"no reply for {question.field}")

    def fill(self, field: str, value: Any) -> None:
        """Keep an answer typed that the file leaves out, so :attr:`sections` holds every answer given."""
        section, _, name = field.partition(".")
        self.sections.setdefault(section, {})[name] = value

    def flag(self, text: str) -> str:
        flags = self.sections.setdefault("back_pain", {}).setdefault("red_flags", {})
        for flag in self.content.red_flags.values():
            if text.startswith((flag.question, *(v.question for v in flag.variants))):
                self.flags_asked.append(flag.id)
                return FLAG_LETTER[flags.setdefault(flag.id, "no")]  # a sign the file does not answer: no
        raise AssertionError(f"no warning sign asks {text!r}")

    def item(self, instrument: Any, text: str) -> str:
        given = self.given(instrument.field) or {}
        for item in instrument.item:
            if text.startswith(f" {item.number} of "):
                options = {a.id: a.text for a in instrument.answers_to(item)}
                keys = {option: key for key, option in answer_keys(options).items()}
                return keys[given[item.id]] if item.id in given else ""
        raise AssertionError(f"no item of {instrument.name} is {text!r}")

    def supplement(self, kind: str, part: str) -> str:
        taken = next(s for s in self.given("health.supplements") if s["nutrient"] == kind)
        if part == "amount":
            return f"{taken['amount']:g}"
        forms = list(supplement_form_choices(kind, self.content))
        return str(forms.index(taken.get("form", "")) + 1)

    def expected(self) -> dict[str, Any]:
        """The answers the wizard keeps for these replies: every answer given, and only the warning signs asked
        (a sign that cannot apply to this person is hidden in the app, and its answer in a file is not kept)."""
        sections = copy.deepcopy(self.sections)
        health = sections.get("health", {})
        for name in ("medicines", "conditions", "symptoms"):  # stored as the app's lists tick them, in order
            if name in health:
                given = health[name]
                health[name] = sorted(medicine_rows(given, self.content) if name == "medicines" else given)
        flags = sections.get("back_pain", {}).get("red_flags")
        if flags is not None:
            sections["back_pain"]["red_flags"] = {k: v for k, v in flags.items() if k in self.flags_asked}
        return sections
