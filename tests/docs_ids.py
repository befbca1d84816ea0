"""The id tables of docs/answers.md, written from the content so they never drift from it.

``python -m tests.docs_ids`` rewrites the part of docs/answers.md between the ``ids:start`` and
``ids:end`` markers; ``tests/test_docs_ids.py`` fails while the page differs from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from nutri_tui.content import Content, load_content

DOC = Path(__file__).resolve().parent.parent / "docs" / "answers.md"
START, END = "<!-- ids:start -->", "<!-- ids:end -->"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def tables(content: Content) -> str:
    out = [
        f"These lists come from `content/` (content version {content.version}). They are checked whenever the file is",
        "read: an unknown id is an error that lists the allowed ones.",
        "",
        "### Medicines",
        "",
        "Give either the class id or one of its common names. Common names are matched regardless of",
        'capitals (`Omeprazole` works), and the result repeats your wording: "You take omeprazole (a PPI)".',
        "Naming two medicines of the same class counts the class once.",
        "",
        _row("Class id", "Class", "Common names"),
        _row("---", "---", "---"),
        *(_row(f"`{m.id}`", m.name, ", ".join(m.examples)) for m in content.medicines.values()),
        "",
        "A medicine not in this list cannot be entered. Ask a pharmacist about it.",
        "",
        "### Conditions",
        "",
        _row("Id", "Condition"),
        _row("---", "---"),
        *(_row(f"`{c.id}`", c.name) for c in content.conditions.values()),
        "",
        "For pregnancy and breastfeeding, answer `about.pregnancy` rather than listing `pregnancy` or",
        "`breastfeeding` here. Only `about.pregnancy` selects the pregnancy reference values, pregnancy",
        "scoring rules and exercise cautions. It also counts as the condition. Heavy drinking is worked out",
        "from `diet.alcohol_drinks_per_week` (see below), so you do not need to list `alcohol_use`.",
        "",
        "### Symptoms",
        "",
        "A symptom is never proof of a deficiency: the result names other common causes with it.",
        "",
        _row("Id", "Symptom", "May point to"),
        _row("---", "---", "---"),
    ]
    names = {n.id: n.name.split(" (")[0] for n in content.nutrients.values()}
    for symptom in content.symptoms.values():
        pointed = ", ".join(
            names[n][0].lower() + names[n][1:] if names[n][1].islower() else names[n] for n in symptom.nutrients
        )
        out.append(_row(f"`{symptom.id}`", symptom.name, pointed))
    out += [
        "",
        "### Red flags",
        "",
        "The full questions are in `content/red_flags.toml`. Answer `yes` if the sign is present. A question",
        "that cannot apply to the person (the pregnancy signs for anyone not pregnant) is not asked in the app,",
        "and is not counted as unanswered.",
        "",
        _row("Id", "Urgency", "Question", "Asked", "Also raised by other answers"),
        _row("---", "---", "---", "---", "---"),
    ]
    for flag in content.red_flags.values():
        asked = "only when its conditions hold" if flag.ask_when else "always"
        raised = "yes (see `implied_by`)" if flag.implied_by else ""
        out.append(_row(f"`{flag.id}`", flag.urgency, flag.question, asked, raised))
    return "\n".join(out)


def rendered(content: Content | None = None) -> str:
    text = DOC.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{tables(content or load_content())}\n{END}{after}"


if __name__ == "__main__":
    DOC.write_text(rendered(), encoding="utf-8")
    print(f"wrote {DOC}")
