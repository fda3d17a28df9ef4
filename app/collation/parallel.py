"""Witnesses on every core: the calling process and worker processes take them in turn.

Each witness is aligned and its divergences found without the others
(:func:`app.collation.collate.witness_divergences`), and the aligner is
Python, so threads would not help: the witnesses are shared out between
*lanes*, the calling process and one worker process per further core.

- The calling process works too, rather than waiting: on two cores that is
  one worker process, not two, and no core idles while the other works.
- Jobs are claimed from a shared counter, longest first, by whichever lane
  is free: a lane that starts late (a spawned process importing the engine)
  or runs slowly (a core shared with other work) simply takes fewer jobs,
  so the lanes finish close together and the calling process alone never
  waits for work it could have done itself.
- A worker is *forked* where that is safe (Linux, and the calling process
  runs a single thread, so no other thread holds a lock the child would
  inherit locked): it starts in milliseconds, with the engine imported and
  the texts in memory.  Anywhere else it is *spawned*: the window's
  collation runs in a thread of a Qt program, and forking a process with
  Qt's threads running is unsafe.  A frozen application calls
  :func:`multiprocessing.freeze_support` first thing (packaging/jiaokan_entry.py).
- Cancel stays effective: the calling process's own jobs poll the caller's
  cancel check, and so does its wait for the workers' results (every
  :data:`POLL_SECONDS`); when it says stop, an event shared with the
  workers is set, which their own cancel check (the aligner polls it) sees,
  so they stop within moments, and :class:`~app.cancel.Cancelled` is raised
  once they are gone.  No process outlives the call.
- Small collations stay in the calling process (:func:`worker_count`), and
  so do collations on a machine whose cores other work keeps busy: running
  in parallel is never slower than collating the witnesses one at a time.
  ``JIAOKAN_PROCESSES`` (:data:`PROCESSES_ENV`) overrides the estimate.
- A worker never outlives the calling process, however that ends
  (:mod:`app.collation.lifeline`), and a worker that ends before its job is
  done (killed, out of memory) is :class:`WorkerDied`, one line: its job is
  not done again here, since what ended it (the system's out-of-memory
  killer, a crash of native code on that witness, someone stopping it) would
  most likely end this process too, with no word at all.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Collection, Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from typing import Any, TypeVar

from app.cancel import CancelCheck, Cancelled, poll
from app.collation.lifeline import bind_to_parent, signals_held
from app.collation.processes import asked_processes
from app.messages import MessageError

R = TypeVar("R")

SECONDS_PER_CHAR = 0.48e-6
"""About what aligning one witness costs per character of source plus witness (measured here)."""

RESULT_SECONDS_PER_CHAR = 0.07e-6
"""What a witness done in a worker costs on top, per character of witness: pickling its
result there and reading it back here."""

STARTUP_SECONDS = {"fork": 0.2, "spawn": 0.8, "forkserver": 0.2}
"""What a worker process costs before it takes its first witness: a forked one little (the
fork of a large process, some 50 ms, and sending it the normalized source), a spawned one
starting Python and importing the engine (measured here; four 100k-character witnesses,
0.35 s in one process, took 0.5 s with a forked worker on a loaded machine), one forked by
the fork server (:func:`serve`) about what a forked one costs, the texts sent to it included,
once the server has loaded the engine."""

SERVER_READY_SECONDS = 1.5
"""How long the fork server takes to load the engine and its tables after :func:`serve`
(0.5-1 s measured here, on the core the window leaves free): a worker asked of it sooner
waits for the rest."""

SERVER_PRELOAD = ("__main__", "app.collation.warm")
"""What the fork server imports before it forks: the program's main module (else each
worker would import it again) and the lanes' engine and tables (:mod:`app.collation.warm`)."""

_SERVED: list[float] = []
"""When :func:`serve` started the fork server (monotonic seconds), if it did."""

_READY = threading.Event()
"""Set once the fork server has forked a first worker: it has loaded what it preloads."""

