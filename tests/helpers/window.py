"""Reading the window's state the way a test needs it, through its session."""

from __future__ import annotations

from ui.window.main_window import MainWindow


def locus_ids(win: MainWindow) -> list[int]:
    """The ids of the loci shown, in source order (the table's unsorted rows)."""
    return [locus.id for locus in win.session.loci]
