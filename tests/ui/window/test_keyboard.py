"""Everything in the menus can be reached from the keyboard, in every language.

An action is reachable when it has a shortcut, or when its menu (itself reachable)
gives it a mnemonic that no other entry of that menu shares: a clash makes Alt+key
cycle instead of trigger, which is how a translation quietly breaks the keyboard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from ui.i18n import install_translators, remove_translators
from ui.settings import Settings
from ui.window.main_window import MainWindow


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand)."""
    i = 0
    while (i := text.find("&", i)) != -1 and i + 1 < len(text):
        if text[i + 1] != "&":
            return text[i + 1].lower()
        i += 2
    return None


def unreachable(entries: list[QAction], where: str) -> Iterator[str]:
    """Entries of one menu (or the menu bar) that neither a shortcut nor a key reaches."""
    visible = [a for a in entries if a.isVisible() and not a.isSeparator()]
    keys = [mnemonic(a.text()) for a in visible]
    for action, key in zip(visible, keys, strict=True):
        if action.menu() is None and not action.shortcut().isEmpty():
            continue
        if key is None or keys.count(key) > 1:
            yield f"{where} ▸ {action.text()!r}"
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from unreachable(sub.actions(), f"{where} ▸ {sub.title()}")


@pytest.fixture(params=["en", "zh_CN", "zh_TW"])
def language(request: pytest.FixtureRequest, qapp: object, compiled: Path) -> Iterator[str]:
    lang = str(request.param)
    if lang != "en":
        assert install_translators(lang, compiled)
    yield lang
    remove_translators()


@pytest.mark.subprocess
def test_every_menu_entry_is_reachable_from_the_keyboard(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    window = MainWindow(Settings(tmp_path / "x.ini"))
    qtbot.addWidget(window)
    # the demo's variants fill Accept witness, so the numbered entries are there too
    with qtbot.waitSignal(window.collationShown, timeout=20_000):
        assert window.open_demo()
    found = list(unreachable(window.menuBar().actions(), "menu bar"))
    window.session.shutdown()
    assert not found


@pytest.mark.subprocess
def test_the_panes_and_the_table_have_accessible_names(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    """A screen reader announces what each part of the window is, in its language."""
    window = MainWindow(Settings(tmp_path / "x.ini"))
    qtbot.addWidget(window)
    parts: list[QWidget] = [
        window.source_pane,
        window.witness_pane,
        window.corrected_pane,
        window.ruler,
        window.apparatus.table,
        window.locus_panel,
        window.legend,
    ]
    names = [w.accessibleName() for w in parts]
    assert all(names) and len(set(names)) == len(names), names
    if language != "en":
        assert all(re.search(r"[\u4e00-\u9fff]", n) for n in names), names


@pytest.mark.subprocess
def test_toolbar_and_shortcut_list_show_no_accelerator_marks(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    """ "新建校勘(N)" belongs in a menu; a toolbar button or the shortcut list says "新建校勘"."""
    from PySide6.QtWidgets import QToolBar, QToolButton

    from ui.dialogs.help import shortcut_rows

    window = MainWindow(Settings(tmp_path / "x.ini"))
    qtbot.addWidget(window)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert toolbar is not None
    texts = [b.text() for b in toolbar.findChildren(QToolButton) if b.defaultAction()]
    texts += [name for name, _keys in shortcut_rows(window.actions())]
    assert len(texts) > 20
    marked = [t for t in texts if re.search(r"&|\([A-Z0-9]\)", t)]
    assert not marked


def test_preferences_labels_lead_to_their_fields(qtbot: QtBot, tmp_path: Path) -> None:
    """A label with a mnemonic and no buddy shows its "&" and its key does nothing."""
    from PySide6.QtWidgets import QLabel

    from ui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog(Settings(tmp_path / "x.ini"))
    qtbot.addWidget(dialog)
    labels = [w for w in dialog.findChildren(QLabel) if mnemonic(w.text())]
    assert len(labels) >= 2
    assert all(label.buddy() is not None for label in labels), [w.text() for w in labels]
