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

from collections.abc import Callable
from typing import Any, Final

from app.cancel import CancelEvent, Cancelled
from app.collation.loci import Collation
from app.text.normalize import ALL_RULES

LOOK_AHEAD: Final = 0.5
"""Seconds the session waits after a result is shown before it looks ahead: the window
paints the result first, and a burst of toggles or edits cancels a wait, not work."""

AHEAD_CHARACTERS: Final = 8_000_000
"""Characters of all texts (source and witnesses) up to which the session looks ahead:
each rule set kept costs memory (some 20-40 MB at 1M characters against one copy), and
beyond this the work ahead would run for many seconds of a core."""


def neighbours(rules: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The rule sets one toggle away from ``rules``, in the order the rules are named."""
    on = set(rules)
    return [tuple(r for r in ALL_RULES if (r in on) != (r == flip)) for flip in ALL_RULES]


def after_a_pause(function: Callable[..., Collation], pause: float) -> Callable[..., Collation]:
    """``function``, called once ``pause`` seconds have passed without its cancel: the
    look-ahead's collate function (a cancelled wait costs nothing)."""

    def waiting(*args: Any, cancel: CancelEvent | None = None, **kwargs: Any) -> Collation:
        if cancel is not None and cancel.wait(pause):
            raise Cancelled
        return function(*args, cancel=cancel, **kwargs)

    return waiting
