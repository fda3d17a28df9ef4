"""The main window: the source against one witness, the apparatus below.

The window adapts a :class:`~app.session.session.Session`: it sends the
session commands (through the Projects and Proofreading controllers) and
refreshes what a :class:`~app.session.session.Changes` names, so every state
it shows — the project, the loci and their ids, the current witness and
locus, a note being typed, undo — lives in the session, not in widgets.
What the widgets draw of it (spans, ruler marks, legend counts, the table's
statuses, the corrected text) is worked out by the Qt-free view model
(:class:`~app.view.model.ViewModel`), which each widget follows by itself:
the window is wiring, and turns no row into an id.
It never decides when to collate: the session runs its own loop, collating
again in the background whenever its work goes stale, and tells the window of
the start, the progress and the result as it tells of everything else
(:class:`~ui.worker.GuiThread` brings the worker's outcomes to this thread).
All signal wiring is in :meth:`MainWindow._connect_signals`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication

from app.classes.wordlists import (
    ListFileError,
    WordLists,
    load_folder,
    save_folder,
    term_to_allow,
    user_folder,
)
from app.collation.collate import collate
from app.collation.ignored import ignored_collation
from app.collation.loci import Collation, Locus
from app.messages import Message, MessageError, readable_name
from app.project.project import Project
from app.session.ahead import LOOK_AHEAD
from app.session.session import Changes, Collated, Session
from app.session.workspace import CollationRequest, Workspace
from app.text.loading import LoadedText
from app.text.pdf import PDF_FORMAT
from app.view.model import ViewModel
from ui.dialogs.help import AboutDialog, ShortcutsDialog
from ui.dialogs.history import HistoryDialog
from ui.dialogs.ignored import IgnoredDialog
from ui.dialogs.preferences import PreferencesDialog
from ui.dialogs.word_lists import WordListsDialog
from ui.messages import encoding_text, unread_parts, unread_text
from ui.passes import Passes
from ui.paths import resource
from ui.settings import Settings
from ui.widgets.apparatus import short_name
from ui.widgets.elided_label import ElidedLabel
from ui.window.actions import WindowActions
from ui.window.layout import WindowLayout
from ui.window.page_tab import PageTab
from ui.window.projects import Projects, data_dir
from ui.window.proofreading import Proofreading
from ui.window.scan_reader import ScanReader
from ui.worker import CollateFunction, CollationRunner, GuiThread

DEMO_DIR = resource("demo")
# The name is bilingual already, the same in every language.
APP_TITLE = "Jiaokan 校勘"
DEMO_FILES = ("source.txt", "variant-typos.txt", "variant-ocr.txt", "variant-traditional.txt")


class MainWindow(WindowLayout):
    """The proofreader's window."""

    look_ahead: float | None = LOOK_AHEAD
    """Seconds after a result is shown before the session collates the rule sets one
    toggle away (app.session.ahead); None: never (the tests that count collations)."""

    collationShown = Signal()
    """A collation's result is shown (also one taken again at once, a rule toggled back)."""
    collationFailed = Signal(str)
    """The background collation failed: why, in one line (also shown in a dialog)."""

    def __init__(
        self, settings: Settings | None = None, collate_function: CollateFunction | None = None
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self._gui_thread = GuiThread(self)
        self.session = Session(
            self.settings.rules(),
            data_dir() / "projects",
            post=self._gui_thread.post,
            collate_function=collate_function or collate,
            look_ahead=self.look_ahead,
        )
        self._syncing = False
        self._unread: dict[str, tuple[Message, ...]] = {}
        """What each Word text read in this run left unread, by digest: a project opened
        for files just chosen holds the texts without it (app.session.session.workspace_of)."""
        self._notice = ""
        """What the status says with the next collation's result (parts of Word texts not read)."""
        self.proofreading = Proofreading(self, self)
        self.ignored_runner = CollationRunner(self, ignored_collation)
        self.scan_reader = ScanReader(self)
        self.ignored_dialog: IgnoredDialog | None = None
        self.projects = Projects(self, self, self.settings)
        self.passes = Passes(self)
        """What may wait after a new collation is taken (its highlights, then Recent read
        again), each in a pass of the event loop of its own, so that input and other
        timers are served between."""
        self._shown_when_drawn = False
        # before the window's own observer: the layers are up to date when it reads them
        self.view = ViewModel(self.session, self.projects.pages_of, self._later)
        self.view.drawn.subscribe(lambda _drawn: self._drawn())
        self._build_widgets()
        self.page_tab = PageTab(self, self.page_view, self.projects)
        self._build_actions()
        self._follow_view()
        self._connect_signals()
        self.session.subscribe(self._on_session)
        self._set_busy(False)
        self._restore()
        self._show_welcome()

    # -- construction ----------------------------------------------------------

    def _build_actions(self) -> None:
        self.acts = WindowActions(self, self.session.workspace.rules)
        self.acts.by_class.setChecked(self.settings.colour_by_class())
        self.rule_actions = self.acts.rules
        self.recent_menu = self.acts.recent_menu

    def _follow_view(self) -> None:
        """Each widget draws its layer of the view model, refreshing what changes in it."""
        view = self.view
        view.set_by_class(self.acts.by_class.isChecked())
        self.source_pane.follow(view.source)
        self.witness_pane.follow(view.witness)
        self.corrected_pane.follow(view.corrected, keep_top=True)
        self.ruler.follow(view.marks)
        self.legend.follow(view.marks)
        self.apparatus.follow(view.rows)
        view.summary_layer.subscribe(lambda _changed: self.update_counts())

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
        self.acts.recollate.triggered.connect(self.session.collate)
        self.acts.cancel.triggered.connect(self.cancel_collation)
        self.cancel_button.clicked.connect(self.cancel_collation)
        for action in self.rule_actions.values():
            action.toggled.connect(self._on_rule_toggled)
        self.welcome.newRequested.connect(self.projects.new_collation)
        self.welcome.demoRequested.connect(self.open_demo)
        self.welcome.recentChosen.connect(self.open_project)
        self.witness_combo.currentIndexChanged.connect(self._on_witness_chosen)
        # every widget says which locus by its id: the session selects it
        self.apparatus.locusSelected.connect(self.session.select)
        self.source_pane.locusClicked.connect(self.session.select)
        self.witness_pane.locusClicked.connect(self.session.select)
        self.corrected_pane.locusClicked.connect(self.session.select)
        self.ruler.markClicked.connect(self.session.select)
        self.source_pane.topOffsetChanged.connect(self._on_source_scrolled)
        self.witness_pane.topOffsetChanged.connect(self._on_witness_scrolled)
        self.ruler.positionClicked.connect(self._on_ruler_position)
        self.scan_reader.started.connect(self._on_reading)
        self.scan_reader.progress.connect(lambda f: self.progress.setValue(int(f * 100)))
        self.scan_reader.finished.connect(lambda: self._set_busy(self.session.collating))
        self.scan_reader.failed.connect(
            lambda why: self.show_error(
                QCoreApplication.translate("MainWindow", "Cannot read the scan"), why
            )
        )
        self.corrected_tabs.currentChanged.connect(self._on_tab)
        pr, acts = self.proofreading, self.acts
        acts.accept.triggered.connect(lambda: pr.accept())
        for n, action in enumerate(acts.accept_nth):
            action.triggered.connect(lambda _=False, n=n: pr.accept_nth(n))
        acts.reject.triggered.connect(pr.reject)
        acts.edit.triggered.connect(pr.edit)
        acts.undecide.triggered.connect(pr.undecide)
        acts.undo.triggered.connect(pr.undo)
        acts.redo.triggered.connect(pr.redo)
        acts.history.triggered.connect(self.show_history)
        acts.word_lists.triggered.connect(self.show_word_lists)
        acts.project_lists.triggered.connect(self.show_project_lists)
        acts.allow_word.triggered.connect(self.allow_word)
        acts.allow_in_project.triggered.connect(self.allow_word_in_project)
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
        acts.export_word.triggered.connect(lambda: self.projects.export("word"))
        acts.export_tracked.triggered.connect(lambda: self.projects.export("tracked"))
        acts.export_pdf.triggered.connect(lambda: self.projects.export("pdf"))
        self.locus_panel.noteTyped.connect(self.session.type_note)
        self.locus_panel.noteEdited.connect(pr.commit_note)
        self._colour_timer.timeout.connect(self.refresh_colours)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._colour_timer.start)

    # -- the session, as the window reads it -------------------------------------------

    @property
    def project(self) -> Project | None:
        return self.session.project

    @property
    def workspace(self) -> Workspace:
        return self.session.workspace

    def collation(self) -> Collation | None:
        return self.session.collation

    def current_witness(self) -> str | None:
        return self.session.witness

    def current_locus(self) -> Locus | None:
        return self.session.current_locus()

    def view_order(self) -> list[int]:
        """The ids of the loci the table shows, in its order (filter and sort)."""
        return self.apparatus.visible_ids()

    def _on_session(self, changes: Changes) -> None:
        """Refresh what a step of the session changed that no widget follows by itself:
        the title, the headers, Undo, the panel, the scrolling, the busy state."""
        if changes.project:
            self._show_project()
        if changes.texts:
            self._show_texts()
        elif changes.witness:
            self._show_witness()
        if changes.collation:
            self._update_ruler_viewport()
        if changes.history or changes.project:
            self.acts.undo.setEnabled(self.session.can_undo())
            self.acts.redo.setEnabled(self.session.can_redo())
        if changes.collation or changes.current or changes.witness or changes.decisions:
            self._show_current(reveal=changes.current or changes.witness or changes.collation)
        if changes.running:
            self._show_running(changes)
        if changes.progress:
            self.progress.setValue(int(self.session.progress * 100))
        if changes.failed:
            self._set_busy(False)
            self._notice = ""
            self.show_error(
                QCoreApplication.translate("MainWindow", "Collation failed"), changes.failed
            )
            self.collationFailed.emit(changes.failed)
        if changes.collated is not None:
            self._show_collated(changes.collated)

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
        self.projects.remove_variant(self.session.witness)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_dropped(paths)

    def _show_project(self) -> None:
        project = self.session.project
        title = APP_TITLE
        if project is not None:
            title = QCoreApplication.translate("MainWindow", "{0} — {1}").format(
                APP_TITLE, project.path.name
            )
        if project is not None and project.read_only:
            title += " " + QCoreApplication.translate("MainWindow", "[read-only]")
        self.setWindowTitle(title)
        read_only = self.session.read_only
        for action in (*self.rule_actions.values(), self.acts.add, self.acts.remove):
            action.setEnabled(not read_only)
        source = self.session.workspace.source
        self.acts.export_pdf.setEnabled(source is not None and source.encoding == PDF_FORMAT)
        writable = project is not None and not project.read_only
        self.acts.project_lists.setEnabled(writable)
        self.acts.allow_in_project.setEnabled(writable)

    # -- collating -----------------------------------------------------------------

    def _show_running(self, changes: Changes) -> None:
        """A collation started or ended: the progress bar and Cancel, "Collating…"; the
        highlights of a collation that no longer fits the work go at once."""
        collating = self.session.collating
        self._set_busy(collating or self.scan_reader.is_running())
        if collating and not changes.collated:
            self.status_counts.setText("")
            text = QCoreApplication.translate("MainWindow", "Collating…")
            self.statusBar().showMessage(self._with_notice(text, self._notice))

    @staticmethod
    def _with_notice(status: str, notice: str) -> str:
        if not notice:
            return status
        # a status, then the notice after it ("2 divergences. a.docx: not read: headers")
        return QCoreApplication.translate("MainWindow", "{0} {1}").format(status, notice)

    def announce(self, notice: str) -> None:
        """Say ``notice`` now and with the next collation's result, where it stays until
        another message replaces it: what a proofreader must not miss (a Word document's
        headers or footnotes that were not compared) would otherwise flash by under
        "Collating…"."""
        self._notice = notice
        if notice and self.session.collating:
            text = QCoreApplication.translate("MainWindow", "Collating…")
            self.statusBar().showMessage(self._with_notice(text, notice))
        elif notice:
            self.statusBar().showMessage(notice)

    def read_scans_first(self, paths: list[str], then: Callable[[], object]) -> bool:
        """Scans among ``paths`` read by OCR in the background, with the progress bar and
        Cancel, before ``then`` opens them; ``False`` when none needs reading."""
        return self.scan_reader.read_then(paths, then)

    def _on_reading(self) -> None:
        self._set_busy(True)
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Reading the scan by OCR…")
        )

    def cancel_collation(self) -> None:
        if self.scan_reader.is_running():
            self.scan_reader.cancel()
            self._set_busy(self.session.collating)
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Reading the scan cancelled."), 4000
            )
            return
        if self.session.collating:
            self.session.cancel()
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Collation cancelled."), 4000
            )

    def _show_collated(self, result: Collated) -> None:
        """What taking a collation did, said: a project that could not be written,
        decisions not placed, the count; a new project goes into Recent."""
        if result.error is not None:
            self.show_error(
                QCoreApplication.translate("MainWindow", "The project could not be updated"),
                result.error,
            )
        self.projects.report_unplaced(result.unplaced)
        if result.created:
            self.projects.remember()
        found = QCoreApplication.translate("MainWindow", "{0} divergences.").format(
            len(self.session.loci)
        )
        notice, self._notice = self._notice, ""
        self.statusBar().showMessage(self._with_notice(found, notice), 0 if notice else 4000)
        if self.view.drawing:  # said once its highlights are drawn, in their own event
            self._shown_when_drawn = True
        else:
            self.collationShown.emit()

    def _later(self, call: Callable[[], None]) -> None:
        """The view model's next drawing, in a pass of its own (the latest wins)."""
        self.passes.put("highlights", call)

    def _drawn(self) -> None:
        self.apparatus.fit_later()  # the columns in a pass of their own, after this one
        if self._shown_when_drawn:
            self._shown_when_drawn = False
            self.collationShown.emit()

    def _on_rule_toggled(self) -> None:
        rules = tuple(r for r, a in self.rule_actions.items() if a.isChecked())
        if rules == self.session.workspace.rules:
            return
        # the session collates under them (or shows what it collated under them before)
        if self.proofreading.guard(lambda: self.session.set_rules(rules)) is not None:
            self.settings.set_rules(rules)

    # -- showing ---------------------------------------------------------------------

    def _show_welcome(self) -> None:
        self._read_recent()
        self.stack.setCurrentWidget(self.welcome)

    def _show_texts(self) -> None:
        """The source's header and the witness list, as the session has them now (the
        panes follow the view model's texts)."""
        src = self.session.workspace.source
        if src is None:
            return
        self.stack.setCurrentWidget(self.main_splitter)
        _show_text_header(self.source_label, src, self._unread_of(src))
        self.witness_combo.blockSignals(True)
        self.witness_combo.clear()
        for w in self.session.workspace.witnesses:
            self.witness_combo.addItem(w.id, w.id)
        self.witness_combo.blockSignals(False)
        ids = self.session.witness_ids
        for n, action in enumerate(self.acts.accept_nth):
            action.setVisible(n < len(ids))
            if n < len(ids):
                action.setText(
                    QCoreApplication.translate("MainWindow", "&{0} Accept {1}").format(
                        n + 1, ids[n]
                    )
                )
        self._show_witness()

    def _show_witness(self) -> None:
        wid = self.session.witness
        ids = self.session.witness_ids
        if wid is None or wid not in ids:
            return
        self.witness_combo.blockSignals(True)
        self.witness_combo.setCurrentIndex(ids.index(wid))
        self.witness_combo.blockSignals(False)
        loaded = self.session.workspace.witness(wid).loaded
        _show_text_header(self.witness_label, loaded, self._unread_of(loaded))

    def _unread_of(self, loaded: LoadedText) -> tuple[Message, ...]:
        """What a Word text or PDF left unread, also when the window shows it from its
        project."""
        if loaded.word is not None or loaded.pdf is not None:
            self._unread[loaded.sha256] = loaded.unread
        return self._unread.get(loaded.sha256, ())

    def _on_witness_chosen(self, index: int) -> None:
        ids = self.session.witness_ids
        if 0 <= index < len(ids):
            self.session.set_witness(ids[index])

    def show_preferences(self) -> PreferencesDialog:
        """Open the Preferences, window-modal; returned so tests can drive it."""
        dialog = PreferencesDialog(self.settings, self)
        dialog.accepted.connect(self._apply_font)  # the rules count from the next collation
        dialog.accepted.connect(self.apply_colours)
        dialog.open()
        return dialog

    def show_word_lists(self) -> WordListsDialog:
        """Edit ▸ Word lists: the user's lists, saved on OK (a text alone is checked again)."""
        folder = user_folder()
        try:
            lists = load_folder(folder)
        except ListFileError as exc:
            lists = WordLists()
            self.show_error(QCoreApplication.translate("MainWindow", "Word lists"), str(exc))
        where = QCoreApplication.translate("MainWindow", "Kept in {0}").format(str(folder))
        dialog = WordListsDialog(lists, where, self)
        dialog.accepted.connect(lambda: self._save_word_lists(dialog.lists()))
        dialog.open()
        return dialog

    def show_project_lists(self) -> WordListsDialog | None:
        """Edit ▸ This project's word lists: the lists kept in the open project's file (a
        book's names and terms), read beside the user's; saved on OK, in one transaction."""
        project = self.session.project
        if project is None:
            return None
        where = QCoreApplication.translate(
            "MainWindow", "Kept in the project {0}, with its decisions; read beside your own lists"
        ).format(project.path.name)
        dialog = WordListsDialog(self.session.project_lists(), where, self)
        dialog.setWindowTitle(QCoreApplication.translate("MainWindow", "This project's word lists"))
        dialog.accepted.connect(lambda: self._save_project_lists(dialog.lists()))
        dialog.open()
        return dialog

    def _save_project_lists(self, lists: WordLists) -> None:
        try:
            self.session.set_project_lists(lists)
        except MessageError as exc:
            self.show_error(QCoreApplication.translate("MainWindow", "Word lists"), exc)

    def allow_word(self) -> None:
        """Decide ▸ Never flag this word: the term written over the current finding onto
        the user's whitelist (every text they check)."""
        word = self._ask_allowed(QCoreApplication.translate("MainWindow", "Never flag this word"))
        if not word:
            return
        try:
            lists = load_folder(user_folder())
        except ListFileError as exc:
            self.show_error(QCoreApplication.translate("MainWindow", "Word lists"), str(exc))
            return
        self._save_word_lists(lists.with_allowed([word]))

    def allow_word_in_project(self) -> None:
        """Decide ▸ Never flag this word in this project: onto the open project's own
        whitelist (a name of this book), not the user's."""
        if self.session.project is None:
            return
        title = QCoreApplication.translate("MainWindow", "Never flag this word in this project")
        word = self._ask_allowed(title)
        if word:
            self._save_project_lists(self.session.project_lists().with_allowed([word]))

    def _ask_allowed(self, title: str) -> str:
        """The term to whitelist, offered as written over the current finding and asked
        for; empty if the proofreader cancels or clears it."""
        from PySide6.QtWidgets import QInputDialog

        locus = self.session.locus(self.session.current) if self.session.current else None
        collation = self.session.collation
        term = ""
        if locus is not None and collation is not None:
            term = term_to_allow(collation.source, locus.start, locus.end, locus.message)
        word, ok = QInputDialog.getText(
            self,
            title,
            QCoreApplication.translate("MainWindow", "A name or term the checks never flag:"),
            text=term,
        )
        return word.strip() if ok else ""

    def _save_word_lists(self, lists: WordLists) -> None:
        try:
            save_folder(user_folder(), lists)
        except OSError as exc:
            self.show_error(QCoreApplication.translate("MainWindow", "Word lists"), exc)
            return
        self.session.lists_changed()  # a text alone is spelled with the lists

    def show_history(self) -> HistoryDialog:
        """Edit ▸ History: the session's one undo history, read-only."""
        dialog = HistoryDialog(self.session.history(), self)
        dialog.open()
        return dialog

    def update_counts(self) -> None:
        """The status bar's counts, as the view model sums them up."""
        summary = self.view.summary
        if self.session.collation is None:
            self.status_counts.setText("")
            return
        parts = [
            QCoreApplication.translate("MainWindow", "{0} divergences").format(summary.divergences)
        ]
        if summary.decided is not None:
            parts.append(
                QCoreApplication.translate("MainWindow", "{0} decided, {1} undecided").format(
                    summary.decided, summary.divergences - summary.decided
                )
            )
        rate = summary.rate
        if rate is not None:  # 差错率 by the decisions so far (docs/error-rate.md)
            parts.append(
                QCoreApplication.translate("MainWindow", "error rate {0} per 10,000 ({1})").format(
                    f"{rate.per_10k:.2f}", rate.verdict
                )
            )
        parts += [
            f"{short_name(wid)}: {count} ({encoding_text(encoding)})"
            for wid, count, encoding in summary.witnesses
        ]
        self.status_counts.setText(" · ".join(parts))

    def _set_busy(self, busy: bool) -> None:
        if busy:  # while hidden: a visible bar repaints itself (and what it overlaps) at once
            self.progress.setValue(0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.acts.cancel.setEnabled(busy)

    # -- navigation ---------------------------------------------------------------------

    def _show_current(self, *, reveal: bool) -> None:
        """The panel on the session's locus, and (``reveal``) the panes scrolled to it; the
        table, the panes' marks and the ruler follow the view model by themselves."""
        locus = self.session.current_locus()
        if locus is None:
            self.locus_panel.show_locus(None)
            return
        self._show_panel(locus)
        if reveal:
            self._reveal()
            self._reveal_corrected()
        self.page_tab.refresh()

    def _show_panel(self, locus: Locus) -> None:
        collation = self.session.collation
        assert collation is not None
        facts = self.view.panel(locus.id)
        self.locus_panel.show_locus(
            locus, facts.number, facts.total, collation.witness_ids, self.view.rows.lines,
            self.session.decision(locus.id), self.session.project is not None
            and not self.session.read_only, note=self.session.note_shown(),
            inside=facts.inside, linked=facts.linked, edits=facts.edits,
        )  # fmt: skip

    def _reveal(self) -> None:
        """Both panes scrolled to where the current locus stands in them."""
        here, there = self.view.source.place, self.view.witness.place
        if here is None:
            return
        self._syncing = True
        try:
            self.source_pane.reveal(*here)
            if there is not None:
                self.witness_pane.reveal(*there)
        finally:
            self._syncing = False

    def step(self, direction: int) -> None:
        """Next or previous divergence in the table's order, wrapping at the ends.

        From the note box, the step also takes the keyboard back to the text,
        so the next R decides instead of typing an "r" into the note.
        """
        if self.locus_panel.note.hasFocus():
            self.apparatus.table.setFocus()
        step = self.session.step(self.view_order(), direction)
        if step is None:
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "No divergences."), 3000
            )
            return
        if step.wrapped:
            text = (
                QCoreApplication.translate("MainWindow", "Wrapped to the first divergence.")
                if direction > 0
                else QCoreApplication.translate("MainWindow", "Wrapped to the last divergence.")
            )
            self.statusBar().showMessage(text, 3000)
        self.session.select(step.locus_id)

    def _on_ruler_position(self, fraction: float) -> None:
        src = self.session.workspace.source
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
        collation, wid = self.session.collation, self.session.witness
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

    def refresh_recent(self) -> None:
        """The welcome page's and the menu's Recent, read again (after Projects.remember)
        in a pass of its own: reading each recent project's summary from its file took
        5 ms for one, in the event that took a new collation."""
        self.passes.put("recent", self._read_recent)

    def _read_recent(self) -> None:
        entries = self.projects.recent_entries()
        self.welcome.set_recent(entries)
        self.recent_menu.clear()
        # numbered as in every desktop's recent list, so one key opens each; the
        # welcome page lists all of them
        for n, entry in enumerate(entries[:9], 1):
            name = f"{entry.title} — {entry.detail}".replace("&", "&&")
            action = self.recent_menu.addAction(f"&{n} {name}")
            action.setToolTip(entry.path)
            action.triggered.connect(lambda _=False, p=entry.path: self.open_project(p))
        self.recent_menu.setEnabled(bool(entries))

    def _on_colour_mode(self, by_class: bool) -> None:
        self.settings.set_colour_by_class(by_class)
        self.view.set_by_class(by_class)

    def show_ignored(self) -> None:
        """Open the review of what the rules hide; it fills in from a background run."""
        request = self.session.request()
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
        self.scan_reader.shutdown()
        self.session.shutdown()
        self.ignored_runner.shutdown()
        self.save_view_state()
        self.session.close()
        super().closeEvent(event)

    # -- where the proofreader was ------------------------------------------------------

    def save_view_state(self) -> None:
        state = {
            "top": str(self.source_pane.top_offset()),
            "tab": str(self.corrected_tabs.currentIndex()),
        }
        self.session.save_view_state(state)

    def restore_view_state(self) -> None:
        state = self.session.view_state()
        if state.get("tab", "0").isdigit():
            self.corrected_tabs.setCurrentIndex(int(state.get("tab", "0")))
        if state.get("top", "").isdigit():
            self.source_pane.scroll_to_top(int(state["top"]))

    # -- the corrected text -------------------------------------------------------------

    def _on_tab(self, _index: int) -> None:
        """The Corrected text is worked out while it shows (and patched after each
        decision); the Page only drawn while it shows."""
        shown = self.corrected_tabs.currentWidget()
        self.view.show_corrected(shown is self.corrected_pane)
        self.page_tab.set_active(shown is self.page_view)
        self._reveal_corrected()

    def _reveal_corrected(self) -> None:
        """The Corrected text tab follows the current divergence, as the panes do."""
        if self.corrected_tabs.currentWidget() is not self.corrected_pane:
            return
        place = self.view.corrected.place
        if place is not None:
            self.corrected_pane.reveal(*place)


def _show_text_header(label: ElidedLabel, loaded: LoadedText, unread: tuple[Message, ...]) -> None:
    """A pane's header: the file's name, its encoding and what a Word text left out
    ("甲本.docx · Word · not read: headers"); a narrow pane shortens the name alone."""
    name = readable_name(Path(loaded.path).name)
    text = QCoreApplication.translate("MainWindow", "{0} · {1}").format(
        name, encoding_text(loaded.encoding)
    )
    parts = unread_parts(unread)
    if parts:
        text += " · " + QCoreApplication.translate("MainWindow", "not read: {0}").format(parts)
    tail = text[len(name) :] if text.startswith(name) else ""
    label.setText(text[: len(text) - len(tail)], tail)
    label.setToolTip("\n".join(filter(None, (loaded.path, unread_text(loaded.path, unread)))))
