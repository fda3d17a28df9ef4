"""The background collation worker, without Qt: only the latest request counts.

As in napari's slicer and Anki's task manager: the caller (the window's GUI
thread, a test, a script) builds an immutable :class:`CollationRequest`, one
worker thread runs it, a newer request cancels the old one, and a result
whose request is no longer the latest is dropped, never delivered.  The
window's ``ui/worker.py`` only bridges the callbacks below to queued Qt
signals, so all of this is tested without a display.

The contract, for every request passed to :meth:`CollationWorker.submit`:

- exactly one *terminal* callback is called, from the worker thread:
  ``finished`` (the collation), ``failed`` (a one-line message; the
  traceback goes to the log), ``cancelled`` (the work stopped on its cancel
  check), or ``dropped`` (it ended, but a newer request or :meth:`cancel`
  came first, so its result or failure is not delivered);
- ``finished``, ``failed`` and ``progress`` are called only while the
  request is the latest: the check and the call happen under the worker's
  lock, so once :meth:`submit` or :meth:`cancel` has returned, nothing of an
  older request is delivered any more (a queued Qt signal may still be on
  its way: the bridge checks again on its own thread);
- callbacks must be quick and must not wait for the thread that submits
  (they run under that lock); they may call ``submit`` or ``cancel``, never
  ``shutdown``, which waits for the thread they run on.

Where the work runs is this module's business, not the caller's: one
thread of a :class:`~concurrent.futures.ThreadPoolExecutor` runs the collate
function, which itself aligns the witnesses of a large collation beside
worker processes where a core is spare (:mod:`app.collation.parallel`,
issue 12: spawned from a thread, since forking a threaded process is unsafe)
and checks the request's :class:`~app.cancel.CancelEvent` between the jobs
they claim, so a cancel stops them too and no caller changes.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass

from app.cancel import CancelEvent, Cancelled
from app.collation.collate import collate, realign
from app.collation.loci import Collation
from app.collation.reuse import reusing
from app.session.workspace import CollationRequest

log = logging.getLogger(__name__)

CollateFunction = Callable[..., Collation]
"""Called as ``function(source, witnesses, rules, cancel=, progress=, checks=)``,
like :func:`app.collation.collate.collate`."""

THREAD_NAME = "jiaokan-collation"

Post = Callable[[Callable[[], None]], None]
"""Runs a callable later on the owner's thread: the window hands it over by a queued
signal (ui/worker.py), a test by a queue it drains.  Called from the worker thread."""


def _nothing(*_args: object) -> None:
    """The default callback: the caller did not ask to hear of this."""


@dataclass(frozen=True)
class WorkerCallbacks:
    """What the worker tells its caller, each called from the worker thread."""

    finished: Callable[[CollationRequest, Collation], None] = _nothing
    failed: Callable[[CollationRequest, str], None] = _nothing
    cancelled: Callable[[CollationRequest], None] = _nothing
    dropped: Callable[[CollationRequest], None] = _nothing
    progress: Callable[[CollationRequest, float], None] = _nothing
    """A fraction in [0, 1] of the latest request; an older one's progress is dropped."""


def compute(
    request: CollationRequest,
    *,
    function: CollateFunction = collate,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
) -> Collation:
    """Run one request where the caller is: what the worker thread runs, and what the
    command line runs in its own thread (``Session.collate_now``)."""
    with reusing():  # a session collates its texts again and again: app.collation.reuse
        return _compute(request, function, cancel, progress)


def _compute(
    request: CollationRequest,
    function: CollateFunction,
    cancel: Callable[[], bool] | None,
    progress: Callable[[float], None] | None,
) -> Collation:
    if request.ready is not None:  # made ahead (app.session.ahead): only to be prepared
        return request.ready
    if request.regions is not None:  # a project just opened: its alignments only
        return realign(
            request.source,
            list(request.witnesses),
            request.rules,
            dict(request.regions),
            cancel=cancel,
            progress=progress,
        )
    lists = {} if request.lists is None else {"lists": request.lists}
    return function(
        request.source,
        list(request.witnesses),
        request.rules,
        cancel=cancel,
        progress=progress,
        checks=request.checks,
        **lists,
    )


