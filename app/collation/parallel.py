"""Witnesses in worker processes: a large collation of several witnesses on every core.

Each witness is aligned and its divergences found without the others
(:func:`app.collation.collate.witness_divergences`), and the aligner is
Python, so threads would not help: the witnesses go to a
:class:`~concurrent.futures.ProcessPoolExecutor`, one process per core.

- The processes are *spawned*, never forked: the window's collation worker
  runs in a thread of a Qt program, and forking a process with Qt's threads
  running is unsafe.  A frozen application calls
  :func:`multiprocessing.freeze_support` first thing (packaging/jiaokan_entry.py).
- Cancel stays effective: the caller's cancel check is polled between
  futures (every :data:`POLL_SECONDS`); when it says stop, an event shared
  with the processes is set, which their own cancel check (the aligner polls
  it) sees, so they stop within moments, and the pool is shut down before
  :class:`~app.cancel.Cancelled` is raised.  No process outlives the call.
- Starting processes costs some tenths of a second, so small collations
  stay in the calling process (:func:`worker_count`): running in parallel
  is never slower than collating the witnesses one at a time.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing.synchronize import Event
from typing import Any, TypeVar

from app.cancel import CancelCheck, poll

R = TypeVar("R")

SECONDS_PER_CHAR = 0.55e-6
"""About what aligning one witness costs per character of source plus witness (measured here)."""

STARTUP_SECONDS = 0.8
"""What a worker process costs before its first witness is done: spawning, importing, and the
first use of the normalization and classification tables (measured here, on a loaded machine)."""

POLL_SECONDS = 0.05
"""How often the caller's cancel check is polled while the processes work."""

_stop: Event | None = None
"""In a worker process: set when the caller cancels."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def spare_cores() -> float:
    """Cores nobody else uses: the cores less the load average (which counts this process)."""
    try:
        return cores() - os.getloadavg()[0]
    except OSError:  # no load average to read
        return float(cores())


def worker_count(source: str, texts: Sequence[str]) -> int:
    """How many processes to align ``texts`` against ``source`` with (0: stay in this one).

    Processes only where they are expected to save at least a fifth of the
    time of aligning the witnesses one after the other, start-up included,
    and only while another core is spare: on a machine whose cores other
    work keeps busy, processes only add their start-up.  So a collation in
    processes is never slower than one in this process.
    """
    workers = min(cores(), len(texts))
    if workers < 2 or spare_cores() < 1:
        return 0
    costs = sorted(((len(source) + len(t)) * SECONDS_PER_CHAR for t in texts), reverse=True)
    loads = [0.0] * workers
    for cost in costs:  # the longest first, each to the least loaded process
        loads[loads.index(min(loads))] += cost
    spread = STARTUP_SECONDS + max(loads)
    return workers if spread < 0.8 * sum(costs) else 0


def _start(stop: Event) -> None:
    global _stop
    _stop = stop


def _stopped() -> bool:
    return _stop is not None and _stop.is_set()


def _call(task: Callable[..., R], args: tuple[Any, ...]) -> R:
    """In a worker process: the task, with the shared stop event as its cancel check."""
    return task(*args, _stopped)


def in_processes(
    task: Callable[..., R],
    jobs: Sequence[tuple[Any, ...]],
    workers: int,
    cancel: CancelCheck | None,
    done: Callable[[], None],
) -> list[R]:
    """``task(*job, cancel_check)`` for every job, in ``workers`` spawned processes, in order.

    ``task`` must be a module-level function (it is pickled by name).
    ``done`` is called in this thread as each job finishes.  Raises what a
    job raised, or :class:`~app.cancel.Cancelled` when ``cancel`` says stop.
    """
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    results: dict[int, R] = {}
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start, initargs=(stop,)
    )
    try:
        futures: dict[Future[R], int] = {
            pool.submit(_call, task, job): k for k, job in enumerate(jobs)
        }
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in finished:
                results[futures[future]] = future.result()
                done()
            poll(cancel)
    except BaseException:
        stop.set()  # the processes' own cancel checks see it: they stop at once
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [results[k] for k in range(len(jobs))]
