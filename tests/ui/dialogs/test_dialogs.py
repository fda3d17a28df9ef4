"""Qt's own dialogs read in Chinese too: the file dialog a proofreader meets first.

Qt 6 gave two file-dialog labels mnemonics (&Look in:, Files of &type:) and moved
the icon provider's names (Folder) to a new context, so Qt's older Chinese catalog
missed them and the dialog was half English; resources/i18n/qt_supplement_*.ts
fills what it lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from ui.i18n import install_translators, remove_translators

_MNEMONIC = re.compile(r"[(（]&?[A-Za-z][)）]|&")


@pytest.fixture(params=["zh_CN", "zh_TW"])
def chinese(request: pytest.FixtureRequest, qapp: object, compiled: Path) -> Iterator[str]:
    lang = str(request.param)
    assert install_translators(lang, compiled)
    yield lang
    remove_translators()


def english_words(text: str) -> list[str]:
    """Latin words left once the mnemonic marks are taken out."""
    return re.findall(r"[A-Za-z]{2,}", _MNEMONIC.sub("", text))


@pytest.mark.subprocess  # lrelease compiles the translations first
def test_the_file_dialog_has_no_english_label_or_button(
    qtbot: QtBot, chinese: str, tmp_path: Path
) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    dialog = QFileDialog(None, "", str(tmp_path), "*.txt")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.directory() == QDir(str(tmp_path)))
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    texts += [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible() and b.text()]
    assert len(texts) >= 4
    assert [t for t in texts if english_words(t)] == []
    dialog.close()
