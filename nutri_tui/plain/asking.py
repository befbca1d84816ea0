"""One question asked on one line, read back, and asked again until the answer can be used.

Each kind of question has its own way in: a choice by its number (or its key: Y, N or S for a warning sign,
a questionnaire's own letters or 0 to 3) or its words; a number as typed; a list by numbers or names,
with a search; the supplements by name, then each one's amount and unit. Every question line ends by
saying how to answer; "?" says why it is asked, then the question again. A wrong answer gets the same
message the app gives (or says what can be typed, where the app has no way to type it), then the question
again, so every line stands on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nutri_tui.plain.console import Console
from nutri_tui.text import number_problem, typed_number

HELP = "?"
CLEAR = "-"
"""Typed for a number question that has an answer: leave it blank instead."""
NONE = "none"
"""Typed for a list that has ticks: untick them all."""
UNBOUNDED = 100_000
"""A number question allowed this high is said as "0 or more" (a supplement's amount: its limit guards typing only)."""


@dataclass(frozen=True)
class Asking:
    """How the question is introduced ("Question 4 of 38: ") and what "?" says (paragraphs)."""

    prefix: str
    why: str


def sentence(text: str) -> str:
    """A question as plain mode says it: without the app's key hints, ending like a sentence."""
    text = text.replace("space to tick; ", "").replace(" (space to tick)", "").strip()
    return text if text.endswith(("?", ".", ":")) else f"{text}."


def listed(words: Sequence[str], last: str = "or") -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def _why(console: Console, asking: Asking) -> None:
    paragraphs = [p for p in asking.why.split("\n\n") if p.strip()] or ["This question has no more to say about it."]
    console.say(f"Why we ask: {paragraphs[0]}", *paragraphs[1:])


def read_answer(console: Console, question: str, asking: Asking) -> str:
    """Say the question and read an answer; "?" says why it is asked, then the question again."""
    console.say(question)
    while True:
        reply = console.read()
        if reply != HELP:
            return reply
        _why(console, asking)
        console.say(question)


def again(console: Console, problem: str) -> None:
    """What was wrong with the answer (the question is said again as it is read again)."""
    console.say(problem)


# --- a choice --------------------------------------------------------------------------------------------


def choice_keys(options: dict[str, str]) -> dict[str, str]:
    """Each option's number, from 1 (key -> option id)."""
    return {str(position): option for position, option in enumerate(options, 1)}


def _how_to_type(keys: dict[str, str], also: dict[str, str]) -> tuple[str, str]:
    """ "a number" / "D or A" / "0 to 3", and the same for "Please type ..." when an answer is wrong."""
    names = list(keys)
    if names == [str(n) for n in range(1, len(names) + 1)]:
        how, wrong = "a number", f"a number from 1 to {len(names)}"
    elif names == [str(n) for n in range(len(names))]:
        how = wrong = f"0 to {len(names) - 1}"
    else:
        how = wrong = listed([name.upper() for name in names])
    if also:
        extra = listed(list(also))
        how, wrong = f"{how}, or {extra}", f"{wrong}, or {extra}"
    return how, wrong


def ask_choice(
    console: Console,
    asking: Asking,
    text: str,
    options: dict[str, str],
    current: str | None,
    missing: str = "",
    keys: dict[str, str] | None = None,
    also: dict[str, str] | None = None,
    blank: str = "leave it unanswered",
) -> str | None:
    """One answer of ``options`` (id -> words), by its key (``keys``, numbers from 1 by default; ``also``: more
    keys, such as y, n and s), its words or its id. Enter keeps ``current``; with none, Enter is refused with
    ``missing`` ("Still to answer: sex.") when the question is required, else it leaves it unanswered (None)."""
    keys = keys or choice_keys(options)
    also = also or {}
    how, wrong = _how_to_type(keys, also)
    shown = " ".join(f"{key.upper()}) {options[option]}" for key, option in keys.items())
    enter = "" if missing else f", Enter to {blank}"
    if current in options:
        enter = f", Enter to keep {options[current]}"
    question = f"{asking.prefix}{sentence(text)} {shown}. Type {how}{enter}, or ? for why we ask."
    by_words = {words.casefold(): option for option, words in options.items()} | {o.casefold(): o for o in options}
    reply = read_answer(console, question, asking)
    while True:
        if not reply:
            if current in options:
                return current
            if not missing:
                return None
            again(console, missing)
        else:
            typed = reply.casefold()
            found = next((w.get(typed) for w in (keys, also, by_words) if typed in w), None)
            if found is not None:  # an option's id may be "" (a supplement in its own unit)
                return found
            again(console, f"Please type {wrong}: {reply} is not one of the answers.")
        reply = read_answer(console, question, asking)


# --- a number ----------------------------------------------------------------------------------------


def ask_number(
    console: Console,
    asking: Asking,
    text: str,
    name: str,
    limits: tuple[float, float],
    current: int | float | None,
    missing: str = "",
    decimals: bool = False,
    problem: str = "",
    blank: str = "leave it blank",
) -> int | float | None:
    """A number from ``limits`` as the app's number box reads it (``name`` words its problem: "Age: enter a whole
    number from 14 to 120, or leave it blank.", unless ``problem`` says it). Enter keeps ``current``, or leaves it
    blank unless ``missing`` says it is required; "-" leaves an answered one blank."""
    low, high = limits
    kind = "a number" if decimals else "a whole number"
    allowed = f"{kind} of {low:g} or more" if high >= UNBOUNDED else f"{kind} from {low:g} to {high:g}"
    enter = "" if missing else f", Enter to {blank}"
    if current is not None:
        enter = f", Enter to keep {current:g}" + ("" if missing else f", {CLEAR} to {blank}")
    question = f"{asking.prefix}{sentence(text)} Type {allowed}{enter}, or ? for why we ask."
    reply = read_answer(console, question, asking)
    while True:
        if not reply or reply == CLEAR:
            if not reply and current is not None:
                return current
            if not missing:
                return None
            again(console, missing)
        else:
            value = typed_number(reply, low, high, decimals)
            if value is not None:
                return value
            again(console, problem or number_problem(name, low, high, decimals))
        reply = read_answer(console, question, asking)
