"""Word documents in the window (issue 15): opened as a source or a variant like a text,
what they leave unread said in the status and kept in the pane headers, their encoding
shown as "Word", and File ▸ Export writing a Word document by the proofreader's name."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.export import outputs
from app.export.data import ExportError, ExportInput
from app.export.word import DEFAULT_AUTHOR
from tests.conftest import ROOT
from tests.helpers.i18n import compile_translations
from tests.helpers.opening import drop, through_new_collation
from tests.helpers.window import WAIT
from ui.dialogs.new_collation import text_filter
from ui.dialogs.preferences import PreferencesDialog
from ui.i18n import install_translators, remove_translators
from ui.settings import Settings
from ui.widgets.elided_label import ElidedLabel
from ui.window.main_window import MainWindow

BODY = ("天地玄黄，宇宙洪荒。", "日月盈昃，", "辰宿列张。")
CELLS = ("寒来暑往", "秋收冬藏")
LAST = "闰余成岁，律吕调阳。"
SOURCE_TEXT = f"{''.join(BODY)}\n{CELLS[0]}\n{CELLS[1]}\n{LAST}"
# the variant: 盈 -> 盁 in the bold run, 秋 -> 秌 in a table cell, 调 -> 調 (a script
# difference, which the default rules ignore)
VARIANT_TEXT = "天地玄黄，宇宙洪荒。日月盁昃，辰宿列张。\n寒来暑往\n秌收冬藏\n闰余成岁，律吕調阳。"


def word_document(path: Path, *, comment: bool = False) -> Path:
    """A .docx as editors send them: a header, body paragraphs with a bold run, a table;
    with ``comment``, a Word comment too (so two kinds of text are left unread)."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "《千字文》校样"
    paragraph = document.add_paragraph(BODY[0])
    paragraph.add_run(BODY[1]).bold = True
    paragraph.add_run(BODY[2])
    table = document.add_table(rows=1, cols=2)
    for cell, text in zip(table.rows[0].cells, CELLS, strict=True):
        cell.text = text
    document.add_paragraph(LAST)
    if comment:
        document.add_comment(paragraph.runs[0], text="查原书", author="编辑")
    document.save(str(path))
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """A Word source named as archives name them, and a plain-text variant."""
    source = word_document(tmp_path / "甲本.docx")
    variant = tmp_path / "乙本.txt"
    variant.write_text(VARIANT_TEXT, encoding="utf-8")
    return source, variant


@pytest.fixture
def chinese(qapp: object, tmp_path: Path) -> Iterator[str]:
    """The window in Simplified Chinese for one test (the committed translation, compiled
    now); English again afterwards."""
    compile_translations(tmp_path / "qm", ("zh_CN",))
    assert install_translators("zh_CN", tmp_path / "qm"), "the translation did not load"
    yield "zh_CN"
    remove_translators()


def test_the_file_dialogs_offer_word_documents_beside_texts(qapp: object) -> None:
    first, *others = text_filter().split(";;")
    assert first == (
        "Texts, Word documents, PDFs and scans"
        " (*.txt *.text *.md *.docx *.pdf *.png *.jpg *.jpeg *.tif *.tiff)"
    )
    assert "Word documents (*.docx)" in others and "All files (*)" in others
    assert "PDF proofs (*.pdf)" in others


def test_a_word_source_collates_against_a_text_and_says_what_was_not_read(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, files: tuple[Path, Path]
) -> None:
    source, variant = files
    through_new_collation(qtbot, window, monkeypatch, source, variant)
    collation = window.collation()
    assert collation is not None
    assert collation.source == SOURCE_TEXT  # paragraphs, the bold run and the cells, in order
    found = {(locus.source_text, locus.readings["乙本"]) for locus in collation.loci}
    assert found == {("盈", "盁"), ("秋", "秌")}
    assert window.project is not None  # decisions can be made and exported
    # the status says it, and keeps saying it after the count of divergences
    status = window.statusBar().currentMessage()
    assert status == "2 divergences. 甲本.docx: not read: headers"
    # and it stays findable in the pane header, where the encoding reads "Word"
    assert window.source_title.text() == "<b>Source</b>"
    assert window.source_label.text() == "甲本.docx · Word · not read: headers"
    assert window.source_label.toolTip() == f"{source}\n甲本.docx: not read: headers"
    assert window.witness_label.text() == "乙本.txt · utf-8"  # a text has nothing unread
    assert window.witness_label.toolTip() == str(variant)