POLL_SECONDS = 0.05
"""How often the caller's cancel check is polled while this process waits for workers."""

STOP_SECONDS = 10.0
"""How long a stopped worker may take to end before it is terminated."""

_OUT_OF_MEMORY_EXIT = 71
"""A worker's exit status when it ran out of memory and could not even send that."""

_FAILED_EXIT = 72
"""A worker's exit status when it failed and could not send why."""


class WorkerDied(MessageError):
    """A worker process was killed, or failed, before the collation was done."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def others_running() -> float:
    """How many processes other than this one keep the cores busy, by the best guess at hand.

    Best is what the cores did since this module was imported, where that
    was a moment ago (the command line imports it a tenth of a second
    before it collates, busy all the while): :func:`others_busy`.
    Otherwise the load average lags by a minute (a test run that just ended
    still counts) and the count of runnable tasks is a snapshot; the smaller
    of the two is what is known to compete for the cores.
    """
    recent = others_busy(_IMPORTED, cpu_times(), cores())
    if recent is not None:
        return recent
    try:
        load = os.getloadavg()[0]
    except OSError:  # no load average to read
        return 0.0
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            now = int(f.read().split()[3].split("/")[0]) - 1  # less this process
    except (OSError, ValueError, IndexError):
        return load
    return max(0.0, min(load, float(now)))


CpuTimes = tuple[float, float, float]
"""``(when, busy, total)``: a monotonic time, and the seconds all cores have been busy and
have run in all (/proc/stat)."""


def cpu_times() -> CpuTimes | None:
    """The cores' times so far (Linux), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            ticks = [int(x) for x in f.readline().split()[1:9]]
        hz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None
    idle = ticks[3] + ticks[4]  # idle, waiting for I/O
    total = sum(ticks)
    return time.monotonic(), (total - idle) / hz, total / hz


RECENT_SECONDS = (0.03, 2.0)
"""How long ago a sample of :func:`cpu_times` may be to tell how busy the cores are now:
long enough for the clock ticks (10 ms, on each core) to mean something, short enough to be
the present (the command line: some 50 ms, in which it imports the engine)."""


def others_busy(before: CpuTimes | None, after: CpuTimes | None, count: int) -> float | None:
    """The cores kept busy between ``before`` and ``after`` by others than this process,
    which was busy throughout; None where the samples are missing, too close or too old."""
    if before is None or after is None:
        return None
    elapsed = after[0] - before[0]
    ran = after[2] - before[2]
    if not RECENT_SECONDS[0] <= elapsed <= RECENT_SECONDS[1] or ran <= 0:
        return None
    busy = (after[1] - before[1]) / ran * count  # cores busy on average, this process's included
    return max(0.0, busy - 1.0)


_IMPORTED = cpu_times()
"""The cores' times when this module was imported (the command line: as it starts)."""


def start_method() -> str:
    """``fork`` where forking is safe (Linux, and this process runs one thread), else
    ``forkserver`` where this process started the fork server (:func:`serve`: the window),
    else ``spawn``.

    Threads are counted by the kernel (/proc/self/task), so threads started
    by Qt or a C library count as well as Python's own.
    """
    if not sys.platform.startswith("linux"):
        return "spawn"
    try:
        single = len(os.listdir("/proc/self/task")) == 1
    except OSError:
        single = False
    if single and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "forkserver" if _SERVED else "spawn"


