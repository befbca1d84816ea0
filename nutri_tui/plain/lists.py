"""A list question in plain mode: allergies, pain areas, medicines, conditions, symptoms, and the supplements.

Every row keeps one number, its place in the whole list, so a number typed means the same row whatever was
searched. An answer is a comma-separated list of numbers, names, or words to search: a name ticks its row (a
medicine by its generic, brand or class name, as the answers file accepts it), words that find one row tick
it, and words that find several list them, numbered, to choose from. The rows and the search are the app's
(:mod:`nutri_tui.content.choices`, :func:`nutri_tui.text.matches`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from nutri_tui.content import Content
from nutri_tui.content.choices import list_choices, medicine_rows, supplement_form_choices, supplement_kinds
from nutri_tui.content.supplements import supplement_unit
from nutri_tui.engine.steps import MAX_SUPPLEMENT, supplement_amounts_problem, supplement_problems
from nutri_tui.plain.asking import NONE, Asking, ask_choice, ask_number, read_answer, sentence
from nutri_tui.plain.console import Console
from nutri_tui.questionnaire import Question
from nutri_tui.text import matches

IN_THE_QUESTION = 12
"""A list this long or shorter is said in the question's own line, as a choice's answers are."""
LINE_BY_LINE = 30
"""A longer list, up to this, is said a row a line before its question; a longer one only when asked (list)."""
MOST_FOUND = 15
"""A search lists at most this many rows; more words narrow it."""
LIST = "list"
CHOOSE_FORM = "Choose it when asked which unit or form the amount is in."


class Row(NamedTuple):
    value: str
    label: str
    search: str


def rows_for(question: Question, content: Content) -> list[Row]:
    """The rows a list question offers, in the app's order."""
    if question.kind == "ticks":
        return [Row(key, text, text) for key, text in question.choices.items()]
    return [Row(*row) for row in list_choices(question.kind, content)]


def _numbered(rows: list[Row], chosen: list[Row]) -> list[str]:
    return [f"{rows.index(row) + 1}) {row.label}" for row in chosen]


class _Reading:
    """What one answer line ticks, and what it could not: numbers out of range, searches with no or many rows."""

    def __init__(self, rows: list[Row], question: Question, content: Content) -> None:
        self.rows, self.question, self.content = rows, question, content
        self.by_name = {name.casefold(): row for row in rows for name in (row.value, row.label)}

    def named(self, part: str) -> Row | None:
        row = self.by_name.get(part.casefold())
        if row is None and self.question.kind == "medicines":  # a brand, a salt or a class id: the row it ticks
            found = medicine_rows([part], self.content)[0]
            row = next((r for r in self.rows if r.value == found), None)
        return row

    def read(self, line: str) -> tuple[list[Row], list[str]]:
        ticked: list[Row] = []
        said: list[str] = []
        for part in (p.strip() for p in line.split(",")):
            if not part:
                continue
            if part.isdigit():
                number = int(part)
                if 1 <= number <= len(self.rows):
                    ticked.append(self.rows[number - 1])
                else:
                    said.append(f"There is no number {part}: the list goes from 1 to {len(self.rows)}.")
                continue
            row = self.named(part)
            found = [row] if row is not None else [r for r in self.rows if matches(part, r.search)]
            if len(found) == 1:
                ticked.append(found[0])
            elif not found:
                said.append(f"Nothing matches {part}.")
            else:
                more = f" (the first {MOST_FOUND}: more words narrow it)" if len(found) > MOST_FOUND else ""
                said.append(f"{part} matches {len(found)}{more}; type the number of the one you mean:")
                said += _numbered(self.rows, found[:MOST_FOUND])
        return ticked, said


