"""Project files in the window: choose, open, reopen where we left off, copy, export.

The session (app.session.session) makes a new collation a project at once,
under the user data dir, so there is never unsaved work; File ▸ Save a copy
as… puts a copy wherever the editor wants.  This controller owns what only a
window has: file dialogs, questions, error dialogs and the Recent list.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QDateTime, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.collation.loci import evolve
from app.export.data import ExportError, ExportInput
from app.export.outputs import Options, Output, write_output
from app.messages import readable_name
from app.project.places import stored_pages
from app.project.project import Unplaced
from app.session.session import Session
from app.store.records import ProjectError
from app.store.registry import ProjectSummary, RecentProjects, summary
from app.text.facts import PROJECT_SUFFIX
from app.text.loading import LoadedText, LoadError
from app.text.ocr import OCR_FORMAT
from app.text.pages import PageMap
from app.text.pdf import PDF_FORMAT
from ui.dialogs.new_collation import NewCollationDialog, text_filter
from ui.i18n import status_label
from ui.messages import finding_text, message_text, read_only_text, unread_text
from ui.settings import Settings
from ui.widgets.apparatus import shown
from ui.widgets.welcome import RecentItem
from ui.window.host import Host


def project_filter() -> str:
    """The file dialogs' filter for project files, translated when shown."""
    return QCoreApplication.translate("Projects", "Jiaokan projects") + f" (*{PROJECT_SUFFIX})"


def word_filter() -> str:
    """The file dialogs' filter for Word documents, translated when shown."""
    return QCoreApplication.translate("Projects", "Word documents") + " (*.docx)"


def pdf_filter() -> str:
    """The file dialogs' filter for PDF proofs, translated when shown."""
    return QCoreApplication.translate("Projects", "PDF proofs") + " (*.pdf)"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir("jiaokan", appauthor=False))


