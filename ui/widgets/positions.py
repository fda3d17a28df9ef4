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
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character, for the reverse direction
        self._astral16 = [cp + k for k, cp in enumerate(self._astral)]
        self.length = len(text) + len(self._astral)

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
