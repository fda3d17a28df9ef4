"""Opening files in the window as a proofreader does: File ▸ New collation, or a drop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from tests.helpers.window import WAIT
from ui.dialogs.new_collation import NewCollationDialog
from ui.window.main_window import MainWindow


def through_new_collation(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, source: Path, variant: Path
) -> None:
    """File ▸ New collation, with the dialog filled in as a proofreader would."""

    def chosen(dialog: NewCollationDialog) -> int:
        dialog.source_edit.setText(str(source))
        dialog.add_variant_paths([str(variant)])
        return 1

    monkeypatch.setattr(NewCollationDialog, "exec", chosen)
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.acts.new.trigger()


def drop(window: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    window.dropEvent(event)
