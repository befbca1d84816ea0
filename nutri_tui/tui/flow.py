"""The wizard's state, independent of Textual: steps, partial answers, and validity.

Answers are kept as plain section dicts while the person moves through the steps,
so a step can be half-filled and saved as a draft; each step validates its own
section with the pydantic model before it lets the person move on, and the whole
set is validated once more (with the content) before it is assessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.models.answers import Answers


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    section: str
    """The Answers section this step writes (two steps share ``health``)."""


STEPS: tuple[Step, ...] = (
    Step("about", "About you", "about"),
    Step("sun", "Sun exposure", "sun"),
    Step("diet", "Diet", "diet"),
    Step("lifestyle", "Stress and lifestyle", "lifestyle"),
    Step("medicines", "Medicines and conditions", "health"),
    Step("symptoms", "Symptoms", "health"),
    Step("back_pain", "Back pain", "back_pain"),
)
STEP_IDS = tuple(step.id for step in STEPS)
REVIEW = "review"


def step_index(step_id: str) -> int:
    return STEP_IDS.index(step_id)


@dataclass
class WizardState:
    """The person's answers so far and where they are."""

    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    step: str = STEPS[0].id
    """Where the person is: a step id, or ``review`` once every step is done."""

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.setdefault(name, {})

    def update(self, name: str, values: dict[str, Any]) -> None:
        self.section(name).update(values)

    @classmethod
    def resume(cls, sections: dict[str, Any], step: str) -> WizardState:
        """Rebuild the state from a draft; an unknown step starts from the beginning."""
        if step not in (*STEP_IDS, REVIEW):
            step = STEPS[0].id
        return cls(sections={k: dict(v) for k, v in sections.items() if isinstance(v, dict)}, step=step)

    def answers(self, content: Content) -> Answers:
        """All answers, validated against the content; raises ValueError with a one-line message."""
        from pydantic import ValidationError  # imported here: the welcome screen needs this module, not pydantic

        from nutri_tui.models.answers import Answers
        from nutri_tui.storage.answers_file import validation_message

        try:
            return Answers.model_validate(self.sections, context={"content": content})
        except ValidationError as error:
            raise ValueError(validation_message(error)) from None
