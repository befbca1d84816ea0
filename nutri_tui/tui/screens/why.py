"""The "why" of one nutrient finding: the answers that caused it and the sources behind them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from nutri_tui.models.assessment import NutrientFinding
from nutri_tui.reports.result_text import finding_details
from nutri_tui.tui.screens.modal import Modal

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.reports.citations import Citations


class WhyModal(Modal[None]):
    BINDINGS: ClassVar = [Binding("escape,w,q", "dismiss", "Close")]

    def __init__(self, finding: NutrientFinding, cite: Citations, content: Content) -> None:
        """``content`` words the answers behind each reason as the wizard asked them."""
        super().__init__()
        self.finding = finding
        self.cite = cite
        self.content = content

    def compose(self) -> ComposeResult:
        with Vertical(id="why-dialog"):
            yield Static(f"Why: {self.finding.name}", classes="dialog-title", markup=False)
            with VerticalScroll():
                yield Static(finding_details(self.finding, self.cite, self.content), markup=False)
            yield Static("Escape closes this.", classes="muted", markup=False)