class Projects(QObject):
    """The window's project file: its life from creation to export."""

    def __init__(self, host: Host, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self.host = host
        self.w = parent
        """The parent of the dialogs this controller opens."""
        self.settings = settings
        self.recent = RecentProjects(data_dir() / "recent.json")
        self._pages: dict[str, PageMap | None] = {}
        """Page maps worked out from the project, by the text's digest."""

    def _source_folder(self) -> str:
        source = self.session.workspace.source
        return str(Path(source.path).parent) if source is not None else ""

    @property
    def session(self) -> Session:
        return self.host.session

    def _status(self, text: str, ms: int) -> None:
        self.host.statusBar().showMessage(text, ms)

    def source_pages(self) -> PageMap | None:
        """The source's page map when it is a PDF proof or a scan (page:line in the table)."""
        source = self.session.workspace.source
        return self.pages_of(source) if source is not None else None

    def pages_of(self, loaded: LoadedText) -> PageMap | None:
        """A PDF's or a scan's page map: from the file just read, or worked out again from
        the project's copy of the PDF or of what OCR read, once per text."""
        if loaded.pages is not None:
            return loaded.pages
        if loaded.encoding not in (PDF_FORMAT, OCR_FORMAT):
            return None
        project = self.session.project
        if project is None:
            return None
        if loaded.sha256 not in self._pages:
            self._pages[loaded.sha256] = stored_pages(project.file, loaded)
        return self._pages[loaded.sha256]

    def source_document(self) -> bytes | None:
        """The source PDF's or scan's bytes (for drawing its pages)."""
        source = self.session.workspace.source
        return self.document_of(source) if source is not None else None

    def document_of(self, loaded: LoadedText) -> bytes | None:
        """A PDF's or a scan's bytes: the file just read, or the project's copy."""
        if loaded.encoding not in (PDF_FORMAT, OCR_FORMAT):
            return None
        if loaded.document is not None:
            return loaded.document
        project = self.session.project
        return project.file.document(loaded.sha256) if project is not None else None

    def _announce_unread(self, texts: list[LoadedText]) -> None:
        """Say which parts of the Word documents just opened were not read (headers,
        footnotes…): the proofreader must know they were not compared."""
        self.host.announce(" · ".join(filter(None, (unread_text(t.path, t.unread) for t in texts))))

    # -- opening files and projects -----------------------------------------------------

    def open_files(self, source: str, variants: list[str]) -> bool:
        """A new collation; a bad file gets a dialog and the window stays as it was.  Scans
        are read by OCR first, in the background (the files open when they are read).
        The session collates them, unless they have a project already: then it waits
        for the proofreader's choice."""
        if self.host.read_scans_first(
            [source, *variants], lambda: self.open_files(source, variants)
        ):
            return True
        self.host.save_view_state()
        try:
            self.session.open_files(source, variants)
        except LoadError as exc:
            self.host.show_error(
                QCoreApplication.translate("Projects", "Cannot open the files"), exc
            )
            return False
        ws = self.session.workspace
        self._announce_unread(
            [ws.source, *(w.loaded for w in ws.witnesses)] if ws.source is not None else []
        )
        existing = self.session.existing_projects()
        if existing:
            self.offer_existing(existing[0])
        return True

    def offer_existing(self, path: Path) -> QMessageBox:
        """These files have a project already: open it (the default), or start a new one."""
        about = summary(path)
        detail = "" if about is None else recent_item(about).detail
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("Projects", "These files have a project"),
            QCoreApplication.translate(
                "Projects",
                "You have worked on these files before. Open that project, with its "
                "decisions, or start a new collation?",
            ),
            QMessageBox.StandardButton.NoButton,
            self.w,
        )
        box.setObjectName("existing-project-dialog")
        box.setInformativeText(f"{path.name}\n{detail}" if detail else path.name)
        reopen = box.addButton(
            QCoreApplication.translate("Projects", "Open the project"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(
            QCoreApplication.translate("Projects", "New collation"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.setDefaultButton(reopen)
        box.setEscapeButton(reopen)  # Escape makes nothing new

        def answered() -> None:
            if box.clickedButton() is reopen:
                self.open_project(str(path))
            else:
                self.session.collate()

        box.finished.connect(answered)
        self.host.ask(box)  # nobody at the window: Escape's answer, the project
        return box

    def open_project(self, path: str) -> bool:
        self.host.save_view_state()
        try:
            self.session.open_project(path)
        except ProjectError as exc:
            self.host.show_error(
                QCoreApplication.translate("Projects", "Cannot open the project"), exc
            )
            return False
        project = self.session.project
        assert project is not None
        self.remember()
        if project.read_only:
            self.host.show_info(
                QCoreApplication.translate("Projects", "Opened read-only"),
                QCoreApplication.translate("Projects", "{0} is open read-only: {1}").format(
                    project.path.name, read_only_text(project.file)
                ),
            )
        self.host.restore_view_state()
        self.offer_source_reload()
        return True

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w,
            QCoreApplication.translate("Projects", "Open a project"),
            self.settings.last_folder("projects") or str(data_dir() / "projects"),
            project_filter(),
        )
        if path:
            self.settings.set_last_folder("projects", path)
            self.open_project(path)

    def new_collation(self) -> None:
        dialog = NewCollationDialog(self.w, self.settings.last_folder("texts"))
        if dialog.exec():
            self.settings.set_last_folder("texts", dialog.source())
            self.open_files(dialog.source(), dialog.variants())

    def choose_variants(self) -> None:
        if self.session.workspace.source is None:
            self.new_collation()
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self.w,
            QCoreApplication.translate("Projects", "Add variants"),
            self._source_folder(),
            text_filter(),
        )
        self.add_variants(paths)

    def add_variants(self, paths: list[str]) -> None:
        if not paths or self._read_only():
            return
        if self.host.read_scans_first(list(paths), lambda: self.add_variants(paths)):
            return
        before = len(self.session.witness_ids)
        for exc in self.session.add_variants(paths):
            self.host.show_error(
                QCoreApplication.translate("Projects", "Cannot add the variant"), exc
            )
        if len(self.session.witness_ids) > before:
            self._announce_unread([w.loaded for w in self.session.workspace.witnesses[before:]])

    def remove_variant(self, witness_id: str | None) -> None:
        if self._read_only():
            return
        if witness_id is None or len(self.session.witness_ids) < 2:
            self._status(
                QCoreApplication.translate("Projects", "A collation needs at least one variant."),
                4000,
            )
            return
        self.session.remove_variant(witness_id)

    def open_dropped(self, paths: list[str]) -> None:
        """A project opens; else the first file dropped on an empty window is the source."""
        projects = [p for p in paths if p.endswith(PROJECT_SUFFIX)]
        if projects:
            self.open_project(projects[0])
            return
        if self.session.workspace.source is None:
            if len(paths) < 2:
                dialog = NewCollationDialog(self.w, self.settings.last_folder("texts"))
                dialog.source_edit.setText(paths[0])
                if dialog.exec():
                    self.open_files(dialog.source(), dialog.variants())
                return
            self.open_files(paths[0], paths[1:])
        else:
            self.add_variants(paths)

    def _read_only(self) -> bool:
        project = self.session.project
        if project is not None and project.read_only:
            self._status(
                QCoreApplication.translate("Projects", "Read-only: {0}").format(
                    read_only_text(project.file)
                ),
                6000,
            )
            return True
        return False

    def offer_source_reload(self) -> bool:
        """If the source changed on disk since the project was made, offer to collate it anew."""
        if self.session.read_only or not self.session.source_changed_on_disk():
            return False
        project = self.session.project
        assert project is not None
        if not self.host.confirm(
            QCoreApplication.translate("Projects", "The source has changed"),
            QCoreApplication.translate(
                "Projects",
                "{0} has changed on disk since this project was made. Collate the new "
                "version? Decisions are kept wherever their place can be found.",
            ).format(readable_name(Path(project.source.path).name)),
        ):
            return False
        return self._reload_source()

    def _reload_source(self) -> bool:
        source = self.session.workspace.source
        if source is not None and self.host.read_scans_first([source.path], self._reload_source):
            return True  # a scan: read by OCR first, then collated
        try:
            self.session.reload_source()
        except LoadError as exc:
            self.host.show_error(
                QCoreApplication.translate("Projects", "Cannot read the new source"), exc
            )
            return False
        return True

    def report_unplaced(self, unplaced: list[Unplaced]) -> None:
        """Say which decisions wait for their place: each with its text and context."""
        if not unplaced:
            return
        lines = [_unplaced_line(u) for u in unplaced[:30]]
        more = len(unplaced) - len(lines)
        if more > 0:
            lines.append(QCoreApplication.translate("Projects", "… {0} more").format(more))
        text = "\n".join(lines)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("Projects", "Decisions that could not be placed"),
            QCoreApplication.translate(
                "Projects",
                "1 decision no longer matches a divergence under these rules. It stays "
                "in the project file and comes back when its place does:",
            )
            if len(unplaced) == 1
            else QCoreApplication.translate(
                "Projects",
                "{0} decisions no longer match a divergence under these rules. They stay "
                "in the project file and come back when their place does:",
            ).format(len(unplaced)),
            QMessageBox.StandardButton.Ok,
            self.w,
        )
        box.setObjectName("unplaced-dialog")
        box.setDetailedText(text)
        box.setInformativeText(text)
        self.host.ask(box)

    # -- recent work ---------------------------------------------------------------------------

    def remember(self) -> None:
        """The session's project goes to the top of Recent."""
        project = self.session.project
        if project is not None:
            with contextlib.suppress(OSError):
                self.recent.add(project.path)
            self.host.refresh_recent()

    def recent_entries(self) -> list[RecentItem]:
        """Recent projects as a proofreader tells them apart: source, copies, progress, date."""
        entries = []
        for path in self.recent.load():
            about = summary(path)
            if about is not None:
                entries.append(recent_item(about))
        return entries

    # -- copying and exporting -------------------------------------------------------------

    def save_as(self) -> None:
        if self.session.project is None:
            return
        start = self.settings.last_folder("projects") or self._source_folder()
        path, _ = QFileDialog.getSaveFileName(
            self.w,
            QCoreApplication.translate("Projects", "Save a copy as"),
            str(Path(start) / Path(project_path_name(self.session)).name) if start else "",
            project_filter(),
        )
        if path:
            self.settings.set_last_folder("projects", path)
            self.copy_to(path)

    def copy_to(self, path: str) -> None:
        project = self.session.project
        if project is None:
            return
        if not path.endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        try:
            project.file.save_as(path)
        except (ProjectError, OSError) as exc:
            self.host.show_error(
                QCoreApplication.translate("Projects", "Cannot save the copy"), exc
            )
            return
        with contextlib.suppress(OSError):
            self.recent.add(Path(path))
        self.host.refresh_recent()
        self._status(
            QCoreApplication.translate("Projects", "Saved a copy as {0}").format(path), 5000
        )

    def export(self, what: str) -> None:
        project = self.session.project
        if project is None:
            return
        stem = Path(project.source.path).stem
        title, suffix, filt = {
            "text": (
                QCoreApplication.translate("Projects", "Export the corrected text"),
                "-corrected.txt",
                QCoreApplication.translate("Projects", "Text") + " (*.txt)",
            ),
            "tracked": (
                QCoreApplication.translate(
                    "Projects", "Export the corrections as Word tracked changes"
                ),
                "-tracked.docx",
                word_filter(),
            ),
            "word": (
                QCoreApplication.translate("Projects", "Export the corrected Word document"),
                "-corrected.docx",
                word_filter(),
            ),
            "pdf": (
                QCoreApplication.translate("Projects", "Export the proof with proof marks"),
                "-marked.pdf",
                pdf_filter(),
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
        folder = self.settings.last_folder("exports") or self._source_folder()
        path, _ = QFileDialog.getSaveFileName(
            self.w, title, str(Path(folder) / (stem + suffix)), filt
        )
        if path:
            self.settings.set_last_folder("exports", path)
            self.export_to(what, path)

    def export_to(self, what: str, path: str) -> bool:
        project = self.session.project
        if project is None:
            return False
        data = _reasons_as_shown(project.export_input())
        options = Options(author=self.settings.proofreader_name())
        try:
            write_output(Output(what), data, Path(path), options)
        except (ExportError, OSError) as exc:
            self.host.show_error(QCoreApplication.translate("Projects", "Export failed"), exc)
            return False
        self._status(QCoreApplication.translate("Projects", "Exported {0}").format(path), 5000)
        return True


def _reasons_as_shown(data: ExportInput) -> ExportInput:
    """The exports' data with each check's reason as the panel shows it: in the interface's
    language (the report's running text and apparatus, the CSV's reason column), where
    ``jiaokan export`` writes the engine's English."""
    loci = tuple(
        replace(loc, locus=evolve(loc.locus, message=finding_text(loc.locus.message)))
        if loc.locus.message
        else loc
        for loc in data.loci
    )
    return replace(data, loci=loci)


def project_path_name(session: Session) -> str:
    return session.project.path.name if session.project is not None else f"project{PROJECT_SUFFIX}"


def recent_item(about: ProjectSummary) -> RecentItem:
    """One line of Recent: the source's name; the copies, how far decided, when last changed."""
    when = QDateTime.fromSecsSinceEpoch(int(about.changed_at.timestamp())).toLocalTime()
    stamp = when.toString("yyyy-MM-dd HH:mm")  # as Chinese forms write dates, in any locale
    if not about.witnesses:  # a text checked on its own: against nothing
        detail = QCoreApplication.translate(
            "Projects", "checked alone · {0} of {1} decided · {2}"
        ).format(about.decided, about.loci, stamp)
        return RecentItem(str(about.path), about.source_name, detail)
    detail = QCoreApplication.translate(
        "Projects", "against {0} · {1} of {2} decided · {3}"
    ).format(", ".join(w.name for w in about.witnesses), about.decided, about.loci, stamp)
    return RecentItem(str(about.path), about.source_name, detail)


def _unplaced_line(u: Unplaced) -> str:
    """One waiting decision: its place with context, what was decided, and why it waits."""
    locus = u.locus
    place = shown(f"…{locus.context_before}【{locus.source_text or '∅'}】{locus.context_after}…")
    decided = status_label(u.decision.status)
    if u.decision.reading is not None:
        decided += f" “{shown(u.decision.reading)}”"
    if u.decision.note:
        decided += f" ({u.decision.note})"
    return QCoreApplication.translate("Projects", "#{0} {1} → {2}: {3}").format(
        locus.id, place, decided, message_text(u.why)
    )
