"""The window's work that may wait, done a piece per pass of its event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Passes(QObject):
    """Calls run one per pass of the event loop, in the order they were put, each in a
    timer event of its own started only when the one before has run.

    Qt runs every timer that is due in one pass of its loop: two pieces of work on
    timers due together (a 0 ms timer each, started in the same event) run back to
    back, one hold of the window's thread with no input, paint or other timer served
    between.  A call put again under its key before it ran replaces the one waiting
    (the latest wins) and goes to the end.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_next)
        self._waiting: dict[str, Callable[[], None]] = {}

    def put(self, key: str, call: Callable[[], None]) -> None:
        """Run ``call`` in a pass of its own, after the calls waiting now."""
        self._waiting.pop(key, None)
        self._waiting[key] = call
        if not self._timer.isActive():
            self._timer.start()

    def waiting(self) -> list[str]:
        """The keys of the calls still to run, in their order."""
        return list(self._waiting)

    def _run_next(self) -> None:
        if not self._waiting:
            return
        key = next(iter(self._waiting))
        call = self._waiting.pop(key)
        try:
            call()
        finally:
            if self._waiting:
                self._timer.start()