def serve(*, wait: bool = False) -> bool:
    """Start the fork server that the window's collations take their worker processes from.

    The window runs threads, so it cannot fork a worker itself, and a spawned one
    costs 0.8 s before its first witness.  The server is a process of its own, started
    as the window opens: it loads the engine and its tables once
    (:data:`SERVER_PRELOAD`), on the core the window leaves free, and then forks a
    ready worker in milliseconds whenever a collation asks.  It ends with this process
    (it reads a pipe this one holds).  Linux only, and only where there is a second
    core to run workers on; False where it was not started.  With ``wait``, return once
    it has loaded what it preloads (a worker forked from it has ended).
    """
    if (
        not sys.platform.startswith("linux")
        or "forkserver" not in multiprocessing.get_all_start_methods()
        or cores() < 2
    ):
        return False
    if not _SERVED:
        from multiprocessing import forkserver

        multiprocessing.set_forkserver_preload(list(SERVER_PRELOAD))
        forkserver.ensure_running()
        _SERVED.append(time.monotonic())
        if not wait:  # told when it is ready, by a first worker that does nothing
            threading.Thread(target=_probe, name="jiaokan-fork-server", daemon=True).start()
    if wait:
        _probe()
    return True


def _probe() -> None:
    """Have the fork server fork a worker that does nothing, and wait for it: once it has,
    the server has loaded what it preloads (:data:`_READY`)."""
    with contextlib.suppress(OSError, EOFError, ValueError):  # no server: workers spawn
        probe = multiprocessing.get_context("forkserver").Process(target=_nothing)
        probe.start()
        probe.join()
        probe.close()
        _READY.set()


def _nothing() -> None:
    """A worker that does nothing (:func:`_probe`)."""


def _startup(method: str) -> float:
    """:data:`STARTUP_SECONDS` of ``method``, and what the fork server may still have to
    load when it has not yet said it is ready."""
    seconds = STARTUP_SECONDS[method]
    if method == "forkserver" and _SERVED and not _READY.is_set():
        seconds += max(0.0, SERVER_READY_SECONDS - (time.monotonic() - _SERVED[0]))
    return seconds


def makespan(costs: Sequence[float], lanes: int, startup: float, first: float = 0.0) -> float:
    """When the last of ``costs`` is done, each claimed by the lane free first.

    Lane 0 is this process, free once it has done ``first`` (its own work); the
    others start ``startup`` later.
    """
    free = [first] + [startup] * (lanes - 1)
    for cost in sorted(costs, reverse=True):
        k = free.index(min(free))
        free[k] += cost
    return max(free)


def worker_count(
    source: str, texts: Sequence[str], method: str | None = None, *, beside: float = 0.0
) -> int:
    """How many processes to align ``texts`` against ``source`` with, this one included
    (0: only this one).

    Processes only where they are expected to save at least a fifth of the
    time of aligning the witnesses one after the other, start-up and passing
    the results back included (this process takes witnesses from the start,
    the workers once they are up), so a collation in processes is never
    slower than one in this process.  Other work on the cores slows every
    process alike (the scheduler shares the cores out per process), so the
    estimate compares what each way gets of the cores with the
    :func:`others_running`: with one other busy process on two cores, two
    processes of ours would get two thirds of a core each, and gain nothing
    on one with a whole core (measured here: 6.5 s against 5.5 s), so the
    witnesses stay here and the other work keeps its core.

    ``beside`` is what the collation does besides its witnesses, in seconds (the
    source's checks): in one process after them, in processes beside them, counted
    here as this process's own work before its first witness.

    ``JIAOKAN_PROCESSES`` (:func:`asked_processes`) replaces the estimate (at most
    one process per witness); a value that is not a number is ignored here.
    """
    with contextlib.suppress(ValueError):
        asked = asked_processes()
        if asked is not None:
            lanes = min(asked, len(texts))  # a worker without a witness would idle
            return lanes if lanes >= 2 else 0
    lanes = min(cores(), len(texts))
    if lanes < 2:
        return 0
    method = method or start_method()
    others = others_running()
    alone_share = min(1.0, cores() / (others + 1))
    lane_share = min(1.0, cores() / (others + lanes))
    costs = [(len(source) + len(t)) * SECONDS_PER_CHAR for t in texts]
    extra = [len(t) * RESULT_SECONDS_PER_CHAR for t in texts]
    with_extra = [c + e for c, e in zip(costs, extra, strict=True)]
    spread = makespan(with_extra, lanes, _startup(method), beside) / lane_share
    alone = (sum(costs) + beside) / alone_share
    return lanes if spread < 0.8 * alone else 0


