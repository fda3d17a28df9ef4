"""Preferences: for now only the interface language.

The language is read once at start-up (ui/main.py installs the translator before
any widget exists), so a change is saved and shown from the next start; switching
live would mean rebuilding every text of every open widget.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import LANGUAGES
from ui.settings import Settings


class PreferencesDialog(QDialog):
    """Edits :class:`Settings` values that have no menu entry of their own."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("preferences-dialog")
        self.setWindowTitle(QCoreApplication.translate("Preferences", "Preferences"))
        self.setMinimumWidth(400)  # the note on one line in Chinese, two in English
        self.language = QComboBox()
        self.language.addItem(QCoreApplication.translate("Preferences", "System language"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        index = self.language.findData(settings.language())
        self.language.setCurrentIndex(max(index, 0))
        note = QLabel(
            QCoreApplication.translate(
                "Preferences", "The new language is shown the next time Jiaokan starts."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Preferences", "&Language:"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.set_language(str(self.language.currentData()))
        self.settings.sync()
        super().accept()
