"""The proofreader's desk on the real pair of copies: what a reader met at the default size.

A whole page of differing ending grew the window to 2073 px on a 1000 px screen and
hid the table; a long file name left the readings half a character wide; the
readings were smaller than the text and zoom did not reach them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.helpers.window import WAIT
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
    window.select_locus(0)

    def reading_size() -> float:
        sizes = re.findall(r"font-size:([\d.]+)pt", window.locus_panel.text())
        assert sizes
        return float(sizes[0])

    assert reading_size() == window.source_pane.font().pointSizeF()
    window.acts.zoom_in.trigger()
    assert reading_size() == window.source_pane.font().pointSizeF() > 12


def test_a_long_witness_name_leaves_the_reading_the_width(
    qtbot: QtBot, window: MainWindow, corpus: Path, tmp_path: Path
) -> None:
    open_pair(qtbot, window, corpus, tmp_path)
    window.select_locus(0)
    html = window.locus_panel.text()
    assert Path(LONG).stem not in html  # elided in the middle…
    assert "002_4ea" in html and "…" in html  # …keeping both ends
    # the chooser shows the witness, not a stub squeezed by the file name beside it
    combo = window.witness_combo
    assert combo.width() >= combo.fontMetrics().horizontalAdvance(Path(LONG).stem) // 2
