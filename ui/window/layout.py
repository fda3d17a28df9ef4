"""The main window's widgets and their arrangement, and how it looks.

The behaviour (collating, deciding, navigating) is in :mod:`ui.window.main_window`;
this base class only builds and arranges the parts, applies fonts and zoom,
restores the geometry, and shows messages and questions.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFontDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import colors
from ui.appearance import apply_appearance
from ui.messages import error_text
from ui.settings import MAX_FONT, MIN_FONT, Settings
from ui.widgets.apparatus_view import ApparatusView
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.legend import KindLegend
from ui.widgets.locus_panel import LocusPanel
from ui.widgets.overview import OverviewRuler
from ui.widgets.page_view import PageView
from ui.widgets.panes import TextPane, cjk_font_family
from ui.widgets.welcome import WelcomePage


class WindowLayout(QMainWindow):
    """The parts of the proofreader's window, built once."""

    settings: Settings

    unattended = False
    """Nobody is at the window (``jiaokan … --screenshot``): no box is shown or waited
    for; each question takes the answer Escape gives, and is told on stderr."""

    def _build_widgets(self) -> None:
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.source_pane = TextPane()
        self.source_pane.setAccessibleName(QCoreApplication.translate("MainWindow", "Source text"))
        self.witness_pane = TextPane()
        self.witness_pane.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Witness text")
        )
        self.source_title = QLabel(QCoreApplication.translate("MainWindow", "<b>Source</b>"))
        # the file, its encoding and what a Word document left unread: shortened in the
        # middle, so a long name never widens the pane (the tooltip has all of it)
        self.source_label = ElidedLabel()
        self.witness_combo = QComboBox()
        self.witness_combo.setAccessibleName(QCoreApplication.translate("MainWindow", "Witness"))
        self.witness_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.witness_label = ElidedLabel()
        self.ruler = OverviewRuler()
        self.locus_panel = LocusPanel()
        self.apparatus = ApparatusView()
        self.legend = KindLegend()

        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.source_title)
        head.addWidget(self.source_label, 1)
        box.addLayout(head)
        box.addWidget(self.source_pane)
        witness_page = QWidget()
        box = QVBoxLayout(witness_page)
        box.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.witness_combo)
        head.addWidget(self.witness_label, 1)
        box.addLayout(head)
        box.addWidget(self.witness_pane)
        self.corrected_pane = TextPane()
        self.corrected_pane.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Corrected text")
        )
        self.corrected_tabs = QTabWidget()
        self.corrected_tabs.setDocumentMode(True)
        self.corrected_tabs.addTab(
            witness_page, QCoreApplication.translate("MainWindow", "Witness")
        )
        self.corrected_tabs.addTab(
            self.corrected_pane, QCoreApplication.translate("MainWindow", "Corrected text")
        )
        # the current divergence on its page of a PDF source (ui/window/page_tab.py)
        self.page_view = PageView()
        self.page_view.setAccessibleName(QCoreApplication.translate("MainWindow", "Page"))
        self.corrected_tabs.addTab(self.page_view, QCoreApplication.translate("MainWindow", "Page"))
        self._corrected_timer = QTimer(self)
        self._corrected_timer.setSingleShot(True)
        self._corrected_timer.setInterval(150)
        # palette changes come in bursts (one event per widget): recolour once, when idle
        self._colour_timer = QTimer(self)
        self._colour_timer.setSingleShot(True)
        self._colour_timer.setInterval(0)
        right = self.corrected_tabs
        middle = QWidget()
        box = QVBoxLayout(middle)
        box.setContentsMargins(0, self.source_title.sizeHint().height() + 4, 0, 0)
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
        self.cancel_button = QPushButton(QCoreApplication.translate("MainWindow", "Cancel"))
        bar = self.statusBar()
        bar.addPermanentWidget(self.status_counts)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)

    def zoom(self, step: int) -> None:
        size = self.settings.font_size()
        size = 12.0 if step == 0 else min(MAX_FONT, max(MIN_FONT, size + step))
        self.settings.set_font_size(size)
        self._apply_font()

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(
            self.source_pane.font(), self, QCoreApplication.translate("MainWindow", "Text font")
        )
        if ok:
            self.set_text_font(font.family(), font.pointSizeF())

    def set_text_font(self, family: str, size: float) -> None:
        """The font of both text panes; remembered for the next run."""
        self.settings.set_font_family(family)
        self.settings.set_font_size(min(MAX_FONT, max(MIN_FONT, size)))
        self._apply_font()

    def _apply_font(self) -> None:
        family = self.settings.font_family() or cjk_font_family()
        for pane in (self.source_pane, self.witness_pane, self.corrected_pane):
            pane.set_font_size(family, self.settings.font_size())
        self.locus_panel.set_reading_font(family, self.settings.font_size())

    def apply_colours(self) -> None:
        """The appearance and the colours in the settings, to every view at once."""
        apply_appearance(self.settings.appearance())
        scheme = self.settings.colour_scheme()
        colors.set_scheme(scheme, self.settings.colour_overrides(scheme))
        self.refresh_colours()

    def refresh_colours(self) -> None:
        """Repaint every coloured view with the active colours and the current palette.

        The panes' highlights, the locus panel's HTML and the ruler's strip are coloured
        when they are built, so a palette or scheme change must rebuild them.
        """
        for pane in (self.source_pane, self.witness_pane, self.corrected_pane):
            pane.refresh_colours()
        self.ruler.refresh_colours()
        self.legend.refresh_colours()
        self.apparatus.model.colours_changed()
        self.locus_panel.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_timer.start()

    def _restore(self) -> None:
        self._apply_font()
        self.apply_colours()
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

    def show_error(self, title: str, message: str | BaseException) -> None:
        """A warning; an exception is told in the interface language (ui.messages)."""
        text = message if isinstance(message, str) else error_text(message)
        self._message(QMessageBox.Icon.Warning, title, text, "error-dialog")

    def show_info(self, title: str, message: str) -> None:
        self._message(QMessageBox.Icon.Information, title, message, "info-dialog")

    def _message(self, icon: QMessageBox.Icon, title: str, text: str, name: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName(name)
        self.ask(box)

    def ask(self, box: QMessageBox) -> None:
        """Show ``box`` window-modal; what follows the answer hangs on its ``finished``.

        Unattended, it is answered at once and unseen, as Escape would (its escape
        button, else a plain close), through the same signals, and said on stderr.
        """
        if not self.unattended:
            box.open()
            return
        escape = box.escapeButton()
        _tell(box.windowTitle(), box.text(), escape.text() if escape is not None else "")
        if escape is not None:
            escape.click()
        else:
            box.reject()

    def confirm(self, title: str, text: str) -> bool:
        """A Yes/No question, waited for; unattended, No (Escape's answer) at once."""
        if not self.unattended:
            answer = QMessageBox.question(self, title, text)
            return answer == QMessageBox.StandardButton.Yes
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, title, text, yes | no, self)
        box.setEscapeButton(no)
        self.ask(box)
        box.deleteLater()
        return box.clickedButton() is box.button(yes)


def _tell(title: str, text: str, answer: str) -> None:
    """A box nobody will see, said on one line of stderr, with the answer it was given."""
    said = " ".join(f"{title}: {text}".split())
    answer = answer.replace("&", "")
    print(f"jiaokan: {said}" + (f" → {answer}" if answer else ""), file=sys.stderr)
