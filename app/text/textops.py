"""Whole-text string operations cut into slices, so a collation never hogs the GIL.

The window collates in a background thread.  A single C-level call over a
million characters (``str.translate``, a regex scan between two far-apart
matches) holds the GIL for 50-100 ms, and the GUI thread cannot run a
single event in that time.  These helpers do the same work slice by slice;
between slices the interpreter may switch threads.  Results are identical.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Final

from app.text.facts import CHUNK as CHUNK  # the slice size, patched smaller by the tests


def slices(text: str) -> Iterator[str]:
    """``text`` a :data:`CHUNK` at a time: a C call over each holds the GIL briefly, where
    one over a 1M text would hold it (and the window's thread) for tens of ms."""
    for start in range(0, len(text), CHUNK):
        yield text[start : start + CHUNK]


def translate(text: str, table: Mapping[int, str | int | None]) -> str:
    """``text.translate(table)``, a slice at a time."""
    if len(text) <= CHUNK:
        return text.translate(table)
    return "".join(piece.translate(table) for piece in slices(text))


class CharFold:
    """``text.translate(table)`` for a table of single characters to strings, done faster
    where a text holds few of its characters.

    ``str.translate`` looks every character up in a dict, some 35-70 ns each (67 ms
    for a 1M-character text with the width rule's table).  Most texts hold only a
    handful of a table's characters (the full-width comma, colon, brackets): one
    scan for them in C, then one ``str.replace`` per character found, a fast
    search, takes a fifth of that.  Where a text holds many of them (a
    Traditional text folded by the script rule), translate is used after all.
    The two give the same text: where a replacement holds a character of the
    table (OpenCC's 薴 -> 苧 -> 苎), that character is replaced first, so what
    a replacement brings in is never replaced again (a table with a cycle always
    translates).
    """

    FEW: Final = 24
    """Distinct characters found up to which replacing each beats translating (each
    replace costs a tenth of a ``translate``, the scan for them a quarter)."""

    def __init__(self, changes: Mapping[str, str], table: Mapping[int, str | int | None]) -> None:
        """``changes``: character -> its replacement; ``table``: the same as a translate
        table (it may hold identity entries too, which make translate faster)."""
        if any(len(c) != 1 for c in changes):
            raise ValueError("a CharFold replaces single characters")
        self._changes = dict(changes)
        self._table = table
        self._rank = _ranks(self._changes)
        # sre scans a class of BMP characters with a bitmap, but a class holding one
        # astral character with a list of ranges, a hundred times slower: astral
        # characters are found by their range and looked up
        bmp = "".join(re.escape(c) for c in sorted(self._changes) if c <= "\uffff")
        self._astral = any(c > "\uffff" for c in self._changes)
        self._present = re.compile(f"[{bmp}]") if bmp else None
        self._usable = self._rank is not None

    def __call__(self, text: str) -> str:
        if not self._changes:
            return text
        if not self._usable:
            return translate(text, self._table)
        found: set[str] = set()
        changes = self._changes
        for start in range(0, len(text), CHUNK):
            if self._present is not None:
                found.update(self._present.findall(text, start, start + CHUNK))
            if self._astral:
                found.update(c for c in _ASTRAL.findall(text, start, start + CHUNK) if c in changes)
            if len(found) > self.FEW:
                return translate(text, self._table)
        rank = self._rank or {}
        for ch in sorted(found, key=lambda c: rank.get(c, 0)):
            text = text.replace(ch, self._changes[ch])
        return text


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _ranks(changes: Mapping[str, str]) -> dict[str, int] | None:
    """For each character whose replacement holds characters of the table, how many
    replacements must come before its own (0 for the others, left out); None for a cycle."""
    ranks: dict[str, int] = {}
    visiting: set[str] = set()

    def rank(ch: str) -> int | None:
        if ch in ranks:
            return ranks[ch]
        if ch in visiting:
            return None
        visiting.add(ch)
        found = 0
        for inner in changes[ch]:
            if inner in changes:
                below = rank(inner)
                if below is None:
                    return None
                found = max(found, below + 1)
        visiting.discard(ch)
        ranks[ch] = found
        return found

    for ch in changes:
        if any(inner in changes for inner in changes[ch]) and rank(ch) is None:
            return None
    return {ch: r for ch, r in ranks.items() if r}


def finditer(pattern: re.Pattern[str], text: str, overlap: int = 256) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, scanning a window at a time.

    Meant for patterns without anchors or look-around, whose every match is
    recognisable from its first ``overlap`` characters (``...`` needs three):
    each window reaches ``overlap`` characters past its end, a match that runs
    into the end of a window is matched again without the window, so a match
    is never cut short, and each window starts where the last match ended.
    """
    for window in _windows(pattern, text, overlap):
        yield from window


def matches(pattern: re.Pattern[str], text: str, overlap: int = 256) -> list[re.Match[str]]:
    """:func:`finditer`'s matches as one list: each window's matches are gathered in C, with
    no step of a generator per match (a third of the whitespace rule's time at 1M)."""
    found: list[re.Match[str]] = []
    for window in _windows(pattern, text, overlap):
        found += window
    return found


def split(pattern: re.Pattern[str], text: str) -> list[str]:
    """``pattern.split(text)`` for a pattern with no groups, its matches found a window at a
    time (:func:`matches`): one split of a 1M text into sentences held the GIL 14 ms."""
    if pattern.groups:
        raise ValueError("textops.split keeps no groups")
    pieces: list[str] = []
    start = 0
    for found in matches(pattern, text):
        pieces.append(text[start : found.start()])
        start = found.end()
    pieces.append(text[start:])
    return pieces


def _windows(pattern: re.Pattern[str], text: str, overlap: int) -> Iterator[list[re.Match[str]]]:
    """The matches of :func:`finditer`, window by window."""
    n = len(text)
    if n <= CHUNK:
        yield list(pattern.finditer(text))
        return
    pos = 0
    while pos < n:
        stop = min(n, pos + CHUNK)
        end = min(n, stop + overlap)
        window = list(pattern.finditer(text, pos, end))
        # matches are in order: those starting at or past the window's end are the next's
        k = len(window)
        while k and window[k - 1].start() >= stop:
            k -= 1
        del window[k:]
        next_pos = stop
        if window:
            last = window[-1]
            if last.end() == end < n:  # it may run on past the window: match it whole
                full = pattern.match(text, last.start())
                if full is not None:
                    window[-1] = last = full
            next_pos = max(stop, last.end())
        yield window
        pos = next_pos