def ask_list(
    console: Console, asking: Asking, question: Question, rows: list[Row], current: list[str], content: Content
) -> list[str]:
    """The values ticked, in the list's order. Enter keeps ``current`` (none at first); "none" unticks them all."""
    reading = _Reading(rows, question, content)
    now = [row for row in rows if row.value in current]
    prefix = asking.prefix
    if len(rows) <= IN_THE_QUESTION:
        offered = " " + " ".join(f"{n}) {row.label}" for n, row in enumerate(rows, 1)) + "."
        how = "Type the numbers or names of all that apply, separated by commas"
    else:
        if len(rows) <= LINE_BY_LINE:  # the question, its rows a line each, then the question with how to answer
            console.say(f"{prefix}{sentence(question.text)} {len(rows)} to choose from, one a line:")
            console.say(*(f"{n}) {row.label}" for n, row in enumerate(rows, 1)))
            prefix = ""
        offered = ""
        example = question.placeholder.removeprefix("Type to filter, ").removeprefix("Type ")
        how = f"Type names or numbers, separated by commas, or words to find one ({example})" + (
            "" if len(rows) <= LINE_BY_LINE else f"; {LIST} says all {len(rows)}"
        )
    if now:
        enter = f". Ticked now: {', '.join(r.label for r in now)}. Enter keeps them, {NONE} unticks them all"
    else:
        enter = "; Enter for none"
    line = f"{prefix}{sentence(question.text)}{offered} {how}{enter}; or ? for why we ask."
    chosen: list[Row] | None = None
    reply = read_answer(console, line, asking)
    while True:
        if not reply:
            return [row.value for row in rows if row in (now if chosen is None else chosen)]
        if reply.casefold() == NONE:
            return []
        if reply.casefold() == LIST:
            console.say(*(f"{n}) {row.label}" for n, row in enumerate(rows, 1)))
            reply = read_answer(console, line, asking)
            continue
        ticked, said = reading.read(reply)
        chosen = [row for row in rows if row in (chosen or []) or row in ticked]
        if not said:
            console.say(f"Ticked: {', '.join(r.label for r in chosen)}.")
            return [row.value for row in chosen]
        so_far = ", ".join(r.label for r in chosen) or "nothing yet"
        console.say(*said)
        line = f"Ticked so far: {so_far}. Type more numbers, names or words, Enter when done, or {NONE} to untick all."
        reply = read_answer(console, line, asking)


# --- supplements -----------------------------------------------------------------------------------------


def ask_supplements(
    console: Console, asking: Asking, question: Question, current: list[Any], content: Content
) -> list[dict[str, Any]]:
    """The supplements taken, each with its amount a day and the unit or form the pack gives it in, as the app's
    Medicines step stores them (in its order; an amount left blank or 0 leaves the supplement out)."""
    kinds = supplement_kinds(content)
    given = {s["nutrient"]: s for s in current if isinstance(s, dict) and "nutrient" in s}
    rows = [Row(kind, name, name) for kind, name in kinds]
    taken = ask_list(console, asking, question, rows, list(given), content)  # each one's amount is asked next
    entries = []
    for kind, name in kinds:
        if kind in taken:
            entry = _supplement(console, Asking("", asking.why), kind, name, given.get(kind, {}), content)
            if entry is not None:
                entries.append(entry)
    return entries


def _supplement(
    console: Console, asking: Asking, kind: str, name: str, given: dict[str, Any], content: Content
) -> dict[str, Any] | None:
    forms = supplement_form_choices(kind, content)
    unit = "" if len(forms) > 1 else f" ({supplement_unit(kind, content)})"
    amount_text = f"{name} a day{unit}: how much, as the pack gives it?"
    amount, form = given.get("amount"), str(given.get("form", ""))
    while True:
        amount = ask_number(
            console,
            asking,
            amount_text,
            name,
            (0, MAX_SUPPLEMENT),
            amount,
            decimals=True,
            problem=supplement_amounts_problem([name]),
            blank="leave it out",
        )
        if not amount:
            console.say(f"{name}: left out (no amount).")
            return None
        if len(forms) > 1:
            form = (
                ask_choice(console, asking, f"{name}: in which unit or form?", forms, form if form in forms else "")
                or ""
            )
        entry: dict[str, Any] = {"nutrient": kind, "amount": float(amount)}
        if form:
            entry["form"] = form
        problems = supplement_problems([entry], content, CHOOSE_FORM)
        if not problems:
            return entry
        console.say(problems[0], "Please give the amount again.")