def in_processes(
    task: Callable[..., R],
    jobs: Sequence[tuple[Any, ...]],
    processes: int,
    cancel: CancelCheck | None,
    done: Callable[[], None],
    *,
    costs: Sequence[float] | None = None,
    method: str | None = None,
    shared: Callable[[], Any] | None = None,
    here: Collection[int] = (),
) -> list[R]:
    """``task(*job, cancel_check)`` for every job, in this process and ``processes - 1``
    worker processes, results in the order of ``jobs``.

    ``task`` must be a module-level function (a spawned worker gets it by
    name).  Jobs are taken largest ``costs`` first.  ``done`` is called in
    this thread as each job finishes.  Raises what a job raised, or
    :class:`~app.cancel.Cancelled` when ``cancel`` says stop.

    With ``shared``, what every job needs but takes a while to make (the
    normalized source) is made here while the workers already start on what
    does not need it (normalizing their witness): ``shared()`` is called
    here once the workers are started, its value sent to each, and every
    job is called as ``task(*job, get_shared, cancel_check)``, where
    ``get_shared()`` returns that value (in a worker, waiting for it).

    The jobs numbered in ``here`` run in this process only (they read what only
    this process has loaded: the checks' word tables): this process takes one of
    those unless the next job any lane may take costs more than all of them.
    """

    def cost(k: int) -> float:
        return costs[k] if costs else 0.0

    order = sorted((k for k in range(len(jobs)) if k not in here), key=lambda k: -cost(k))
    mine = sorted(here, key=lambda k: -cost(k))
    context = multiprocessing.get_context(method or start_method())
    stop = context.Event()
    claim: Synchronized[int] = context.Value("i", 0)
    taken: Synchronized[int] = context.Value("i", 0)
    results_queue: Queue[tuple[int, bool, Any]] = context.Queue()
    shared_queue: Queue[Any] | None = context.Queue() if shared is not None else None
    sent = 0
    results: dict[int, R] = {}
    workers: list[BaseProcess] = []
    for stream in (sys.stdout, sys.stderr):  # a forked child must not write their buffers again
        if stream is not None:
            stream.flush()
    lane = (task, jobs, order, claim, stop, results_queue, shared_queue, taken)
    unsent: list[BaseException] = []
    if shared_queue is not None:
        # the thread that sends the shared value calls this if it cannot pickle it (out of
        # memory): noted, and raised here (below), instead of a traceback on stderr and
        # workers waiting for ever for a value that never comes
        shared_queue._on_queue_feeder_error = lambda e, _v: unsent.append(e)  # type: ignore[attr-defined]
    try:
        for _ in range(processes - 1):
            worker = context.Process(  # type: ignore[attr-defined]
                target=_lane,
                args=(os.getpid(), context.get_start_method() == "forkserver", *lane),
                name="jiaokan-collation-lane",
                daemon=True,
            )
            with signals_held():
                worker.start()
            workers.append(worker)
        extra: tuple[Any, ...] = ()
        if shared is not None and shared_queue is not None:
            shared_value = shared()
            for _ in workers:
                _put(shared_queue, shared_value)
                sent += 1
            extra = (lambda: shared_value,)

        def dead() -> list[BaseProcess]:
            """Workers that were killed or failed (not those that ran out of jobs)."""
            return [w for w in workers if w.exitcode not in (None, 0)]

        def check_workers() -> None:
            """Raise why the workers cannot finish: one died, or their value was not sent."""
            ended = dead()
            if ended:
                raise _died(ended)
            if unsent:
                raise unsent[0]

        looked = [time.monotonic()]

        def stop_here() -> bool:
            """The cancel check of this process's own jobs: the caller's, and (every
            :data:`POLL_SECONDS`) whether the workers can still finish."""
            if cancel is not None and cancel():
                return True
            if time.monotonic() - looked[0] < POLL_SECONDS:
                return False
            looked[0] = time.monotonic()
            return bool(unsent or dead())

        def collect(wait: bool) -> bool:
            """Take one job the workers finished (waiting a moment with ``wait``); False if none."""
            try:
                if wait:
                    index, ok, value = results_queue.get(timeout=POLL_SECONDS)
                else:
                    index, ok, value = results_queue.get_nowait()
            except queue.Empty:
                if not wait:
                    return False
                ended = dead()
                if not ended and any(w.is_alive() for w in workers):
                    return False
                try:  # the last result of a worker that has ended may still be on its way
                    index, ok, value = results_queue.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    raise _died(ended or workers) from None
            if not ok:
                raise value
            results[index] = value
            done()
            return True

        while True:
            while collect(wait=False):  # what the workers finished meanwhile
                pass
            job = _next_here(claim, order, mine, cost)
            if job is None:
                break
            try:
                results[job] = task(*jobs[job], *extra, stop_here)
            except Cancelled:
                check_workers()  # the reason, if it was theirs
                raise
            done()
        while len(results) < len(jobs):
            poll(cancel)
            if unsent:
                raise unsent[0]
            collect(wait=True)
    except BaseException:
        stop.set()  # the workers' own cancel checks see it: they stop at once
        raise
    finally:
        try:
            _end(workers, results_queue)
        finally:  # even if that failed (out of memory): else this process could not exit
            if shared_queue is not None:  # what could not be sent is not waited for
                _drain(shared_queue, sent - int(taken.value) - len(unsent))
    return [results[k] for k in range(len(jobs))]


