"""A scanned page read by OCR as the text the engine collates, every character placed.

The pages of a scan (``app/text/scans.py``) are read by the bundled PP-OCR
models (``app/text/ocr_engine.py``): text lines, each character with its
place along the line and the recogniser's confidence.  Here each character
gets a box in points on its page (pixels at the page's resolution, origin at
the bottom left as a PDF's), and the lines are put in reading order, their
running heads and page numbers left out and joined, by the very code that
does it for a PDF's text layer (``app/text/pdf_layout.py``): a scanned proof
and its typeset PDF read alike.  A slightly turned page is read on its lines
turned straight (the median slant of its lines), its boxes kept as scanned.
Table borders are found in the picture (long horizontal strokes), so a
scanned table is read row by row as a typeset one is.

What OCR read is an :class:`OcrResult` (pages of lines of characters, in
points, with confidences): the costly part, kept by the file's digest in the
user's cache and in the project (``app/text/ocr_cache.py``), so a scan is
read once.  The text and its :class:`~app.text.pages.PageMap` are worked out
from it again in milliseconds.

Where OCR is likely wrong is said, not hidden: a character read with a
confidence under :data:`LOW_CONFIDENCE`, and the punctuation OCR confuses
(—— read as 一, …… as ···, a full stop as o): :func:`doubt`.
"""

from __future__ import annotations

import json
import math
import statistics
import zlib
from array import array
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from app.cancel import CancelCheck, poll
from app.messages import Message
from app.text.formats import OCR_FORMAT as OCR_FORMAT
from app.text.ocr_engine import TextLine, engine, engine_id, workers
from app.text.pages import PageMap, PageMapBuilder
from app.text.pdf_layout import Char, Page, Rules, assemble, drop_heads, is_wide, layout
from app.text.scans import ScanPage, page_count, scan_pages

LOW_CONFIDENCE = 0.8
"""A character the recogniser gives less than this is marked doubtful (measured on rough
300-dpi scans: most of its misreadings are under it, few right readings are)."""

FORMAT = 1
"""Of the serialized :class:`OcrResult`; another one is read again by OCR."""

MAX_SERIALIZED = 64 * 1024 * 1024
"""Bytes a stored reading may inflate to (500 dense pages take some 30 MB)."""

Progress = Callable[[float], None]


@dataclass(frozen=True)
class OcrLine:
    """A line as OCR read it: characters, their boxes (points, origin bottom left) and
    confidences, and its slant (radians, positive when it climbs to the right)."""

    text: str
    boxes: tuple[tuple[float, float, float, float], ...]
    confidence: tuple[float, ...]
    slant: float = 0.0


@dataclass(frozen=True)
class OcrPage:
    size: tuple[float, float]
    """Width and height in points."""
    lines: tuple[OcrLine, ...]
    rules: tuple[tuple[float, float, float], ...] = ()
    """Horizontal strokes as ``(left, right, y)`` in points: table borders."""


