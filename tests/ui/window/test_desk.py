"""The proofreader's desk on the real pair of copies: what a reader met at the default size.

A whole page of differing ending grew the window to 2073 px on a 1000 px screen and
hid the table; a long file name left the readings half a character wide; the
readings were smaller than the text and zoom did not reach them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers.window import WAIT, select_row
from ui.window.main_window import MainWindow

LONG = "002_4ea96290340b9324_retyped_copy_from_the_county_archive.txt"


def open_pair(qtbot: QtBot, window: MainWindow, corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "000_3cf06c38faf44306.txt"
    variant = tmp_path / LONG
    shutil.copyfile(corpus / source.name, source)
    shutil.copyfile(corpus / "002_4ea96290340b9324.txt", variant)
    window.resize(1280, 820)
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        assert window.open_files(str(source), [str(variant)])


def test_a_whole_page_divergence_never_resizes_the_window(
    qtbot: QtBot, window: MainWindow, corpus: Path, tmp_path: Path
) -> None:
    open_pair(qtbot, window, corpus, tmp_path)
    size = window.size()
    loci = window.session.loci
    longest = max(loci, key=lambda loc: max(map(len, [loc.source_text, *loc.readings.values()])))
    assert max(len(longest.source_text), *map(len, longest.readings.values())) > 400
    window.session.select(longest.id)
    qtbot.wait(50)  # let the layout settle, as a person would see it
    assert window.size() == size
    assert window.apparatus.isVisible() and window.apparatus.height() > 100
    assert window.locus_panel.note.isVisible()
    # the reading is shortened in the middle, with a way to see it whole
    assert "Show all" in window.locus_panel.text()


def test_the_readings_are_as_large_as_the_text_and_zoom_reaches_them(
    qtbot: QtBot, window: MainWindow, corpus: Path, tmp_path: Path
) -> None:
    open_pair(qtbot, window, corpus, tmp_path)
    select_row(window, 0)

    def reading_size() -> float:
        sizes = re.findall(r"font-size:([\d.]+)pt", window.locus_panel.text())
        assert sizes
        return float(sizes[0])

    before = window.source_pane.font().pointSizeF()
    assert reading_size() == before
    window.acts.zoom_in.trigger()
    assert reading_size() == window.source_pane.font().pointSizeF() > before


def test_a_long_witness_name_leaves_the_reading_the_width(
    qtbot: QtBot, window: MainWindow, corpus: Path, tmp_path: Path
) -> None:
    open_pair(qtbot, window, corpus, tmp_path)
    select_row(window, 0)
    html = window.locus_panel.text()
    assert Path(LONG).stem not in html  # elided in the middle…
    assert "002_4ea" in html and "…" in html  # …keeping both ends
    # the chooser shows the witness, not a stub squeezed by the file name beside it
    combo = window.witness_combo
    assert combo.width() >= combo.fontMetrics().horizontalAdvance(Path(LONG).stem) // 2


SOURCE = "春天来了。\n孩子们在草地上放风筝，笑声传得很远。\n老人坐在门口晒太阳。\n"


def open_nested(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> tuple[int, int]:
    """One copy's typo (筝 → 争) inside the paragraph another copy lacks: (typo, paragraph)."""
    texts = {
        "source": SOURCE,
        "typo": SOURCE.replace("风筝", "风争"),
        "short": SOURCE.replace("孩子们在草地上放风筝，笑声传得很远。\n", ""),
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.open_files(str(tmp_path / "source.txt"), [str(tmp_path / "typo.txt"),
                                                         str(tmp_path / "short.txt")])  # fmt: skip
    loci = window.session.loci
    typo = next(loc.id for loc in loci if loc.source_text == "筝")
    paragraph = next(loc.id for loc in loci if "short" in loc.readings)
    return typo, paragraph


def test_nested_loci_both_show_and_a_click_takes_the_inner_one(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    typo, paragraph = open_nested(qtbot, window, tmp_path)
    window.witness_combo.setCurrentIndex(1)  # "short": its long locus around the typo
    assert paragraph in {span.locus_id for span in window.source_pane.spans()}
    at = SOURCE.index("筝")
    window.witness_combo.setCurrentIndex(0)  # "typo": its own one-character locus
    assert typo in {span.locus_id for span in window.source_pane.spans()}
    assert window.source_pane.locus_at(at) == typo
    window.session.select(typo)
    number = (window.session.row_of(paragraph) or 0) + 1
    assert f"inside divergence {number}" in window.locus_panel._title.text()


def test_accepting_over_a_decided_overlap_asks_first(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typo, paragraph = open_nested(qtbot, window, tmp_path)
    window.session.accept([paragraph], "short")
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.session.select(typo)
    window.apparatus.table.setFocus()
    QTest.keyClick(window.apparatus.table, Qt.Key.Key_1)  # accept the first copy, "typo"
    assert asked and "overlaps" in asked[0]
    assert not window.session.decision(typo).decided  # No: nothing changed
    assert window.session.decision(paragraph).status == "accepted"
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    QTest.keyClick(window.apparatus.table, Qt.Key.Key_1)
    assert window.session.decision(typo).status == "accepted"
    assert not window.session.decision(paragraph).decided


def test_the_pane_finds_the_innermost_locus_and_a_long_one_far_back(window: MainWindow) -> None:
    from ui.widgets.panes import Span

    pane = window.source_pane
    pane.set_text("甲" * 200)
    inner = [Span(k * 2 + 1, k * 2 + 2, "substitution", k + 1) for k in range(20)]
    pane.set_spans([Span(0, 150, "deletion", 0), *inner])
    assert pane.locus_at(5) == 3  # inside the long one, on a short one of its own
    assert pane.locus_at(120) == 0  # twenty spans later, still inside the long one
    assert pane.locus_at(180) is None