def _next_here(
    claim: Synchronized[int], order: Sequence[int], mine: list[int], cost: Callable[[int], float]
) -> int | None:
    """The next job of this process: the next one no lane has claimed (claimed) if it costs
    more than all of this process's own left in ``mine`` together, else its own next (taken
    off ``mine``); None once there is neither.  So this process takes the long jobs first
    with the workers, and its own before the short ones a worker free by then can take."""
    with claim.get_lock():
        k = int(claim.value)
        if k < len(order) and (not mine or cost(order[k]) > sum(map(cost, mine))):
            claim.value = k + 1
            return order[k]
    return mine.pop(0) if mine else None


def _claim(claim: Synchronized[int], count: int) -> int | None:
    """The next job's place in the order, or None once every job is taken."""
    with claim.get_lock():
        k = int(claim.value)
        if k >= count:
            return None
        claim.value = k + 1
        return k


def _died(workers: Sequence[BaseProcess]) -> Exception:
    """Why the first of ``workers`` ended: out of memory, the signal that killed it, or its
    exit status."""
    code = workers[0].exitcode
    if code == _OUT_OF_MEMORY_EXIT:
        return MemoryError()
    if not code:
        how = "no result sent"
    elif code < 0:
        try:
            how = f"killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"killed by signal {-code}"
    else:
        how = f"exit status {code}"
    return WorkerDied("collate.worker-died", pid=str(workers[0].pid), how=how)


def _lane(
    parent: int,
    served: bool,
    task: Callable[..., Any],
    jobs: Sequence[tuple[Any, ...]],
    order: Sequence[int],
    claim: Synchronized[int],
    stop: Event,
    results: Queue[tuple[int, bool, Any]],
    shared: Queue[Any] | None,
    taken: Synchronized[int],
) -> None:
    """A worker process: claim jobs until none is left or the caller stops, send each result.

    Bound to the ``parent`` process first, so it never outlives it; one the fork
    server forked (``served``) is the server's child, and bound to it (the server ends
    with the parent) as well as to the parent's pipe (:mod:`app.collation.lifeline`).
    Without the cycle collector: the jobs make millions of objects that
    reference counting frees, and the process ends with the call.
    """
    bind_to_parent(os.getppid() if served else parent)
    gc.disable()
    unsent: list[BaseException] = []
    # the thread that sends the results calls this for one it cannot pickle (out of
    # memory): noted, instead of a traceback on stderr, or nothing once the process exits
    results._on_queue_feeder_error = lambda e, _v: unsent.append(e)  # type: ignore[attr-defined]
    try:
        try:
            _take_jobs(task, jobs, order, claim, stop, results, shared, taken)
        finally:
            results.close()
            results.join_thread()  # every result is sent before the process ends
        if unsent:
            raise unsent[0]
    except BaseException as exc:  # a result that could not be sent: the exit status tells
        os._exit(_OUT_OF_MEMORY_EXIT if isinstance(exc, MemoryError) else _FAILED_EXIT)


