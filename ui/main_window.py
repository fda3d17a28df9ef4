"""The main window: the source against one witness, the apparatus below.

The window shows a :class:`~app.workspace.Workspace` and never computes a
collation itself: every change builds a request for the background
:class:`~ui.worker.CollationRunner`, and only the latest result is shown.
All signal wiring is in :meth:`MainWindow._connect_signals`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.collate import Collation, Locus
from app.loading import LoadError
from app.workspace import CollationRequest, Workspace
from ui.actions import WindowActions
from ui.apparatus import LineIndex
from ui.apparatus_view import ApparatusView
from ui.legend import KindLegend
from ui.locus_panel import LocusPanel
from ui.new_dialog import TEXT_FILTER, NewCollationDialog
from ui.overview import OverviewRuler
from ui.panes import Span, TextPane, cjk_font_family
from ui.settings import Settings
from ui.welcome import WelcomePage
from ui.worker import CollateFunction, CollationRunner

DEMO_DIR = Path(__file__).resolve().parent.parent / "resources" / "demo"
DEMO_FILES = ("source.txt", "variant-typos.txt", "variant-ocr.txt", "variant-traditional.txt")
MIN_FONT, MAX_FONT = 8.0, 40.0


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    """The proofreader's window."""

    collationShown = Signal()

    def __init__(
        self, settings: Settings | None = None, collate_function: CollateFunction | None = None
    ) -> None:
        super().__init__()
        self.setWindowTitle("Jiaokan 校勘")
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
        self._build_widgets()
        self._build_actions()
        self._connect_signals()
        self._set_busy(False)
        self._restore()
        self._show_welcome()

    # -- construction ----------------------------------------------------------

    def _build_widgets(self) -> None:
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.source_pane = TextPane()
        self.source_pane.setAccessibleName(tr("Source text"))
        self.witness_pane = TextPane()
        self.witness_pane.setAccessibleName(tr("Witness text"))
        self.source_label = QLabel()
        self.witness_combo = QComboBox()
        self.witness_combo.setAccessibleName(tr("Witness"))
        self.witness_label = QLabel()
        self.ruler = OverviewRuler()
        self.locus_panel = LocusPanel()
        self.apparatus = ApparatusView()
        self.legend = KindLegend()

        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.source_label)
        box.addWidget(self.source_pane)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.witness_combo)
        head.addWidget(self.witness_label, 1)
        box.addLayout(head)
        box.addWidget(self.witness_pane)
        middle = QWidget()
        box = QVBoxLayout(middle)
        box.setContentsMargins(0, self.source_label.sizeHint().height() + 4, 0, 0)
        box.addWidget(self.ruler)

        self.text_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.text_splitter.addWidget(left)
        self.text_splitter.addWidget(middle)
        self.text_splitter.addWidget(right)
        self.text_splitter.addWidget(self.locus_panel)
        self.text_splitter.setCollapsible(1, False)
        self.text_splitter.setStretchFactor(0, 4)
        self.text_splitter.setStretchFactor(2, 4)
        self.text_splitter.setStretchFactor(3, 2)
        self.locus_panel.setMinimumWidth(200)

        bottom = QWidget()
        box = QVBoxLayout(bottom)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.apparatus)
        box.addWidget(self.legend)

        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.addWidget(self.text_splitter)
        self.main_splitter.addWidget(bottom)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)

        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.main_splitter)
        self.setCentralWidget(self.stack)

        self.status_counts = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(tr("Cancel"))
        bar = self.statusBar()
        bar.addPermanentWidget(self.status_counts)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)

    def _build_actions(self) -> None:
        self.acts = WindowActions(self, self.workspace.rules)
        self.rule_actions = self.acts.rules
        self.recent_menu = self.acts.recent_menu

    def _connect_signals(self) -> None:
        self.acts.new.triggered.connect(self.new_collation)
        self.acts.demo.triggered.connect(self.open_demo)
        self.acts.add.triggered.connect(self.choose_variants)
        self.acts.remove.triggered.connect(self.remove_current_variant)
        self.acts.quit.triggered.connect(self.close)
        self.acts.next.triggered.connect(lambda: self.step(+1))
        self.acts.prev.triggered.connect(lambda: self.step(-1))
        self.acts.zoom_in.triggered.connect(lambda: self.zoom(+1))
        self.acts.zoom_out.triggered.connect(lambda: self.zoom(-1))
        self.acts.zoom_reset.triggered.connect(lambda: self.zoom(0))
        self.acts.font.triggered.connect(self.choose_font)
        self.acts.recollate.triggered.connect(self.start_collation)
        self.acts.cancel.triggered.connect(self.cancel_collation)
        self.cancel_button.clicked.connect(self.cancel_collation)
        for action in self.rule_actions.values():
            action.toggled.connect(self._on_rule_toggled)
        self.welcome.newRequested.connect(self.new_collation)
        self.welcome.demoRequested.connect(self.open_demo)
        self.welcome.recentChosen.connect(self._open_recent)
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

    # -- opening work ----------------------------------------------------------

    def open_files(self, source: str, variants: list[str]) -> bool:
        """Open a new collation; a bad file gets a dialog and the window stays as it was."""
        try:
            workspace = Workspace.open(source, variants)
        except LoadError as exc:
            self._error(tr("Cannot open the files"), str(exc))
            return False
        workspace.rules = self.workspace.rules
        self.runner.cancel()
        self.workspace = workspace
        self.settings.add_recent([source, *variants])
        self._refresh_recent()
        self._show_work()
        return True

    def open_demo(self) -> bool:
        return self.open_files(
            str(DEMO_DIR / DEMO_FILES[0]), [str(DEMO_DIR / f) for f in DEMO_FILES[1:]]
        )

    def new_collation(self) -> None:
        dialog = NewCollationDialog(self)
        if dialog.exec():
            self.open_files(dialog.source(), dialog.variants())

    def choose_variants(self) -> None:
        if self.workspace.source is None:
            self.new_collation()
            return
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Add variants"), "", TEXT_FILTER)
        self.add_variants(paths)

    def add_variants(self, paths: list[str]) -> None:
        added = False
        for path in paths:
            try:
                self.workspace.add_variant(path)
                added = True
            except LoadError as exc:
                self._error(tr("Cannot add the variant"), str(exc))
        if added:
            self._refill_witnesses(self.workspace.witness_ids[-1])
            self.start_collation()

    def remove_current_variant(self) -> None:
        if self._witness is None or len(self.workspace.witnesses) < 2:
            self.statusBar().showMessage(tr("A collation needs at least one variant."), 4000)
            return
        self.workspace.remove_variant(self._witness)
        self._refill_witnesses(None)
        self.start_collation()

    def _open_recent(self, paths: list[str]) -> None:
        self.open_files(paths[0], paths[1:])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        self.open_dropped(paths)

    def open_dropped(self, paths: list[str]) -> None:
        """The first file dropped on an empty window is the source; later ones are variants."""
        if self.workspace.source is None:
            if len(paths) < 2:
                dialog = NewCollationDialog(self)
                dialog.source_edit.setText(paths[0])
                if dialog.exec():
                    self.open_files(dialog.source(), dialog.variants())
                return
            self.open_files(paths[0], paths[1:])
        else:
            self.add_variants(paths)

    # -- collating -----------------------------------------------------------------

    def start_collation(self) -> None:
        request = self.workspace.request()
        if request is None:
            return
        self._clear_highlights()
        self._set_busy(True)
        self.statusBar().showMessage(tr("Collating…"))
        self.runner.submit(request)

    def cancel_collation(self) -> None:
        if self.runner.is_running():
            self.runner.cancel()
            self._clear_highlights()
            self._set_busy(False)
            self.statusBar().showMessage(tr("Collation cancelled."), 4000)

    def _on_progress(self, _rid: int, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))

    def _on_collated(self, request: CollationRequest, collation: Collation) -> None:
        if not self.workspace.accept(request, collation):
            return
        self._set_busy(False)
        previous = self.current_locus()
        self.apparatus.set_collation(collation)
        self._lines = LineIndex(collation.source)
        self._show_highlights()
        self._update_counts()
        self._update_ruler_viewport()
        self.statusBar().showMessage(tr("{0} divergences.").format(len(collation.loci)), 4000)
        if collation.loci:
            rows = [
                i
                for i, loc in enumerate(collation.loci)
                if previous and loc.start >= previous.start
            ]
            self.select_locus(rows[0] if rows else 0)
        else:
            self.locus_panel.show_locus(None)
        self.collationShown.emit()

    def _on_failed(self, _request: CollationRequest, message: str) -> None:
        self._set_busy(False)
        self._error(tr("Collation failed"), message)

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

    def _show_work(self) -> None:
        src = self.workspace.source
        assert src is not None
        self.stack.setCurrentWidget(self.main_splitter)
        self.apparatus.set_collation(None)
        self.locus_panel.show_locus(None)
        self.source_label.setText(
            tr("<b>Source</b> · {0} · {1}").format(Path(src.path).name, src.encoding)
        )
        self.source_label.setToolTip(src.path)
        self.source_pane.set_text(src.text)
        self._lines = LineIndex(src.text)
        self._refill_witnesses(self.workspace.witness_ids[0])
        self.setWindowTitle(f"Jiaokan 校勘 — {Path(src.path).name}")
        self.start_collation()

    def _refill_witnesses(self, current: str | None) -> None:
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
        self._on_witness_chosen(index)

    def _on_witness_chosen(self, index: int) -> None:
        if index < 0 or index >= len(self.workspace.witnesses):
            return
        witness = self.workspace.witnesses[index]
        self._witness = witness.id
        self.witness_label.setText(
            tr("{0} · {1}").format(Path(witness.loaded.path).name, witness.loaded.encoding)
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
        src: list[Span] = []
        wit: list[Span] = []
        marks: list[tuple[float, float, str]] = []
        counts: dict[str, int] = {}
        total = max(1, len(collation.source))
        for row, locus in enumerate(collation.loci):
            if wid not in locus.readings:
                continue
            kind = locus.kinds.get(wid, locus.kind)
            src.append(Span(locus.start, locus.end, kind, row))
            start, end = locus.spans[wid]
            wit.append(Span(start, end, kind, row))
            marks.append((locus.start / total, locus.end / total, kind))
            counts[kind] = counts.get(kind, 0) + 1
        self.source_pane.set_spans(src)
        self.witness_pane.set_spans(wit)
        self.ruler.set_marks(marks)
        self.legend.set_counts(counts)
        self._mark_rows = [s.row for s in src]

    def _update_counts(self) -> None:
        collation = self.workspace.collation
        if collation is None:
            self.status_counts.setText("")
            return
        parts = [tr("{0} divergences").format(len(collation.loci))]
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
        self.locus_panel.show_locus(
            locus, row + 1, len(collation.loci), collation.witness_ids, self._lines
        )
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
            else:
                start = end = collation.alignments[wid].to_witness(locus.start)
            self.witness_pane.reveal(start, end)
        finally:
            self._syncing = False

    def step(self, direction: int) -> None:
        """Next or previous divergence in the table's order, wrapping at the ends."""
        count = self.apparatus.visible_count()
        if count == 0:
            self.statusBar().showMessage(tr("No divergences."), 3000)
            return
        pos = self.apparatus.current_view_row()
        target = (0 if direction > 0 else count - 1) if pos is None else pos + direction
        if target >= count:
            target = 0
            self.statusBar().showMessage(tr("Wrapped to the first divergence."), 3000)
        elif target < 0:
            target = count - 1
            self.statusBar().showMessage(tr("Wrapped to the last divergence."), 3000)
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

    # -- view ---------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        size = self.settings.font_size()
        size = 12.0 if step == 0 else min(MAX_FONT, max(MIN_FONT, size + step))
        self.settings.set_font_size(size)
        self._apply_font()

    def choose_font(self) -> None:
        from PySide6.QtWidgets import QFontDialog

        ok, font = QFontDialog.getFont(self.source_pane.font(), self, tr("Text font"))
        if ok:
            self.set_text_font(font.family(), font.pointSizeF())

    def set_text_font(self, family: str, size: float) -> None:
        """The font of both text panes; remembered for the next run."""
        self.settings.set_font_family(family)
        self.settings.set_font_size(min(MAX_FONT, max(MIN_FONT, size)))
        self._apply_font()

    def _apply_font(self) -> None:
        family = self.settings.font_family() or cjk_font_family()
        for pane in (self.source_pane, self.witness_pane):
            pane.set_font_size(family, self.settings.font_size())

    def _restore(self) -> None:
        self._apply_font()
        geometry = self.settings.state("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        for key, splitter in (
            ("main_splitter", self.main_splitter),
            ("text_splitter", self.text_splitter),
        ):
            state = self.settings.state(key)
            if state is not None:
                splitter.restoreState(state)

    def save_state(self) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("main_splitter", self.main_splitter.saveState())
        self.settings.set_state("text_splitter", self.text_splitter.saveState())
        self.settings.sync()

    def _refresh_recent(self) -> None:
        recent = self.settings.recent()
        self.welcome.set_recent(recent)
        self.recent_menu.clear()
        for paths in recent:
            action = self.recent_menu.addAction(" ⟵ ".join(Path(p).name for p in paths[:3]))
            action.triggered.connect(lambda _=False, p=paths: self._open_recent(p))
        self.recent_menu.setEnabled(bool(recent))

    def _error(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("error-dialog")
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.runner.shutdown()
        super().closeEvent(event)
