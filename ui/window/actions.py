"""The main window's actions, menus and toolbar, with their shortcuts.

Kept apart from the window so the whole keyboard map reads in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from app.text.normalize import ALL_RULES
from ui.i18n import rule_label, rule_short, without_mnemonic


def unique_keys(shortcuts: list[QKeySequence]) -> list[QKeySequence]:
    """Each key once, in order.

    A standard key (``QKeySequence.StandardKey.Redo``) is often the same as the
    explicit one beside it (Ctrl+Shift+Z on Linux): bound twice to one action,
    Qt calls the shortcut ambiguous and the key does nothing at all.
    """
    seen: set[str] = set()
    out: list[QKeySequence] = []
    for key in shortcuts:
        name = key.toString(QKeySequence.SequenceFormat.PortableText)
        if name and name not in seen:
            seen.add(name)
            out.append(key)
    return out


def _mark_rule(action: QAction) -> None:
    """The toolbar's rule toggle says its state in its text: ☑ on, ☐ off, and its short
    name after the toolbar's "Ignore:"; the tooltip says it whole."""
    box = "☑" if action.isChecked() else "☐"
    action.setIconText(f"{box} {rule_short(str(action.data()))}")
    action.setToolTip(without_mnemonic(action.text()))


class WindowActions:
    """Every action of the main window; the window connects them in ``_connect_signals``."""

    def __init__(self, window: QMainWindow, rules: tuple[str, ...]) -> None:
        self._window = window
        std = QKeySequence.StandardKey
        keys = QKeySequence
        self.new = self._make(
            QCoreApplication.translate("MainWindow", "&New collation…"), [keys(std.New)]
        )
        self.open_project = self._make(
            QCoreApplication.translate("MainWindow", "&Open project…"), [keys(std.Open)]
        )
        self.save_as = self._make(
            QCoreApplication.translate("MainWindow", "Save a &copy as…"), [keys("Ctrl+Shift+S")]
        )
        self.export_text = self._make(
            QCoreApplication.translate("MainWindow", "Export the corrected &text…"),
            [keys("Ctrl+E")],
        )
        self.export_tracked = self._make(
            QCoreApplication.translate(
                "MainWindow", "Export the corrections as &Word tracked changes…"
            )
        )
        self.export_word = self._make(
            QCoreApplication.translate("MainWindow", "Export the corrected Word &document…")
        )
        self.export_pdf = self._make(
            QCoreApplication.translate("MainWindow", "Export the proof with proof &marks (PDF)…")
        )
        self.export_report = self._make(
            QCoreApplication.translate("MainWindow", "Export the &report (HTML)…")
        )
        self.export_csv = self._make(
            QCoreApplication.translate("MainWindow", "Export the apparatus as CS&V…")
        )
        self.demo = self._make(QCoreApplication.translate("MainWindow", "Open the &demo"))
        self.add = self._make(
            QCoreApplication.translate("MainWindow", "&Add variant…"), [keys("Ctrl+Shift+A")]
        )
        self.remove = self._make(QCoreApplication.translate("MainWindow", "Re&move this variant"))
        self.quit = self._make(
            QCoreApplication.translate("MainWindow", "&Quit"), [keys("Ctrl+Q"), keys(std.Quit)]
        )
        self.next = self._make(
            QCoreApplication.translate("MainWindow", "&Next divergence"),
            [keys("F8"), keys("Alt+Down")],
        )
        self.prev = self._make(
            QCoreApplication.translate("MainWindow", "&Previous divergence"),
            [keys("Shift+F8"), keys("Alt+Up")],
        )
        self.zoom_in = self._make(
            QCoreApplication.translate("MainWindow", "Zoom &in"), [keys("Ctrl+="), keys(std.ZoomIn)]
        )
        self.zoom_out = self._make(
            QCoreApplication.translate("MainWindow", "Zoom &out"),
            [keys("Ctrl+-"), keys(std.ZoomOut)],
        )
        self.zoom_reset = self._make(
            QCoreApplication.translate("MainWindow", "&Actual size"), [keys("Ctrl+0")]
        )
        self.font = self._make(QCoreApplication.translate("MainWindow", "&Font…"))
        self.ignored = self._make(
            QCoreApplication.translate("MainWindow", "What the rules &ignore…"), [keys("Ctrl+I")]
        )
        self.by_class = self._make(
            QCoreApplication.translate("MainWindow", "Colour by &class (错字, 漏字, …)"),
            [keys("Ctrl+K")],
        )
        self.by_class.setCheckable(True)
        self.recollate = self._make(
            QCoreApplication.translate("MainWindow", "&Collate again"), [keys("F5")]
        )
        self.undo = self._make(QCoreApplication.translate("MainWindow", "&Undo"), [keys(std.Undo)])
        self.redo = self._make(
            QCoreApplication.translate("MainWindow", "&Redo"),
            [keys("Ctrl+Shift+Z"), keys(std.Redo)],
        )
        self.preferences = self._make(
            QCoreApplication.translate("MainWindow", "&Preferences…"),
            [keys("Ctrl+,")],
        )
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.shortcuts = self._make(
            QCoreApplication.translate("MainWindow", "&Keyboard shortcuts"), [keys("F1")]
        )
        self.about = self._make(QCoreApplication.translate("MainWindow", "&About Jiaokan"))
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.history = self._make(
            QCoreApplication.translate("MainWindow", "&History…"), [keys("Ctrl+H")]
        )
        self.word_lists = self._make(QCoreApplication.translate("MainWindow", "&Word lists…"))
        self.project_lists = self._make(
            QCoreApplication.translate("MainWindow", "This pro&ject's word lists…")
        )
        self.allow_word = self._make(
            QCoreApplication.translate("MainWindow", "&Never flag this word…")
        )
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        self.project_lists.setEnabled(False)  # until a project is open and writable
        self.accept = self._make(
            QCoreApplication.translate("MainWindow", "&Accept the reading shown"), [keys("A")]
        )
        self.accept_nth = [
            self._make(
                QCoreApplication.translate("MainWindow", "Accept witness &{0}").format(n),
                [keys(str(n))],
            )
            for n in range(1, 10)
        ]
        self.reject = self._make(
            QCoreApplication.translate("MainWindow", "&Reject (keep the source)"), [keys("R")]
        )
        self.edit = self._make(
            QCoreApplication.translate("MainWindow", "&Edit: an own reading…"), [keys("E")]
        )
        self.undecide = self._make(
            QCoreApplication.translate("MainWindow", "&Undecided"), [keys("U")]
        )
        self.accept_kind = self._make(
            QCoreApplication.translate("MainWindow", "Accept every undecided of this &kind…")
        )
        self.reject_kind = self._make(
            QCoreApplication.translate("MainWindow", "Reject every undecided of this k&ind…")
        )
        self.accept_filter = self._make(
            QCoreApplication.translate("MainWindow", "Accept every undecided in the &filter…")
        )
        self.reject_filter = self._make(
            QCoreApplication.translate("MainWindow", "Reject every undecided in the fi&lter…")
        )
        self.accept_majority = self._make(
            QCoreApplication.translate(
                "MainWindow", "Accept every suggestion backed by a &majority…"
            )
        )
        self.cancel = self._make(
            QCoreApplication.translate("MainWindow", "C&ancel collation"), [keys("Esc")]
        )
        self.rules: dict[str, QAction] = {}
        for rule in ALL_RULES:
            action = self._make(rule_label(rule))
            action.setCheckable(True)
            action.setChecked(rule in rules)
            action.setData(rule)
            self.rules[rule] = action
        self.recent_menu = self._build_menus()
        self._build_toolbar()

    def _make(self, text: str, shortcuts: list[QKeySequence] | None = None) -> QAction:
        action = QAction(text, self._window)
        if shortcuts:
            action.setShortcuts(unique_keys(shortcuts))
        self._window.addAction(action)
        return action

    def _build_menus(self) -> QMenu:
        menu = self._window.menuBar()
        file_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        file_menu.addActions([self.new, self.open_project])
        recent = file_menu.addMenu(QCoreApplication.translate("MainWindow", "Open &recent"))
        file_menu.addActions([self.save_as, self.demo])
        file_menu.addSeparator()
        file_menu.addActions([self.add, self.remove])
        file_menu.addSeparator()
        export_menu = file_menu.addMenu(QCoreApplication.translate("MainWindow", "E&xport"))
        export_menu.addActions([self.export_text, self.export_tracked, self.export_word])
        export_menu.addAction(self.export_pdf)
        export_menu.addSeparator()
        export_menu.addActions([self.export_report, self.export_csv])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
        edit_menu.addActions([self.undo, self.redo, self.history])
        edit_menu.addSeparator()
        edit_menu.addActions([self.word_lists, self.project_lists, self.preferences])
        decide_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Decide"))
        decide_menu.addActions([self.accept, self.reject, self.edit, self.undecide])
        by_witness = decide_menu.addMenu(
            QCoreApplication.translate("MainWindow", "Accept &witness")
        )
        by_witness.addActions(self.accept_nth)
        decide_menu.addSeparator()
        decide_menu.addActions(
            [self.accept_kind, self.reject_kind, self.accept_filter, self.reject_filter]
        )
        decide_menu.addSeparator()
        decide_menu.addAction(self.allow_word)
        decide_menu.addSeparator()
        decide_menu.addAction(self.accept_majority)
        view_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&View"))
        view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        view_menu.addSeparator()
        view_menu.addAction(self.font)
        view_menu.addActions([self.by_class, self.ignored])
        collate_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Collate"))
        collate_menu.addActions(list(self.rules.values()))
        collate_menu.addSeparator()
        collate_menu.addActions([self.next, self.prev, self.recollate, self.cancel])
        help_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        help_menu.addActions([self.shortcuts, self.about])
        return recent

    def _build_toolbar(self) -> None:
        tools = self._window.addToolBar(QCoreApplication.translate("MainWindow", "Main"))
        tools.setObjectName("main-toolbar")
        tools.addActions([self.new, self.add])
        tools.addSeparator()
        tools.addActions([self.prev, self.next])
        for action in tools.actions():  # a button opens its dialog without saying "…"
            action.setIconText(without_mnemonic(action.text()).removesuffix("…"))
        tools.addSeparator()
        ignore = QLabel(QCoreApplication.translate("MainWindow", "Ignore:"))
        ignore.setObjectName("rules-label")
        ignore.setContentsMargins(4, 0, 2, 0)
        tools.addWidget(ignore)
        tools.addActions(list(self.rules.values()))
        for action in self.rules.values():
            # a box that is ticked or not: a flat label and a raised one read as anything
            action.toggled.connect(lambda _on, a=action: _mark_rule(a))
            _mark_rule(action)
