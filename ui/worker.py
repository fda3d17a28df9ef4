"""The background collation worker.

As in napari's slicer and Anki's task manager: the GUI thread builds an
immutable request, one pool thread runs it, a newer request cancels the old
one, and a result whose id is not the latest is dropped, never shown.  The
job never touches a widget; everything comes back by queued signal.
"""

from __future__ import annotations

import logging
import threading
import traceback
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.cancel import Cancelled
from app.collation.collate import collate, realign
from app.collation.loci import Collation
from app.project.workspace import CollationRequest

log = logging.getLogger(__name__)

CollateFunction = Callable[..., Collation]


class _JobSignals(QObject):
    progress = Signal(int, float)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)


class _Job(QRunnable):
    def __init__(
        self,
        request: CollationRequest,
        cancel: threading.Event,
        signals: _JobSignals,
        function: CollateFunction,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.request = request
        self.cancel = cancel
        self.signals = signals
        self.function = function

    def run(self) -> None:
        rid = self.request.request_id
        try:
            if self.cancel.is_set():
                raise Cancelled
            request = self.request
            if request.regions is not None:  # a project just opened: its alignments only
                result = realign(
                    request.source,
                    list(request.witnesses),
                    request.rules,
                    dict(request.regions),
                    cancel=self.cancel.is_set,
                    progress=lambda f: self.signals.progress.emit(rid, f),
                )
            else:
                result = self.function(
                    request.source,
                    list(request.witnesses),
                    request.rules,
                    cancel=self.cancel.is_set,
                    progress=lambda f: self.signals.progress.emit(rid, f),
                    checks=request.checks,
                )
        except Cancelled:
            self.signals.cancelled.emit(rid)
        except Exception as exc:  # reported to the user, never lost in a thread
            log.error("collation %d failed:\n%s", rid, traceback.format_exc())
            self.signals.failed.emit(rid, f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(rid, result)


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

    def __init__(self, parent: QObject | None = None, function: CollateFunction = collate) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._function = function
        self._signals = _JobSignals(self)
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self._latest: CollationRequest | None = None
        self._cancel = threading.Event()
        self._pending = 0
        LIVE_RUNNERS.add(self)

    @property
    def latest_id(self) -> int | None:
        return self._latest.request_id if self._latest else None

    def is_running(self) -> bool:
        return self._pending > 0

    def active_threads(self) -> int:
        return self._pool.activeThreadCount()

    def submit(self, request: CollationRequest) -> None:
        """Cancel whatever runs and start ``request``."""
        self._cancel.set()
        self._cancel = threading.Event()
        self._latest = request
        self._pending += 1
        self._pool.start(_Job(request, self._cancel, self._signals, self._function))
        self.started.emit(request.request_id)

    def cancel(self) -> None:
        """Stop the running request; its result, if it still comes, is dropped."""
        self._cancel.set()
        self._latest = None

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel and wait for the pool thread, so no thread outlives its window."""
        self.cancel()
        return self._pool.waitForDone(timeout_ms)

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
    def _on_finished(self, rid: int, result: Any) -> None:
        request = self._current(rid)
        self._done()
        if request is None:
            log.debug("dropped the stale result of collation %d", rid)
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
