"""Fakes for testing parts of the window without the whole window (qutebrowser's
``tests/helpers/stubs.py`` is the model).

:class:`FakeHost` is the :class:`ui.window.host.Host` the controllers see: a real
session (without a loop: the test collates with ``collate_now``), a real status bar
whose messages are kept, and every question answered from a list the test fills, so
a controller is tested on what it asks and says, not on where a window puts it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from app.session.session import Session


@dataclass
class FakeHost:
    """The window as a controller sees it, recording what the controller asked of it."""

    session: Session
    parent: QWidget = field(default_factory=QWidget)
    """The dialogs' parent (never shown)."""
    answers: list[bool] = field(default_factory=list)
    """The answers :meth:`confirm` gives, first first; No once they run out."""
    order: list[int] | None = None
    """The table's order of ids (None: every locus in source order)."""
    questions: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    infos: list[tuple[str, str]] = field(default_factory=list)
    asked: list[QMessageBox] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    """Every status message, oldest first."""
    calls: list[str] = field(default_factory=list)
    """The window's own steps the controller asked for (save_view_state, …)."""

    def __post_init__(self) -> None:
        self._status = QStatusBar(self.parent)
        self._status.messageChanged.connect(self._said)

    def _said(self, text: str) -> None:
        if text:  # not the message going away
            self.messages.append(text)

    def statusBar(self) -> QStatusBar:
        return self._status

    def show_error(self, title: str, message: str | BaseException) -> None:
        self.errors.append((title, str(message)))

    def show_info(self, title: str, message: str) -> None:
        self.infos.append((title, message))

    def ask(self, box: QMessageBox) -> None:
        self.asked.append(box)

    def confirm(self, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else False

    def view_order(self) -> list[int]:
        return list(self.order) if self.order is not None else [loc.id for loc in self.session.loci]

    def read_scans_first(self, paths: list[str], then: Callable[[], object]) -> bool:
        return False

    def announce(self, notice: str) -> None:
        self.notices.append(notice)

    def save_view_state(self) -> None:
        self.calls.append("save_view_state")

    def refresh_recent(self) -> None:
        self.calls.append("refresh_recent")

    def restore_view_state(self) -> None:
        self.calls.append("restore_view_state")