SWITCH_INTERVAL = 0.001
"""Seconds a thread waits for the GIL, while a collation runs in the background, before it
asks the thread holding it to let go (``sys.setswitchinterval``; Python's own is 5 ms)."""


@dataclass
class _Before:
    """What :func:`in_background` changed, to put back when the last worker is done."""

    collector: bool
    switch_interval: float


_RUNNING: list[_Before] = []
"""One entry per background run under way: the first one's is what was there before."""
_RUNNING_LOCK = threading.Lock()


@contextmanager
def in_background() -> Iterator[None]:
    """The interpreter as a collation in a background thread wants it, so that the thread
    that started it (the window's) keeps running; counted, so that two workers (the
    collation and the ignored differences) change it together, and the last puts it back.

    - No cycle collection, and what the collation leaves is not traversed again
      afterwards (``gc.freeze``): a collation makes millions of objects, all freed by
      reference counting; with them the heap is large, and each full pass of the
      collector over it (triggered by the collation's allocations, in whichever thread
      allocates) held the GIL, and so the window's thread, for 15-60 ms at a time
      (bench_gui at 1M).
    - A thread waiting for the GIL asks for it after :data:`SWITCH_INTERVAL`, not 5 ms.
      The window's thread takes and lets go of the GIL many times in one event: every
      call from Qt into Python (a paint event, a model's data, a check whether a Python
      subclass overrides a virtual method) takes it.  With the worker running, each
      of those waited up to 5 ms: sizing the table's header when the files were opened
      asked ten times and held the window 42-59 ms (perf: main thread in take_gil from
      QSortFilterProxyModel::headerData); scrolling both panes a page while collating
      held it 14-18 ms (median of 20), with 1 ms 0-12.
    """
    with _RUNNING_LOCK:
        if not _RUNNING:
            before = _Before(gc.isenabled(), sys.getswitchinterval())
            gc.disable()
            sys.setswitchinterval(SWITCH_INTERVAL)
        else:
            before = _RUNNING[0]
        _RUNNING.append(before)
    try:
        yield
    finally:
        with _RUNNING_LOCK:
            _RUNNING.pop()
            if not _RUNNING:
                sys.setswitchinterval(before.switch_interval)
                if before.collector:
                    gc.freeze()
                    gc.enable()


