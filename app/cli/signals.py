"""Signals a user sends a command: Ctrl+C (SIGINT), ``kill`` (SIGTERM), a closed terminal
(SIGHUP).  Each is a cancel, taken the way Python takes Ctrl+C.

While a command runs, the first of these signals raises :class:`Stopped` in
the main thread, wherever it is; the stack unwinds through the ``finally``
and ``except BaseException`` blocks that already undo a failed step (a
project's temporary file and its journals deleted, its lock released, the
worker processes stopped), and the command line prints one line.  Any
further signal while that cleaning goes on is noted and ignored, so a second
Ctrl+C cannot leave a half-cleaned folder.  The command then ends *by* the
signal (:func:`end_by`), as a program that did not catch it would: the shell
shows status 128 + N (130, 143, 129), and a shell script running the
command stops at Ctrl+C instead of going on to its next line (a shell only
does that when its child died of SIGINT).

SIGKILL cannot be caught: the next run copes with what it leaves (a lock
file nobody holds is taken over, app/store/lock.py; a temporary project
file is deleted by the next writer of that project, app/store/whole.py).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""What a user sends to stop a command."""


class Stopped(BaseException):
    """A stop signal arrived: a :class:`BaseException`, like :class:`KeyboardInterrupt`,
    so no ``except Exception`` takes it for a failure of its own."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"


class _Handler:
    """Raises :class:`Stopped` for the first signal; notes and ignores the rest."""

    def __init__(self) -> None:
        self.received: list[int] = []

    def __call__(self, signum: int, _frame: FrameType | None) -> None:
        self.received.append(signum)
        if len(self.received) == 1:
            raise Stopped(signum)


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """While this runs, :data:`STOP_SIGNALS` raise :class:`Stopped` (once); the handlers
    that were there before come back afterwards.  A signal this process was started
    ignoring (``nohup`` ignores SIGHUP) stays ignored.

    Only in the main thread, the only one Python delivers signals to; elsewhere
    (a test calling the command line from a thread) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = _Handler()
    before = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    for signum, previous in before.items():
        if previous != signal.SIG_IGN:  # nohup, or a shell's background job: stays ignored
            signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, previous in before.items():
            signal.signal(signum, previous)


def end_by(signum: int) -> int:
    """End this process by ``signum``, as if it had not been caught, once everything is done.

    Where a signal cannot end a process that way (Windows), returns the status
    a shell gives such an ending, 128 + ``signum``, for the caller to exit with.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    if sys.platform != "win32":
        signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signum])
        os.kill(os.getpid(), signum)
    return 128 + signum
