"""Where each character of a text stands on a page: page number and box, in PDF points.

A PDF proof's text layer (``app/text/pdf.py``) and, later, a scanned page read
by OCR give the engine more than a string: every character was *seen*
somewhere, and a proofreader wants that place back (the divergence on its
page, a proof mark over the very characters).  A :class:`PageMap` is the
offset map from the text as read to those places, kept beside the text like
the others (``app/text/offsets.py``): offsets stay code-point offsets into
the text, and the map answers "which page, which boxes" for any span.

Boxes are PDF user-space points with the origin at the bottom left of the
page (as PDF annotations want them): ``left < right``, ``bottom < top``.
An OCR reader gives an image page its size in points (pixels at its dpi)
and boxes in the same convention, plus a confidence per character.

Characters the reader put in itself (the ``"\\n"`` between paragraphs, the
space joining two lines of Latin text) have no box: they stand on the page
of the character before them, and a span made only of them is placed at a
point beside that character.  The map is a few parallel arrays, not an
object per character: a 300-page proof holds half a million characters.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on a page, in PDF points (origin bottom left)."""

    left: float
    bottom: float
    right: float
    top: float

    def rounded(self) -> list[float]:
        """``[left, bottom, right, top]`` to a hundredth of a point, as JSON gives it."""
        return [
            round(self.left, 2),
            round(self.bottom, 2),
            round(self.right, 2),
            round(self.top, 2),
        ]

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.bottom, other.bottom),
            max(self.right, other.right),
            max(self.top, other.top),
        )


@dataclass(frozen=True)
class Where:
    """Where a span of the text is: the page of its first character and its boxes there.

    ``boxes`` hold one rectangle per line the span covers on that page (its
    characters' boxes joined), so a strike-out follows the lines; an
    insertion point, or a span of characters the reader put in, is a box of
    no width where the text would go.  A span running onto later pages lists
    them in ``continued``.
    """

    page: int
    """1-based."""
    boxes: tuple[Box, ...]
    line: int
    """The line on the page (1-based, in reading order) of the span's first character."""
    continued: tuple[tuple[int, tuple[Box, ...]], ...] = ()
    """``(page, boxes)`` of each later page the span covers."""

    @property
    def is_point(self) -> bool:
        return all(box.left == box.right for box in self.boxes)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "page": self.page,
            "boxes": [box.rounded() for box in self.boxes],
        }
        if self.continued:
            out["continued"] = [
                {"page": page, "boxes": [box.rounded() for box in boxes]}
                for page, boxes in self.continued
            ]
        return out


class PageMapBuilder:
    """Collects a text and its places one character (or joint) at a time."""

    def __init__(self, *, with_confidence: bool = False) -> None:
        self.parts: list[str] = []
        self.pages = array("i")
        self.lines = array("i")
        self.boxes = array("f")
        self.confidence: array[float] | None = array("f") if with_confidence else None

    def __len__(self) -> int:
        return len(self.pages)

    def char(
        self,
        char: str,
        page: int,
        line: int,
        left: float,
        bottom: float,
        right: float,
        top: float,
        confidence: float = 1.0,
    ) -> None:
        """``char`` (one code point) seen on ``page`` (1-based), line ``line`` of the page,
        in the box ``left, bottom, right, top`` (points, origin bottom left)."""
        self.parts.append(char)
        self.pages.append(page)
        self.lines.append(line)
        self.boxes.extend((left, bottom, right, top))
        if self.confidence is not None:
            self.confidence.append(confidence)

    def run(self, text: str, page: int, line: int, boxes: list[float]) -> None:
        """Characters seen one after another on one line: ``boxes`` holds four numbers
        (left, bottom, right, top) for each."""
        n = len(text)
        self.parts.append(text)
        self.pages.extend([page] * n)
        self.lines.extend([line] * n)
        self.boxes.extend(boxes)
        if self.confidence is not None:
            self.confidence.extend([1.0] * n)

    def joint(self, text: str) -> None:
        """Characters the reader puts in (a line break, a space): no box of their own."""
        page = self.pages[-1] if self.pages else 1
        line = self.lines[-1] if self.lines else 1
        for char in text:
            self.parts.append(char)
            self.pages.append(page)
            self.lines.append(line)
            self.boxes.extend((math.nan, math.nan, math.nan, math.nan))
            if self.confidence is not None:
                self.confidence.append(1.0)

    def last(self) -> str:
        """The last character put in ("" at the start)."""
        return self.parts[-1][-1] if self.parts else ""

    def drop_last(self) -> None:
        """Take back the last character (a line-end hyphen found to be a hyphenation mark)."""
        last = self.parts.pop()
        if len(last) > 1:
            self.parts.append(last[:-1])
        self.pages.pop()
        self.lines.pop()
        del self.boxes[-4:]
        if self.confidence is not None:
            self.confidence.pop()

    def build(self, page_sizes: tuple[tuple[float, float], ...]) -> tuple[str, PageMap]:
        text = "".join(self.parts)
        return text, PageMap(self.pages, self.lines, self.boxes, page_sizes, self.confidence)


