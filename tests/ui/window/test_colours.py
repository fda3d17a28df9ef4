"""Colours an editor can rely on: high contrast, their own picks, dark mode, all views alike."""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import partial
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QColorDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.classes.classify import CLASSES
from app.collation.loci import KINDS, Collation, Locus
from tests.helpers.window import WAIT, background_at, open_demo, painted_at, scroll_to, select_row
from ui import colors
from ui.appearance import apply_appearance, dark_palette
from ui.colors import COLOUR_KINDS, build, contrast, is_dark
from ui.dialogs.preferences import PreferencesDialog
from ui.settings import Settings
from ui.widgets.panes import TextPane
from ui.window.main_window import MainWindow

KEYS = (*COLOUR_KINDS, *CLASSES, "unknown")
SOFT_TEXTS = {False: ("#000000", "#333333"), True: ("#ffffff", "#dcdcdc")}


@pytest.fixture
def system_palette() -> Iterator[None]:
    """Restore the application palette a test set as if the system had switched."""
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setPalette(QPalette())


# -- the colour sets ------------------------------------------------------------------


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_high_contrast_text_keeps_7_to_1_on_every_background(dark: bool) -> None:
    hc = build("high_contrast")
    text = hc.text(dark)
    assert text is not None and text.name() == ("#ffffff" if dark else "#000000")
    for key in KEYS:
        assert contrast(text, hc.background(key, dark)) >= 7, key
        current_text = hc.current_text(dark)
        assert current_text is not None
        assert contrast(current_text, hc.current_background(key, dark)) >= 7, key


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_high_contrast_marks_stand_out_from_the_ruler(dark: bool) -> None:
    base = QColor("#1e1e1e" if dark else "#ffffff")
    hc = build("high_contrast")
    for key in KEYS:
        assert contrast(hc.mark(key, dark), base) >= 4.5, key


def lab(color: QColor) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour: distances in it track what the eye tells apart."""

    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    r, g, b = linear(color.redF()), linear(color.greenF()), linear(color.blueF())
    fx = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047)
    fy = f(0.2126 * r + 0.7152 * g + 0.0722 * b)
    fz = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: QColor, b: QColor) -> float:
    return math.dist(lab(a), lab(b))


def chroma(color: QColor) -> float:
    _, a, b = lab(color)
    return math.hypot(a, b)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_high_contrast_kinds_are_far_apart_and_stronger_than_standard(dark: bool) -> None:
    hc, standard = build("high_contrast"), build("standard")

    def closest(scheme: colors.ColourSet) -> float:
        pairs = combinations(KINDS, 2)
        return min(
            delta_e(scheme.background(a, dark), scheme.background(b, dark)) for a, b in pairs
        )

    # the two closest kinds' backgrounds are more than twice as far apart as in standard
    assert closest(hc) >= 30 and closest(hc) > 2 * closest(standard)
    mean_chroma = [
        sum(chroma(s.background(k, dark)) for k in KINDS) / len(KINDS) for s in (hc, standard)
    ]
    assert mean_chroma[0] > 1.5 * mean_chroma[1]  # strong colours, not pale tints
    assert hc.emphasis > standard.emphasis  # thicker insertion bars and ruler outline


@given(st.integers(0, 0xFFFFFF), st.sampled_from(colors.SCHEMES), st.booleans())
def test_any_picked_colour_keeps_text_readable(rgb: int, scheme: str, dark: bool) -> None:
    picked = QColor(f"#{rgb:06x}")
    chosen = build(scheme, {"move": picked.name()})
    texts = (chosen.text(dark),) if scheme == "high_contrast" else SOFT_TEXTS[dark]
    for text in texts:
        assert text is not None
        assert contrast(QColor(text), chosen.background("move", dark)) >= 7
    if scheme == "standard":
        for text in texts:
            assert contrast(QColor(text), chosen.current_background("move", dark)) >= 7
    assert chosen.mark("move", False) == picked  # what the editor picked, on light
    assert contrast(chosen.mark("move", True), QColor("#2d2d2d")) >= 3  # lifted on dark


def test_a_derived_tint_keeps_the_hue_that_was_picked() -> None:
    blue = build("standard", {"move": "#0000ff"})
    for dark in (False, True):
        assert abs(blue.background("move", dark).hslHue() - 240) <= 2


def test_settings_keep_overrides_per_scheme_and_drop_bad_ones(settings: Settings) -> None:
    settings.set_colour_scheme("high_contrast")
    settings.set_colour_overrides("high_contrast", {"move": "#123456", "swap": "no colour"})
    settings.set_appearance("dark")
    settings.sync()
    again = Settings(settings.path)
    assert again.colour_scheme() == "high_contrast"
    assert again.colour_overrides("high_contrast") == {"move": "#123456"}
    assert again.colour_overrides("standard") == {}
    assert again.appearance() == "dark"
    again.set_colour_scheme("bogus")
    again.set_appearance("sepia")
    assert again.colour_scheme() == "standard" and again.appearance() == "system"


# -- the window -------------------------------------------------------------------------


def pane_backgrounds(window: MainWindow) -> set[str]:
    """What the source pane has painted: only what is in view (see ``background_at``)."""
    return {s.format.background().color().name() for s in window.source_pane.extraSelections()}


def is_painted(pane: TextPane, offset: int) -> bool:
    return painted_at(pane, offset) is not None


def shown_background(qtbot: QtBot, window: MainWindow, locus: Locus, colour: str) -> None:
    """Scroll the source pane to ``locus`` (not selecting it) and wait until it is painted
    ``colour``; the pane's own answer for that place, painted or not, must agree."""
    pane = window.source_pane
    scroll_to(pane, locus.start, locus.end)
    qtbot.waitUntil(lambda: background_at(pane, locus.start) == colour, timeout=WAIT)
    expected = pane.highlight_at(locus.start)
    assert expected is not None and expected.background().color().name() == colour


