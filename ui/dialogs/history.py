"""Edit ▸ History: the session's one undo history, listed for reading.

A thin view of :meth:`app.session.session.Session.history`: the steps done,
oldest first, then the steps undone (greyed, they can be redone).  Undo and
Redo stay the menu's and the keys'; this only shows where the proofreader is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.session.session import HistoryEntry
from ui.i18n import history_text


class HistoryDialog(QDialog):
    def __init__(self, entries: list[HistoryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history-dialog")
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "History"))
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName(QCoreApplication.translate("MainWindow", "History"))
        start = QListWidgetItem(
            QCoreApplication.translate("MainWindow", "Project opened (no decision yet)")
            if not entries
            else QCoreApplication.translate("MainWindow", "When the project was opened")
        )
        self.list.addItem(start)
        undone = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        current = 0
        for n, entry in enumerate(entries, 1):
            item = QListWidgetItem(history_text(entry.operation))
            item.setToolTip(entry.operation.at.replace("T", " ").replace("+00:00", " UTC"))
            if entry.done:
                current = n
            else:
                item.setForeground(undone)
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole,
                             QCoreApplication.translate("MainWindow", "undone"))  # fmt: skip
            self.list.addItem(item)
        self.list.setCurrentRow(current)
        layout.addWidget(self.list)
        hint = QLabel(
            QCoreApplication.translate(
                "MainWindow", "Greyed steps were undone; Redo brings them back."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.resize(420, 360)

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
