"""Preferences: the interface language, the text font, the proofreader's name (the author
of a Word export's tracked changes), the rules a new collation starts with, and (on a page
of their own, ui/dialogs/colour_prefs.py) the appearance and the colours.

The language is read once at start-up (ui/main.py installs the translator before
any widget exists), so a change is saved and shown from the next start; switching
live would mean rebuilding every text of every open widget.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.export.word import DEFAULT_AUTHOR
from app.text.normalize import ALL_RULES
from ui.dialogs.colour_prefs import ColourSection
from ui.i18n import LANGUAGES, rule_label
from ui.settings import MAX_FONT, MIN_FONT, Settings
from ui.widgets.panes import cjk_font_family


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
        self.font_family = QFontComboBox()
        self.font_family.setCurrentFont(QFont(settings.font_family() or cjk_font_family()))
        self.font_size = QDoubleSpinBox()
        self.font_size.setRange(MIN_FONT, MAX_FONT)
        self.font_size.setDecimals(1)
        self.font_size.setValue(settings.font_size())
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_family, 1)
        font_row.addWidget(self.font_size)
        self.rules: dict[str, QCheckBox] = {}
        rules_box = QVBoxLayout()
        for rule in ALL_RULES:
            box = QCheckBox(rule_label(rule))
            box.setChecked(rule in settings.rules())
            self.rules[rule] = box
            rules_box.addWidget(box)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Preferences", "&Language:"), self.language)
        # a row holding a layout gets no buddy of its own, and without one "&f" shows
        font_label = QLabel(QCoreApplication.translate("Preferences", "Text &font:"))
        font_label.setBuddy(self.font_family)
        form.addRow(font_label, font_row)
        self.proofreader = QLineEdit(settings.proofreader_name())
        self.proofreader.setPlaceholderText(DEFAULT_AUTHOR)
        self.proofreader.setToolTip(
            QCoreApplication.translate(
                "Preferences",
                "Word documents exported with tracked changes name you as the author "
                "of each correction and note.",
            )
        )
        form.addRow(
            QCoreApplication.translate("Preferences", "Proofreader's &name:"), self.proofreader
        )
        form.addRow(QCoreApplication.translate("Preferences", "New collations:"), rules_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        general = QWidget()
        page = QVBoxLayout(general)
        page.addLayout(form)
        page.addWidget(note)
        page.addStretch(1)
        self.colours = ColourSection(settings)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, QCoreApplication.translate("Preferences", "General"))
        self.tabs.addTab(self.colours, QCoreApplication.translate("Preferences", "Colours"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.set_language(str(self.language.currentData()))
        self.settings.set_font_family(self.font_family.currentFont().family())
        self.settings.set_font_size(self.font_size.value())
        self.settings.set_rules(tuple(r for r, box in self.rules.items() if box.isChecked()))
        self.settings.set_proofreader_name(self.proofreader.text())
        self.colours.save(self.settings)
        self.settings.sync()
        super().accept()
