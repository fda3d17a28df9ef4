"""Edit ▸ Word lists: the editor's own lists, seen and edited in the window.

The four lists of :mod:`app.classes.wordlists` (words never flagged, 易错词, own
confusion pairs, banned terms), one tab each, as tables to add to and remove
from.  OK writes them to the user's lists folder, the same plain files
``jiaokan check`` and ``jiaokan lists`` read, so they can be edited in a
spreadsheet too; the folder is named at the bottom.  The same dialog edits an
open project's own lists (kept in its file: ``jiaokan lists --project``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.classes.wordlists import Banned, WordLists

_COLUMNS = {"allow": 1, "mistakes": 2, "confusions": 2, "banned": 3}


def _headers(kind: str) -> list[str]:
    if kind == "allow":
        return [QCoreApplication.translate("WordLists", "Word never flagged")]
    if kind == "mistakes":
        return [
            QCoreApplication.translate("WordLists", "Written wrong"),
            QCoreApplication.translate("WordLists", "Standard form"),
        ]
    if kind == "confusions":
        return [
            QCoreApplication.translate("WordLists", "Written"),
            QCoreApplication.translate("WordLists", "Meant"),
        ]
    return [
        QCoreApplication.translate("WordLists", "Term"),
        QCoreApplication.translate("WordLists", "Replacement"),
        QCoreApplication.translate("WordLists", "Reason"),
    ]


def _titles() -> dict[str, str]:
    return {
        "allow": QCoreApplication.translate("WordLists", "Whitelist"),
        "mistakes": QCoreApplication.translate("WordLists", "Common misspellings (易错词)"),
        "confusions": QCoreApplication.translate("WordLists", "Confusion pairs"),
        "banned": QCoreApplication.translate("WordLists", "Banned terms"),
    }


def _rows(kind: str, lists: WordLists) -> list[list[str]]:
    if kind == "allow":
        return [[w] for w in sorted(lists.allow)]
    if kind == "mistakes":
        return [[w, r] for w, r in sorted(lists.mistakes.items())]
    if kind == "confusions":
        return [[a, b] for a, b in sorted(lists.confusions)]
    return [[t, b.replacement, b.reason] for t, b in sorted(lists.banned.items())]


class WordListsDialog(QDialog):
    """The four lists as tables; :meth:`lists` is what the tables hold now."""

    def __init__(self, lists: WordLists, where: str, parent: QWidget | None = None) -> None:
        """``where``: the sentence that says where the lists are kept (a folder, a project)."""
        super().__init__(parent)
        self.setObjectName("word-lists-dialog")
        self.setWindowTitle(QCoreApplication.translate("WordLists", "Word lists"))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tables: dict[str, QTableWidget] = {}
        for kind, title in _titles().items():
            page = QWidget()
            box = QVBoxLayout(page)
            table = QTableWidget(0, _COLUMNS[kind])
            table.setObjectName(f"list-{kind}")
            table.setHorizontalHeaderLabels(_headers(kind))
            table.horizontalHeader().setStretchLastSection(True)
            for row in _rows(kind, lists):
                self._append(table, row)
            box.addWidget(table)
            buttons = QHBoxLayout()
            add = QPushButton(QCoreApplication.translate("WordLists", "Add"))
            add.clicked.connect(lambda _=False, t=table: self._add(t))
            remove = QPushButton(QCoreApplication.translate("WordLists", "Remove"))
            remove.clicked.connect(lambda _=False, t=table: self._remove(t))
            buttons.addWidget(add)
            buttons.addWidget(remove)
            buttons.addStretch()
            box.addLayout(buttons)
            self.tables[kind] = table
            self.tabs.addTab(page, title)
        layout.addWidget(self.tabs)
        kept = QLabel(where)
        kept.setObjectName("lists-kept")
        kept.setWordWrap(True)
        layout.addWidget(kept)
        ok = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 440)

    @staticmethod
    def _append(table: QTableWidget, cells: list[str]) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))

    def _add(self, table: QTableWidget) -> None:
        self._append(table, [""] * table.columnCount())
        table.setCurrentCell(table.rowCount() - 1, 0)
        item = table.item(table.rowCount() - 1, 0)
        if item is not None:
            table.editItem(item)

    @staticmethod
    def _remove(table: QTableWidget) -> None:
        for row in sorted({index.row() for index in table.selectedIndexes()}, reverse=True):
            table.removeRow(row)

    def _cells(self, kind: str) -> list[list[str]]:
        table = self.tables[kind]
        out = []
        for row in range(table.rowCount()):
            cells = []
            for column in range(table.columnCount()):
                item = table.item(row, column)
                cells.append("" if item is None else item.text().strip())
            if cells[0]:
                out.append(cells)
        return out

    def lists(self) -> WordLists:
        """The lists as the tables hold them (rows without their first cell are dropped)."""
        return WordLists(
            allow=frozenset(c[0] for c in self._cells("allow")),
            mistakes={w: r for w, r in self._cells("mistakes") if r and w != r},
            confusions=frozenset((a, b) for a, b in self._cells("confusions") if b and a != b),
            banned={t: Banned(rep, why) for t, rep, why in self._cells("banned")},
        )
