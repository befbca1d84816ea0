"""The wizard's course for every front end (the app and plain mode): the answers so far, the step order,
drafts, and the finish.

Answers are kept as plain section dicts while the person moves through the steps, so a step can be
half-filled and saved as a draft; each step validates its own section with the pydantic model before
it lets the person move on (:mod:`nutri_tui.engine.steps`), and the whole set is validated once more (with
the content) before it is assessed. :class:`WizardFlow` decides where Next and Back lead; the app's screens
only show what it says (the app switches screens in one place, :mod:`nutri_tui.tui.app`), and plain mode
(:mod:`nutri_tui.plain`) asks its questions in the same order and saves through the same methods, so both
write the same draft and the same session.

Nothing here imports Textual, so the whole course can be tested without an app. Pydantic, the content
and storage are imported where first used: the welcome screen imports this module and must paint fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nutri_tui.questionnaire import REVIEW, STEP_IDS, STEPS, step_index

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.models.answers import Answers
    from nutri_tui.models.session import Draft, Session
    from nutri_tui.storage import Storage

__all__ = ["REVIEW", "STEPS", "STEP_IDS", "DraftProblem", "NewResult", "WizardFlow", "WizardState", "new_result"]


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
        from pydantic import ValidationError

        from nutri_tui.models.answers import Answers
        from nutri_tui.text import validation_message

        try:
            return Answers.model_validate(self.sections, context={"content": content})
        except ValidationError as error:
            raise ValueError(validation_message(error)) from None


class DraftProblem(Exception):
    """The unfinished answers cannot be resumed; the message says why in one line."""


@dataclass(frozen=True)
class NewResult:
    """A result just worked out: the session, where it was saved (None if it could not be) and what to say."""

    session: Session
    path: Path | None
    note: str


class WizardFlow:
    """One run through the wizard: the state, and where each Next and Back leads."""

    def __init__(self, content: Content, storage: Storage, state: WizardState | None = None) -> None:
        self.content = content
        self.storage = storage
        self.state = state or WizardState()
        self.dirty = False
        """True when the person changed something not yet written to the draft."""

    @classmethod
    def start(cls, content: Content, storage: Storage, keep_draft: bool = False) -> WizardFlow:
        """A fresh run. An unfinished draft is set aside (kept if unreadable, or with ``keep_draft``), never
        overwritten; OSError or StorageError if it cannot be."""
        storage.discard_draft(keep=keep_draft)
        return cls(content, storage)

    @classmethod
    def resume(cls, content: Content, storage: Storage) -> WizardFlow | None:
        """The unfinished answers, where they stopped; None if there are none.

        A draft that cannot be read, or whose answers would not validate today, raises
        :class:`DraftProblem` and is left as it is.
        """
        from nutri_tui.storage import StorageError
        from nutri_tui.storage.drafts import answers_problem

        try:
            draft = storage.load_draft()
        except StorageError as error:
            raise DraftProblem(str(error)) from None
        if draft is None:
            return None
        problem = answers_problem(draft, content)
        if problem is not None:
            raise DraftProblem(f"{storage.draft_path}: {problem}")
        return cls(content, storage, WizardState.resume(draft.answers, draft.step))

    @property
    def step(self) -> str:
        return self.state.step

    def section(self, name: str) -> dict[str, Any]:
        return self.state.section(name)

    def done(self, step_id: str, values: dict[str, Any], back_to_review: bool) -> str:
        """Keep a completed step's answers (they replace the step's earlier ones: a number cleared is no longer
        given); the step to show next, or ``review`` after the last."""
        step = STEPS[step_index(step_id)]
        section = self.state.section(step.section)
        for question in step.questions:
            section.pop(question.name, None)
        section.update(values)
        index = step_index(step_id)
        at_end = back_to_review or index == len(STEP_IDS) - 1
        self.state.step = REVIEW if at_end else STEP_IDS[index + 1]
        return self.state.step

    def back(self, step_id: str, values: dict[str, Any], back_to_review: bool) -> str | None:
        """Keep what is on the form (even if incomplete); the step before, ``review``, or None for the start."""
        self.state.update(STEPS[step_index(step_id)].section, values)
        if back_to_review:
            return REVIEW
        index = step_index(step_id)
        if index == 0:
            return None
        self.state.step = STEP_IDS[index - 1]
        return self.state.step

    def keep(self, step_id: str, values: dict[str, Any]) -> None:
        """Keep what is answered on a step so far, without moving on (plain mode, when its input ends mid-step)."""
        self.state.update(STEPS[step_index(step_id)].section, values)
        self.dirty = True

    def draft(self) -> Draft:
        """The answers so far as a draft, taken now so that later edits cannot leak into it."""
        from nutri_tui.storage import make_draft

        return make_draft(self.state.step, {name: dict(values) for name, values in self.state.sections.items()})

    def write_draft(self, draft: Draft) -> str | None:
        """Write a draft; a one-line problem if it could not be written (the answers stay in memory)."""
        from nutri_tui.storage import StorageError

        try:
            self.storage.save_draft(draft)
        except (OSError, StorageError) as error:
            return f"Could not save your answers so far: {error}"
        self.dirty = False
        return None

    def finish(self) -> NewResult:
        """Assess every answer and save the result; ValueError (one line) if an answer does not validate."""
        answers = self.state.answers(self.content)
        self.dirty = False
        return new_result(answers, self.content, self.storage)


def new_result(answers: Answers, content: Content, storage: Storage) -> NewResult:
    """Assess and save at once (so closing the terminal never loses a result); the draft goes once it is saved."""
    from nutri_tui.engine import assess
    from nutri_tui.storage import StorageError, make_session

    session = make_session(answers, assess(answers, content), content.version)
    try:
        path = storage.save_session(session)
        storage.clear_draft()
    except (OSError, StorageError) as error:
        return NewResult(session, None, f"This result could not be saved: {error}")
    return NewResult(session, path, "Saved to your past results (Ctrl+S adds a label, Ctrl+E exports a report).")
