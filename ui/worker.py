"""The background collation worker as Qt signals: a bridge, no logic of its own.

The request, cancel and stale rules live in app/session/worker.py, tested
without a display.  Here its callbacks, called on the worker thread, become
queued signals; on the GUI thread the runner checks once more that a result
is still the latest, since a newer request may have been submitted while the
signal waited in the event queue.  The job never touches a widget.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance, Slot

from app.collation.collate import collate
from app.collation.loci import Collation
from app.session.worker import CollateFunction, CollationWorker, WorkerCallbacks
from app.session.workspace import CollationRequest

__all__ = ["LIVE_RUNNERS", "CollateFunction", "CollationRunner"]


class _JobSignals(QObject):
    """Lives on the GUI thread: emitted from the worker thread, so delivered queued."""

    progress = Signal(int, float)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)
    dropped = Signal(int)


def _emitter(signal: SignalInstance) -> Callable[..., None]:
    """Emit from the worker thread; a window already gone has nobody left to tell."""

    def emit(*args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # its C++ object went with the window
            signal.emit(*args)

    return emit


LIVE_RUNNERS: weakref.WeakSet[CollationRunner] = weakref.WeakSet()
"""Every runner not yet garbage-collected, so tests can fail one left running."""


class CollationRunner(QObject):
    """Runs one collation at a time off the GUI thread; only the latest result counts."""

    started = Signal(int)
    progress = Signal(int, float)
    finished = Signal(object, object)  # CollationRequest, Collation
    failed = Signal(object, str)  # CollationRequest, message
    cancelled = Signal(int)
    idle = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        function: CollateFunction = collate,
        *,
        prepare: Callable[[CollationRequest, Collation], None] | None = None,
        discard: Callable[[int], None] | None = None,
    ) -> None:
        """``prepare``/``discard``: see app.session.worker.CollationWorker (a result dropped
        here, waiting in the event queue when a newer request came, is discarded too)."""
        super().__init__(parent)
        self._discard = discard
        self._signals = _JobSignals(self)
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self._signals.dropped.connect(self._on_dropped)
        progress, finished = _emitter(self._signals.progress), _emitter(self._signals.finished)
        failed, cancelled = _emitter(self._signals.failed), _emitter(self._signals.cancelled)
        dropped = _emitter(self._signals.dropped)
        self._worker = CollationWorker(
            WorkerCallbacks(
                finished=lambda r, c: finished(r.request_id, c),
                failed=lambda r, m: failed(r.request_id, m),
                cancelled=lambda r: cancelled(r.request_id),
                dropped=lambda r: dropped(r.request_id),
                progress=lambda r, f: progress(r.request_id, f),
            ),
            function,
            prepare=prepare,
            discard=discard,
        )
        self._latest: CollationRequest | None = None
        self._pending = 0
        """Submitted requests whose terminal signal the GUI thread has not yet seen."""
        LIVE_RUNNERS.add(self)

    @property
    def latest_id(self) -> int | None:
        return self._latest.request_id if self._latest else None

    def is_running(self) -> bool:
        return self._pending > 0

    def active_threads(self) -> int:
        """1 while the worker thread still has a request to finish, as a thread pool counts."""
        return int(self._worker.is_running())

    def submit(self, request: CollationRequest) -> Future[None]:
        """Cancel whatever runs and start ``request``.

        The future is done once the worker thread has sent the request's
        signal (not yet handled here): for tests that must know that.
        """
        self._latest = request
        self._pending += 1
        future = self._worker.submit(request)
        self.started.emit(request.request_id)
        return future

    def cancel(self) -> None:
        """Stop the running request; its result, if it still comes, is dropped."""
        self._worker.cancel()
        self._latest = None

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel and wait for the worker thread, so no thread outlives its window."""
        self.cancel()
        return self._worker.shutdown(timeout_ms / 1000)

    def _current(self, rid: int) -> CollationRequest | None:
        latest = self._latest
        return latest if latest is not None and latest.request_id == rid else None

    def _done(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.idle.emit()

    @Slot(int, float)
    def _on_progress(self, rid: int, fraction: float) -> None:
        if self._current(rid) is not None:
            self.progress.emit(rid, fraction)

    @Slot(int, object)
    def _on_finished(self, rid: int, result: Collation) -> None:
        request = self._current(rid)
        self._done()
        if request is None:  # a newer request came while this result waited in the event queue
            if self._discard is not None:
                self._discard(rid)
            return
        self._latest = None
        self.finished.emit(request, result)

    @Slot(int, str)
    def _on_failed(self, rid: int, message: str) -> None:
        request = self._current(rid)
        self._done()
        if request is not None:
            self._latest = None
            self.failed.emit(request, message)

    @Slot(int)
    def _on_cancelled(self, rid: int) -> None:
        self._done()
        self.cancelled.emit(rid)

    @Slot(int)
    def _on_dropped(self, _rid: int) -> None:
        self._done()