class PageMap:
    """The page, line and box of every character of one text (parallel arrays)."""

    def __init__(
        self,
        pages: array[int],
        lines: array[int],
        boxes: array[float],
        page_sizes: tuple[tuple[float, float], ...],
        confidence: array[float] | None = None,
    ) -> None:
        if len(boxes) != 4 * len(pages) or len(lines) != len(pages):
            raise ValueError("a page map needs one page, line and box per character")
        self._pages = pages
        self._lines = lines
        self._boxes = boxes
        self.page_sizes = page_sizes
        """``(width, height)`` in points of every page of the document, read or not."""
        self.confidence = confidence
        """OCR's confidence (0..1) per character; ``None`` for a text layer."""

    def __len__(self) -> int:
        return len(self._pages)

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)

    def page(self, index: int) -> int:
        """The page (1-based) of ``text[index]``; the end of the text is on the last page."""
        if not self._pages:
            return 1
        return self._pages[min(index, len(self._pages) - 1)]

    def line(self, index: int) -> int:
        """The line on its page (1-based, reading order) of ``text[index]``."""
        if not self._lines:
            return 1
        return self._lines[min(index, len(self._lines) - 1)]

    def box(self, index: int) -> Box | None:
        """The box of ``text[index]``, or ``None`` for a character the reader put in."""
        b = self._boxes
        k = 4 * index
        if math.isnan(b[k]):
            return None
        return Box(b[k], b[k + 1], b[k + 2], b[k + 3])

    def where(self, start: int, end: int) -> Where:
        """The page and boxes of ``text[start:end]`` (an insertion point when equal)."""
        n = len(self._pages)
        if not 0 <= start <= end <= n:
            raise IndexError((start, end))
        boxed = [i for i in range(start, end) if not math.isnan(self._boxes[4 * i])]
        if not boxed:
            page, line, box = self._point(start)
            return Where(page, (box,), line)
        by_page: dict[int, list[Box]] = {}
        for page, line_boxes in self._line_runs(boxed):
            by_page.setdefault(page, []).append(line_boxes)
        pages = list(by_page)
        first = pages[0]
        continued = tuple((p, tuple(by_page[p])) for p in pages[1:])
        return Where(first, tuple(by_page[first]), self._lines[boxed[0]], continued)

    def _line_runs(self, indexes: list[int]) -> list[tuple[int, Box]]:
        """The boxes of ``indexes`` joined into one per (page, line)."""
        runs: list[tuple[int, int, Box]] = []
        for i in indexes:
            box = self.box(i)
            assert box is not None
            key = (self._pages[i], self._lines[i])
            if runs and runs[-1][:2] == key:
                runs[-1] = (*key, runs[-1][2].union(box))
            else:
                runs.append((*key, box))
        return [(page, box) for page, _line, box in runs]

    def _point(self, index: int) -> tuple[int, int, Box]:
        """Where text would go at boundary ``index``: right after the character before it
        when that one is boxed (or on the same line as the next), else right before the
        next boxed character (the start of the next line or paragraph)."""
        before = self._boxed_near(index - 1, -1)
        after = self._boxed_near(index, +1)
        use_before = before is not None and (
            after is None
            or before == index - 1
            or (self._pages[before], self._lines[before])
            == (self._pages[after], self._lines[after])
        )
        if use_before:
            assert before is not None
            box = self.box(before)
            assert box is not None
            point = Box(box.right, box.bottom, box.right, box.top)
            return self._pages[before], self._lines[before], point
        if after is not None:
            box = self.box(after)
            assert box is not None
            point = Box(box.left, box.bottom, box.left, box.top)
            return self._pages[after], self._lines[after], point
        return 1, 1, Box(0.0, 0.0, 0.0, 0.0)

    def _boxed_near(self, index: int, step: int) -> int | None:
        """The nearest character at or beyond ``index`` (going ``step``) that has a box."""
        n = len(self._pages)
        i = index
        while 0 <= i < n:
            if not math.isnan(self._boxes[4 * i]):
                return i
            i += step
        return None
