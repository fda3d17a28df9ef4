"""Scans read by OCR in the background before the window opens them.

OCR takes seconds a page, so a scan chosen, dropped or named on the command
line is read off the GUI thread first (``app/text/scan_reading.read_scans``
puts what it reads in the caches), with the status bar's progress and its
Cancel; then the files are opened as any others, and loading finds each
reading in the cache at once.  Files that need no OCR, or were read before,
open at once without a detour.  One reading at a time: a new one cancels
the one running (its files are not opened).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal, Slot

from app.cancel import CancelEvent, Cancelled
from app.session.worker import one_line
from app.text.loading import LoadError, read_bytes
from app.text.scan_reading import known, needs_ocr, read_scans, refused

THREAD_NAME = "jiaokan-ocr-reading"


def scans_to_read(paths: Sequence[str]) -> list[str]:
    """The files among ``paths`` that are scans OCR has not read yet (nor found unreadable);
    a file that cannot be read at all is left for opening to report."""
    out = []
    for path in paths:
        try:
            data = read_bytes(path)
        except LoadError:
            continue
        if not needs_ocr(data):
            continue
        digest = hashlib.sha256(data).hexdigest()
        if known(digest) is None and not refused(digest):
            out.append(path)
    return out


class ScanReader(QObject):
    """Reads scans on a thread of its own; tells the GUI thread by queued signals."""

    started = Signal()
    progress = Signal(float)
    finished = Signal()
    """The reading ended (read, cancelled or failed): the window is idle again."""
    failed = Signal(str)
    _done = Signal(int, str)  # generation, "" or "cancelled" or the failure

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = CancelEvent()
        self._thread: threading.Thread | None = None
        self._generation = 0
        self._then: Callable[[], object] | None = None
        self._done.connect(self._on_done)

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def read_then(self, paths: Sequence[str], then: Callable[[], object]) -> bool:
        """Read the scans among ``paths`` not read yet, then call ``then`` (on the GUI
        thread); ``False``, and nothing started, when there is none to read (call
        ``then`` yourself, at once)."""
        todo = scans_to_read(paths)
        if not todo:
            return False
        self.cancel()
        self._generation += 1
        generation = self._generation
        self._cancel = cancel = CancelEvent()
        self._then = then
        emit_progress, emit_done = self.progress.emit, self._done.emit

        def progress(fraction: float) -> None:
            if not cancel():
                with contextlib.suppress(RuntimeError):  # the window is gone
                    emit_progress(fraction)

        def work() -> None:
            outcome = ""
            try:
                read_scans(todo, read_bytes, cancel, progress)
            except Cancelled:
                outcome = "cancelled"
            except Exception as exc:  # a broken installation (no models): said, not lost
                outcome = one_line(exc)
            with contextlib.suppress(RuntimeError):
                emit_done(generation, outcome)

        self._thread = threading.Thread(target=work, name=THREAD_NAME, daemon=True)
        self._thread.start()
        self.started.emit()
        return True

    def cancel(self) -> None:
        """Stop the reading; its files are not opened."""
        self._cancel.set()
        self._then = None

    def shutdown(self, timeout: float = 30.0) -> bool:
        """Cancel and wait for the thread (a window closing leaves no thread behind)."""
        self.cancel()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    @Slot(int, str)
    def _on_done(self, generation: int, outcome: str) -> None:
        if generation != self._generation:
            return  # an older reading, cancelled by this one
        then, self._then = self._then, None
        self.finished.emit()
        if outcome and outcome != "cancelled":
            self.failed.emit(outcome)
        elif not outcome and then is not None:
            then()
