"""The main window, headless: what a proofreader sees and does, checked through Qt."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app.collation.collate import collate
from app.collation.loci import Collation
from app.text.loading import load_text
from tests.conftest import ROOT
from tests.helpers.window import WAIT, current_row, in_view, open_demo, select_row, visible_rows
from ui.settings import Settings
from ui.widgets.apparatus import ApparatusModel
from ui.window.main_window import DEMO_DIR, DEMO_FILES, MainWindow


def demo_collation(rules: tuple[str, ...] | None = None) -> Collation:
    source = load_text(DEMO_DIR / DEMO_FILES[0]).text
    witnesses = [(Path(f).stem, load_text(DEMO_DIR / f).text) for f in DEMO_FILES[1:]]
    return collate(source, witnesses, *([rules] if rules is not None else []), checks=True)


def loci_key(collation: Collation) -> list[tuple[int, int, dict[str, str]]]:
    return [(loc.start, loc.end, loc.readings) for loc in collation.loci]


def test_demo_table_rows_equal_the_engine_loci(qtbot: QtBot, window: MainWindow) -> None:
    shown = open_demo(qtbot, window)
    expected = demo_collation()
    assert loci_key(shown) == loci_key(expected)
    model = window.apparatus.model
    assert model.rowCount() == len(expected.loci)
    for row, locus in enumerate(expected.loci):
        assert model.index(row, 2).data() == (locus.source_text or "∅")
    assert window.apparatus.count_label.text() == f"{len(expected.loci)} divergences"


def test_model_passes_qt_model_tester(qtbot: QtBot, qtmodeltester: Any) -> None:
    model = ApparatusModel()
    model.set_collation(demo_collation())
    qtmodeltester.check(model)


@pytest.mark.any_size
def test_f8_visits_each_locus_in_order_and_scrolls_both_panes(
    qtbot: QtBot, window: MainWindow
) -> None:
    collation = open_demo(qtbot, window)
    wid = window.witness_combo.currentData()
    rows = list(range(len(collation.loci)))
    assert len(rows) > 5
    assert current_row(window) == 0
    visited: list[int] = []
    in_witness = 0
    for _ in rows:
        QTest.keyClick(window, Qt.Key.Key_F8)
        row = current_row(window)
        assert row is not None
        visited.append(row)
        locus = collation.loci[row]
        # where it starts, on a line wholly shown (a long one may not fit a small pane)
        assert in_view(window.source_pane, locus.start), row
        if wid in locus.spans:  # a divergence of another witness has no place in this one
            in_witness += 1
            assert in_view(window.witness_pane, locus.spans[wid][0]), row
    assert in_witness > 0  # the witness pane's scrolling was checked, not skipped
    assert visited == rows[1:] + rows[:1]  # wraps to the first
    assert "first" in window.statusBar().currentMessage()
    QTest.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert current_row(window) == rows[-1]


def test_toggling_a_rule_recollates(qtbot: QtBot, window: MainWindow) -> None:
    open_demo(qtbot, window)
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.rule_actions["width"].setChecked(False)
    expected = demo_collation(("whitespace", "script", "markup"))
    shown = window.collation()
    assert shown is not None and loci_key(shown) == loci_key(expected)
    assert len(shown.loci) > len(demo_collation().loci)
    assert window.settings.rules() == ("whitespace", "script", "markup")


def test_a_rule_toggled_after_the_window_looked_ahead_is_shown_without_collating(
    qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 24: the rule sets one toggle away are collated while the proofreader reads;
    the toggle then shows what collating gives, every decision kept, without collating."""
    monkeypatch.setattr(MainWindow, "look_ahead", 0.0)
    calls: list[tuple[str, ...]] = []

    def counting(*args: Any, **kwargs: Any) -> Collation:
        calls.append(tuple(args[2]))
        return collate(*args, **kwargs)

    win = MainWindow(settings, collate_function=counting)
    qtbot.addWidget(win)
    win.show()
    open_demo(qtbot, win)
    first = win.session.loci[0].id
    win.session.accept([first], win.session.witness_ids[0])
    qtbot.waitUntil(lambda: len(calls) == 5 and not win.session.looking_ahead, timeout=WAIT)
    with qtbot.waitSignal(win.collationShown, timeout=WAIT):
        win.rule_actions["script"].setChecked(False)
    # made ahead, and not collated again at the toggle (the window looks ahead from there)
    assert calls.count(("width", "whitespace", "markup")) == 1
    shown = win.collation()
    assert shown is not None and shown.rules == ("width", "whitespace", "markup")
    assert loci_key(shown) == loci_key(demo_collation(("width", "whitespace", "markup")))
    assert win.session.decision(first).status == "accepted"
    assert win.apparatus.model.rowCount() == len(shown.loci)
    win.session.shutdown()


