"""The wizard's steps, one form per module, in the order of ``nutri_tui.tui.flow.STEPS``."""

from nutri_tui.tui.screens.steps.about import AboutStep
from nutri_tui.tui.screens.steps.back_pain import BackPainStep
from nutri_tui.tui.screens.steps.base import StepForm
from nutri_tui.tui.screens.steps.diet import DietStep
from nutri_tui.tui.screens.steps.lifestyle import LifestyleStep
from nutri_tui.tui.screens.steps.medicines import MedicinesStep
from nutri_tui.tui.screens.steps.sun import SunStep
from nutri_tui.tui.screens.steps.symptoms import SymptomsStep

STEP_FORMS: dict[str, type[StepForm]] = {
    "about": AboutStep,
    "sun": SunStep,
    "diet": DietStep,
    "lifestyle": LifestyleStep,
    "medicines": MedicinesStep,
    "symptoms": SymptomsStep,
    "back_pain": BackPainStep,
}
