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

from app.text.facts import CHUNK as CHUNK  # the slice size, patched smaller by the tests


def translate(text: str, table: Mapping[int, str | int | None]) -> str:
    """``text.translate(table)``, a slice at a time."""
    if len(text) <= CHUNK:
        return text.translate(table)
    return "".join(text[i : i + CHUNK].translate(table) for i in range(0, len(text), CHUNK))


def finditer(pattern: re.Pattern[str], text: str, overlap: int = 256) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, scanning a window at a time.

    Meant for patterns without anchors or look-around, whose every match is
    recognisable from its first ``overlap`` characters (``...`` needs three):
    each window reaches ``overlap`` characters past its end, a match that runs
    into the end of a window is matched again without the window, so a match
    is never cut short, and each window starts where the last match ended.
    """
    n = len(text)
    if n <= CHUNK:
        yield from pattern.finditer(text)
        return
    pos = 0
    while pos < n:
        stop = min(n, pos + CHUNK)
        end = min(n, stop + overlap)
        next_pos = stop
        for m in pattern.finditer(text, pos, end):
            if m.start() >= stop:
                break
            if m.end() == end < n:
                full = pattern.match(text, m.start())
                if full is not None:
                    m = full
            yield m
            next_pos = max(stop, m.end())
            if m.end() >= end:
                break
        pos = next_pos