class Gate:
    """A collate function that waits for the test before it runs (and can ignore cancel)."""

    def __init__(self, honour_cancel: bool = True) -> None:
        self.release = threading.Event()
        self.calls = 0
        self.honour_cancel = honour_cancel

    def __call__(self, *args: Any, **kwargs: Any) -> Collation:
        self.calls += 1
        first = self.calls == 1
        cancel = kwargs["cancel"]
        while first and not self.release.wait(0.01):
            if self.honour_cancel and cancel():
                from app.cancel import Cancelled

                raise Cancelled
        if first and not self.honour_cancel:
            kwargs["cancel"] = lambda: False
        return collate(*args, **kwargs)


def test_cancelled_run_leaves_no_highlights(qtbot: QtBot, settings: Settings) -> None:
    gate = Gate()
    win = MainWindow(settings, collate_function=gate)
    qtbot.addWidget(win)
    win.show()
    win.open_demo()
    qtbot.waitUntil(lambda: gate.calls == 1, timeout=WAIT)
    assert win.session.collating and win.cancel_button.isVisible()
    QTest.mouseClick(win.cancel_button, Qt.MouseButton.LeftButton)
    assert not win.session.collating
    assert win.source_pane.spans() == [] and win.witness_pane.spans() == []
    assert win.source_pane.extraSelections() == []
    assert win.apparatus.model.rowCount() == 0
    assert not win.cancel_button.isVisible()
    win.session.shutdown()


def test_stale_result_is_dropped(qtbot: QtBot, settings: Settings) -> None:
    gate = Gate(honour_cancel=False)
    win = MainWindow(settings, collate_function=gate)
    qtbot.addWidget(win)
    win.show()
    win.open_demo()  # run 1: all rules, held at the gate
    qtbot.waitUntil(lambda: gate.calls == 1, timeout=WAIT)
    win.rule_actions["script"].setChecked(False)  # run 2 supersedes it
    delivered: list[bool] = []
    win.collationShown.connect(lambda: delivered.append(True))
    with qtbot.waitSignal(win.collationShown, timeout=WAIT):
        gate.release.set()
    assert gate.calls == 2
    shown = win.collation()
    assert shown is not None and shown.rules == ("width", "whitespace", "markup")
    assert loci_key(shown) == loci_key(demo_collation(("width", "whitespace", "markup")))
    assert delivered == [True]  # only the second result was delivered
    win.session.shutdown()


def test_bad_file_gets_a_dialog_and_the_window_survives(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    binary = tmp_path / "scan.bin"
    binary.write_bytes(b"\x00\x01\x02 not text")
    assert not window.open_files(str(binary), [str(DEMO_DIR / DEMO_FILES[1])])
    box = window.findChild(QMessageBox, "error-dialog")
    assert box is not None and box.isVisible()
    assert "not a text file" in box.text()
    box.close()
    open_demo(qtbot, window)  # still usable


def test_worker_error_reaches_the_user(qtbot: QtBot, settings: Settings) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Collation:
        raise RuntimeError("the aligner fell over")

    win = MainWindow(settings, collate_function=broken)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.collationFailed, timeout=WAIT):
        win.open_demo()
    box = win.findChild(QMessageBox, "error-dialog")
    assert box is not None and "fell over" in box.text()
    box.close()
    assert not win.cancel_button.isVisible()


