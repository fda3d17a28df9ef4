"""Looking ahead: the rule sets one toggle away, collated while the proofreader reads.

A rule switched off for the first time collates the texts again: at 1M characters
1-1.7 s, since folding width or script differently changes the normalized texts
everywhere and nothing of the last alignment can be reused while the result stays
identical to a fresh one (docs/performance.md, issue 24).  A proofreader toggles a
rule to look at what it hides, then back; the session has a spare moment after every
result it shows.  So, once a result is shown and nothing else runs, the session
collates each rule set one toggle away, one after the other, on a worker of its own
(:class:`~app.session.worker.Background`), and keeps them as it keeps the rule sets
shown before.  A toggle then finds its collation made: only placing the decisions on
it is left (the worker's :meth:`~app.session.session.Session.prepare`).

What is looked ahead is exactly what a toggle would collate (the same request but for
its rules), so a result made ahead is the result made at the toggle.  Any real work
cancels it at once: it never delays what the proofreader asked for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Final

from app.cancel import CancelEvent, Cancelled
from app.collation.loci import Collation
from app.text.normalize import ALL_RULES

LOOK_AHEAD: Final = 0.5
"""Seconds the session must be left alone (after a result is shown, or anything the
proofreader does) before the look-ahead starts or goes on: the window paints the result
first, a toggle soon after cancels a wait rather than work, and an accept meanwhile has
the interpreter to itself (:class:`Quiet`)."""

AHEAD_CHARACTERS: Final = 4_000_000
"""Characters of all texts (source and witnesses) up to which the session looks ahead.
Each rule set kept costs memory, some 45 MB for a 1M source against one 1M copy (the
four one toggle away: 180 MB more, measured), so a source of 1M against three copies of
1M is the most looked ahead (some 360 MB more); beyond it the work ahead would also run
for many seconds of a core."""


def neighbours(rules: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The rule sets one toggle away from ``rules``, in the order the rules are named."""
    on = set(rules)
    return [tuple(r for r in ALL_RULES if (r in on) != (r == flip)) for flip in ALL_RULES]


class Quiet:
    """When the proofreader last did something in the session: the look-ahead starts, and
    goes on, only once they have left it alone a moment.

    A look-ahead runs in a thread of the window's process, so it shares the interpreter
    with the window's thread: an accept while it runs took half as long again (bench_gui).
    At every look at its cancel check (every few milliseconds to a few tenths of a second)
    it waits, holding nothing, until the session has been quiet for the pause.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last = clock()
        self.waited_for = False
        """The proofreader waits for the look-ahead's result (a toggle to the very rule set
        it is collating): it goes on without waiting for quiet."""

    def touch(self) -> None:
        """The proofreader did something (called on the session's thread)."""
        self._last = self._clock()

    def wait(self, pause: float, cancel: CancelEvent) -> bool:
        """Until the session has been left alone ``pause`` seconds; True if ``cancel`` was
        set meanwhile (then at once)."""
        while True:
            left = self._last + pause - self._clock()
            if left <= 0 or self.waited_for:
                return cancel.is_set()
            if cancel.wait(left):
                return True


def after_a_pause(
    function: Callable[..., Collation], pause: float, quiet: Quiet
) -> Callable[..., Collation]:
    """``function`` as the look-ahead calls it: started once the session has been quiet for
    ``pause`` seconds, and waiting at each of its cancel checks while it is not."""

    def waiting(*args: Any, cancel: CancelEvent | None = None, **kwargs: Any) -> Collation:
        if cancel is None:
            return function(*args, **kwargs)
        event = cancel

        def check() -> bool:
            return quiet.wait(pause, event)

        if check():
            raise Cancelled
        return function(*args, cancel=check, **kwargs)

    return waiting
