"""From a worker thread to the GUI thread: a bridge, no logic of its own.

The request, cancel and stale rules live in app/session/worker.py, tested
without a display: its :class:`~app.session.worker.Background` hands every
outcome to a ``post`` function, and :class:`GuiThread` is that function for
the window: a queued signal, so the outcome runs on the GUI thread.  The
session's collations go this way (app/session/session.py); so do the ones of
the review of what the rules hide, through :class:`CollationRunner`, which
only turns the outcomes into signals.  Nothing here touches a widget.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QObject, Signal, Slot

from app.collation.collate import collate
from app.session.worker import Background, CollateFunction, WorkerCallbacks
from app.session.workspace import CollationRequest

__all__ = ["CollateFunction", "CollationRunner", "GuiThread"]


class GuiThread(QObject):
    """Runs what another thread hands it on the thread it lives on (the GUI thread)."""

    _call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call.connect(self._run)

    def post(self, call: Callable[[], None]) -> None:
        """Run ``call`` on this object's thread, queued (from any thread); a window
        already gone has nobody left to tell."""
        with contextlib.suppress(RuntimeError):  # its C++ object went with the window
            self._call.emit(call)

    @Slot(object)
    def _run(self, call: Callable[[], None]) -> None:
        call()


class CollationRunner(QObject):
    """Runs one collation at a time off the GUI thread; only the latest result counts."""

    started = Signal(int)
    progress = Signal(int, float)
    finished = Signal(object, object)  # CollationRequest, Collation
    failed = Signal(object, str)  # CollationRequest, message
    cancelled = Signal(int)
    idle = Signal()

    def __init__(self, parent: QObject | None = None, function: CollateFunction = collate) -> None:
        super().__init__(parent)
        self._gui = GuiThread(self)
        self._background = Background(
            self._gui.post,
            WorkerCallbacks(
                finished=self.finished.emit,
                failed=self.failed.emit,
                cancelled=lambda r: self.cancelled.emit(r.request_id),
                progress=lambda r, f: self.progress.emit(r.request_id, f),
            ),
            function,
            idle=self.idle.emit,
        )

    @property
    def latest_id(self) -> int | None:
        latest = self._background.latest
        return latest.request_id if latest else None

    def is_running(self) -> bool:
        return self._background.is_running()

    def active_threads(self) -> int:
        """1 while the worker thread still has a request to finish, as a thread pool counts."""
        return int(self._background.worker.is_running())

    def submit(self, request: CollationRequest) -> Future[None]:
        """Cancel whatever runs and start ``request``.

        The future is done once the worker thread has sent the request's
        outcome (not yet handled here): for tests that must know that.
        """
        future = self._background.submit(request)
        self.started.emit(request.request_id)
        return future

    def cancel(self) -> None:
        """Stop the running request; its result, if it still comes, is dropped."""
        self._background.cancel()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel and wait for the worker thread, so no thread outlives its window."""
        return self._background.shutdown(timeout_ms / 1000)
