"""The main window: the source against one witness, the apparatus below.

The window shows a :class:`~app.project.workspace.Workspace` and never computes a
collation itself: every change builds a request for the background
:class:`~ui.worker.CollationRunner`, and only the latest result is shown.
All signal wiring is in :meth:`MainWindow._connect_signals`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication

from app.classes.classify import CLASSES
from app.collation.loci import KINDS, Collation, Locus
from app.project.decisions import UNDECIDED, Decision
from app.project.file import ProjectError
from app.project.project import Project, stored_text
from app.project.workspace import CollationRequest, Workspace
from app.text.lines import LineIndex
from ui.colors import class_label, kind_label
from ui.dialogs.help import AboutDialog, ShortcutsDialog
from ui.dialogs.ignored import IgnoredDialog, ignored_collation
from ui.dialogs.preferences import PreferencesDialog
from ui.paths import resource
from ui.settings import Settings
from ui.widgets.corrected import corrected_view
from ui.widgets.panes import Span
from ui.window.actions import WindowActions
from ui.window.layout import WindowLayout
from ui.window.projects import Projects, workspace_of
from ui.window.proofreading import Proofreading
from ui.worker import CollateFunction, CollationRunner

DEMO_DIR = resource("demo")
# The name is bilingual already, the same in every language.
APP_TITLE = "Jiaokan 校勘"
DEMO_FILES = ("source.txt", "variant-typos.txt", "variant-ocr.txt", "variant-traditional.txt")


class MainWindow(WindowLayout):
    """The proofreader's window."""

    collationShown = Signal()

    def __init__(
        self, settings: Settings | None = None, collate_function: CollateFunction | None = None
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self.workspace = Workspace(rules=self.settings.rules())
        self.runner = (
            CollationRunner(self, collate_function) if collate_function else CollationRunner(self)
        )
        self._witness: str | None = None
        self._lines = LineIndex("")
        self._syncing = False
        self._mark_rows: list[int] = []
        self.project: Project | None = None
        self.locus_ids: list[int] = []
        self._pending_view: dict[str, str] | None = None
        self.proofreading = Proofreading(self)
        self.ignored_runner = CollationRunner(self, ignored_collation)
        self.ignored_dialog: IgnoredDialog | None = None
        self.projects = Projects(self)
        self._build_widgets()
        self._build_actions()
        self._connect_signals()
        self._set_busy(False)
        self._restore()
        self._show_welcome()

    # -- construction ----------------------------------------------------------

    def _build_actions(self) -> None:
        self.acts = WindowActions(self, self.workspace.rules)
        self.acts.by_class.setChecked(self.settings.colour_by_class())
        self.rule_actions = self.acts.rules
        self.recent_menu = self.acts.recent_menu

    def _connect_signals(self) -> None:
        self.acts.new.triggered.connect(self.projects.new_collation)
        self.acts.demo.triggered.connect(self.open_demo)
        self.acts.add.triggered.connect(self.projects.choose_variants)
        self.acts.remove.triggered.connect(self.remove_current_variant)
        self.acts.quit.triggered.connect(self.close)
        self.acts.next.triggered.connect(lambda: self.step(+1))
        self.acts.prev.triggered.connect(lambda: self.step(-1))
        self.acts.zoom_in.triggered.connect(lambda: self.zoom(+1))
        self.acts.zoom_out.triggered.connect(lambda: self.zoom(-1))
        self.acts.zoom_reset.triggered.connect(lambda: self.zoom(0))
        self.acts.font.triggered.connect(self.choose_font)
        self.acts.preferences.triggered.connect(self.show_preferences)
        self.acts.recollate.triggered.connect(self.start_collation)
        self.acts.cancel.triggered.connect(self.cancel_collation)
        self.cancel_button.clicked.connect(self.cancel_collation)
        for action in self.rule_actions.values():
            action.toggled.connect(self._on_rule_toggled)
        self.welcome.newRequested.connect(self.projects.new_collation)
        self.welcome.demoRequested.connect(self.open_demo)
        self.welcome.recentChosen.connect(self.open_project)
        self.witness_combo.currentIndexChanged.connect(self._on_witness_chosen)
        self.apparatus.locusSelected.connect(self.select_locus)
        self.source_pane.locusClicked.connect(self.select_locus)
        self.witness_pane.locusClicked.connect(self.select_locus)
        self.source_pane.topOffsetChanged.connect(self._on_source_scrolled)
        self.witness_pane.topOffsetChanged.connect(self._on_witness_scrolled)
        self.ruler.markClicked.connect(self._on_mark_clicked)
        self.ruler.positionClicked.connect(self._on_ruler_position)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_collated)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self._corrected_timer.timeout.connect(self._refresh_corrected)
        self.corrected_tabs.currentChanged.connect(self.update_corrected)
        self.corrected_pane.locusClicked.connect(self.select_locus)
        pr, acts = self.proofreading, self.acts
        acts.accept.triggered.connect(lambda: pr.accept())
        for n, action in enumerate(acts.accept_nth):
            action.triggered.connect(lambda _=False, n=n: pr.accept_nth(n))
        acts.reject.triggered.connect(pr.reject)
        acts.edit.triggered.connect(pr.edit)
        acts.undecide.triggered.connect(pr.undecide)
        acts.undo.triggered.connect(pr.undo)
        acts.redo.triggered.connect(pr.redo)
        pr.undo_stack.canUndoChanged.connect(acts.undo.setEnabled)
        pr.undo_stack.canRedoChanged.connect(acts.redo.setEnabled)
        acts.history.triggered.connect(lambda: self.show_history(self.proofreading.undo_stack))
        acts.accept_kind.triggered.connect(lambda: pr.bulk(True, "kind"))
        acts.reject_kind.triggered.connect(lambda: pr.bulk(False, "kind"))
        acts.accept_filter.triggered.connect(lambda: pr.bulk(True, "filter"))
        acts.accept_majority.triggered.connect(pr.accept_majority)
        acts.ignored.triggered.connect(self.show_ignored)
        acts.shortcuts.triggered.connect(lambda: ShortcutsDialog(self.actions(), self).open())
        acts.about.triggered.connect(lambda: AboutDialog(self).open())
        acts.by_class.toggled.connect(self._on_colour_mode)
        self.ignored_runner.finished.connect(self._on_ignored)
        self.ignored_runner.failed.connect(
            lambda _r, msg: self.show_error(QCoreApplication.translate("MainWindow", "Failed"), msg)
        )
        acts.reject_filter.triggered.connect(lambda: pr.bulk(False, "filter"))
        acts.open_project.triggered.connect(self.projects.choose_project)
        acts.save_as.triggered.connect(self.projects.save_as)
        acts.export_text.triggered.connect(lambda: self.projects.export("text"))
        acts.export_report.triggered.connect(lambda: self.projects.export("report"))
        acts.export_csv.triggered.connect(lambda: self.projects.export("csv"))
        self.locus_panel.noteEdited.connect(pr.set_note)
        self._colour_timer.timeout.connect(self.refresh_colours)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._colour_timer.start)

    # -- opening work (the Projects controller does it) -------------------------

    def open_files(self, source: str, variants: list[str]) -> bool:
        return self.projects.open_files(source, variants)

    def open_demo(self) -> bool:
        return self.projects.open_files(
            str(DEMO_DIR / DEMO_FILES[0]), [str(DEMO_DIR / f) for f in DEMO_FILES[1:]]
        )

    def open_project(self, path: str) -> bool:
        return self.projects.open_project(path)

    def open_dropped(self, paths: list[str]) -> None:
        self.projects.open_dropped(paths)

    def add_variants(self, paths: list[str]) -> None:
        self.projects.add_variants(paths)

    def remove_current_variant(self) -> None:
        self.projects.remove_variant(self._witness)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_dropped(paths)

    def set_project(self, project: Project | None) -> None:
        """Make ``project`` the window's (closing the previous one, which frees its lock)."""
        if self.project is not None and self.project is not project:
            self.projects.save_view_state()
            self.project.close()
        self.project = project
        self.proofreading.reset()
        title = APP_TITLE
        if project is not None:
            title = QCoreApplication.translate("MainWindow", "{0} — {1}").format(
                APP_TITLE, project.path.name
            )
        if project is not None and project.read_only:
            title += " " + QCoreApplication.translate("MainWindow", "[read-only]")
        self.setWindowTitle(title)
        self._refresh_recent()

    # -- collating -----------------------------------------------------------------

    def start_collation(self, clear: bool = True) -> None:
        request = self.workspace.request()
        if request is None:
            return
        if clear:
            self._clear_highlights()
        self._set_busy(True)
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Collating…"))
        self.runner.submit(request)

    def cancel_collation(self) -> None:
        if self.runner.is_running():
            self.runner.cancel()
            self._clear_highlights()
            self._set_busy(False)
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Collation cancelled."), 4000
            )

    def _on_progress(self, _rid: int, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))

    def _on_collated(self, request: CollationRequest, collation: Collation) -> None:
        if not self.workspace.accept(request, collation):
            return
        self._set_busy(False)
        shown = self._with_project(collation)
        self.workspace.collation = shown
        self._display(shown)
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "{0} divergences.").format(len(shown.loci)),
            4000,
        )
        self.collationShown.emit()

    def _with_project(self, collation: Collation) -> Collation:
        """Bring the project in line with a finished collation; return what to show.

        The project's stored loci are what decisions refer to, so they are what
        the window shows; the fresh collation contributes its alignments (to
        scroll in step) and, when it differs, its loci after re-anchoring.
        """
        project = self.project
        if project is None:
            self.set_project(self.projects.create_for(collation))
            self.locus_ids = self.project.ids() if self.project else []
            return collation
        ws = self.workspace
        assert ws.source is not None
        texts = [stored_text(ws.source, "source")]
        texts += [stored_text(w.loaded, "witness", w.id) for w in ws.witnesses]
        fresh = [(loc.start, loc.end, loc.readings, loc.classes) for loc in collation.loci]
        same = (
            fresh == [(loc.start, loc.end, loc.readings, loc.classes) for loc in project.loci]
            and collation.rules == tuple(project.rules)
            and [t.text for t in texts]
            == [project.source.text] + [w.text for w in project.witnesses]
        )
        if not same and not project.read_only:
            try:
                unplaced = project.adopt(collation, texts[0], texts[1:])
            except (ProjectError, OSError) as exc:
                self.show_error(
                    QCoreApplication.translate("MainWindow", "The project could not be updated"),
                    exc,
                )
            else:
                self.proofreading.reset()
                self.projects.report_unplaced(unplaced)
        self.locus_ids = project.ids()
        return replace(project.collation(), alignments=collation.alignments)

    def _display(self, collation: Collation) -> None:
        """Show a collation everywhere, keeping the selection near where it was."""
        previous = self.current_locus()
        self.apparatus.set_collation(collation)
        self.apparatus.model.set_decisions(self.decision_of_row)
        self._lines = LineIndex(collation.source)
        self._show_highlights()
        self.update_counts()
        self._update_ruler_viewport()
        self.update_corrected()
        if self._pending_view is not None:
            self.projects.restore_view_state(self._pending_view)
            self._pending_view = None
        elif collation.loci:
            rows = [
                i
                for i, loc in enumerate(collation.loci)
                if previous and loc.start >= previous.start
            ]
            self.select_locus(rows[0] if rows else 0)
        else:
            self.locus_panel.show_locus(None)

    def show_stored(self, project: Project) -> None:
        """Show an opened project's loci at once, before its alignment is recomputed."""
        self.workspace = workspace_of(project)
        self.locus_ids = project.ids()
        self._pending_view = project.view_state()
        self.show_work(collate=False)
        stored = project.collation()
        self.workspace.collation = stored
        self._display(stored)
        self.start_collation(clear=False)

    def _on_failed(self, _request: CollationRequest, message: str) -> None:
        self._set_busy(False)
        self.show_error(QCoreApplication.translate("MainWindow", "Collation failed"), message)

    def _on_cancelled(self, _rid: int) -> None:
        if not self.runner.is_running():
            self._set_busy(False)

    def _on_rule_toggled(self) -> None:
        rules = tuple(r for r, a in self.rule_actions.items() if a.isChecked())
        self.workspace.set_rules(rules)
        self.settings.set_rules(rules)
        self.start_collation()

    # -- showing ---------------------------------------------------------------------

    def collation(self) -> Collation | None:
        return self.workspace.collation

    def _show_welcome(self) -> None:
        self._refresh_recent()
        self.stack.setCurrentWidget(self.welcome)

    def show_work(self, collate: bool = True) -> None:
        src = self.workspace.source
        assert src is not None
        self.stack.setCurrentWidget(self.main_splitter)
        self.apparatus.set_collation(None)
        self.locus_panel.show_locus(None)
        self.source_label.setText(
            QCoreApplication.translate("MainWindow", "<b>Source</b> · {0} · {1}").format(
                Path(src.path).name, src.encoding
            )
        )
        self.source_label.setToolTip(src.path)
        self.source_pane.set_text(src.text)
        self._lines = LineIndex(src.text)
        self.refill_witnesses(self.workspace.witness_ids[0])
        read_only = self.project is not None and self.project.read_only
        for action in (*self.rule_actions.values(), self.acts.add, self.acts.remove):
            action.setEnabled(not read_only)
        if collate:
            self.start_collation()

    def refill_witnesses(self, current: str | None) -> None:
        self.witness_combo.blockSignals(True)
        self.witness_combo.clear()
        for w in self.workspace.witnesses:
            self.witness_combo.addItem(w.id, w.id)
        index = (
            self.workspace.witness_ids.index(current)
            if current in self.workspace.witness_ids
            else 0
        )
        self.witness_combo.setCurrentIndex(index)
        self.witness_combo.blockSignals(False)
        for n, action in enumerate(self.acts.accept_nth):
            ids = self.workspace.witness_ids
            action.setVisible(n < len(ids))
            if n < len(ids):
                action.setText(
                    QCoreApplication.translate("MainWindow", "&{0} Accept {1}").format(
                        n + 1, ids[n]
                    )
                )
        self._on_witness_chosen(index)

    def _on_witness_chosen(self, index: int) -> None:
        if index < 0 or index >= len(self.workspace.witnesses):
            return
        witness = self.workspace.witnesses[index]
        self._witness = witness.id
        self.witness_label.setText(
            QCoreApplication.translate("MainWindow", "{0} · {1}").format(
                Path(witness.loaded.path).name, witness.loaded.encoding
            )
        )
        self.witness_label.setToolTip(witness.loaded.path)
        self.witness_pane.set_text(witness.text)
        self._show_highlights()
        locus = self.current_locus()
        if locus is not None:
            self._reveal(self.apparatus.current_row() or 0, locus)

    def _clear_highlights(self) -> None:
        self._mark_rows = []
        self.source_pane.set_spans([])
        self.witness_pane.set_spans([])
        self.ruler.set_marks([])
        self.legend.set_counts({})

    def _show_highlights(self) -> None:
        collation = self.workspace.collation
        if collation is None or self._witness is None:
            self._clear_highlights()
            return
        wid = self._witness
        by_class = self.acts.by_class.isChecked()
        src: list[Span] = []
        wit: list[Span] = []
        marks: list[tuple[float, float, str]] = []
        counts: dict[str, int] = {}
        total = max(1, len(collation.source))
        for row, locus in enumerate(collation.loci):
            if wid not in locus.readings:
                if "check" in locus.readings:  # a finding in the source, whoever is shown
                    kind = locus.classes.get("check", "check") if by_class else "check"
                    src.append(Span(locus.start, locus.end, kind, row))
                    marks.append((locus.start / total, locus.end / total, kind))
                    counts[kind] = counts.get(kind, 0) + 1
                continue
            kind = locus.kinds.get(wid, locus.kind)
            if by_class:
                kind = locus.classes.get(wid, locus.cls) or kind
            src.append(Span(locus.start, locus.end, kind, row))
            start, end = locus.spans[wid]
            wit.append(Span(start, end, kind, row))
            marks.append((locus.start / total, locus.end / total, kind))
            counts[kind] = counts.get(kind, 0) + 1
        self.source_pane.set_spans(src)
        self.witness_pane.set_spans(wit)
        self.ruler.set_marks(marks)
        if by_class:
            self.legend.set_keys([c for c in CLASSES if counts.get(c)], class_label)
        else:
            self.legend.set_keys([*KINDS, *(["check"] if counts.get("check") else [])], kind_label)
        self.legend.set_counts(counts)
        self._mark_rows = [s.row for s in src]

    def show_preferences(self) -> PreferencesDialog:
        """Open the Preferences, window-modal; returned so tests can drive it."""
        dialog = PreferencesDialog(self.settings, self)
        dialog.accepted.connect(self._apply_font)  # the rules count from the next collation
        dialog.accepted.connect(self.apply_colours)
        dialog.open()
        return dialog

    def update_counts(self) -> None:
        collation = self.workspace.collation
        if collation is None:
            self.status_counts.setText("")
            return
        parts = [
            QCoreApplication.translate("MainWindow", "{0} divergences").format(len(collation.loci))
        ]
        if self.project is not None:
            counts = self.project.counts()
            decided = len(self.locus_ids) - counts["undecided"]
            parts.append(
                QCoreApplication.translate("MainWindow", "{0} decided, {1} undecided").format(
                    decided, counts["undecided"]
                )
            )
        parts += [
            f"{w.id}: {collation.count(w.id)} ({w.loaded.encoding})"
            for w in self.workspace.witnesses
        ]
        self.status_counts.setText(" · ".join(parts))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.acts.cancel.setEnabled(busy)
        if busy:
            self.progress.setValue(0)

    # -- navigation ---------------------------------------------------------------------

    def current_locus(self) -> Locus | None:
        row = self.apparatus.current_row()
        collation = self.workspace.collation
        if row is None or collation is None or row >= len(collation.loci):
            return None
        return collation.loci[row]

    def select_locus(self, row: int) -> None:
        """Select a locus everywhere: table row, both panes, ruler and the panel."""
        collation = self.workspace.collation
        if collation is None or not 0 <= row < len(collation.loci):
            return
        self.apparatus.select_row(row)
        locus = collation.loci[row]
        self.show_panel(row, locus)
        wid = self._witness
        self.source_pane.set_current(row, Span(locus.start, locus.end, locus.kind, row))
        if wid is not None and wid in collation.alignments and wid not in locus.spans:
            align = collation.alignments[wid]
            at = Span(align.to_witness(locus.start), align.to_witness(locus.end), "agree", row)
            self.witness_pane.set_current(row, at)
        else:
            self.witness_pane.set_current(row)
        marks = self._mark_rows
        self.ruler.set_current(marks.index(row) if row in marks else None)
        self._reveal(row, locus)

    def show_panel(self, row: int, locus: Locus) -> None:
        collation = self.workspace.collation
        assert collation is not None
        self.locus_panel.show_locus(
            locus, row + 1, len(collation.loci), collation.witness_ids, self._lines,
            self.decision_of_row(row), self.project is not None and not self.project.read_only,
        )  # fmt: skip

    def _reveal(self, row: int, locus: Locus) -> None:
        collation = self.workspace.collation
        wid = self._witness
        if collation is None or wid is None:
            return
        self._syncing = True
        try:
            self.source_pane.reveal(locus.start, locus.end)
            if wid in locus.spans:
                start, end = locus.spans[wid]
            elif wid in collation.alignments:
                start = end = collation.alignments[wid].to_witness(locus.start)
            else:
                return
            self.witness_pane.reveal(start, end)
        finally:
            self._syncing = False

    def step(self, direction: int) -> None:
        """Next or previous divergence in the table's order, wrapping at the ends."""
        count = self.apparatus.visible_count()
        if count == 0:
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "No divergences."), 3000
            )
            return
        pos = self.apparatus.current_view_row()
        target = (0 if direction > 0 else count - 1) if pos is None else pos + direction
        if target >= count:
            target = 0
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Wrapped to the first divergence."), 3000
            )
        elif target < 0:
            target = count - 1
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Wrapped to the last divergence."), 3000
            )
        self.select_locus(self.apparatus.row_at_view(target))

    def _on_mark_clicked(self, index: int) -> None:
        rows = self._mark_rows
        if 0 <= index < len(rows):
            self.select_locus(rows[index])

    def _on_ruler_position(self, fraction: float) -> None:
        src = self.workspace.source
        if src is not None:
            self.source_pane.scroll_to_top(int(fraction * len(src.text)))

    def _on_source_scrolled(self, offset: int) -> None:
        self._update_ruler_viewport()
        self._follow(offset, to_witness=True)

    def _on_witness_scrolled(self, offset: int) -> None:
        self._follow(offset, to_witness=False)
        self._update_ruler_viewport()

    def _follow(self, offset: int, *, to_witness: bool) -> None:
        """Scroll the other pane to the text that stands opposite ``offset``."""
        collation, wid = self.workspace.collation, self._witness
        if self._syncing or collation is None or wid is None or wid not in collation.alignments:
            return
        align = collation.alignments[wid]
        if to_witness:
            pane, target = self.witness_pane, align.to_witness(offset)
        else:
            pane, target = self.source_pane, align.to_source(offset)
        self._syncing = True
        try:
            pane.scroll_to_top(target)
        finally:
            self._syncing = False

    def _update_ruler_viewport(self) -> None:
        total = max(1, len(self.source_pane.text()))
        lo, hi = self.source_pane.visible_range()
        self.ruler.set_viewport(lo / total, min(1.0, hi / total))

    def _refresh_recent(self) -> None:
        recent = [p for p in self.projects.recent.load() if Path(p).exists()]
        self.welcome.set_recent(recent)
        self.recent_menu.clear()
        # numbered as in every desktop's recent list, so one key opens each; the
        # welcome page lists all of them
        for n, path in enumerate(recent[:9], 1):
            name = Path(path).name.replace("&", "&&")
            action = self.recent_menu.addAction(f"&{n} {name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        self.recent_menu.setEnabled(bool(recent))

    def _on_colour_mode(self, by_class: bool) -> None:
        self.settings.set_colour_by_class(by_class)
        self._show_highlights()

    def show_ignored(self) -> None:
        """Open the review of what the rules hide; it fills in from a background run."""
        request = self.workspace.request()
        if request is None:
            return
        self.ignored_dialog = IgnoredDialog(self)
        self.ignored_dialog.open()
        self.ignored_runner.submit(request)

    def _on_ignored(self, request: CollationRequest, collation: Collation) -> None:
        if self.ignored_dialog is not None:
            self.ignored_dialog.show_collation(collation, request.rules)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.runner.shutdown()
        self.ignored_runner.shutdown()
        self.set_project(None)
        super().closeEvent(event)

    # -- decisions --------------------------------------------------------------------

    def current_witness(self) -> str | None:
        return self._witness

    def decision_of_row(self, row: int) -> Decision:
        if self.project is None or row >= len(self.locus_ids):
            return UNDECIDED
        return self.project.log.get(self.locus_ids[row])

    def update_corrected(self) -> None:
        if self.corrected_tabs.currentWidget() is self.corrected_pane:
            self._corrected_timer.start()

    def _refresh_corrected(self) -> None:
        project, collation = self.project, self.workspace.collation
        if project is None or collation is None:
            self.corrected_pane.set_text(collation.source if collation else "")
            return
        rows = {lid: row for row, lid in enumerate(self.locus_ids)}
        text, spans = corrected_view(project.export_input(), rows)
        top = self.corrected_pane.top_offset()
        self.corrected_pane.set_text(text)
        self.corrected_pane.set_spans(spans)
        self.corrected_pane.scroll_to_top(min(top, len(text)))
