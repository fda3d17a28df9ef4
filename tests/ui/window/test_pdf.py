"""PDF proofs in the window (issue 22): opened as a source or a variant like a .docx, what
their text layer leaves out said in the pane header, the Position column reading
page:line, and File ▸ Export writing the proof with its marks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.project.project import Project
from app.store.decisions import Decision, Status
from app.text.pages import PageMap
from tests.helpers.opening import drop, through_new_collation
from tests.helpers.paths import PDF_FIXTURES
from tests.helpers.window import WAIT, select_row
from ui.window.main_window import MainWindow

FIXTURES = PDF_FIXTURES


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """The committed proof (four slips) and its manuscript."""
    proof, manuscript = tmp_path / "清样.pdf", tmp_path / "原稿.docx"
    shutil.copy(FIXTURES / "proof.pdf", proof)
    shutil.copy(FIXTURES / "manuscript.docx", manuscript)
    return proof, manuscript


def test_a_pdf_proof_collates_against_its_manuscript(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, files: tuple[Path, Path]
) -> None:
    proof, manuscript = files
    through_new_collation(qtbot, window, monkeypatch, proof, manuscript)
    collation = window.collation()
    assert collation is not None and len(collation.loci) == 4
    assert window.source_label.text() == "清样.pdf · PDF · not read: running heads, page numbers"
    assert window.statusBar().currentMessage() == (
        "4 divergences. 清样.pdf: not read: running heads, page numbers"
        " · 原稿.docx: not read: headers"
    )
    model = window.apparatus.model
    positions = [model.data(model.index(row, 1)) for row in range(model.rowCount())]
    assert positions[0] == "1:1" and all(p.startswith("3:") for p in positions[1:])
    assert window.acts.export_pdf.isEnabled()


def test_a_dropped_pdf_is_a_variant_and_a_text_source_cannot_be_marked(
    qtbot: QtBot, window: MainWindow, files: tuple[Path, Path]
) -> None:
    proof, manuscript = files
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        drop(window, [manuscript, proof])
    assert window.witness_label.text() == "清样.pdf · PDF · not read: running heads, page numbers"
    assert not window.acts.export_pdf.isEnabled()  # marks go on a PDF source only


def test_export_writes_the_marked_proof_by_the_proofreaders_name(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    files: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    proof, manuscript = files
    through_new_collation(qtbot, window, monkeypatch, proof, manuscript)
    project = window.project
    assert project is not None
    first = project.loci[0].id
    project.log.apply("Accept", {first: _accept(project, first)})
    offered: list[str] = []

    def save_as(_parent: object, _title: str, name: str, filt: str) -> tuple[str, str]:
        offered.append(name)
        return str(tmp_path / "marked.pdf"), filt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a: pytest.fail(str(a))))
    window.acts.export_pdf.trigger()
    assert offered == [str(proof.parent / "清样-marked.pdf")]
    document = pdfium.PdfDocument(tmp_path / "marked.pdf")
    page = document[0]  # held: its raw handle is closed with it
    assert raw.FPDFPage_GetAnnotCount(page.raw) == 1


def _accept(project: Project, locus_id: int) -> Decision:
    locus = project.locus(locus_id)
    return Decision(Status.ACCEPTED, "原稿", locus.readings["原稿"])


def test_the_page_tab_draws_the_divergence_on_its_page_and_a_click_selects(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, files: tuple[Path, Path]
) -> None:
    proof, manuscript = files
    through_new_collation(qtbot, window, monkeypatch, proof, manuscript)
    collation = window.collation()
    assert collation is not None
    select_row(window, 0)
    with qtbot.waitSignal(window.page_tab.drawn, timeout=WAIT) as drawn:
        window.corrected_tabs.setCurrentWidget(window.page_view)
    view = window.page_view
    assert drawn.args == [1] and view.page == 1 and view.image is not None
    assert view.current and view.image.width() >= 400
    # the picture is the page: the slip's box stands over dark (inked) pixels
    box = view.current[0]
    scale = view.image.width() / view.size_points[0]
    x = int((box.left + box.right) / 2 * scale)
    y = int((view.size_points[1] - (box.bottom + box.top) / 2) * scale)
    inked = [
        view.image.pixelColor(x + dx, y + dy).lightness()
        for dx in range(-3, 4)
        for dy in range(-3, 4)
    ]
    assert min(inked) < 128
    # F8 to a divergence on page 3: its boxes at once, its picture when drawn
    with qtbot.waitSignal(window.page_tab.drawn, timeout=WAIT):
        window.acts.next.trigger()
    assert view.page == 3
    # a click on another divergence's box on page 3 selects that divergence
    pages = window.projects.source_pages()
    assert pages is not None
    current = window.session.current
    other = next(loc for loc in collation.loci if loc.id != current and pages.page(loc.start) == 3)
    target = pages.where(other.start, other.end).boxes[0]
    assert target in view.others
    rect = view.to_widget(target)
    QTest.mouseClick(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center().toPoint()
    )
    assert window.session.current == other.id
    assert view.current[0] == target and view.page == 3


def test_the_page_tab_of_a_text_source_draws_its_pdf_witness(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, files: tuple[Path, Path]
) -> None:
    """A manuscript source has no pages: the proof on the right has them, boxed there."""
    proof, manuscript = files
    through_new_collation(qtbot, window, monkeypatch, manuscript, proof)
    select_row(window, 0)
    with qtbot.waitSignal(window.page_tab.drawn, timeout=WAIT) as drawn:
        window.corrected_tabs.setCurrentWidget(window.page_view)
    view = window.page_view
    locus = window.current_locus()
    assert locus is not None and view.message == ""
    pages = proof_pages(window)
    where = pages.where(*locus.spans["清样"])
    assert drawn.args == [where.page] and view.page == where.page
    assert view.current == where.boxes


def proof_pages(window: MainWindow) -> PageMap:
    pages = window.projects.pages_of(window.workspace.witness("清样").loaded)
    assert pages is not None
    return pages