def ruler_colours(window: MainWindow) -> set[str]:
    image = window.ruler.grab().toImage()
    x = window.ruler.width() // 2
    return {image.pixelColor(x, y).name() for y in range(image.height())}


def legend_colour(window: MainWindow, key: str) -> str:
    swatch = window.legend.findChild(QWidget, f"swatch-{key}")
    assert swatch is not None
    centre = swatch.mapTo(window.legend, swatch.rect().center())
    return window.legend.grab().toImage().pixelColor(centre).name()


def kind_brush(window: MainWindow, row: int, role: Qt.ItemDataRole) -> str | None:
    model = window.apparatus.model
    brush = model.index(row, model.kind_column).data(role)
    return None if brush is None else brush.color().name()


def row_of(collation: Collation, kind: str, witness: str | None = None) -> int:
    """The first locus of ``kind``; with ``witness``, one where that copy diverges so."""
    return next(
        i
        for i, loc in enumerate(collation.loci)
        if (loc.kind if witness is None else loc.kinds.get(witness)) == kind
    )


def pick_colour(qtbot: QtBot, dialog: PreferencesDialog, key: str, colour: str) -> None:
    """As the editor does: click the swatch, choose in the colour dialog, OK."""
    dialog.tabs.setCurrentWidget(dialog.colours)
    button = dialog.colours.buttons[key][0]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    chooser = dialog.colours.colour_dialog
    assert isinstance(chooser, QColorDialog) and chooser.isVisible()
    chooser.setCurrentColor(QColor(colour))
    chooser.accept()


