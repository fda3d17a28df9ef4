"""File ▸ New collation: choose a source and any number of variants."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.text.scans import IMAGE_SUFFIXES


def text_filter() -> str:
    """The file dialogs' filter for texts, Word documents, PDF proofs and scans (any can be
    a source or a variant); a function so it is translated when shown."""
    both = QCoreApplication.translate("NewCollationDialog", "Texts, Word documents, PDFs and scans")
    texts = QCoreApplication.translate("NewCollationDialog", "Text files")
    word = QCoreApplication.translate("NewCollationDialog", "Word documents")
    pdf = QCoreApplication.translate("NewCollationDialog", "PDF proofs")
    scans = QCoreApplication.translate("NewCollationDialog", "Scanned pages")
    every = QCoreApplication.translate("NewCollationDialog", "All files")
    plain = "*.txt *.text *.md"
    images = " ".join(f"*{suffix}" for suffix in IMAGE_SUFFIXES)
    return (
        f"{both} ({plain} *.docx *.pdf {images});;{texts} ({plain});;{word} (*.docx);;"
        f"{pdf} (*.pdf);;{scans} ({images});;{every} (*)"
    )


class NewCollationDialog(QDialog):
    """Both choices in one place, so a collation never starts half-chosen."""

    def __init__(self, parent: QWidget | None = None, start_dir: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("NewCollationDialog", "New collation"))
        self._start_dir = start_dir
        self.source_edit = QLineEdit()
        self.source_edit.setAccessibleName(
            QCoreApplication.translate("NewCollationDialog", "Source file")
        )
        browse = QPushButton(QCoreApplication.translate("NewCollationDialog", "Choose…"))
        self.variant_list = QListWidget()
        self.variant_list.setAccessibleName(
            QCoreApplication.translate("NewCollationDialog", "Variant files")
        )
        add = QPushButton(QCoreApplication.translate("NewCollationDialog", "Add variants…"))
        remove = QPushButton(QCoreApplication.translate("NewCollationDialog", "Remove"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "NewCollationDialog", "Source (the text being proofread):"
                )
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.source_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "NewCollationDialog", "Variants (copies to compare with it):"
                )
            )
        )
        layout.addWidget(self.variant_list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        browse.clicked.connect(self._choose_source)
        add.clicked.connect(self._add_variants)
        remove.clicked.connect(self._remove_variant)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.source_edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(560, 380)

    def source(self) -> str:
        return self.source_edit.text().strip()

    def variants(self) -> list[str]:
        return [self.variant_list.item(i).text() for i in range(self.variant_list.count())]

    def add_variant_paths(self, paths: list[str]) -> None:
        for path in paths:
            if path and path not in self.variants():
                self.variant_list.addItem(path)
        self._update_ok()

    def _folder(self) -> str:
        """Where a file dialog starts: beside the files chosen so far, else the last folder."""
        chosen = [self.source(), *self.variants()]
        for path in reversed(chosen):
            if path and Path(path).parent.is_dir():
                return str(Path(path).parent)
        return self._start_dir

    def _choose_source(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("NewCollationDialog", "Choose the source"),
            self._folder(),
            text_filter(),
        )
        if path:
            self.source_edit.setText(path)

    def _add_variants(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            QCoreApplication.translate("NewCollationDialog", "Choose variants"),
            self._folder(),
            text_filter(),
        )
        self.add_variant_paths(paths)

    def _remove_variant(self) -> None:
        for item in self.variant_list.selectedItems():
            self.variant_list.takeItem(self.variant_list.row(item))
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.source()) and self.variant_list.count() > 0)
