"""View ▸ What the rules ignore: the hidden differences, computed in the background.

Ignoring punctuation width or Traditional forms keeps the apparatus short;
this dialog lets a proofreader review what was ignored, class by class.  It
is for reading only: the corrected text follows the chosen rules.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from app.collation.loci import Collation
from ui.i18n import rule_label, without_mnemonic
from ui.widgets.apparatus_view import ApparatusView


class IgnoredDialog(QDialog):
    """A read-only apparatus of the ignored differences, with the usual filters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ignored-dialog")
        self.setWindowTitle(QCoreApplication.translate("IgnoredView", "What the rules ignore"))
        self.summary = QLabel(
            QCoreApplication.translate("IgnoredView", "Comparing without the rules…")
        )
        self.apparatus = ApparatusView()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.apparatus)
        self.resize(900, 520)

    def show_collation(self, collation: Collation, rules: tuple[str, ...]) -> None:
        self.apparatus.set_collation(collation)
        self.summary.setText(
            QCoreApplication.translate(
                "IgnoredView", "{0} differences that the rules ({1}) ignore; for review only."
            ).format(
                len(collation.loci),
                # the list separator: "、" in Chinese
                QCoreApplication.translate("IgnoredView", ", ").join(
                    without_mnemonic(rule_label(r)) for r in rules
                )
                or QCoreApplication.translate("IgnoredView", "none"),
            )
        )
