"""Ctrl+E: write the result as a Markdown report for a clinician, to a file the person chooses.

The name offered is free when the dialog opens (:func:`nutri_tui.storage.export_path.unique_export_path`).
A file that exists is replaced only after the person chooses "Replace" in the dialog, which starts on
"Keep it": a held or repeated Enter keeps the file. The report is written 0600 and atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from nutri_tui.models.session import Session
from nutri_tui.storage.export_path import unique_export_path, write_export
from nutri_tui.storage.private_files import StorageError
from nutri_tui.tui.screens.modal import Modal
from nutri_tui.tui.widgets.compact_button import CompactButton

if TYPE_CHECKING:
    from nutri_tui.content import Content
    from nutri_tui.reports.progress import Scored


def default_export_path(session: Session) -> Path:
    """In the home folder, named by the result's date and time, and free: easy to find and to hand on."""
    return unique_export_path(Path.home(), session.created)


class ExportModal(Modal[None]):
    BINDINGS: ClassVar = [Binding("escape", "dismiss", "Cancel")]

    def __init__(
        self, session: Session, content: Content, results: Callable[[], Sequence[Scored]] = tuple, whose: str = ""
    ) -> None:
        """``whose``: the profile's name, when profiles are in use (the report says whose results these are)."""
        super().__init__()
        self.session = session
        self.whose = whose
        self.content = content
        self.results = results
        """The person's results up to this one, for the report's progress over time: listed only when the report
        is written (a long history takes a moment to list)."""
        self.replacing: Path | None = None
        """The existing file the person is being asked about; None when nothing is asked."""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(
                "Export a report to discuss with a doctor or physiotherapist (Markdown). It holds your health "
                "answers: keep it private. Enter writes it; an existing file is replaced only if you choose to.",
                markup=False,
            )
            yield Input(str(default_export_path(self.session)), id="export-path")
            yield Static("", id="export-problem", classes="warning", markup=False)
            with Horizontal(id="export-replace", classes="buttons"):
                yield CompactButton("Keep it", id="export-keep")
                yield CompactButton("Replace", id="export-overwrite", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#export-replace").display = False

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed:
            self._problem("Not written: give a file name.")
            return
        path = Path(typed).expanduser()
        if os.path.isdir(path):  # os.path's checks never raise, even for an over-long path
            self._problem(f"Not written: {path} is a folder; give a file name.")
        elif os.path.lexists(path):
            self._ask_to_replace(path)
        else:
            self._write(path, replace=False)

    def _write(self, path: Path, *, replace: bool) -> None:
        from nutri_tui.reports.markdown import render_markdown

        try:
            report = render_markdown(self.session, self.content, self.results(), self.whose)
            write_export(path, report.encode("utf-8"), replace=replace)
        except (OSError, StorageError) as error:
            if not replace and os.path.lexists(path):  # made since Enter was pressed: ask, never overwrite
                self._ask_to_replace(path)
                return
            self._problem(f"Not written: {error}")
            return
        self.app.notify(f"Report written to {path}", timeout=8)
        self.dismiss()

    def _ask_to_replace(self, path: Path) -> None:
        self.replacing = path
        self._problem(f"{path} already exists. Replace it with this report, or keep it and change the name?")
        self.query_one("#export-replace").display = True
        self.query_one("#export-keep", Button).focus()

    @on(Button.Pressed, "#export-overwrite")
    def _replace(self) -> None:
        if self.replacing is not None:
            self._write(self.replacing, replace=True)

    @on(Button.Pressed, "#export-keep")
    def _keep(self) -> None:
        self._stop_asking("Not overwritten: change the name and press Enter.")
        self.query_one("#export-path", Input).focus()

    @on(Input.Changed, "#export-path")
    def _changed(self) -> None:
        if self.replacing is not None:
            self._stop_asking("")

    def _stop_asking(self, problem: str) -> None:
        self.replacing = None
        self.query_one("#export-replace").display = False
        self._problem(problem)

    def _problem(self, text: str) -> None:
        self.query_one("#export-problem", Static).update(text)