@pytest.mark.any_size
def test_a_colour_picked_in_preferences_reaches_every_view_after_ok(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    collation = open_demo(qtbot, window)
    window.witness_combo.setCurrentIndex(window.workspace.witness_ids.index("variant-typos"))
    row = row_of(collation, "substitution", "variant-typos")
    select_row(window, row)
    other = row_of(collation, "transposition", "variant-typos")
    before = kind_brush(window, row, Qt.ItemDataRole.BackgroundRole)
    dialog = window.show_preferences()
    pick_colour(qtbot, dialog, "substitution", "#0000ff")
    kind_button, class_button = dialog.colours.buttons["substitution"]  # the kind, and 错字
    assert kind_button.property("mark") == class_button.property("mark") == "#0000ff"
    assert colors.kind_mark("substitution", False).name() != "#0000ff"  # not before OK
    dialog.accept()
    tint = build("standard", {"substitution": "#0000ff"}).background("substitution", False)
    assert kind_brush(window, row, Qt.ItemDataRole.BackgroundRole) == tint.name() != before
    assert kind_brush(window, other, Qt.ItemDataRole.BackgroundRole) == (
        colors.kind_background("transposition", False).name()
    )
    select_row(window, other)  # the substitution is no longer the current one
    shown_background(qtbot, window, collation.loci[row], tint.name())
    assert "#0000ff" in ruler_colours(window)
    assert legend_colour(window, "substitution") == "#0000ff"
    select_row(window, row)
    assert tint.name() in window.locus_panel.text()
    assert settings.colour_overrides("standard") == {"substitution": "#0000ff"}


@pytest.mark.any_size
def test_a_class_colour_shows_when_colouring_by_class(qtbot: QtBot, window: MainWindow) -> None:
    collation = open_demo(qtbot, window)
    window.witness_combo.setCurrentIndex(window.workspace.witness_ids.index("variant-typos"))
    swap = next(loc for loc in collation.loci if loc.classes.get("variant-typos") == "swap")
    assert window.session.current != swap.id  # drawn as any other, not as the current one
    dialog = window.show_preferences()
    pick_colour(qtbot, dialog, "swap", "#ffd700")
    dialog.accept()
    tint = build("standard", {"swap": "#ffd700"}).background("swap", False).name()
    by_kind = colors.kind_background(swap.kinds["variant-typos"], False).name()
    assert by_kind != tint
    shown_background(qtbot, window, swap, by_kind)  # colouring by kind: transposition
    window.acts.by_class.setChecked(True)
    shown_background(qtbot, window, swap, tint)
    assert "#ffd700" in ruler_colours(window)
    assert legend_colour(window, "swap") == "#ffd700"


def test_cancel_keeps_the_colours(qtbot: QtBot, window: MainWindow, settings: Settings) -> None:
    dialog = window.show_preferences()
    pick_colour(qtbot, dialog, "move", "#00ff00")
    dialog.colours.scheme.setCurrentIndex(colors.SCHEMES.index("high_contrast"))
    dialog.reject()
    assert colors.active().scheme == "standard"
    assert colors.kind_mark("move", False).name() == "#0072b2"
    assert settings.colour_overrides("standard") == {}


def test_restore_defaults_forgets_the_picked_colours(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    dialog = window.show_preferences()
    pick_colour(qtbot, dialog, "missing", "#ff00ff")
    dialog.accept()
    assert colors.kind_mark("missing", False).name() == "#ff00ff"
    dialog = window.show_preferences()
    restore = dialog.colours.restore
    assert restore.isEnabled()
    QTest.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert not restore.isEnabled()
    assert dialog.colours.buttons["missing"][0].property("mark") == "#009e73"
    dialog.accept()
    assert colors.kind_mark("missing", False).name() == "#009e73"
    assert settings.colour_overrides("standard") == {}


def test_scheme_and_colours_persist_to_the_next_start(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    dialog = window.show_preferences()
    dialog.colours.scheme.setCurrentIndex(colors.SCHEMES.index("high_contrast"))
    pick_colour(qtbot, dialog, "doubled", "#804000")
    dialog.accept()
    colors.set_scheme("standard")  # as at a fresh start
    again = MainWindow(Settings(settings.path))
    qtbot.addWidget(again)
    assert colors.active().scheme == "high_contrast"
    assert colors.kind_mark("doubled", False).name() == "#804000"
    reopened = again.show_preferences()
    assert reopened.colours.current_scheme() == "high_contrast"
    assert reopened.colours.buttons["doubled"][0].property("mark") == "#804000"
    reopened.reject()


@pytest.mark.any_size
def test_high_contrast_forces_pure_text_and_reverses_the_current_divergence(
    qtbot: QtBot, window: MainWindow
) -> None:
    collation = open_demo(qtbot, window)
    dialog = window.show_preferences()
    dialog.colours.scheme.setCurrentIndex(colors.SCHEMES.index("high_contrast"))
    dialog.accept()
    select_row(window, 0)
    hc = build("high_contrast")

    def formats() -> dict[str, str]:
        return {
            s.format.background().color().name(): s.format.foreground().color().name()
            for s in window.source_pane.extraSelections()
        }

    kind = collation.loci[0].kind
    qtbot.waitUntil(lambda: "#000000" in formats(), timeout=WAIT)  # the current one
    assert formats()["#000000"] == "#ffffff"
    others = {bg: fg for bg, fg in formats().items() if bg != "#000000"}
    assert set(others.values()) <= {"#000000"}
    assert set(others) <= {hc.background(k, False).name() for k in KEYS}
    pane = window.source_pane
    for locus in collation.loci[1:]:  # each of the others, scrolled into view in turn
        if locus.start == locus.end or pane.locus_at(locus.start) is None:
            continue  # an insertion point is a bar; a locus of another copy is not drawn
        scroll_to(pane, locus.start, locus.end)
        qtbot.waitUntil(partial(is_painted, pane, locus.start), timeout=WAIT)
        painted = painted_at(pane, locus.start)
        assert painted is not None
        assert painted.foreground().color().name() == "#000000"
        assert painted.background().color().name() in {hc.background(k, False).name() for k in KEYS}
    assert (
        kind_brush(window, 0, Qt.ItemDataRole.BackgroundRole) == hc.background(kind, False).name()
    )
    assert kind_brush(window, 0, Qt.ItemDataRole.ForegroundRole) == "#000000"
    swatch = window.legend.findChild(QWidget, f"swatch-{kind}")
    assert swatch is not None and swatch.width() > 10


@pytest.mark.any_size
def test_the_views_follow_the_system_into_dark_mode(
    qtbot: QtBot, window: MainWindow, system_palette: None
) -> None:
    collation = open_demo(qtbot, window)
    window.witness_combo.setCurrentIndex(window.workspace.witness_ids.index("variant-typos"))
    row = row_of(collation, "transposition", "variant-typos")
    transposition = collation.loci[row]
    select_row(window, row_of(collation, "substitution"))
    light = colors.kind_background("transposition", False).name()
    dark = colors.kind_background("transposition", True).name()
    shown_background(qtbot, window, transposition, light)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    model = window.apparatus.model
    with qtbot.waitSignal(model.dataChanged, timeout=WAIT):
        app.setPalette(dark_palette())  # what the platform does when the system turns dark
    assert is_dark(window.source_pane.palette())
    qtbot.waitUntil(
        lambda: background_at(window.source_pane, transposition.start) == dark, timeout=WAIT
    )
    assert light not in pane_backgrounds(window)
    assert kind_brush(window, row, Qt.ItemDataRole.BackgroundRole) == dark
    assert legend_colour(window, "substitution") == colors.kind_mark("substitution", True).name()
    assert colors.kind_mark("transposition", True).name() in ruler_colours(window)
    substitution = colors.kind_background("substitution", True).name()
    assert substitution in window.locus_panel.text()
    app.setPalette(QPalette())  # and back to light
    qtbot.waitUntil(
        lambda: background_at(window.source_pane, transposition.start) == light, timeout=WAIT
    )
    assert kind_brush(window, row, Qt.ItemDataRole.BackgroundRole) == light


def test_appearance_dark_in_preferences_turns_the_window_dark(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    open_demo(qtbot, window)
    dialog = window.show_preferences()
    dialog.colours.appearance.setCurrentIndex(dialog.colours.appearance.findData("dark"))
    dialog.accept()
    assert settings.appearance() == "dark"
    qtbot.waitUntil(lambda: is_dark(window.apparatus.table.palette()), timeout=WAIT)
    wid = window.session.witness
    assert wid is not None
    locus = next(
        loc
        for loc in window.session.loci
        if wid in loc.readings and loc.id != window.session.current and loc.start < loc.end
    )
    tint = colors.kind_background(locus.kinds[wid], True).name()
    shown_background(qtbot, window, locus, tint)
    dialog = window.show_preferences()
    assert dialog.colours.appearance.currentData() == "dark"
    label = dialog.findChild(QLabel)
    assert label is not None and is_dark(label.palette())
    dialog.colours.appearance.setCurrentIndex(dialog.colours.appearance.findData("system"))
    dialog.accept()
    qtbot.waitUntil(lambda: not is_dark(window.palette()), timeout=WAIT)


def test_appearance_light_on_a_dark_system(qtbot: QtBot, system_palette: None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setPalette(dark_palette())  # the system is dark
    apply_appearance("light")
    assert not is_dark(app.palette())


def test_high_contrast_draws_taller_ruler_marks(qtbot: QtBot) -> None:
    from ui.widgets.overview import OverviewRuler

    ruler = OverviewRuler()
    qtbot.addWidget(ruler)
    ruler.resize(ruler.sizeHint().width(), 400)
    ruler.show()
    qtbot.waitExposed(ruler)
    ruler.set_marks([(0.5, 0.5, "insertion")])  # one character in a long book

    def rows_marked() -> int:
        image = ruler.grab().toImage()
        mark = colors.kind_mark("insertion", is_dark(ruler.palette()))
        return sum(image.pixelColor(7, y) == mark for y in range(image.height()))

    assert rows_marked() == 2
    colors.set_scheme("high_contrast")
    ruler.refresh_colours()
    assert rows_marked() == 4
    assert ruler.mark_at(203) == 0  # and hit where it is drawn