def one_line(exc: BaseException) -> str:
    """The failure as the user sees it: type and text on one line (the traceback is logged)."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


LIVE_WORKERS: weakref.WeakSet[CollationWorker] = weakref.WeakSet()
"""Every worker not yet garbage-collected, so the tests can fail one left running."""


class CollationWorker:
    """Runs one collation at a time off the caller's thread; only the latest result counts.

    ``submit``, ``cancel`` and ``shutdown`` are meant to be called from one
    owner thread; they are safe from others too, and ``submit`` and ``cancel``
    from a callback.
    """

    def __init__(
        self,
        callbacks: WorkerCallbacks | None = None,
        function: CollateFunction = collate,
        *,
        prepare: Callable[[CollationRequest, Collation], None] | None = None,
        discard: Callable[[int], None] | None = None,
    ) -> None:
        """``prepare`` is called in the worker thread with each finished collation still
        wanted, before it is delivered (the session makes a new project file there, off
        the window's thread); ``discard`` with the id of one whose result is then not
        delivered after all, so that what was prepared for it goes."""
        self.callbacks = callbacks or WorkerCallbacks()
        self._function = function
        self._prepare = prepare
        self._discard = discard
        self._lock = threading.RLock()
        self._executor: ThreadPoolExecutor | None = None
        self._latest: CollationRequest | None = None
        self._cancel = CancelEvent()
        """The latest submission's own event: it tells a submission apart from an
        earlier one of the same request object."""
        self._active = 0
        self._futures: set[Future[None]] = set()
        LIVE_WORKERS.add(self)

    # -- the owner's side --------------------------------------------------------------

    @property
    def latest_id(self) -> int | None:
        """The request whose result will be delivered, or None after a cancel or a result."""
        with self._lock:
            return self._latest.request_id if self._latest else None

    def is_running(self) -> bool:
        """Whether a submitted request has not yet had its terminal callback."""
        with self._lock:
            return self._active > 0

    def submit(self, request: CollationRequest) -> Future[None]:
        """Cancel whatever runs and start ``request``; its future is done after its callback.

        The future is for waiting (a test, a shutdown); the outcome comes by
        callback only.
        """
        with self._lock:
            self._cancel.set()
            self._cancel = cancel = CancelEvent()
            self._latest = request
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD_NAME)
            self._active += 1
            future = self._executor.submit(self._run, request, cancel)
            self._futures.add(future)
            future.add_done_callback(self._forget)
            return future

    def cancel(self) -> None:
        """Stop the running request; its result, if it still comes, is dropped."""
        with self._lock:
            self._cancel.set()
            self._latest = None

    def shutdown(self, timeout: float | None = None) -> bool:
        """Cancel, and wait until every request has had its callback and the thread ended.

        False if ``timeout`` (seconds) passed first: the work ignores its cancel
        check, and the thread is still there.  The worker can be used again.
        """
        self.cancel()
        with self._lock:
            futures = set(self._futures)
        _, not_done = wait(futures, timeout)
        if not_done:
            return False
        with self._lock:  # a submit from now on starts a thread of its own
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)
        return True

    # -- the worker thread's side ------------------------------------------------------------

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._futures.discard(future)

    def _wanted(self, cancel: CancelEvent) -> bool:
        """Whether the submission that owns ``cancel`` is still the latest, not cancelled."""
        return self._cancel is cancel and self._latest is not None

    def _run(self, request: CollationRequest, cancel: CancelEvent) -> None:
        with in_background():
            self._collate(request, cancel)

    def _collate(self, request: CollationRequest, cancel: CancelEvent) -> None:
        try:
            if cancel():
                raise Cancelled
            progress = lambda fraction: self._progress(cancel, request, fraction)  # noqa: E731
            result = compute(request, function=self._function, cancel=cancel, progress=progress)
        except Cancelled:
            self._end(cancel, request, lambda c: c.cancelled(request), always=True)
        except Exception as exc:  # reported to the user, never lost in a thread
            log.exception("collation %d failed", request.request_id)
            why = one_line(exc)
            self._end(cancel, request, lambda c: c.failed(request, why))
        except BaseException:
            self._end(cancel, request, lambda c: c.dropped(request), always=True)
            raise
        else:
            prepared = self._prepare is not None and self._still_wanted(cancel)
            if prepared and self._prepare is not None:
                try:
                    self._prepare(request, result)
                except Exception:  # what was not prepared is done when the result is taken
                    log.exception("preparing collation %d failed", request.request_id)
            self._end(cancel, request, lambda c: c.finished(request, result), prepared=prepared)

    def _still_wanted(self, cancel: CancelEvent) -> bool:
        with self._lock:
            return self._wanted(cancel)

    def _progress(self, cancel: CancelEvent, request: CollationRequest, fraction: float) -> None:
        with self._lock:
            if self._wanted(cancel):
                self._call(lambda c: c.progress(request, fraction))

    def _end(
        self,
        cancel: CancelEvent,
        request: CollationRequest,
        deliver: Callable[[WorkerCallbacks], None],
        *,
        always: bool = False,
        prepared: bool = False,
    ) -> None:
        """The one terminal callback: the outcome if still wanted, else ``dropped``."""
        with self._lock:
            self._active -= 1
            wanted = self._wanted(cancel)
            if wanted:
                self._latest = None  # delivered once; a later cancel() has nothing to stop
            if wanted or always:
                self._call(deliver)
            else:
                log.debug("dropped the stale result of collation %d", request.request_id)
                if prepared and self._discard is not None:
                    self._discard(request.request_id)
                self._call(lambda c: c.dropped(request))

    def _call(self, deliver: Callable[[WorkerCallbacks], None]) -> None:
        """A failing callback is the caller's bug: logged, never left in an unread future."""
        try:
            deliver(self.callbacks)
        except Exception:
            log.exception("a collation callback failed")


class Background:
    """A :class:`CollationWorker` as its owner's thread sees it: each callback comes back
    on that thread (through ``post``), and a result or a failure is delivered only if its
    request is still the owner's latest there, since a newer request may have been
    submitted while it waited to be run.  The session runs its collations through one
    (app/session/session.py); the window's review of what the rules hide through another
    (ui/worker.py).

    On the owner's thread: ``finished``, ``failed`` and ``progress`` of the latest
    request only; ``cancelled`` and ``dropped`` of any; :attr:`idle` once every
    submitted request has had its terminal callback.
    """

    def __init__(
        self,
        post: Post,
        callbacks: WorkerCallbacks,
        function: CollateFunction = collate,
        *,
        prepare: Callable[[CollationRequest, Collation], None] | None = None,
        discard: Callable[[int], None] | None = None,
        idle: Callable[[], None] = _nothing,
    ) -> None:
        """``prepare``/``discard``: see :class:`CollationWorker` (a result dropped here,
        waiting for the owner's thread when a newer request came, is discarded too)."""
        self.callbacks = callbacks
        self._idle = idle
        self._discard = discard
        self._latest: CollationRequest | None = None
        self._pending = 0
        """Submitted requests whose terminal callback the owner's thread has not yet seen."""

        def later(deliver: Callable[[], None]) -> None:
            post(deliver)

        self.worker = CollationWorker(
            WorkerCallbacks(
                finished=lambda r, c: later(lambda: self._finished(r, c)),
                failed=lambda r, m: later(lambda: self._failed(r, m)),
                cancelled=lambda r: later(lambda: self._ended(r, cancelled=True)),
                dropped=lambda r: later(lambda: self._ended(r)),
                progress=lambda r, f: later(lambda: self._progress(r, f)),
            ),
            function,
            prepare=prepare,
            discard=discard,
        )

    @property
    def latest(self) -> CollationRequest | None:
        """The request whose result will be delivered, or None (none, cancelled, or done)."""
        return self._latest

    def is_running(self) -> bool:
        """Whether a submitted request has not yet had its terminal callback here."""
        return self._pending > 0

    def submit(self, request: CollationRequest) -> Future[None]:
        """Cancel whatever runs and start ``request``; the future is done once the worker
        thread has posted its outcome (not yet delivered here): for tests."""
        self._latest = request
        self._pending += 1
        return self.worker.submit(request)

    def cancel(self) -> None:
        """Stop the running request; its result, if it still comes, is dropped."""
        self.worker.cancel()
        self._latest = None

    def shutdown(self, timeout: float | None = 30.0) -> bool:
        """Cancel and wait for the worker thread (seconds), so no thread outlives its owner."""
        self.cancel()
        return self.worker.shutdown(timeout)

    def _wanted(self, request: CollationRequest) -> bool:
        latest = self._latest
        return latest is not None and latest.request_id == request.request_id

    def _done(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self._idle()

    def _finished(self, request: CollationRequest, collation: Collation) -> None:
        wanted = self._wanted(request)
        self._done()
        if not wanted:  # a newer request came while this result waited for this thread
            if self._discard is not None:
                self._discard(request.request_id)
            return
        self._latest = None
        self.callbacks.finished(request, collation)

    def _failed(self, request: CollationRequest, why: str) -> None:
        wanted = self._wanted(request)
        self._done()
        if wanted:
            self._latest = None
            self.callbacks.failed(request, why)

    def _ended(self, request: CollationRequest, *, cancelled: bool = False) -> None:
        self._done()
        if cancelled:
            self.callbacks.cancelled(request)
        else:
            self.callbacks.dropped(request)

    def _progress(self, request: CollationRequest, fraction: float) -> None:
        if self._wanted(request):
            self.callbacks.progress(request, fraction)
