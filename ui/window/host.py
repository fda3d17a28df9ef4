"""What the window's controllers may ask of the window: a narrow, typed port.

The controllers (:mod:`ui.window.projects`, :mod:`ui.window.proofreading`) work
on the session; from the window they need only this, so they never import it
(no cycle) and never reach into its widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QStatusBar

from app.session.session import Session


class Host(Protocol):
    """The window as its controllers see it."""

    @property
    def session(self) -> Session: ...

    def statusBar(self) -> QStatusBar: ...

    def show_error(self, title: str, message: str | BaseException) -> None: ...

    def show_info(self, title: str, message: str) -> None: ...

    def ask(self, box: QMessageBox) -> None:
        """Show a question window-modal (its ``finished`` says the answer); with nobody
        at the window, answer it as Escape would, unseen."""
        ...

    def confirm(self, title: str, text: str) -> bool:
        """A Yes/No question, waited for; with nobody at the window, No."""
        ...

    def view_order(self) -> list[int]:
        """The ids of the loci the table shows, in its order."""
        ...

    def read_scans_first(self, paths: list[str], then: Callable[[], object]) -> bool:
        """Read the scans among ``paths`` by OCR in the background, then call ``then``;
        ``False`` when none needs reading (``then`` is for the caller to call)."""
        ...

    def announce(self, notice: str) -> None:
        """Say ``notice`` in the status now and with the next collation's result."""
        ...

    def save_view_state(self) -> None:
        """Remember in the project where the proofreader was (scroll, tab)."""
        ...

    def refresh_recent(self) -> None:
        """Show the Recent list again: a project was added to it."""
        ...

    def restore_view_state(self) -> None:
        """Go back to where the proofreader was in the project just opened."""
        ...
