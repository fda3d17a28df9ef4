"""Stopping long work: the cancel check every stage of a collation polls.

One owner for the type, the exception and the poll, so the aligner, the
collation, the source checks and the worker all stop the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

CancelCheck = Callable[[], bool]
"""Returns True once the caller wants the work stopped."""


class Cancelled(Exception):
    """Raised inside the engine when the caller's cancel check says stop."""


def poll(cancel: CancelCheck | None) -> None:
    """Raise :class:`Cancelled` if ``cancel`` says stop."""
    if cancel is not None and cancel():
        raise Cancelled


class CancelEvent(threading.Event):
    """A :class:`threading.Event` that is also a :data:`CancelCheck`.

    Calling it polls it, so it goes wherever a cancel check does; work that
    blocks (a test's fake collation, a coordinator waiting on processes) can
    ``wait()`` on it instead of polling in a loop.
    """

    def __call__(self) -> bool:
        return self.is_set()
