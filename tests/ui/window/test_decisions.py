"""Proofreading in the window, through the keyboard: decide, undo, bulk, reopen, export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.text.loading import load_text
from tests.helpers.window import (
    WAIT,
    Geometry,
    accept_what_a_recollation_cannot_place,
    current_row,
    locus_ids,
    make_window,
    select_row,
    visible_rows,
)
from ui.settings import Settings
from ui.window.main_window import DEMO_DIR, DEMO_FILES, MainWindow


@pytest.fixture
def window(qtbot: QtBot, settings: Settings, geometry: Geometry) -> Iterator[MainWindow]:
    win = make_window(qtbot, settings, geometry)
    with qtbot.waitSignal(win.collationShown, timeout=WAIT):
        assert win.open_demo()
    assert win.project is not None
    yield win
    win.session.shutdown()


def status(win: MainWindow, row: int) -> str:
    assert win.project is not None
    return win.project.status(locus_ids(win)[row])


def key(
    qtbot: QtBot,
    win: MainWindow,
    k: Qt.Key,
    mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    QTest.keyClick(win.apparatus.table, k, mod)


def test_keys_decide_and_move_on(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = window
    ids = win.workspace.witness_ids  # variant-typos, variant-ocr, variant-traditional
    win.witness_combo.setCurrentIndex(ids.index("variant-ocr"))
    select_row(win, 0)  # 楼: the OCR copy reads 搂
    key(qtbot, win, Qt.Key.Key_A)
    assert status(win, 0) == "accepted"
    assert win.project is not None and win.project.log.get(locus_ids(win)[0]).reading == "搂"
    assert current_row(win) == 1  # on to the next undecided
    key(qtbot, win, Qt.Key.Key_R)
    assert status(win, 1) == "rejected" and current_row(win) == 2
    key(qtbot, win, Qt.Key.Key_1)  # witness 1 is variant-typos: 糊 -> 湖
    assert win.project.log.get(locus_ids(win)[2]).witness == ids[0]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("功夫", True))
    select_row(win, 4)
    key(qtbot, win, Qt.Key.Key_E)
    assert win.project.log.get(locus_ids(win)[4]).reading == "功夫"
    select_row(win, 4)
    key(qtbot, win, Qt.Key.Key_U)
    assert status(win, 4) == "undecided"
    assert win.apparatus.model.index(0, win.apparatus.model.status_column).data() == (
        "accepted · variant-ocr"
    )
    assert "3 decided" in win.status_counts.text()


def test_undo_and_redo(qtbot: QtBot, window: MainWindow) -> None:
    win = window
    select_row(win, 0)
    key(qtbot, win, Qt.Key.Key_R)
    select_row(win, 1)
    key(qtbot, win, Qt.Key.Key_R)
    assert [status(win, r) for r in (0, 1)] == ["rejected", "rejected"]
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [status(win, r) for r in (0, 1)] == ["rejected", "undecided"]
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [status(win, r) for r in (0, 1)] == ["undecided", "undecided"]
    key(
        qtbot,
        win,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [status(win, r) for r in (0, 1)] == ["rejected", "undecided"]
    assert len(win.session.history()) == 2


def test_bulk_accept_is_one_undoable_step(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = window
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win.witness_combo.setCurrentIndex(win.workspace.witness_ids.index("variant-typos"))
    win.apparatus.witness_filter.setCurrentIndex(
        win.apparatus.witness_filter.findData("variant-typos")
    )
    shown = visible_rows(win)
    win.acts.accept_filter.trigger()
    assert all(status(win, r) == "accepted" for r in shown)
    assert len(win.session.history()) == 1
    win.acts.undo.trigger()
    assert all(status(win, r) == "undecided" for r in shown)


def test_reopen_restores_decisions_and_view(
    qtbot: QtBot, settings: Settings, window: MainWindow
) -> None:
    win = window
    assert win.project is not None
    path = str(win.project.path)
    win.witness_combo.setCurrentIndex(win.workspace.witness_ids.index("variant-traditional"))
    select_row(win, 3)
    key(qtbot, win, Qt.Key.Key_R)
    select_row(win, 5)
    decided = {lid: win.project.log.get(lid) for lid in locus_ids(win)}
    win.close()
    again = make_window(qtbot, Settings(settings.path))
    with qtbot.waitSignal(again.collationShown, timeout=WAIT):
        assert again.open_project(path)
    assert again.project is not None
    assert {lid: again.project.log.get(lid) for lid in locus_ids(again)} == decided
    assert current_row(again) == 5
    assert again.current_witness() == "variant-traditional"
    again.session.shutdown()


def test_export_corrected_text(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    win = window
    win.witness_combo.setCurrentIndex(win.workspace.witness_ids.index("variant-typos"))
    collation = win.collation()
    assert collation is not None
    row = next(i for i, loc in enumerate(collation.loci) if loc.source_text == "工")
    select_row(win, row)
    key(qtbot, win, Qt.Key.Key_A)
    out = tmp_path / "corrected.txt"
    assert win.projects.export_to("text", str(out))
    source = load_text(DEMO_DIR / DEMO_FILES[0]).text
    assert out.read_text(encoding="utf-8") == source.replace("最费工夫", "最费功夫")
    win.corrected_tabs.setCurrentWidget(win.corrected_pane)
    qtbot.waitUntil(lambda: "最费功夫" in win.corrected_pane.text(), timeout=WAIT)


def test_second_window_opens_the_project_read_only(
    qtbot: QtBot, settings: Settings, window: MainWindow
) -> None:
    assert window.project is not None
    path = str(window.project.path)
    other = make_window(qtbot, Settings(settings.path))
    with qtbot.waitSignal(other.collationShown, timeout=WAIT):
        assert other.open_project(path)
    assert other.project is not None and other.project.read_only
    info = other.findChild(QMessageBox, "info-dialog")
    assert info is not None and "read-only" in info.text()
    info.close()
    select_row(other, 0)
    other.acts.reject.trigger()
    assert other.project.status(locus_ids(other)[0]) == "undecided"
    assert "Read-only" in other.statusBar().currentMessage()
    assert "[read-only]" in other.windowTitle()
    other.session.shutdown()


def test_damaged_project_gets_a_message_and_stays_untouched(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    win = make_window(qtbot, settings)
    bad = tmp_path / "broken.jkproj"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    before = bad.read_bytes()
    assert not win.open_project(str(bad))
    box = win.findChild(QMessageBox, "error-dialog")
    assert box is not None and box.isVisible()
    box.close()
    assert bad.read_bytes() == before
    assert win.project is None


@pytest.mark.subprocess
def test_open_project_from_the_command_line_argument(qtbot: QtBot, window: MainWindow) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    assert window.project is not None
    path = str(window.project.path)
    count = len(window.project.loci)
    window.close()  # frees the lock
    out = Path(path).with_suffix(".png")
    done = subprocess.run(
        [sys.executable, "-m", "ui.launch", path, "--screenshot", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env=_env(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.exists() and f"{count} divergences" in done.stdout


def _env() -> dict[str, Any]:
    import os

    return dict(os.environ)


def test_dropping_a_project_file_opens_it(
    qtbot: QtBot, settings: Settings, window: MainWindow
) -> None:
    assert window.project is not None
    path = str(window.project.path)
    window.close()
    other = make_window(qtbot, Settings(settings.path))
    with qtbot.waitSignal(other.collationShown, timeout=WAIT):
        other.open_dropped([path])
    assert other.project is not None and str(other.project.path) == path
    assert not other.project.read_only
    other.session.shutdown()


def test_recollation_lists_decisions_it_cannot_place(qtbot: QtBot, window: MainWindow) -> None:
    win = window
    assert win.collation() is not None
    decided = accept_what_a_recollation_cannot_place(qtbot, win)
    box = win.findChild(QMessageBox, "unplaced-dialog")
    assert box is not None and box.isVisible()
    assert f"#{decided}" in box.informativeText()
    box.close()
    assert win.project is not None and decided in win.project.file.decisions()
    assert decided not in locus_ids(win)  # not applied: its locus is gone
    assert "decided" not in win.apparatus.count_label.text()


def test_accept_every_majority_suggestion(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = window
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    collation = win.collation()
    assert collation is not None
    # every copy reads 功夫 where the demo's source reads 工夫: 3 of 4 agree
    (row,) = [r for r, loc in enumerate(collation.loci) if loc.source_text == "工"]
    vote = collation.loci[row].agreement
    assert vote is not None and vote.majority and vote.likely_source_error
    win.acts.accept_majority.trigger()
    assert status(win, row) == "accepted"
    assert [status(win, r) for r in range(len(collation.loci))].count("accepted") == 1
    assert len(win.session.history()) == 1
    col = win.apparatus.model.agreement_column
    assert all("/4" in win.apparatus.model.index(r, col).data() for r in range(len(collation.loci)))


def test_a_check_finding_is_decided_like_any_locus(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    win = window
    collation = win.collation()
    assert collation is not None
    (row,) = [r for r, loc in enumerate(collation.loci) if loc.kind == "check"]
    assert collation.loci[row].readings == {"check": ""} and collation.loci[row].cls == "doubled"
    select_row(win, row)
    key(qtbot, win, Qt.Key.Key_A)  # the shown witness agrees: A takes the check's fix
    assert status(win, row) == "accepted"
    out = tmp_path / "fixed.txt"
    assert win.projects.export_to("text", str(out))
    assert "志愿者们分成" in out.read_text(encoding="utf-8")


def test_changed_source_is_offered_for_recollation(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    for name in DEMO_FILES:
        shutil.copy(DEMO_DIR / name, tmp_path / name)
    win = make_window(qtbot, settings)
    with qtbot.waitSignal(win.collationShown, timeout=WAIT):
        assert win.open_files(str(tmp_path / DEMO_FILES[0]), [str(tmp_path / DEMO_FILES[1])])
    assert win.project is not None
    collation = win.collation()
    assert collation is not None
    row = next(r for r, loc in enumerate(collation.loci) if loc.source_text == "糊")
    select_row(win, row)
    key(qtbot, win, Qt.Key.Key_A)
    decided = locus_ids(win)[row]
    path = str(win.project.path)
    win.close()
    source = tmp_path / DEMO_FILES[0]
    source.write_text("新加的一行开头。\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    asked: list[str] = []

    def yes(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args[1])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    again = make_window(qtbot, Settings(settings.path))
    with qtbot.waitSignal(again.collationShown, timeout=WAIT):
        assert again.open_project(path)
    qtbot.waitUntil(
        lambda: again.project is not None and again.project.source.text.startswith("新加"),
        timeout=WAIT,
    )
    assert asked == ["The source has changed"]
    assert again.project is not None
    assert again.project.log.get(decided).status == "accepted"  # found again by its context
    assert again.project.locus(decided).source_text == "糊"
    again.session.shutdown()
