"""Reading the window's state the way a test needs it, through its session."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from app.collation.loci import Collation
from tests.helpers.session import ids_of
from ui.settings import Settings
from ui.widgets.panes import TextPane
from ui.widgets.positions import Utf16Index
from ui.window.main_window import MainWindow

WAIT = 20_000
"""How long a test waits for a collation (ms): generous, a slow CI machine shares its cores."""


@dataclass(frozen=True, slots=True)
class Geometry:
    """The size a test's window is shown at and its text panes' font size.

    What a pane paints depends on both (and on the fonts installed): a test
    that passes at one and not at another depends on what a lazy view
    happened to paint.  ``pytest --window-size 700x450 --text-size 22`` runs
    every ``window`` at another; ``@pytest.mark.any_size`` runs a test at both
    of ``SIZES`` in every run (tests/conftest.py).
    """

    width: int
    height: int
    text_size: float | None = None
    """Points; None keeps the window's own default."""

    @classmethod
    def parse(cls, size: str, text_size: str | None = None) -> Geometry:
        found = re.fullmatch(r"(\d+)x(\d+)", size.strip())
        if found is None:
            raise ValueError(f"window size {size!r} is not WIDTHxHEIGHT")
        return cls(int(found[1]), int(found[2]), None if text_size is None else float(text_size))

    def apply(self, win: MainWindow) -> None:
        """Size ``win`` (before it is shown); its panes take the font from its settings."""
        win.resize(self.width, self.height)

    def configure(self, settings: Settings) -> None:
        """Put the text size in ``settings``, where every window made from them reads it."""
        if self.text_size is not None:
            settings.set_font_size(self.text_size)


STANDARD = Geometry(1200, 800)
"""The ``window`` fixture's usual size, the system's default text size."""

CRAMPED = Geometry(640, 420, 24.0)
"""A small window with large text: a pane shows a few lines of a few characters."""

SIZES = {"standard": STANDARD, "cramped": CRAMPED}


def make_window(qtbot: QtBot, settings: Settings, geometry: Geometry | None = None) -> MainWindow:
    """A main window on ``settings``, shown and active: at ``geometry``, or at the size
    it restores from ``settings`` (as a reopened window would) when None."""
    if geometry is not None:
        geometry.configure(settings)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    if geometry is not None:
        geometry.apply(win)
    with qtbot.waitActive(win):
        win.show()
    return win


def locus_ids(win: MainWindow) -> list[int]:
    """The ids of the loci the window shows, in source order (the table's unsorted rows)."""
    return ids_of(win.session)


def select_row(win: MainWindow, row: int) -> None:
    """Make the divergence at ``row`` of the source order current (the table's row
    ``row`` before any sorting), as a click on it would: the session selects by id."""
    win.session.select(win.session.loci[row].id)


def current_row(win: MainWindow) -> int | None:
    """Where the table's current divergence stands in the source order."""
    return win.session.row_of(win.apparatus.current_id())


def visible_rows(win: MainWindow) -> list[int]:
    """The source-order places of the divergences the table shows, in its order."""
    rows = [win.session.row_of(i) for i in win.apparatus.visible_ids()]
    return [r for r in rows if r is not None]


def open_demo(qtbot: QtBot, window: MainWindow) -> Collation:
    """Open the bundled demo and wait until the window shows its collation."""
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        assert window.open_demo()
    collation = window.collation()
    assert collation is not None
    return collation


def accept_what_a_recollation_cannot_place(qtbot: QtBot, win: MainWindow) -> int:
    """Accept a reading that only exists while Traditional forms count, then count them
    again: the decision's locus is gone, so the dialog of unplaced decisions shows.
    Returns the decision's locus id."""
    # the Traditional copy's 著 (for 着) only differs while Traditional forms count
    with qtbot.waitSignal(win.collationShown, timeout=WAIT):
        win.rule_actions["script"].setChecked(False)
    win.witness_combo.setCurrentIndex(win.workspace.witness_ids.index("variant-traditional"))
    shown = win.collation()
    assert shown is not None
    row = next(i for i, loc in enumerate(shown.loci) if "variant-traditional" in loc.readings)
    select_row(win, row)
    win.acts.accept.trigger()
    decided = locus_ids(win)[row]
    with qtbot.waitSignal(win.collationShown, timeout=WAIT):
        win.rule_actions["script"].setChecked(True)
    return decided


def painted_at(pane: TextPane, offset: int) -> QTextCharFormat | None:
    """The format the pane has painted over the character at ``offset`` (code points), or
    None where it has painted nothing: the last of its highlights that covers it.

    The pane highlights only what is in view: call ``scroll_to(...)`` first, never
    count on where a lazy view happened to paint."""
    at = Utf16Index(pane.text()).to_utf16(offset)
    covering = [
        QTextCharFormat(s.format)  # a copy: the selections are gone with this list
        for s in pane.extraSelections()
        if s.cursor.selectionStart() <= at < s.cursor.selectionEnd()
    ]
    return covering[-1] if covering else None


def background_at(pane: TextPane, offset: int) -> str | None:
    """The painted background at ``offset`` (#rrggbb), None where nothing is painted."""
    found = painted_at(pane, offset)
    return None if found is None else found.background().color().name()


def scroll_to(pane: TextPane, start: int, end: int) -> None:
    """Bring ``start``..``end`` into the pane's view the way the window does when a locus
    is selected (``TextPane.reveal``), without selecting anything."""
    pane.reveal(start, end)
    assert in_view(pane, start), f"{start} not in view after reveal"


def in_view(pane: TextPane, start: int, end: int | None = None) -> bool:
    """Characters ``start`` to ``end`` are drawn wholly inside the pane's viewport, where a
    proofreader sees them: not on a line cut off at the bottom or top (``visible_range``
    counts such a line, as it must for painting)."""
    index = Utf16Index(pane.text())
    area = pane.viewport().rect()
    for offset in {start, start if end is None else end}:
        cursor = QTextCursor(pane.document())
        cursor.setPosition(index.to_utf16(offset))
        rect = pane.cursorRect(cursor)
        if rect.top() < area.top() or rect.bottom() > area.bottom():
            return False
    return True
