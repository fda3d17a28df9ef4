"""The text pane highlights lazily: what it paints depends on its size, the font and
where it is scrolled, so what it says about a place must not."""

from __future__ import annotations

from functools import partial

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from tests.helpers.window import WAIT, in_view, open_demo, painted_at, scroll_to, select_row
from ui.widgets.panes import Span, TextPane
from ui.window.main_window import MainWindow

LINES = [
    f"第{n}行：" + "春天来了河边的柳树发了芽孩子们在草地上放风筝" * (1 + n % 3) for n in range(60)
]
TEXT = "\n".join(LINES)
STARTS = [sum(len(line) + 1 for line in LINES[:n]) for n in range(len(LINES))]


def spans() -> list[Span]:
    """A divergence on every line, one long one over five lines with short ones nested in
    it, decided ones, and insertion points (a bar, no format)."""
    found = [Span(STARTS[10] + 2, STARTS[15] - 3, "deletion", 0)]
    for n, at in enumerate(STARTS):
        kind = ("substitution", "transposition", "insertion")[n % 3]
        length = 0 if kind == "insertion" else 4 + n % 5
        found.append(Span(at + 3, at + 3 + length, kind, n + 1, n % 4 == 0))
    return sorted(found, key=lambda s: s.start)


SPANS = spans()
CURRENT = 11  # line 10's, inside the long one


def looks(fmt: QTextCharFormat | None) -> tuple[str, ...] | None:
    """What the eye sees of a format: fill, text colour, underline and its colour."""
    if fmt is None:
        return None
    return (
        fmt.background().color().name() if fmt.background().style() else "",
        fmt.foreground().color().name() if fmt.foreground().style() else "",
        str(fmt.underlineStyle()),
        fmt.underlineColor().name(),
    )


def paints(pane: TextPane, ranges: set[tuple[int, int]]) -> bool:
    """The pane's highlights are over exactly ``ranges``."""
    return {
        (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in pane.extraSelections()
    } == ranges


@pytest.fixture(params=[((260, 110), 24.0), ((900, 640), 9.0)], ids=["small-large", "big-small"])
def pane(qtbot: QtBot, request: pytest.FixtureRequest) -> TextPane:
    (width, height), points = request.param
    pane = TextPane()
    qtbot.addWidget(pane)
    pane.set_font_size("", points)
    pane.resize(width, height)
    pane.set_text(TEXT)
    pane.set_spans(SPANS)
    pane.set_current(CURRENT)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def test_what_is_painted_is_what_the_pane_says_of_each_place(qtbot: QtBot, pane: TextPane) -> None:
    offsets_checked = 0
    for target in SPANS:
        scroll_to(pane, target.start, target.end)
        lo, hi = pane.visible_range()
        # only what touches the view is painted, and all of it
        expected = {
            (s.start, s.end) for s in SPANS if s.start < s.end and s.end >= lo and s.start <= hi
        }
        qtbot.waitUntil(partial(paints, pane, expected), timeout=WAIT)
        assert len(expected) < len([s for s in SPANS if s.start < s.end])  # lazy: not all
        # each end of every span in view, inside and out, and across nested ones
        edges = {at for s in SPANS for at in (s.start - 1, s.start, s.end - 1, s.end)}
        for offset in sorted(at for at in edges if lo <= at < min(hi, len(TEXT))):
            assert looks(painted_at(pane, offset)) == looks(pane.highlight_at(offset)), offset
            offsets_checked += 1
    assert offsets_checked > len(SPANS)
    current = next(s for s in SPANS if s.locus_id == CURRENT)
    outer = next(s for s in SPANS if s.locus_id == 0)
    assert outer.start < current.start < current.end < outer.end
    # the current one is drawn over the long one it sits in, whether in view or not
    pane.scroll_to_top(len(TEXT) - 1)
    assert current.end < pane.visible_range()[0]
    assert looks(pane.highlight_at(current.start)) != looks(pane.highlight_at(outer.start))
    assert pane.highlight_at(STARTS[20]) is None  # "第": no divergence there


def on_the_top_line(pane: TextPane, offset: int) -> bool:
    """The line holding ``offset`` starts at the top of the view (within half a line: Qt
    scrolls by lines but may draw them a pixel or so lower or higher)."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(offset)  # all of LINES is in the Basic Multilingual Plane
    line = pane.cursorRect(cursor)
    return abs(line.top()) < line.height() / 2


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.7])
def test_a_new_width_keeps_the_first_character_shown_at_the_top(
    qtbot: QtBot, pane: TextPane, fraction: float
) -> None:
    # paragraphs of many lines each, more than the largest pane shows after any of them:
    # Qt keeps the top paragraph and the number of the line in it, which a new width
    # rewraps to another place
    text = "\n".join(["".join(LINES[k : k + 20]) for k in range(0, len(LINES), 20)] * 20)
    pane.set_text(text)
    pane.scroll_to_top(int(fraction * len(text)))
    kept = 0
    for width in (pane.width() // 2, pane.width() * 2, pane.width() + 3, pane.width() - 40):
        first = pane.top_offset()  # after a wider one, the start of a longer line
        pane.resize(width, pane.height())
        bar = pane.verticalScrollBar()
        if bar.value() == bar.maximum():  # what follows fits in the view: it ends the view
            lo, hi = pane.visible_range()
            assert lo <= first <= hi, width
            continue
        assert pane.top_offset() <= first, width
        assert on_the_top_line(pane, first), width
        kept += 1
    assert kept >= 3  # the text is long enough for the top to be kept, not the end shown


def at_the_bottom(pane: TextPane, offset: int) -> None:
    """Scroll so that ``offset``'s line is the last one wholly in view."""
    bar = pane.verticalScrollBar()
    pane.reveal(offset, offset)
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + 1)
        if not in_view(pane, offset):
            bar.setValue(bar.value() - 1)
            break
    assert in_view(pane, offset)


def test_the_current_divergence_stays_in_view_whatever_the_pane_is_resized_to(
    qtbot: QtBot, pane: TextPane
) -> None:
    """A smaller window (1024×700) left the current divergence below the bottom of both
    panes: the first line was kept at the top, and the rest wrapped further down."""
    current = next(s for s in SPANS if s.locus_id == CURRENT)
    width, height = pane.width(), pane.height()
    sizes = (
        (width * 2 // 3, height),
        (width, height * 3 // 4),
        (width // 2, height),
        (width, height),
    )
    for w, h in sizes:
        at_the_bottom(pane, current.end)
        pane.resize(w, h)
        assert in_view(pane, current.start, current.end), (w, h)


@pytest.mark.any_size
def test_switching_copies_keeps_the_current_divergence_in_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    collation = open_demo(qtbot, window)
    ids = window.workspace.witness_ids
    for wid in ids:
        window.witness_combo.setCurrentIndex(ids.index(wid))
        row = max(i for i, loc in enumerate(collation.loci) if wid in loc.spans)
        select_row(window, row)
        other = ids[(ids.index(wid) + 1) % len(ids)]
        window.witness_combo.setCurrentIndex(ids.index(other))  # new names, a new layout
        QCoreApplication.sendPostedEvents()  # the layout it asked for, and what it resizes
        assert in_view(window.source_pane, collation.loci[row].start), (wid, row)