def test_non_bmp_character_is_highlighted_in_place(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    src, var = tmp_path / "src.txt", tmp_path / "var.txt"
    src.write_text("𠀀𠀁一二三四", encoding="utf-8")
    var.write_text("𠀀𠀂一二三肆", encoding="utf-8")
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.open_files(str(src), [str(var)])
    qtbot.waitUntil(lambda: len(window.source_pane.extraSelections()) == 2, timeout=WAIT)
    texts = [sel.cursor.selectedText() for sel in window.source_pane.extraSelections()]
    assert texts == ["𠀁", "四"]
    texts = [sel.cursor.selectedText() for sel in window.witness_pane.extraSelections()]
    assert texts == ["𠀂", "肆"]


def test_clicking_a_highlight_selects_its_row(qtbot: QtBot, window: MainWindow) -> None:
    collation = open_demo(qtbot, window)
    last = len(collation.loci) - 1
    select_row(window, 0)
    last_id = collation.loci[last].id
    assert window.source_pane.locus_at(collation.loci[last].start) == last_id
    window.source_pane.locusClicked.emit(last_id)
    assert current_row(window) == last


def test_zoom_and_layout_persist(qtbot: QtBot, settings: Settings) -> None:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
    before = win.source_pane.font().pointSizeF()
    QTest.keyClick(win, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert win.source_pane.font().pointSizeF() == before + 1
    win.resize(640, 480)
    win.close()
    again = MainWindow(Settings(settings.path))
    qtbot.addWidget(again)
    again.show()
    assert again.source_pane.font().pointSizeF() == before + 1
    assert (again.width(), again.height()) == (640, 480)


def test_adding_and_removing_a_variant(qtbot: QtBot, window: MainWindow) -> None:
    open_demo(qtbot, window)
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.remove_current_variant()
    shown = window.collation()
    assert shown is not None and shown.witness_ids == ("variant-ocr", "variant-traditional")
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.open_dropped([str(DEMO_DIR / DEMO_FILES[1])])
    shown = window.collation()
    assert shown is not None and len(shown.witness_ids) == 3
    assert window.witness_combo.currentText() == "variant-typos"


@pytest.mark.subprocess
def test_screenshot_command(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    files = [str(DEMO_DIR / f) for f in DEMO_FILES]
    done = subprocess.run(
        [sys.executable, "-m", "ui.launch", *files, "--screenshot", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000
    assert "divergences" in done.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "ui.launch", files[0], str(tmp_path / "missing.txt"),
         "--screenshot", str(tmp_path / "no.png")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )  # fmt: skip
    assert bad.returncode != 0 and "no such file" in bad.stderr
    assert not (tmp_path / "no.png").exists()


def test_filters_and_count(qtbot: QtBot, window: MainWindow) -> None:
    collation = open_demo(qtbot, window)
    view = window.apparatus
    total = len(collation.loci)
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("substitution"))
    subs = [loc for loc in collation.loci if loc.kind == "substitution"]
    assert view.visible_count() == len(subs)
    assert view.count_label.text() == f"{len(subs)} of {total} divergences"
    view.kind_filter.setCurrentIndex(0)
    view.witness_filter.setCurrentIndex(view.witness_filter.findData("variant-ocr"))
    assert view.visible_count() == collation.count("variant-ocr")
    view.witness_filter.setCurrentIndex(0)
    view.status_filter.setCurrentIndex(view.status_filter.findData("accepted"))
    assert view.visible_count() == 0  # nothing is decided yet
    view.status_filter.setCurrentIndex(view.status_filter.findData("undecided"))
    assert view.visible_count() == total


def test_sorting_by_a_column(qtbot: QtBot, window: MainWindow) -> None:
    collation = open_demo(qtbot, window)
    window.apparatus.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    shown = [
        window.session.locus(window.apparatus.id_at_view(i)) for i in range(len(collation.loci))
    ]
    texts = [locus.source_text for locus in shown if locus is not None]
    assert len(texts) == len(collation.loci)
    assert texts == sorted(texts)
    window.apparatus.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert window.apparatus.id_at_view(0) == collation.loci[-1].id


@pytest.mark.any_size
def test_clicking_the_ruler_jumps_to_a_divergence(qtbot: QtBot, window: MainWindow) -> None:
    collation = open_demo(qtbot, window)
    wid = window.witness_combo.currentData()
    # a mark per locus of the shown witness, and per finding of the source checks
    rows = [
        i for i, loc in enumerate(collation.loci) if wid in loc.readings or "check" in loc.readings
    ]
    marks = window.view.marks.marks  # what the ruler paints, each mark with its locus's id
    assert sorted(m.locus_id for m in marks) == sorted(collation.loci[r].id for r in rows)
    window.ruler.markClicked.emit(collation.loci[rows[-1]].id)
    assert current_row(window) == rows[-1]
    window.ruler.markClicked.emit(collation.loci[rows[0]].id)
    assert current_row(window) == rows[0]


@pytest.mark.any_size
def test_real_click_on_a_highlight_selects_its_row(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QTextCursor

    collation = open_demo(qtbot, window)
    pane = window.source_pane
    target = len(collation.loci) - 2
    locus = collation.loci[target]
    pane.reveal(locus.start, locus.end)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(locus.start + 1 if locus.end > locus.start + 1 else locus.start)
    rect = pane.cursorRect(cursor)
    QTest.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert current_row(window) == target


@pytest.mark.any_size
def test_panes_scroll_in_step(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    lines = [f"第{n}行的文字内容，用来测试两个窗格是否同步滚动。" for n in range(400)]
    source = "\n".join(lines)
    variant = "\n\n".join(line.replace("，", ",") for line in lines).replace(
        "第350行", "第三五零行"
    )
    src, var = tmp_path / "src.txt", tmp_path / "var.txt"
    src.write_text(source, encoding="utf-8")
    var.write_text(variant, encoding="utf-8")
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.open_files(str(src), [str(var)])
    window.source_pane.scroll_to_top(source.index("第200行"))
    top = window.witness_pane.top_offset()
    assert variant[top : top + 5] == "第200行"
    window.witness_pane.scroll_to_top(variant.index("第300行"))
    top = window.source_pane.top_offset()
    assert source[top : top + 5] == "第300行"


def test_font_choice_persists(qtbot: QtBot, settings: Settings) -> None:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_text_font("WenQuanYi Micro Hei", 15)
    win.close()
    again = MainWindow(Settings(settings.path))
    qtbot.addWidget(again)
    assert again.source_pane.font().pointSizeF() == 15
    assert again.settings.font_family() == "WenQuanYi Micro Hei"


def test_new_collation_dialog(qtbot: QtBot) -> None:
    from ui.dialogs.new_collation import NewCollationDialog

    dialog = NewCollationDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.source_edit.setText(str(DEMO_DIR / DEMO_FILES[0]))
    assert not ok.isEnabled()  # a source alone is not a collation
    dialog.add_variant_paths([str(DEMO_DIR / f) for f in DEMO_FILES[1:]])
    assert ok.isEnabled() and len(dialog.variants()) == 3


def test_recent_work_is_offered_on_the_welcome_page(qtbot: QtBot, settings: Settings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.collationShown, timeout=WAIT):
        first.open_demo()
    first.close()
    again = MainWindow(Settings(settings.path))
    qtbot.addWidget(again)
    again.show()
    assert again.welcome.recent_list.count() == 1
    item = again.welcome.recent_list.item(0)
    # what the proofreader recognises: the source, the copies, how far decided, when
    title, detail = item.text().split("\n")
    assert title == "source.txt"
    assert detail.startswith("against variant-typos.txt, variant-ocr.txt, variant-traditional.txt")
    assert " · 0 of 8 decided · " in detail
    assert item.toolTip().endswith(".jkproj")
    with qtbot.waitSignal(again.collationShown, timeout=WAIT):
        again.welcome.recent_list.itemActivated.emit(item)
    shown = again.collation()
    assert shown is not None and len(shown.witness_ids) == 3


def test_recent_is_read_again_in_a_pass_of_its_own_after_the_highlights(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Taking a new collation does not read every recent project's file: Recent is read
    again in a pass of the event loop after the one that drew the highlights."""
    waiting: list[list[str]] = []
    window.collationShown.connect(lambda: waiting.append(window.passes.waiting()))
    assert not window.recent_menu.actions()
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.open_demo()
    assert waiting == [["recent"]] and not window.recent_menu.actions()
    qtbot.waitUntil(lambda: not window.passes.waiting(), timeout=WAIT)
    (entry,) = window.recent_menu.actions()
    assert entry.text().startswith("&1 source.txt") and window.recent_menu.isEnabled()


def test_dropping_files_on_an_empty_window_opens_them(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(DEMO_DIR / f)) for f in DEMO_FILES[:2]])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.dropEvent(event)
    shown = window.collation()
    assert shown is not None and shown.witness_ids == ("variant-typos",)


def test_alt_arrows_step_like_f8(qtbot: QtBot, window: MainWindow) -> None:
    open_demo(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert current_row(window) == 1
    QTest.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert current_row(window) == 0


def test_splitter_sizes_persist(qtbot: QtBot, settings: Settings) -> None:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    win.main_splitter.setSizes([300, 200])
    sizes = win.main_splitter.sizes()
    win.close()
    again = MainWindow(Settings(settings.path))
    qtbot.addWidget(again)
    again.show()
    assert again.main_splitter.sizes() == sizes


def test_classes_show_and_filter(qtbot: QtBot, window: MainWindow) -> None:
    collation = open_demo(qtbot, window)
    view = window.apparatus
    col = view.model.class_column
    labels = [view.model.index(r, col).data() for r in range(len(collation.loci))]
    assert "重复" in labels and "互倒" in labels  # the doubled 们 and the swapped 耐心/细心
    view.class_filter.setCurrentIndex(view.class_filter.findData("doubled"))
    rows = visible_rows(window)
    assert rows and all(collation.loci[r].cls == "doubled" for r in rows)
    assert view.visible_count() == sum(1 for loc in collation.loci if loc.cls == "doubled")


def test_reviewing_what_the_rules_ignore(qtbot: QtBot, window: MainWindow) -> None:
    open_demo(qtbot, window)
    with qtbot.waitSignal(window.ignored_runner.finished, timeout=WAIT):
        window.acts.ignored.trigger()
    dialog = window.ignored_dialog
    assert dialog is not None and dialog.isVisible()
    shown = dialog.apparatus.model.collation()
    assert shown is not None and shown.loci
    classes = {loc.cls for loc in shown.loci}
    assert {"width", "script"} <= classes  # half-width commas, Traditional characters
    assert "ignore" in dialog.summary.text()
    dialog.close()


def test_colour_by_class(qtbot: QtBot, window: MainWindow) -> None:
    collation = open_demo(qtbot, window)
    window.witness_combo.setCurrentIndex(window.workspace.witness_ids.index("variant-typos"))
    window.acts.by_class.setChecked(True)
    kinds = {span.kind for span in window.source_pane.spans()}
    wanted = {
        loc.classes["variant-typos"] for loc in collation.loci if "variant-typos" in loc.readings
    }
    assert kinds == wanted and "swap" in kinds
    assert window.legend.findChild(QLabel, "label-swap") is not None
    assert window.settings.colour_by_class()
    window.acts.by_class.setChecked(False)
    assert "transposition" in {span.kind for span in window.source_pane.spans()}


def test_the_current_divergence_stays_marked_when_the_colouring_changes(
    qtbot: QtBot, window: MainWindow
) -> None:
    collation = open_demo(qtbot, window)
    window.witness_combo.setCurrentIndex(window.workspace.witness_ids.index("variant-typos"))
    row = next(i for i, loc in enumerate(collation.loci) if "variant-typos" in loc.readings)
    select_row(window, row)
    locus = collation.loci[row]
    current = QTextCharFormat.UnderlineStyle.SingleUnderline  # drawn so only when current
    for by_class in (True, False):
        window.acts.by_class.setChecked(by_class)
        for pane, at in (
            (window.source_pane, locus.start),
            (window.witness_pane, locus.spans["variant-typos"][0]),
        ):
            shown = pane.highlight_at(at)
            assert shown is not None and shown.underlineStyle() == current, (by_class, pane)


def test_help_lists_every_shortcut_and_the_licences(qtbot: QtBot, window: MainWindow) -> None:
    from ui.dialogs.help import AboutDialog, ShortcutsDialog

    dialog = ShortcutsDialog(window.actions(), window)
    qtbot.addWidget(dialog)

    def column(c: int) -> set[str]:
        items = [dialog.table.item(r, c) for r in range(dialog.table.rowCount())]
        assert None not in items
        return {item.text() for item in items if item is not None}

    keys, texts = column(1), column(0)
    assert {"F8, Alt+Down", "A", "R", "E", "U"} <= keys
    assert "Next divergence" in texts and not any("&" in t for t in texts)
    about = AboutDialog(window)
    qtbot.addWidget(about)
    assert "jieba" in about.text.text() and "LGPL-3.0" in about.text.text()
    from PySide6.QtCore import qVersion

    # the runtimes a frozen build carries, with the versions actually running
    assert f"<td>Qt</td><td>{qVersion()}</td>" in about.text.text()
    assert f"<td>Python</td><td>{sys.version.split()[0]}</td>" in about.text.text()
    # every library's version is found, so a build without package metadata fails here
    assert "<td>—</td>" not in about.text.text()


def test_preferences_set_the_font_and_the_starting_rules(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    dialog = window.show_preferences()
    dialog.font_size.setValue(17)
    dialog.rules["script"].setChecked(False)
    dialog.accept()
    assert window.source_pane.font().pointSizeF() == 17  # at once
    assert settings.font_size() == 17
    assert settings.rules() == ("width", "whitespace", "markup")
    again = MainWindow(Settings(settings.path))
    qtbot.addWidget(again)
    assert not again.rule_actions["script"].isChecked()  # a new window starts with them
