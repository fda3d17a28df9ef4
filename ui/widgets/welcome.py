"""The page an empty window shows: start a collation, reopen recent work, try the demo."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class RecentItem:
    """One line of recent work: what the proofreader recognises, and the file behind it."""

    path: str
    title: str
    """The source's name, as the proofreader knows the work."""
    detail: str = ""
    """Witnesses, decided of total, when it last changed: which project holds the work."""


class WelcomePage(QWidget):
    """Three ways in; drag and drop onto the window works too."""

    newRequested = Signal()
    demoRequested = Signal()
    recentChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(QCoreApplication.translate("WelcomePage", "Welcome"))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        title = QLabel(QCoreApplication.translate("WelcomePage", "<h1>校勘 Jiaokan</h1>"))
        title.setTextFormat(Qt.TextFormat.RichText)
        hint = QLabel(
            QCoreApplication.translate(
                "WelcomePage",
                "Compare a source text with its variants: OCR copies, retyped copies, "
                "Traditional editions.<br>Choose the files, or drop them onto this window "
                "(the first file dropped is the source).",
            )
        )
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(QCoreApplication.translate("WelcomePage", "New collation…"))
        self.demo_button = QPushButton(QCoreApplication.translate("WelcomePage", "Open the demo"))
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        self.recent_list = QListWidget()
        self.recent_list.setAccessibleName(QCoreApplication.translate("WelcomePage", "Recent work"))
        self.recent_list.setMaximumHeight(220)
        column.addWidget(title)
        column.addWidget(hint)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addWidget(QLabel(QCoreApplication.translate("WelcomePage", "<b>Recent work</b>")))
        column.addWidget(self.recent_list)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.new_button.clicked.connect(self.newRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        self.recent_list.itemActivated.connect(self._on_recent)

    def set_recent(self, projects: list[RecentItem]) -> None:
        self.recent_list.clear()
        for entry in projects:
            text = entry.title + (f"\n{entry.detail}" if entry.detail else "")
            item = QListWidgetItem(text)
            item.setToolTip(entry.path)
            item.setData(Qt.ItemDataRole.UserRole, entry.path)
            self.recent_list.addItem(item)
        if not projects:
            placeholder = QListWidgetItem(QCoreApplication.translate("WelcomePage", "Nothing yet"))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent_list.addItem(placeholder)

    def _on_recent(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.recentChosen.emit(str(path))
