"""Code points (the engine's offsets) to UTF-16 units (Qt's) and back.

Qt's text classes count UTF-16 code units, so a character outside the Basic
Multilingual Plane (rare CJK such as 𠀀) takes two positions in a
QTextDocument but one in the engine's offsets.  Plain Python, no Qt: the
conversion is a bisect over the offsets of those few characters.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Index:
    """Converts offsets of one text between code points and UTF-16 units."""

    def __init__(self, text: str) -> None:
        self._set([m.start() for m in _ASTRAL.finditer(text)], len(text))

    def _set(self, astral: list[int], length: int) -> None:
        self._astral = astral
        # UTF-16 position of each astral character, for the reverse direction
        self._astral16 = [cp + k for k, cp in enumerate(self._astral)]
        self.length = length + len(self._astral)

    def replaced(self, start: int, end: int, text: str) -> Utf16Index:
        """The index of the text with ``start``..``end`` (code points) replaced by
        ``text``, without reading the rest of it again."""
        shift = len(text) - (end - start)
        astral = [cp for cp in self._astral if cp < start]
        astral += [start + m.start() for m in _ASTRAL.finditer(text)]
        astral += [cp + shift for cp in self._astral if cp >= end]
        out = Utf16Index("")
        out._set(astral, self.length - len(self._astral) + shift)
        return out

    def to_utf16(self, offset: int) -> int:
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def to_code_point(self, position: int) -> int:
        """A UTF-16 position; one inside a surrogate pair maps to its character's start."""
        if not self._astral:
            return position
        k = bisect_left(self._astral16, position)
        if k < len(self._astral16) and self._astral16[k] == position:
            return position - k
        # position lies after k astral characters (or inside the k-th's pair)
        if k > 0 and position == self._astral16[k - 1] + 1:
            return self._astral16[k - 1] - (k - 1)
        return position - k
