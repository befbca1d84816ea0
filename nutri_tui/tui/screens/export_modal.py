"""Ctrl+E: write the result as a Markdown report for a clinician, to a file the person chooses."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from nutri_tui.models.session import Session
from nutri_tui.storage.private_files import StorageError, write_private_new
from nutri_tui.tui.screens.modal import Modal

if TYPE_CHECKING:
    from nutri_tui.content import Content


def default_export_path(session: Session) -> Path:
    """In the home folder, named by the result's date: easy to find and to hand on."""
    return Path.home() / f"nutri-tui-report-{session.created.date() or date.today()}.md"


class ExportModal(Modal[None]):
    BINDINGS: ClassVar = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, session: Session, content: Content) -> None:
        super().__init__()
        self.session = session
        self.content = content

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(
                "Export a report to discuss with a doctor or physiotherapist (Markdown). It holds your health "
                "answers: keep it private. Enter writes it; an existing file is never overwritten.",
                markup=False,
            )
            yield Input(str(default_export_path(self.session)), id="export-path")
            yield Static("", id="export-problem", classes="warning", markup=False)

    @on(Input.Submitted, "#export-path")
    def _write(self, event: Input.Submitted) -> None:
        from nutri_tui.reports.markdown import render_markdown

        path = Path(event.value.strip()).expanduser()
        try:
            write_private_new(path, render_markdown(self.session, self.content).encode("utf-8"))
        except (OSError, StorageError) as error:
            self.query_one("#export-problem", Static).update(f"Not written: {error}")
            return
        self.app.notify(f"Report written to {path}", timeout=8)
        self.dismiss()
