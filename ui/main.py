"""The Qt application's entry point (a placeholder window until the main-window issue)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    label = QLabel(
        "校勘 Jiaokan\n\nThe main window arrives with the next issue.\n" + "\n".join(argv)
    )
    label.setWindowTitle("Jiaokan")
    label.setMargin(24)
    label.show()
    if "--smoke" in argv:
        return 0
    return app.exec()