def test_a_narrow_header_shortens_the_name_not_what_was_left_unread(qtbot: QtBot) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    name, tail = "002_4ea96290340b9324.docx", " · Word · not read: headers"
    label.setText(name, tail)
    assert label.text() == name + tail
    metrics = label.fontMetrics()
    label.resize(metrics.horizontalAdvance(tail) * 2, metrics.height())
    shown = label.shown_text()
    assert shown.endswith(tail) and shown.startswith("002_") and "…" in shown
    label.resize(metrics.horizontalAdvance(tail), metrics.height())  # not even the tail fits
    shown = label.shown_text()
    assert shown.startswith("00") and " · Word · not" in shown and shown.endswith("…")


def test_the_project_of_a_word_document_still_names_what_was_not_read(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, files: tuple[Path, Path]
) -> None:
    """The same files again: the window offers their project, which holds the texts
    without the document's parts; the window still says what was not read."""
    through_new_collation(qtbot, window, monkeypatch, *files)
    made = window.project
    assert made is not None
    assert window.open_files(str(files[0]), [str(files[1])])
    (box,) = [
        b for b in window.findChildren(QMessageBox, "existing-project-dialog") if b.isVisible()
    ]
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        box.defaultButton().click()  # Open the project
    assert window.project is not None and window.project.path == made.path
    assert window.source_label.text() == "甲本.docx · Word · not read: headers"
    assert window.statusBar().currentMessage() == "2 divergences. 甲本.docx: not read: headers"


@pytest.mark.subprocess
def test_the_unread_parts_are_said_in_chinese(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    chinese: str,
    tmp_path: Path,
    files: tuple[Path, Path],
) -> None:
    source = word_document(tmp_path / "丙本.docx", comment=True)
    through_new_collation(qtbot, window, monkeypatch, source, files[1])
    # the parts joined with the Chinese list separator
    assert window.statusBar().currentMessage() == "共 2 处异文。丙本.docx：未读取其中的页眉、批注"
    assert window.source_label.text() == "丙本.docx · Word · 未读取页眉、批注"


def test_a_dropped_word_document_opens_like_a_text(
    qtbot: QtBot, window: MainWindow, files: tuple[Path, Path], tmp_path: Path
) -> None:
    source, variant = files
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        drop(window, [source, variant])
    assert window.workspace.source is not None
    assert window.workspace.source.path == str(source)
    # dropped on an open collation, a Word document is one more variant
    copy = word_document(tmp_path / "丁本.docx", comment=True)
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        drop(window, [copy])
    assert window.workspace.witness_ids == ["乙本", "丁本"]
    assert window.current_witness() == "丁本"
    assert window.witness_label.text() == "丁本.docx · Word · not read: headers, comments"
    assert window.statusBar().currentMessage().endswith(" 丁本.docx: not read: headers, comments")
    counts = window.status_counts.text()
    assert "(Word)" in counts and "docx" not in counts


def test_a_damaged_word_document_is_a_one_line_error(
    window: MainWindow, files: tuple[Path, Path], tmp_path: Path
) -> None:
    damaged = tmp_path / "损坏.docx"
    damaged.write_bytes(word_document(tmp_path / "whole.docx").read_bytes()[:900])
    assert not window.open_files(str(damaged), [str(files[1])])
    boxes = [b for b in window.findChildren(QMessageBox, "error-dialog") if b.isVisible()]
    assert len(boxes) == 1
    text = boxes[0].text()
    boxes[0].close()
    assert text.startswith(f"'{damaged}' is a damaged Word document (")
    assert "\n" not in text
    assert window.workspace.source is None  # nothing half-opened


