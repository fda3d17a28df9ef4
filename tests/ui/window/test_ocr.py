"""Scans in the window (issue 22): read by OCR in the background with the progress bar
and Cancel, opened like a PDF (the New collation dialog, a drop), their page drawn in
the Page tab with the characters boxed, and OCR's doubtful readings in the class filter."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.cancel import poll
from app.text import ocr as ocr_module
from app.text import scan_reading
from app.text.ocr import OcrResult
from tests.helpers.opening import drop, through_new_collation
from tests.helpers.paths import OCR_FIXTURES
from tests.helpers.window import WAIT, select_row, visible_rows
from ui.widgets.apparatus import OCR_DOUBT, OCR_DOUBT_LABEL
from ui.window.main_window import MainWindow

FIXTURES = OCR_FIXTURES


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """The scanned page, and its manuscript with one slip: 单元 where the page has 单位."""
    scan, manuscript = tmp_path / "扫描.png", tmp_path / "原稿.txt"
    shutil.copy(FIXTURES / "page.png", scan)
    text = (FIXTURES / "page.txt").read_text("utf-8")
    manuscript.write_text(text.replace("单位", "单元").replace("他们", "他們"), "utf-8")
    return scan, manuscript


def test_a_scan_is_read_in_the_background_then_collated(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, files: tuple[Path, Path]
) -> None:
    scan, manuscript = files
    scan_reading.forget_memory()
    fractions: list[float] = []
    window.scan_reader.progress.connect(fractions.append)
    with qtbot.waitSignal(window.scan_reader.started, timeout=WAIT):
        through_new_collation(qtbot, window, monkeypatch, scan, manuscript)
    collation = window.collation()
    assert collation is not None
    assert [(loc.source_text, loc.readings["原稿"]) for loc in collation.loci] == [("位", "元")]
    assert fractions and fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    assert window.source_label.text() == "扫描.png · OCR"
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()
    model = window.apparatus.model
    assert model.data(model.index(0, 1)) == "1:1"  # page:line on the scan


def test_cancel_stops_the_reading_and_opens_nothing(
    qtbot: QtBot, window: MainWindow, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    scan, manuscript = files
    scan_reading.forget_memory()
    started = threading.Event()
    real = ocr_module.read_pages

    def slow(data: bytes, shown: str, cancel: object, progress: object) -> OcrResult:
        started.set()
        while not cancel():  # type: ignore[operator]
            threading.Event().wait(0.01)
        poll(cancel)  # type: ignore[arg-type]
        return real(data, shown)

    monkeypatch.setattr(scan_reading, "read_pages", slow)
    window.show()
    with qtbot.waitSignal(window.scan_reader.started, timeout=WAIT):
        window.open_files(str(scan), [str(manuscript)])
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    qtbot.waitUntil(started.is_set, timeout=WAIT)
    with qtbot.waitSignal(window.scan_reader.finished, timeout=WAIT):
        window.cancel_button.click()
    assert window.session.workspace.source is None and window.project is None
    assert not window.cancel_button.isVisible()
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_dropped_scan_is_a_witness_and_the_page_tab_draws_it(
    qtbot: QtBot, window: MainWindow, files: tuple[Path, Path]
) -> None:
    scan, manuscript = files
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        drop(window, [manuscript, scan])
    assert window.witness_label.text() == "扫描.png · OCR"
    select_row(window, 0)
    with qtbot.waitSignal(window.page_tab.drawn, timeout=WAIT) as drawn:
        window.corrected_tabs.setCurrentWidget(window.page_view)
    view = window.page_view
    assert drawn.args == [1] and view.image is not None and len(view.current) == 1
    # the slip's box (the witness's 位, the manuscript being the source) is over ink
    box = view.current[0]
    scale = view.image.width() / view.size_points[0]
    x = int((box.left + box.right) / 2 * scale)
    y = int((view.size_points[1] - (box.bottom + box.top) / 2) * scale)
    inked = [
        view.image.pixelColor(x + dx, y + dy).lightness()
        for dx in range(-4, 5)
        for dy in range(-4, 5)
    ]
    assert min(inked) < 128


def test_the_class_filter_offers_what_ocr_likely_misread(
    qtbot: QtBot, window: MainWindow, files: tuple[Path, Path]
) -> None:
    scan, manuscript = files
    text = manuscript.read_text("utf-8")
    # a full stop as OCR could take it, far from the slip
    manuscript.write_text(text.replace("分量。", "分量o"), "utf-8")
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.open_files(str(scan), [str(manuscript)])
    collation = window.collation()
    assert collation is not None
    view = window.apparatus
    model = view.model
    doubtful = [row for row in range(model.rowCount()) if model.ocr_doubt(row)]
    assert [collation.loci[row].source_text for row in doubtful] == ["。"]
    assert model.data(model.index(doubtful[0], model.class_column)).endswith(OCR_DOUBT_LABEL)
    view.class_filter.setCurrentIndex(view.class_filter.findData(OCR_DOUBT))
    assert visible_rows(window) == doubtful


def test_a_damaged_scan_is_said_in_a_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Found damaged while it is read in the background: said when the files are opened."""
    broken = tmp_path / "broken.png"
    broken.write_bytes((FIXTURES / "page.png").read_bytes()[:2000])
    other = tmp_path / "b.txt"
    other.write_text("天地玄黄", "utf-8")
    window.show()

    def said() -> list[QMessageBox]:
        return [b for b in window.findChildren(QMessageBox, "error-dialog") if b.isVisible()]

    window.open_files(str(broken), [str(other)])
    qtbot.waitUntil(lambda: bool(said()), timeout=WAIT)
    (box,) = said()
    text = box.text()
    box.close()
    assert text.startswith(f"'{broken}' is a damaged image (") and "\n" not in text
    assert window.session.workspace.source is None  # nothing half-opened


def test_the_page_tab_says_why_it_is_empty_when_no_text_has_pages(
    qtbot: QtBot, window: MainWindow, files: tuple[Path, Path]
) -> None:
    _scan, manuscript = files
    retyped = manuscript.parent / "录入.txt"
    retyped.write_text(manuscript.read_text("utf-8").replace("单元", "单位"), "utf-8")
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.open_files(str(manuscript), [str(retyped)])
    window.corrected_tabs.setCurrentWidget(window.page_view)
    assert window.page_view.page == 0
    assert "a PDF or a scan" in window.page_view.message
