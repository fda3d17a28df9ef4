"""A worker process ends with the process that started it, however that one ends.

A collation worker (app/collation/parallel.py) holds no file, only texts in
memory, and sends its results through a pipe.  If the process that started
it is killed (``kill -9``, the out-of-memory killer, a window closed by the
system), nobody reads that pipe any more, and the worker would wait for ever
on it, with its hundred megabytes.  Two independent ways make sure it ends:

- On Linux the kernel does it: ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` asks for
  SIGKILL when the parent ends.  The kernel means the *thread* that started
  the worker (the window starts them from its collation thread), which
  outlives them: :func:`~app.collation.parallel.in_processes` waits for
  every worker before it returns.
- Everywhere, a thread of the worker waits on its parent's *sentinel*
  (a pipe the parent holds open, or on Windows its process handle), which
  becomes ready when the parent ends, and then ends the worker at once.

A worker the window's fork server forked (:func:`~app.collation.parallel.serve`)
is the server's child, not the window's: the kernel's signal comes when the
server ends (which it does when the window does: it reads a pipe the window
holds), and the sentinel is still the window's own pipe, so either way it ends
with the window.

Signals a user sends to a whole terminal's process group (Ctrl+C is
SIGINT, a closed terminal SIGHUP) are ignored by the workers: the calling
process decides, cancels, and stops them through their shared event, so a
cancelled command reports one line, not one traceback per worker.  SIGTERM
keeps its default and ends a worker (that is how a worker that does not stop
in time is ended).  The calling process blocks these signals while it starts
a worker (:func:`signals_held`), so none arrives in the moment a worker has
the caller's handlers and not yet its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import wait

ORPHANED_EXIT = 70
"""A worker's exit status when it ends because its parent did (nobody reads it)."""

_PR_SET_PDEATHSIG = 1
"""From <linux/prctl.h>."""

_PARENT_POLL_SECONDS = 0.5
"""How often a worker without its parent's sentinel looks whether its parent changed."""

IGNORED = tuple(getattr(signal, name) for name in ("SIGINT", "SIGHUP") if hasattr(signal, name))
"""What a terminal sends a whole process group: the calling process handles it for all."""

HELD = (*IGNORED, *((signal.SIGTERM,) if hasattr(signal, "SIGTERM") else ()))
"""Held back in the calling process while a worker starts."""


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Block :data:`HELD` in this thread while a worker starts; they arrive afterwards.

    A forked worker inherits the blocked mask, and so does a spawned one
    through ``exec``: either unblocks them in :func:`bind_to_parent`, once
    its own dispositions are set.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def bind_to_parent(parent_pid: int) -> None:
    """First thing in a worker: end when ``parent_pid`` does, leave the terminal's signals to it."""
    for signum in IGNORED:
        signal.signal(signum, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)
    if _death_signal() and os.getppid() != parent_pid:
        os._exit(ORPHANED_EXIT)  # the parent ended before the kernel was asked to tell
    _watch(parent_pid)


def _death_signal() -> bool:
    """Linux: ask the kernel for SIGKILL when the parent ends.  Whether it was asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    """A thread that ends this process as soon as the parent is gone."""
    parent = multiprocessing.parent_process()
    sentinel = None
    if parent is not None:
        with contextlib.suppress(ValueError):
            sentinel = parent.sentinel

    def watch() -> None:
        if sentinel is not None:
            with contextlib.suppress(OSError, ValueError):
                wait([sentinel])
                os._exit(ORPHANED_EXIT)
        while os.getppid() == parent_pid:  # POSIX: an orphan gets another parent
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(ORPHANED_EXIT)

    # a thread that cannot start (no memory for its stack) leaves the kernel's signal
    with contextlib.suppress(RuntimeError):
        threading.Thread(target=watch, name="jiaokan-parent-watch", daemon=True).start()