@pytest.fixture
def exports(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, Any]]:
    """write_docx (from the wordout branch) recorded instead of run; the save dialog
    answered with the name it offers, in tmp_path."""
    calls: list[dict[str, Any]] = []

    def write_docx(data: ExportInput, path: Path, *, tracked: bool, author: str) -> None:
        calls.append({"data": data, "path": path, "tracked": tracked, "author": author})

    def save_as(_parent: object, title: str, offered: str, filt: str) -> tuple[str, str]:
        calls.append({"title": title, "offered": offered, "filter": filt})
        return str(tmp_path / "out" / Path(offered).name), filt

    monkeypatch.setattr(outputs, "write_docx", write_docx)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    (tmp_path / "out").mkdir()
    return calls


def test_export_writes_word_documents_by_the_proofreaders_name(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    files: tuple[Path, Path],
    exports: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    source, variant = files
    through_new_collation(qtbot, window, monkeypatch, source, variant)
    window.acts.export_tracked.trigger()
    offered, wrote = exports
    assert Path(offered["offered"]) == source.parent / "甲本-tracked.docx"
    assert offered["filter"] == "Word documents (*.docx)"
    assert wrote["path"] == tmp_path / "out" / "甲本-tracked.docx"
    assert wrote["tracked"] is True and wrote["author"] == DEFAULT_AUTHOR == "Jiaokan"
    assert wrote["data"].source_document == source.read_bytes()  # the document to correct
    # the proofreader gives their name in the Preferences: the next export is theirs
    prefs = window.show_preferences()
    assert prefs.proofreader.text() == "Jiaokan"
    prefs.proofreader.setText("  王校对 ")
    prefs.accept()
    exports.clear()
    window.acts.export_word.trigger()
    offered, wrote = exports
    # beside the last export now, as the other exports do
    assert Path(offered["offered"]) == tmp_path / "out" / "甲本-corrected.docx"
    assert wrote["tracked"] is False and wrote["author"] == "王校对"
    assert "甲本-corrected.docx" in window.statusBar().currentMessage()


def test_a_failed_word_export_is_shown_like_the_others(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    files: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    through_new_collation(qtbot, window, monkeypatch, *files)

    def refuse(_data: ExportInput, _path: Path, *, tracked: bool, author: str) -> None:
        raise ExportError("export.mismatch", n="1")

    monkeypatch.setattr(outputs, "write_docx", refuse)
    assert not window.projects.export_to("tracked", str(tmp_path / "x.docx"))
    (box,) = [b for b in window.findChildren(QMessageBox, "error-dialog") if b.isVisible()]
    title, text = box.windowTitle(), box.text()
    box.close()
    assert title == "Export failed"
    assert text == str(ExportError("export.mismatch", n="1"))


def test_the_proofreaders_name_is_a_setting_with_a_default(
    qtbot: QtBot, settings: Settings
) -> None:
    assert settings.proofreader_name() == DEFAULT_AUTHOR
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.proofreader.setText("林校")
    dialog.accept()
    assert Settings(settings.path).proofreader_name() == "林校"
    again = PreferencesDialog(settings)
    qtbot.addWidget(again)
    assert again.proofreader.text() == "林校"
    again.proofreader.setText("   ")  # no name: the default again, not an empty author
    again.accept()
    assert Settings(settings.path).proofreader_name() == DEFAULT_AUTHOR


@pytest.mark.subprocess
def test_the_command_line_opens_a_word_document(files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, "-m", "ui.launch", *map(str, files), "--screenshot", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{out}: 2 divergences"
    assert out.stat().st_size > 0
