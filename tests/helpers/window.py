"""Reading the window's state the way a test needs it, through its session."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.collation.loci import Collation
from tests.helpers.session import ids_of
from ui.window.main_window import MainWindow

WAIT = 20_000
"""How long a test waits for a collation (ms): generous, a slow CI machine shares its cores."""


def locus_ids(win: MainWindow) -> list[int]:
    """The ids of the loci the window shows, in source order (the table's unsorted rows)."""
    return ids_of(win.session)


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
    win.select_locus(row)
    win.acts.accept.trigger()
    decided = locus_ids(win)[row]
    with qtbot.waitSignal(win.collationShown, timeout=WAIT):
        win.rule_actions["script"].setChecked(True)
    return decided