def _take_jobs(
    task: Callable[..., Any],
    jobs: Sequence[tuple[Any, ...]],
    order: Sequence[int],
    claim: Synchronized[int],
    stop: Event,
    results: Queue[tuple[int, bool, Any]],
    shared: Queue[Any] | None,
    taken: Synchronized[int],
) -> None:
    """The worker's loop (:func:`_lane`)."""
    stopped = stop.is_set
    extra: tuple[Any, ...] = ()
    if shared is not None:
        received: list[Any] = []

        def get_shared() -> Any:
            """The caller's shared value, waiting for it (while the caller does not stop)."""
            caller = multiprocessing.parent_process()
            while not received:
                poll(stopped)
                if caller is not None and not caller.is_alive():
                    raise Cancelled  # nobody is left to send it
                with contextlib.suppress(queue.Empty):
                    received.append(shared.get(timeout=POLL_SECONDS))
                    with taken.get_lock():
                        taken.value += 1
            return received[0]

        extra = (get_shared,)
    while not stopped():
        k = _claim(claim, len(order))
        if k is None:
            return
        index = order[k]
        try:
            value = task(*jobs[index], *extra, stopped)
        except Cancelled:
            return
        except BaseException as exc:  # the caller raises it; it must survive pickling
            try:
                pickle.dumps(exc)
                error: BaseException = exc
            except Exception:
                error = RuntimeError(f"{type(exc).__name__}: {exc}")
            _put(results, (index, False, error))
            return
        _put(results, (index, True, value))


def _put(channel: Queue[Any], value: Any) -> None:
    """``channel.put(value)``; its first put starts the thread that sends, and a thread
    that cannot start (no memory left for its stack) is a :class:`MemoryError`."""
    try:
        channel.put(value)
    except RuntimeError as e:
        raise MemoryError(str(e)) from None


def _end(workers: Sequence[BaseProcess], results: Queue[tuple[int, bool, Any]]) -> None:
    """Wait for the workers to end, reading what they still send (a worker that has put a
    result waits until it is read before it ends); terminate one that will not stop."""
    deadline = time.monotonic() + STOP_SECONDS
    while any(w.is_alive() for w in workers):
        with contextlib.suppress(queue.Empty):
            results.get(timeout=POLL_SECONDS)
        if time.monotonic() > deadline:
            for w in workers:
                if w.is_alive():
                    w.terminate()
            break
    for w in workers:
        w.join()
        w.close()
    results.close()
    results.join_thread()


def _drain(shared: Queue[Any], unread: int) -> None:
    """Read back what no worker took of the shared value (a worker stopped before it needed
    it): until it is read, the thread that sends it waits, and this process with it.

    Every worker has ended by now, so nothing sent matters any more: the thread is
    never waited for at this process's exit.  Out of memory, it could fail to hear
    that it should end (its queue's closing fails), and the process would wait for
    ever; what is not read back in time, or not at all, is simply dropped.
    """
    try:
        deadline = time.monotonic() + STOP_SECONDS
        while unread > 0 and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                shared.get(timeout=POLL_SECONDS)
                unread -= 1
    finally:
        shared.cancel_join_thread()
        shared.close()
