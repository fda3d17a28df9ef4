"""The session's promises kept through the keyboard, in the real window (headless Qt).

Each of these is a bug a proofreader met on the corpus pair or the demo; the
same behaviour is tested without a window in tests/app/session/test_session.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.helpers.window import in_view, locus_ids, select_row
from ui.settings import Settings
from ui.window.main_window import MainWindow

WAIT = 20_000


@pytest.fixture
def win(qtbot: QtBot, settings: Settings) -> Iterator[MainWindow]:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        assert window.open_demo()
    yield window
    window.session.shutdown()


def press(
    qtbot: QtBot, key: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key as the proofreader presses it: to whatever has the focus."""
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, mod)


def test_a_note_typed_then_f8_twice_stays_where_it_was_typed(qtbot: QtBot, win: MainWindow) -> None:
    ids = locus_ids(win)
    select_row(win, 0)
    win.locus_panel.note.setFocus()
    QTest.keyClicks(win.locus_panel.note, "see MS")  # QTest types ASCII only
    press(qtbot, Qt.Key.Key_F8)
    press(qtbot, Qt.Key.Key_F8)
    assert win.session.decision(ids[0]).note == "see MS"
    assert win.session.decision(ids[1]).note == ""
    assert win.session.decision(ids[2]).note == ""
    assert win.session.current == ids[2]
    # F8 took the keyboard back to the text: R decides, it does not type an "r"
    assert not win.locus_panel.note.hasFocus()
    assert win.locus_panel.note.text() == ""
    press(qtbot, Qt.Key.Key_R)
    assert win.session.decision(ids[2]).status == "rejected"
    assert "r" not in win.session.decision(ids[2]).note


def test_enter_in_the_note_then_f8_does_not_copy_it(qtbot: QtBot, win: MainWindow) -> None:
    ids = locus_ids(win)
    select_row(win, 0)
    win.locus_panel.note.setFocus()
    QTest.keyClicks(win.locus_panel.note, "doubtful")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_F8)
    win.apparatus.table.setFocus()  # leaving the note box commits nothing more
    assert win.session.decision(ids[0]).note == "doubtful"
    assert win.session.decision(ids[1]).note == ""


def test_under_the_undecided_filter_r_moves_to_the_very_next(qtbot: QtBot, win: MainWindow) -> None:
    view = win.apparatus
    view.status_filter.setCurrentIndex(view.status_filter.findData("undecided"))
    order = win.view_order()
    assert len(order) > 3
    win.session.select(order[0])
    view.table.setFocus()
    press(qtbot, Qt.Key.Key_R)
    assert win.session.current == order[1]
    press(qtbot, Qt.Key.Key_R)
    assert win.session.current == order[2]
    assert win.view_order() == order[2:]


def test_undo_selects_the_undone_divergence(qtbot: QtBot, win: MainWindow) -> None:
    ids = locus_ids(win)
    select_row(win, 3)
    win.apparatus.table.setFocus()
    press(qtbot, Qt.Key.Key_R)
    assert win.session.current != ids[3]
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.session.current == ids[3]
    assert win.session.decision(ids[3]).status == "undecided"
    assert not win.acts.undo.isEnabled() and win.acts.redo.isEnabled()
    press(
        qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert win.session.decision(ids[3]).status == "rejected"
    assert win.acts.undo.isEnabled() and not win.acts.redo.isEnabled()


def test_the_selection_stays_on_its_place_when_a_rule_is_toggled(
    qtbot: QtBot, win: MainWindow
) -> None:
    loci = win.session.loci
    row = len(loci) // 2
    before = loci[row]
    select_row(win, row)
    with qtbot.waitSignal(win.collationShown, timeout=WAIT):
        win.rule_actions["width"].setChecked(False)
    current = win.session.current_locus()
    assert current is not None
    assert current.id == before.id or current.start <= before.start <= current.end
    with qtbot.waitSignal(win.collationShown, timeout=WAIT):
        win.rule_actions["width"].setChecked(True)
    assert win.session.current_locus() == before


def test_the_corrected_text_follows_the_current_divergence(qtbot: QtBot, win: MainWindow) -> None:
    win.corrected_tabs.setCurrentWidget(win.corrected_pane)
    qtbot.waitUntil(lambda: bool(win.corrected_pane.text()), timeout=WAIT)
    last = len(win.session.loci) - 1
    select_row(win, last)
    locus = win.session.current_locus()
    assert locus is not None
    tail = len(win.corrected_pane.text()) - (len(win.session.collation.source) - locus.end)  # type: ignore[union-attr]
    assert in_view(win.corrected_pane, tail)


def _menu_actions(win: MainWindow) -> list[QAction]:
    out: list[QAction] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub.actions())
            elif not action.isSeparator():
                out.append(action)

    walk(win.menuBar().actions())
    return out


def test_every_shortcut_in_a_menu_triggers_its_action(qtbot: QtBot, win: MainWindow) -> None:
    """Bound once each: a key bound twice is "ambiguous" to Qt and does nothing at all."""
    actions = [a for a in _menu_actions(win) if a.shortcuts()]
    keys = [k.toString() for a in actions for k in a.shortcuts()]
    assert {"Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Q", "F8"} <= set(keys)  # the menus were read
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    counts: dict[str, int] = {}
    for action in actions:
        action.triggered.disconnect()  # only count: quitting or a file dialog would stop the test
        action.setEnabled(True)
        action.setVisible(True)
        action.triggered.connect(
            lambda _=False, a=action: counts.__setitem__(a.text(), counts.get(a.text(), 0) + 1)
        )
    for action in actions:
        for sequence in action.shortcuts():
            win.apparatus.table.setFocus()
            before = counts.get(action.text(), 0)
            QTest.keySequence(win.apparatus.table, sequence)
            assert counts.get(action.text(), 0) == before + 1, (
                action.text(),
                sequence.toString(QKeySequence.SequenceFormat.NativeText),
            )


def test_opening_the_same_files_again_offers_their_project(
    qtbot: QtBot, win: MainWindow, settings: Settings
) -> None:
    """Every launch on the same files used to make another project; now it offers the one."""
    from PySide6.QtWidgets import QMessageBox

    ids = locus_ids(win)
    win.session.reject([ids[0]])
    assert win.session.project is not None
    first = win.session.project.path
    win.close()
    again = MainWindow(Settings(settings.path))
    qtbot.addWidget(again)
    again.show()
    assert again.open_demo()
    (box,) = again.findChildren(QMessageBox, "existing-project-dialog")
    assert first.name in box.informativeText()
    assert "1 of 8 decided" in box.informativeText()
    with qtbot.waitSignal(again.collationShown, timeout=WAIT):
        box.defaultButton().click()
    assert again.session.project is not None and again.session.project.path == first
    assert again.session.decision(ids[0]).status == "rejected"
    assert sorted(first.parent.glob("*.jkproj")) == [first]
    # "New collation" makes a second project of the same files, as asked
    assert again.open_demo()
    (box,) = [
        b for b in again.findChildren(QMessageBox, "existing-project-dialog") if b.isVisible()
    ]
    new = next(b for b in box.buttons() if b is not box.defaultButton())
    with qtbot.waitSignal(again.collationShown, timeout=WAIT):
        new.click()
    assert again.session.project is not None and again.session.project.path != first
    assert len(list(first.parent.glob("*.jkproj"))) == 2
    again.session.shutdown()