@dataclass(frozen=True)
class OcrResult:
    """Everything OCR read of a scan: what the caches keep."""

    engine: str
    pages: tuple[OcrPage, ...]

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "engine": self.engine,
            "pages": [
                {
                    "size": [round(v, 2) for v in page.size],
                    "rules": [[round(v, 2) for v in rule] for rule in page.rules],
                    "lines": [
                        {
                            "text": line.text,
                            "boxes": [round(v, 2) for box in line.boxes for v in box],
                            "confidence": [round(c, 4) for c in line.confidence],
                            "slant": round(line.slant, 5),
                        }
                        for line in page.lines
                    ],
                }
                for page in self.pages
            ],
        }
        return zlib.compress(json.dumps(doc, ensure_ascii=False).encode("utf-8"), 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> OcrResult | None:
        """A stored reading, or ``None`` for one that is damaged, of another format, or
        that inflates past :data:`MAX_SERIALIZED` (it is then read again)."""
        try:
            inflater = zlib.decompressobj()
            raw = inflater.decompress(data, MAX_SERIALIZED)
            if inflater.unconsumed_tail:
                return None
            doc = json.loads(raw.decode("utf-8"))
            if doc.get("format") != FORMAT:
                return None
            pages = tuple(_page(p) for p in doc["pages"])
            return cls(str(doc["engine"]), pages)
        except (zlib.error, ValueError, TypeError, KeyError, AttributeError):
            return None


def _page(doc: dict[str, Any]) -> OcrPage:
    width, height = (float(v) for v in doc["size"])
    rules = tuple((float(a), float(b), float(c)) for a, b, c in doc["rules"])
    lines = []
    for line in doc["lines"]:
        text = str(line["text"])
        flat = [float(v) for v in line["boxes"]]
        confidence = tuple(float(c) for c in line["confidence"])
        if len(flat) != 4 * len(text) or len(confidence) != len(text):
            raise ValueError("a line's boxes do not match its text")
        boxes = tuple(
            (flat[k], flat[k + 1], flat[k + 2], flat[k + 3]) for k in range(0, len(flat), 4)
        )
        lines.append(OcrLine(text, boxes, confidence, float(line.get("slant", 0.0))))
    return OcrPage((width, height), tuple(lines), rules)


@dataclass(frozen=True)
class ScanText:
    """The body text of a scan with the page, box and confidence of each character."""

    text: str
    pages: PageMap
    result: OcrResult
    unread: tuple[Message, ...] = ()
    """Running heads and page numbers found and left out."""


# -- reading -----------------------------------------------------------------------------


def read_pages(
    data: bytes,
    shown: str = "<bytes>",
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
) -> OcrResult:
    """OCR of every page of a scan (an image or a PDF without a text layer).

    :class:`~app.text.scans.ScanError` for a file that cannot be read;
    :class:`~app.cancel.Cancelled` when ``cancel`` says stop (checked between
    lines); ``progress`` hears the fraction done.
    """
    count = page_count(data, shown)
    pages: list[OcrPage] = []
    pool = ThreadPoolExecutor(workers(), thread_name_prefix="jiaokan-ocr")
    try:
        for page in scan_pages(data, shown):
            poll(cancel)
            done = len(pages)

            def step(fraction: float, done: int = done) -> None:
                if progress is not None:
                    progress((done + fraction) / count)

            # the models are loaded for the first page drawn: a file refused before costs
            # no second of loading them
            lines = engine().read(page.pixels, cancel, step, pool)
            pages.append(_placed(page, lines))
            del page
    finally:
        # a cancel or Ctrl+C waits for the lines being read (a tenth of a second), not for
        # the rest of the page
        pool.shutdown(wait=True, cancel_futures=True)
    return OcrResult(engine_id(), tuple(pages))


def _placed(page: ScanPage, lines: list[TextLine]) -> OcrPage:
    """The lines of a page in points: each character's box cut from its line's."""
    scale = page.scale
    height = page.size[1]
    out: list[OcrLine] = []
    for line in lines:
        (x0, y0), (x1, y1), _bottom_right, (x3, y3) = line.quad
        glyphs = line.glyphs
        centres = [g.centre for g in glyphs]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        across = math.hypot(x3 - x0, y3 - y0)
        # the font's size along the line: the usual step between two Chinese characters
        # (they are square), else the line's height; a character reaches halfway to its
        # neighbours and no further than that size, so Latin letters tile their word and
        # a wide gap stays a gap (an ideographic space, as a PDF's layout finds it)
        wide = [
            b.centre - a.centre
            for a, b in pairwise(glyphs)
            if is_wide(a.char) and is_wide(b.char) and b.centre > a.centre
        ]
        em = min(statistics.median(wide) if wide else across / length, across / length)
        rise = min(1.0, em * length / across) if across else 1.0
        low, high = 0.5 - rise / 2, 0.5 + rise / 2
        boxes: list[tuple[float, float, float, float]] = []
        last = len(centres) - 1
        for k, centre in enumerate(centres):
            before = centre - centres[k - 1] if k else em
            after = centres[k + 1] - centre if k < last else em
            start = max(0.0, centre - min(em, before) / 2)
            end = min(1.0, centre + min(em, after) / 2)
            corners = [
                (x0 + f * (x1 - x0) + g * (x3 - x0), y0 + f * (y1 - y0) + g * (y3 - y0))
                for f in (start, end)
                for g in (low, high)
            ]
            xs = [x for x, _y in corners]
            ys = [y for _x, y in corners]
            box = (
                min(xs) / scale,
                height - max(ys) / scale,
                max(xs) / scale,
                height - min(ys) / scale,
            )
            boxes.append(_rounded(box))
        slant = math.atan2(-(y1 - y0), x1 - x0)
        text = _ideographic_spaces([g.char for g in glyphs], boxes, em * length / scale)
        confidence = tuple(round(g.confidence, 4) for g in glyphs)
        out.append(OcrLine(text, tuple(boxes), confidence, round(slant, 5)))
    return OcrPage(_rounded(page.size), tuple(out), _rules(page))


def _rounded(values: tuple[float, ...]) -> Any:
    """To a hundredth of a point, as the reading is kept: the text worked out from a kept
    reading is then the very text worked out when it was read."""
    return tuple(round(v, 2) for v in values)


def _ideographic_spaces(
    chars: list[str], boxes: list[tuple[float, float, float, float]], em: float
) -> str:
    """A space OCR read between two Chinese characters a character's width apart is an
    ideographic space (U+3000, which the manuscript has); a narrower one is dropped by the
    layout, as a PDF's justification spaces are."""
    for k in range(1, len(chars) - 1):
        wide = chars[k] == " " and is_wide(chars[k - 1]) and is_wide(chars[k + 1])
        if wide and boxes[k + 1][0] - boxes[k - 1][2] >= 0.8 * em:
            chars[k] = "\u3000"
    return "".join(chars)


def _rules(page: ScanPage) -> tuple[tuple[float, float, float], ...]:
    """Long horizontal strokes of the picture (table borders) in points."""
    import cv2

    grey = cv2.cvtColor(page.pixels, cv2.COLOR_BGR2GRAY)
    _ok, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    width = ink.shape[1]
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(8, width // 25), 1))
    strokes = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    found = cv2.findContours(strokes, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    contours = found[0] if len(found) == 2 else found[1]
    scale = page.scale
    height = page.size[1]
    rules = []
    for contour in contours[:2000]:
        x, y, w, h = cv2.boundingRect(contour)
        if h <= 0.02 * w + 6:  # thin: a stroke, not a block of text run together
            rules.append(_rounded((x / scale, (x + w) / scale, height - (y + h / 2) / scale)))
    return tuple(sorted(rules, key=lambda r: -r[2]))


# -- the text -------------------------------------------------------------------------------


class _Builder(PageMapBuilder):
    """A page map that takes each character's confidence from the reading, by its box."""

    def __init__(self, confidence: dict[tuple[int, tuple[float, ...]], float]) -> None:
        super().__init__(with_confidence=True)
        self._of = confidence

    def run(self, text: str, page: int, line: int, boxes: list[float]) -> None:
        super().run(text, page, line, boxes)
        assert self.confidence is not None
        n = len(text)
        found = [self._of.get((page, tuple(boxes[4 * k : 4 * k + 4])), 1.0) for k in range(n)]
        self.confidence[len(self.confidence) - n :] = array("f", found)


def scan_text(result: OcrResult) -> ScanText:
    """The body text of what OCR read, in reading order, with its page map."""
    pages: list[Page] = []
    confidence: dict[tuple[int, tuple[float, ...]], float] = {}
    for number, page in enumerate(result.pages, 1):
        slants = [line.slant for line in page.lines if len(line.text) > 3]
        turn = statistics.median(slants) if slants else 0.0
        chars = []
        for line in page.lines:
            for char, box, conf in zip(line.text, line.boxes, line.confidence, strict=True):
                chars.append(_straightened(char, box, turn, page.size))
                key = (number, box)
                confidence[key] = min(conf, confidence.get(key, 1.0))
        pages.append(Page(number, layout(chars, Rules(_fetch(list(page.rules))))))
    if not any(page.lines for page in pages):
        return ScanText("", PageMapBuilder(with_confidence=True).build(_sizes(result))[1], result)
    unread = drop_heads(pages)
    builder = _Builder(confidence)
    assemble(pages, builder)
    text, page_map = builder.build(_sizes(result))
    return ScanText(text, page_map, result, unread)


Rule = tuple[float, float, float]


def _fetch(rules: list[Rule]) -> Callable[[], list[Rule]]:
    return lambda: rules


def _sizes(result: OcrResult) -> tuple[tuple[float, float], ...]:
    return tuple(page.size for page in result.pages)


def _straightened(
    char: str, box: tuple[float, float, float, float], turn: float, size: tuple[float, float]
) -> Char:
    """A character whose place the reading order is worked out on: its box turned about
    the page's middle by the page's slant, so a turned page's lines lie level."""
    left, bottom, right, top = box
    if not turn:
        return Char(char, box, left, bottom, right, top)
    cx, cy = size[0] / 2, size[1] / 2
    mx, my = (left + right) / 2 - cx, (bottom + top) / 2 - cy
    cos, sin = math.cos(-turn), math.sin(-turn)
    x, y = cx + mx * cos - my * sin, cy + mx * sin + my * cos
    half_w, half_h = (right - left) / 2, (top - bottom) / 2
    return Char(char, box, x - half_w, y - half_h, x + half_w, y + half_h)


# -- where OCR is likely wrong ------------------------------------------------------------

_CONFUSED = (
    "—一-－―─‒–ー丨",  # a dash read as 一, a hyphen, a katakana long mark
    "…⋯·.。・•‧∙°oO〇0",  # an ellipsis as dots, a full stop as a letter o or a zero
    "，,、丶`'",  # a comma, an enumeration comma, an apostrophe
    "：:;；",
    '“”"″〃「」『』',
    "‘’'′",
    "！!l|1Il丨",
    "？?",
    "（(）)〔〕[]【】",
    "口□〇○",  # a box (missing character) and 口
)
_GROUP = {char: str(k) for k, group in enumerate(_CONFUSED) for char in group}


_FAINT = frozenset(_CONFUSED[0] + _CONFUSED[1]) - frozenset("一〇0oO")
"""Marks OCR drops altogether, a long dash above all: a thin stroke between characters."""


def confusable(source: str, reading: str) -> bool:
    """Whether two differing readings are the same marks as OCR confuses them (—— and 一,
    …… and ···, 。 and o): each character put in its group of look-alikes and runs of one
    group taken as one mark; or a dash or an ellipsis one side lacks altogether."""
    if source == reading:
        return False
    if not source or not reading:
        present = (source or reading).strip()
        return bool(present) and all(char in _FAINT for char in present)

    def shape(text: str) -> list[str]:
        out: list[str] = []
        for char in text:
            if char.isspace():
                continue
            key = _GROUP.get(char, char)
            if not out or out[-1] != key or key == char:
                out.append(key)
        return out

    return shape(source) == shape(reading) and any(c in _GROUP for c in source + reading)


def low_confidence(pages: PageMap, start: int, end: int) -> float | None:
    """The lowest confidence OCR gave a character of ``[start, end)`` when under
    :data:`LOW_CONFIDENCE` (for a point, the characters on either side), else ``None``."""
    levels = pages.confidence
    if levels is None or not len(levels):
        return None
    lo, hi = (start, end) if end > start else (max(0, start - 1), min(len(levels), start + 1))
    lowest = min((levels[k] for k in range(lo, min(hi, len(levels)))), default=1.0)
    return lowest if lowest < LOW_CONFIDENCE else None


def doubt(pages: PageMap | None, start: int, end: int, own: str, other: str) -> str | None:
    """Why OCR's reading ``own`` of ``[start, end)`` (against ``other``) is doubtful:
    ``"confusable"`` (marks OCR confuses), ``"low-confidence"``, or ``None``."""
    if confusable(other, own):
        return "confusable"
    if pages is not None and low_confidence(pages, start, end) is not None:
        return "low-confidence"
    return None
