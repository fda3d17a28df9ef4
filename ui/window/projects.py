"""Project files in the window: create, open, reopen where we left off, copy, export.

A new collation becomes a project at once (under the user data dir), so
there is never unsaved work; File ▸ Save As copies it wherever the editor
wants.  Opening a project shows its stored loci immediately and recomputes
the alignment in the background only to scroll the panes in step.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.collation.loci import Collation
from app.project.export import ExportError, write_csv, write_report, write_text
from app.project.file import ProjectError
from app.project.project import Project, Unplaced
from app.project.workspace import Witness, Workspace
from app.text.loading import LoadedText, LoadError, load_text
from ui.dialogs.new_collation import NewCollationDialog, text_filter
from ui.i18n import status_label
from ui.messages import message_text, read_only_text

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

RECENT_LIMIT = 12


def project_filter() -> str:
    """The file dialogs' filter for project files, translated when shown."""
    return QCoreApplication.translate("Projects", "Jiaokan projects") + " (*.jkproj)"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir("jiaokan", appauthor=False))


class RecentProjects:
    """The recently opened projects, newest first, in the user data dir."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "recent.json"

    def load(self) -> list[str]:
        try:
            items = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [str(p) for p in items if isinstance(p, str)]

    def add(self, project: Path) -> None:
        entry = str(Path(project).resolve())
        items = [entry] + [p for p in self.load() if p != entry]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(items[:RECENT_LIMIT], ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.path)


def workspace_of(project: Project) -> Workspace:
    """The texts of a project as a workspace, without reading the original files."""

    def loaded(t: object) -> LoadedText:
        return LoadedText(t.path, t.text, t.encoding, t.sha256)  # type: ignore[attr-defined]

    ws = Workspace(loaded(project.source), rules=tuple(project.rules))
    ws.witnesses = [Witness(w.witness_id or "", loaded(w)) for w in project.witnesses]
    return ws


class Projects(QObject):
    """The window's project file: its life from creation to export."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.recent = RecentProjects()

    # -- opening files and projects -----------------------------------------------------

    def open_files(self, source: str, variants: list[str]) -> bool:
        """A new collation; a bad file gets a dialog and the window stays as it was."""
        try:
            workspace = Workspace.open(source, variants)
        except LoadError as exc:
            self.w.show_error(QCoreApplication.translate("Projects", "Cannot open the files"), exc)
            return False
        workspace.rules = self.w.workspace.rules
        self.w.runner.cancel()
        self.w.set_project(None)
        self.w.locus_ids = []
        self.w.workspace = workspace
        self.w.show_work()
        return True

    def open_project(self, path: str) -> bool:
        project = self.open(path)
        if project is None:
            return False
        self.w.runner.cancel()
        self.w.set_project(project)
        self.w.show_stored(project)
        if self.offer_source_reload(project):
            self.w.start_collation()
        return True

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w,
            QCoreApplication.translate("Projects", "Open a project"),
            str(data_dir() / "projects"),
            project_filter(),
        )
        if path:
            self.open_project(path)

    def new_collation(self) -> None:
        dialog = NewCollationDialog(self.w)
        if dialog.exec():
            self.open_files(dialog.source(), dialog.variants())

    def choose_variants(self) -> None:
        if self.w.workspace.source is None:
            self.new_collation()
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self.w, QCoreApplication.translate("Projects", "Add variants"), "", text_filter()
        )
        self.add_variants(paths)

    def add_variants(self, paths: list[str]) -> None:
        if self._read_only():
            return
        added = False
        for path in paths:
            try:
                self.w.workspace.add_variant(path)
                added = True
            except LoadError as exc:
                self.w.show_error(
                    QCoreApplication.translate("Projects", "Cannot add the variant"), exc
                )
        if added:
            self.w.refill_witnesses(self.w.workspace.witness_ids[-1])
            self.w.start_collation()

    def remove_variant(self, witness_id: str | None) -> None:
        if self._read_only():
            return
        if witness_id is None or len(self.w.workspace.witnesses) < 2:
            self.w.statusBar().showMessage(
                QCoreApplication.translate("Projects", "A collation needs at least one variant."),
                4000,
            )
            return
        self.w.workspace.remove_variant(witness_id)
        self.w.refill_witnesses(None)
        self.w.start_collation()

    def open_dropped(self, paths: list[str]) -> None:
        """A project opens; else the first file dropped on an empty window is the source."""
        projects = [p for p in paths if p.endswith(".jkproj")]
        if projects:
            self.open_project(projects[0])
            return
        if self.w.workspace.source is None:
            if len(paths) < 2:
                dialog = NewCollationDialog(self.w)
                dialog.source_edit.setText(paths[0])
                if dialog.exec():
                    self.open_files(dialog.source(), dialog.variants())
                return
            self.open_files(paths[0], paths[1:])
        else:
            self.add_variants(paths)

    def _read_only(self) -> bool:
        project = self.w.project
        if project is not None and project.read_only:
            self.w.statusBar().showMessage(
                QCoreApplication.translate("Projects", "Read-only: {0}").format(
                    read_only_text(project.file)
                ),
                6000,
            )
            return True
        return False

    # -- creating and opening -----------------------------------------------------------

    def create_for(self, collation: Collation) -> Project | None:
        """The project of a new collation, named after its source, in the data dir."""
        ws = self.w.workspace
        assert ws.source is not None
        folder = data_dir() / "projects"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = folder / f"{Path(ws.source.path).stem}-{stamp}.jkproj"
        n = 2
        while path.exists():
            path = folder / f"{Path(ws.source.path).stem}-{stamp}-{n}.jkproj"
            n += 1
        try:
            project = Project.create(
                path, ws.source, [(w.id, w.loaded) for w in ws.witnesses], collation
            )
        except (ProjectError, OSError) as exc:
            self.w.show_error(
                QCoreApplication.translate("Projects", "Cannot create the project file"), exc
            )
            return None
        self.recent.add(project.path)
        return project

    def open(self, path: str) -> Project | None:
        try:
            project = Project.open(path)
        except ProjectError as exc:
            self.w.show_error(
                QCoreApplication.translate("Projects", "Cannot open the project"), exc
            )
            return None
        self.recent.add(project.path)
        if project.read_only:
            self.w.show_info(
                QCoreApplication.translate("Projects", "Opened read-only"),
                QCoreApplication.translate("Projects", "{0} is open read-only: {1}").format(
                    project.path.name, read_only_text(project.file)
                ),
            )
        return project

    def offer_source_reload(self, project: Project) -> bool:
        """If the source changed on disk since the project was made, offer to collate it anew."""
        if project.read_only or not project.source_changed_on_disk():
            return False
        answer = QMessageBox.question(
            self.w,
            QCoreApplication.translate("Projects", "The source has changed"),
            QCoreApplication.translate(
                "Projects",
                "{0} has changed on disk since this project was made. Collate the new "
                "version? Decisions are kept wherever their place can be found.",
            ).format(Path(project.source.path).name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            fresh = load_text(project.source.path, None)
        except LoadError as exc:
            self.w.show_error(
                QCoreApplication.translate("Projects", "Cannot read the new source"), exc
            )
            return False
        self.w.workspace.source = fresh  # the next collation adopts it
        return True

    def report_unplaced(self, unplaced: list[Unplaced]) -> None:
        if not unplaced:
            return
        lines = [
            f"#{u.locus.id}  “{u.locus.source_text}” → {status_label(u.decision.status)}"
            f"{' “' + (u.decision.reading or '') + '”' if u.decision.reading is not None else ''}"
            f" — {message_text(u.why)}"
            for u in unplaced[:30]
        ]
        more = len(unplaced) - len(lines)
        if more > 0:
            lines.append(QCoreApplication.translate("Projects", "… {0} more").format(more))
        text = "\n".join(lines)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("Projects", "Decisions that could not be placed"),
            QCoreApplication.translate(
                "Projects",
                "{0} decisions no longer match a divergence. They are kept in the "
                "project file, not applied:",
            ).format(len(unplaced)),
            QMessageBox.StandardButton.Ok,
            self.w,
        )
        box.setObjectName("unplaced-dialog")
        box.setDetailedText(text)
        box.setInformativeText(text)
        box.open()

    # -- where the proofreader was ------------------------------------------------------------

    def save_view_state(self) -> None:
        project = self.w.project
        if project is None or project.read_only:
            return
        row = self.w.apparatus.current_row()
        state = {
            "witness": self.w.current_witness() or "",
            "top": str(self.w.source_pane.top_offset()),
            "locus": str(self.w.locus_ids[row])
            if row is not None and row < len(self.w.locus_ids)
            else "",
            "tab": str(self.w.corrected_tabs.currentIndex()),
        }
        # the view state is a convenience; decisions are already safe
        with contextlib.suppress(ProjectError, OSError):
            project.set_view_state(state)

    def restore_view_state(self, state: dict[str, str]) -> None:
        wid = state.get("witness", "")
        if wid in self.w.workspace.witness_ids:
            self.w.witness_combo.setCurrentIndex(self.w.workspace.witness_ids.index(wid))
        if state.get("tab", "0").isdigit():
            self.w.corrected_tabs.setCurrentIndex(int(state.get("tab", "0")))
        locus = state.get("locus", "")
        if locus.isdigit() and int(locus) in self.w.locus_ids:
            self.w.select_locus(self.w.locus_ids.index(int(locus)))
        elif self.w.locus_ids:
            self.w.select_locus(0)
        if state.get("top", "").isdigit():
            self.w.source_pane.scroll_to_top(int(state["top"]))

    # -- copying and exporting -------------------------------------------------------------

    def save_as(self) -> None:
        project = self.w.project
        if project is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.w, QCoreApplication.translate("Projects", "Save a copy as"), "", project_filter()
        )
        if path:
            self.copy_to(path)

    def copy_to(self, path: str) -> None:
        project = self.w.project
        if project is None:
            return
        if not path.endswith(".jkproj"):
            path += ".jkproj"
        try:
            project.file.save_as(path)
        except (ProjectError, OSError) as exc:
            self.w.show_error(QCoreApplication.translate("Projects", "Cannot save the copy"), exc)
            return
        self.recent.add(Path(path))
        self.w.statusBar().showMessage(
            QCoreApplication.translate("Projects", "Saved a copy as {0}").format(path), 5000
        )

    def export(self, what: str) -> None:
        project = self.w.project
        if project is None:
            return
        stem = Path(project.source.path).stem
        title, suffix, filt = {
            "text": (
                QCoreApplication.translate("Projects", "Export the corrected text"),
                "-corrected.txt",
                QCoreApplication.translate("Projects", "Text") + " (*.txt)",
            ),
            "report": (
                QCoreApplication.translate("Projects", "Export the collation report"),
                "-report.html",
                "HTML (*.html)",
            ),
            "csv": (
                QCoreApplication.translate("Projects", "Export the apparatus as CSV"),
                "-apparatus.csv",
                "CSV (*.csv)",
            ),
        }[what]
        path, _ = QFileDialog.getSaveFileName(self.w, title, stem + suffix, filt)
        if path:
            self.export_to(what, path)

    def export_to(self, what: str, path: str) -> bool:
        project = self.w.project
        if project is None:
            return False
        data = project.export_input()
        try:
            if what == "text":
                write_text(data, Path(path))
            elif what == "report":
                write_report(data, Path(path))
            else:
                write_csv(data, Path(path))
        except (ExportError, OSError) as exc:
            self.w.show_error(QCoreApplication.translate("Projects", "Export failed"), exc)
            return False
        self.w.statusBar().showMessage(
            QCoreApplication.translate("Projects", "Exported {0}").format(path), 5000
        )
        return True
