"""Line and column of an offset: the one numbering the window, the report and the CSV share.

All three line-break conventions count (CRLF as one break), so a classic-Mac
file does not show everything on line 1 in one place and on line 3 in
another.  Columns are code points, from 1.
"""

from __future__ import annotations

import re
from bisect import bisect_right

LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line and column (both from 1) of a code-point offset."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1
