"""What one session's collations share, worked out once and taken again (issue 24).

A session collates the same texts again and again under other rules: a rule
switched off, another on.  Most of that work comes out the same each time:

* the source's own checks (doubled characters, paired marks, ...) do not
  depend on the rules at all: half a second at 1M characters;
* each rule rewrites the text it is given, and the text it is given is often
  the very text it was given under the last rule set (the rules before it
  did nothing here, or the rule toggled comes after it): each rule's effect
  on a text (its output and replacements) is kept, by the rule and its input;
* a witness whose normalized text and offset map, and whose normalized
  source, come out as before (the toggled rule changes nothing in these
  texts) has the divergences it had: aligning it again is skipped.

The results are identical by construction: each kept value is a function of
exactly what its key compares.  Only :func:`reusing` turns this on, in the
thread that collates for a session (app.session.worker.compute); a command
collates once and keeps nothing, a benchmark times real work.  What is kept is
bounded (:data:`STEP_CHARACTERS`, :data:`WITNESSES`) and shared between threads
under one lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from app.text.normalize import RuleSteps

if TYPE_CHECKING:
    from app.classes.checks import Finding

STEP_CHARACTERS = 16_000_000
"""Characters of rule outputs kept at most (some 32 MB of Chinese text): the four rules'
outputs for a 1M source and three 1M witnesses (a rule that changes nothing keeps its
input, which costs nothing more)."""

WITNESSES = 6
"""Witnesses' divergences kept at most (the latest: those of the last collation, whose
rules the next toggle changes), each with the normalized texts that made them (a few MB
each at 1M characters)."""

_local = threading.local()
_lock = threading.Lock()


@contextmanager
def reusing() -> Iterator[None]:
    """Within this block, collations in this thread reuse what earlier ones found."""
    before = getattr(_local, "on", False)
    _local.on = True
    try:
        yield
    finally:
        _local.on = before


def active() -> bool:
    return bool(getattr(_local, "on", False))


def steps() -> RuleSteps | None:
    """The rules' kept effects, when :func:`reusing`; else None (normalize afresh)."""
    return _STEPS if active() else None


def checked(source: str, check: Callable[[], list[Finding]]) -> list[Finding]:
    """``check()``, the checks of ``source``, or what they found in it before."""
    kept = kept_checks(source)
    if kept is not None:
        return kept
    return keep_checks(source, check())


def kept_checks(source: str) -> list[Finding] | None:
    """What the checks found in ``source`` before, when :func:`reusing`; else None."""
    if not active():
        return None
    with _lock:
        kept = _CHECKS.get("text")
        if kept is not None and kept[0] == source:
            return list(kept[1])
    return None


def keep_checks(source: str, found: list[Finding]) -> list[Finding]:
    """``found``, the checks of ``source``, kept for the next collation when :func:`reusing`."""
    if active():
        with _lock:
            _CHECKS["text"] = (source, tuple(found))
    return found


def witness(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it gave before for an equal ``key`` (compared, not hashed:
    a key holds whole texts and offset maps, whose equality is checked in C mostly)."""
    if not active():
        return compute()
    with _lock:
        for i, (k, value) in enumerate(_WITNESSES):
            if _same(k, key):
                _WITNESSES.append(_WITNESSES.pop(i))  # the latest last
                return value
    value = compute()
    with _lock:
        _WITNESSES.append((key, value))
        del _WITNESSES[:-WITNESSES]
    return value


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return len(a) == len(b) and all(x is y or x == y for x, y in zip(a, b, strict=True))


def forget() -> None:
    """Drop everything kept (the tests; a session may call it when its texts close)."""
    with _lock:
        _STEPS.clear()
        _CHECKS.clear()
        _WITNESSES.clear()


_STEPS = RuleSteps(STEP_CHARACTERS)
_CHECKS: dict[str, tuple[str, tuple[Finding, ...]]] = {}
_WITNESSES: list[tuple[tuple[Any, ...], Any]] = []
