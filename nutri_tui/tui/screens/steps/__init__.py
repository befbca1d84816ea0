"""The wizard's step forms: one generic form (``base``), and the few steps that need more than it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nutri_tui.tui.screens.steps.about import AboutStep
from nutri_tui.tui.screens.steps.back_pain import BackPainStep
from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.screens.steps.medicines import MedicinesStep

if TYPE_CHECKING:
    from nutri_tui.flow import WizardFlow
    from nutri_tui.questionnaire import Step

SPECIAL_FORMS: dict[str, type[StepForm]] = {
    "about": AboutStep,
    "medicines": MedicinesStep,
    "back_pain": BackPainStep,
}
"""Steps with a rule between answers or a question no loop can ask; the others are plain StepForms."""


def step_form(step: Step, flow: WizardFlow) -> StepForm:
    return SPECIAL_FORMS.get(step.id, StepForm)(step, flow)
