"""The overview ruler, the kind legend and their colours, driven headless through Qt."""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import combinations

import pytest
from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.collation.loci import KINDS
from ui.colors import (
    contrast,
    current_color,
    is_dark,
    kind_background,
    kind_label,
    kind_mark,
)
from ui.widgets import overview
from ui.widgets.legend import KindLegend
from ui.widgets.overview import OverviewRuler

HEIGHT = 400
WAIT = 1000


def light_palette() -> QPalette:
    palette = QPalette(QColor("#efefef"), QColor("#efefef"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    return palette


def dark_palette() -> QPalette:
    palette = QPalette(QColor("#3c3c3c"), QColor("#2d2d2d"))
    for role, color in (
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#ffffff"),
        (QPalette.ColorRole.WindowText, "#ffffff"),
    ):
        palette.setColor(role, QColor(color))
    return palette


@pytest.fixture
def ruler(qtbot: QtBot) -> OverviewRuler:
    widget = OverviewRuler()
    qtbot.addWidget(widget)
    widget.setPalette(light_palette())
    widget.resize(widget.sizeHint().width(), HEIGHT)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def pixel(widget: QWidget, x: int, y: int) -> QColor:
    return widget.grab().toImage().pixelColor(x, y)


# -- colours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dark"),
    [("#000000", False), ("#ffffff", True), ("#333333", False), ("#dcdcdc", True)],
    ids=["black", "white", "soft-dark-text", "soft-light-text"],
)
def test_text_on_every_background_meets_wcag_aaa(text: str, dark: bool) -> None:
    for kind in (*KINDS, "unknown"):
        assert contrast(QColor(text), kind_background(kind, dark)) >= 7, kind


def test_the_current_outline_shows_on_every_background() -> None:
    for kind in KINDS:
        for dark in (False, True):
            assert contrast(current_color(dark), kind_background(kind, dark)) >= 7, kind


def test_marks_stand_out_from_a_dark_ruler() -> None:
    base = dark_palette().color(QPalette.ColorRole.Base)
    window = dark_palette().color(QPalette.ColorRole.Window)
    for kind in KINDS:
        assert min(contrast(kind_mark(kind, True), c) for c in (base, window)) >= 3, kind


def test_each_kind_has_its_own_colours() -> None:
    for dark in (False, True):
        for pick in (kind_background, kind_mark):
            names = [pick(kind, dark).name() for kind in KINDS]
            assert len(set(names)) == len(KINDS)
    for a, b in combinations(KINDS, 2):
        assert kind_mark(a, True) != kind_mark(b, True)


def test_an_unknown_kind_is_grey() -> None:
    for dark in (False, True):
        assert kind_mark("conflation", dark).hsvSaturation() == 0
        assert kind_background("conflation", dark).hsvSaturation() == 0


def test_dark_is_judged_by_the_window() -> None:
    assert not is_dark(light_palette())
    assert is_dark(dark_palette())


def test_labels_pass_through_translation_untouched_without_a_translator() -> None:
    assert [kind_label(kind) for kind in KINDS] == list(KINDS)
    assert kind_label("conflation") == "conflation"


# -- the ruler -------------------------------------------------------------------------


def test_clicking_a_mark_emits_its_index(qtbot: QtBot, ruler: OverviewRuler) -> None:
    ruler.set_marks([(0.1, 0.12, "substitution"), (0.5, 0.5, "insertion"), (0.9, 1.0, "move")])
    for y, index in ((int(0.5 * HEIGHT), 1), (int(0.5 * HEIGHT) - 2, 1), (HEIGHT - 1, 2)):
        with (
            qtbot.assertNotEmitted(ruler.positionClicked),
            qtbot.waitSignal(ruler.markClicked, timeout=WAIT) as blocker,
        ):
            QTest.mouseClick(ruler, Qt.MouseButton.LeftButton, pos=QPoint(7, y))
        assert blocker.args == [index]


def test_a_click_between_two_marks_takes_the_nearer(qtbot: QtBot, ruler: OverviewRuler) -> None:
    ruler.set_marks([(100 / HEIGHT, 100 / HEIGHT, "deletion"), (106 / HEIGHT, 0.27, "move")])
    with qtbot.waitSignal(ruler.markClicked, timeout=WAIT) as blocker:
        QTest.mouseClick(ruler, Qt.MouseButton.LeftButton, pos=QPoint(7, 104))
    assert blocker.args == [1]


def test_clicking_empty_space_emits_the_fraction(qtbot: QtBot, ruler: OverviewRuler) -> None:
    ruler.set_marks([(0.1, 0.12, "substitution"), (0.5, 0.5, "insertion")])
    with (
        qtbot.assertNotEmitted(ruler.markClicked),
        qtbot.waitSignal(ruler.positionClicked, timeout=WAIT) as blocker,
    ):
        QTest.mouseClick(ruler, Qt.MouseButton.LeftButton, pos=QPoint(7, 300))
    assert blocker.args[0] == pytest.approx(300 / HEIGHT, abs=1 / HEIGHT)


def send(ruler: OverviewRuler, kind: QEvent.Type, y: int, held: bool) -> None:
    """A mouse event as a real drag delivers it (qtbot's mouseMove carries no buttons)."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    at = QPointF(7, y)
    button = none if kind == QEvent.Type.MouseMove else left
    event = QMouseEvent(
        kind, at, ruler.mapToGlobal(at), button, left if held else none, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(ruler, event)


def test_dragging_scrubs_through_the_document(qtbot: QtBot, ruler: OverviewRuler) -> None:
    ruler.set_marks([(0.5, 0.5, "insertion")])
    seen: list[float] = []
    ruler.positionClicked.connect(seen.append)
    send(ruler, QEvent.Type.MouseButtonPress, 200, held=True)  # on the mark: a jump
    send(ruler, QEvent.Type.MouseMove, 201, held=True)  # a tremble is no scrub
    assert seen == []
    for y in (240, 280, 320, HEIGHT + 50):
        send(ruler, QEvent.Type.MouseMove, y, held=True)
    send(ruler, QEvent.Type.MouseButtonRelease, HEIGHT + 50, held=False)
    send(ruler, QEvent.Type.MouseMove, 100, held=False)  # button up: no longer scrubbing
    assert seen == pytest.approx([240 / HEIGHT, 280 / HEIGHT, 320 / HEIGHT, 1.0])


def test_a_hundred_thousand_marks_paint(qtbot: QtBot, ruler: OverviewRuler) -> None:
    rng = random.Random(7)
    starts = sorted(rng.random() for _ in range(100_000))
    marks = [(s, min(1.0, s + rng.random() * 1e-5), rng.choice(KINDS)) for s in starts]
    marks[0] = (0.0, 1.0, "move")  # one mark over everything must not slow hit-tests
    ruler.set_marks(marks)
    image = ruler.grab().toImage()
    assert not image.isNull() and image.height() == HEIGHT
    marked = {image.pixelColor(7, y).name() for y in range(HEIGHT)}
    assert marked <= {kind_mark(kind, False).name() for kind in KINDS} | {"#ffffff"}
    with qtbot.waitSignal(ruler.markClicked, timeout=WAIT) as blocker:
        QTest.mouseClick(ruler, Qt.MouseButton.LeftButton, pos=QPoint(7, 200))
    start, end, _ = marks[blocker.args[0]]
    assert int(start * HEIGHT) - 3 <= 200 <= int(end * HEIGHT) + 5


def test_every_mark_is_at_least_two_pixels(ruler: OverviewRuler) -> None:
    ruler.set_marks([(0.25, 0.25, "deletion"), (1.0, 1.0, "move")])
    for y, kind in ((100, "deletion"), (101, "deletion"), (HEIGHT - 2, "move")):
        assert pixel(ruler, 7, y) == kind_mark(kind, False)
    assert pixel(ruler, 7, 102) == light_palette().color(QPalette.ColorRole.Base)


def test_the_current_mark_spans_the_width_outlined(ruler: OverviewRuler) -> None:
    ruler.set_marks([(0.25, 0.26, "deletion"), (0.5, 0.51, "insertion")])
    assert pixel(ruler, 1, 201) != current_color(False)
    ruler.set_current(1)
    assert pixel(ruler, 1, 201) == kind_mark("insertion", False)
    assert pixel(ruler, 0, 201) == current_color(False)
    assert pixel(ruler, 1, 101) != kind_mark("deletion", False)
    ruler.set_current(None)
    assert pixel(ruler, 0, 201) != current_color(False)


def test_the_viewport_band_leaves_mark_colours_alone(ruler: OverviewRuler) -> None:
    ruler.set_marks([(0.5, 0.51, "move")])
    outside = pixel(ruler, 1, 100)
    ruler.set_viewport(0.4, 0.6)
    assert pixel(ruler, 1, 200) != outside  # the band shows ...
    assert pixel(ruler, 1, 100) == outside
    assert pixel(ruler, 7, 201) == kind_mark("move", False)  # ... under the marks


def test_a_row_names_its_kinds_commonest_first(ruler: OverviewRuler) -> None:
    ruler.set_marks([(0.5, 0.5, "move"), (0.5, 0.5, "insertion"), (0.5, 0.5, "insertion")])
    assert ruler.kinds_at(200) == [("insertion", 2), ("move", 1)]
    assert ruler.kinds_at(300) == []
    assert pixel(ruler, 7, 200) == kind_mark("insertion", False)


class FakeToolTip:
    """Stands in for QToolTip: a real one raises a window, which offscreen Qt warns about."""

    text = ""

    @classmethod
    def showText(cls, pos: QPoint, text: str, *args: object) -> None:
        cls.text = text

    @classmethod
    def hideText(cls) -> None:
        cls.text = ""


def test_hovering_a_row_tells_its_kinds(
    ruler: OverviewRuler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overview, "QToolTip", FakeToolTip)
    ruler.set_marks([(0.5, 0.5, "move"), (0.5, 0.5, "insertion"), (0.5, 0.5, "insertion")])
    for y, text in ((200, "insertion: 2\nmove: 1"), (300, "")):
        at = QPoint(7, y)
        QApplication.sendEvent(ruler, QHelpEvent(QEvent.Type.ToolTip, at, ruler.mapToGlobal(at)))
        assert FakeToolTip.text == text


def test_the_ruler_says_what_it_is(ruler: OverviewRuler) -> None:
    assert ruler.accessibleName() == "Overview of divergences"
    assert ruler.sizeHint().width() == 14


def test_unsorted_marks_are_refused(ruler: OverviewRuler) -> None:
    with pytest.raises(ValueError, match="sorted"):
        ruler.set_marks([(0.5, 0.6, "move"), (0.1, 0.2, "move")])


# -- the legend ------------------------------------------------------------------------


@pytest.fixture
def legend(qtbot: QtBot) -> Iterator[KindLegend]:
    # Hosted, not a window itself: the offscreen platform warns about the size constraints
    # a top-level layout would set, and any Qt warning fails the test.
    host = QWidget()
    qtbot.addWidget(host)
    widget = KindLegend(host)
    widget.setPalette(light_palette())
    widget.resize(widget.sizeHint())
    host.resize(widget.size())
    host.show()
    qtbot.waitExposed(host)
    yield widget  # the host lives as long as the test


def swatch_color(legend: KindLegend, kind: str) -> QColor:
    swatch = legend.findChild(QWidget, f"swatch-{kind}")
    assert swatch is not None
    centre = swatch.mapTo(legend, swatch.rect().center())
    return pixel(legend, centre.x(), centre.y())


def test_a_palette_change_recolours_the_legend(legend: KindLegend) -> None:
    assert swatch_color(legend, "move") == kind_mark("move", False)
    legend.setPalette(dark_palette())
    assert swatch_color(legend, "move") == kind_mark("move", True)
    assert kind_mark("move", True) != kind_mark("move", False)


def test_zero_counts_are_dimmed(legend: KindLegend) -> None:
    assert not any(legend.is_dimmed(kind) for kind in KINDS)
    legend.set_counts({"substitution": 1234, "move": 0})
    assert not legend.is_dimmed("substitution")
    assert legend.is_dimmed("move") and legend.is_dimmed("insertion")
    label = legend.findChild(QLabel, "label-substitution")
    assert label is not None and QLocale().toString(1234) in label.text()
    assert swatch_color(legend, "move") != kind_mark("move", False)
    legend.set_counts(None)
    assert not any(legend.is_dimmed(kind) for kind in KINDS)
    assert label.text() == "substitution"
