"""Reading a PDF proof's text layer as the text the engine collates, and drawing a page.

A typeset proof (清样) is checked against its manuscript, so what is read
must be the body text a reader reads, in the order they read it, and every
character must keep where it was seen (``app/text/pages.py``): the page and
box a divergence is shown at and a proof mark is drawn over.

PDFium (``pypdfium2``) gives each character of the text layer with its box,
in the order the file draws them.  Here they are taken from it, page by page:
PDFium's own made-up spaces and line ends are dropped, a line-end hyphen it
reports as U+0002 or U+FFFE becomes ``-``, ligatures (``ﬁ``) are spelt out,
and boxes are turned as a page's /Rotate shows them.  The reading order, the
running heads and page numbers, and the joining of lines are worked out on
the boxes alone (``app/text/pdf_layout.py``).

A file that cannot be read (encrypted, damaged, not a PDF, thousands of
pages, an absurd number of characters, a page whose operators inflate past
bounds: ``app/text/pdf_limits.py``) is a :class:`PdfError` with one line.
PDFium is not thread-safe: every call into it holds :data:`_LOCK`.
"""

from __future__ import annotations

import ctypes
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.messages import Message, MessageError
from app.text.formats import PDF_FORMAT as PDF_FORMAT
from app.text.formats import is_pdf_document as is_pdf_document
from app.text.pages import PageMap, PageMapBuilder
from app.text.pdf_layout import HYPHENS, Char, Page, Rules, assemble, drop_heads, layout
from app.text.pdf_limits import MAX_PAGE_CONTENT, huge_images, too_complex_page

PDF_SUFFIXES = (".pdf",)

MAX_PAGES = 5000
"""A proof of more pages is not one book; PDFium would take minutes over it."""

MAX_CHARS = 10_000_000
"""Characters of text layer in a whole document (a 5,000-page book has some 4M)."""

MAX_PAGE_CHARS = 200_000
"""Characters on one page: a dense dictionary page has 6,000; more is a hostile file."""

_LOCK = threading.Lock()

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_PDFIUM_HYPHEN = frozenset("\x02\ufffe")
"""How PDFium reports a hyphen that ends a line (one call gives one, the other the other)."""
_SKIPPED = frozenset("\r\n\x00\uffff")
_UNSEEN = frozenset({"Cf", "Cs", "Co"})
"""Format, surrogate and private-use characters: nothing a reader reads."""


class PdfError(MessageError):
    """Bytes that are not a readable PDF; the message is one line for the user."""


@dataclass(frozen=True)
class PdfText:
    """The body text of a PDF with the page and box of each of its characters."""

    text: str
    pages: PageMap
    unread: tuple[Message, ...] = ()
    """What the text layer has that is not read: running heads, page numbers."""


# -- opening -----------------------------------------------------------------------


def read_pdf(data: bytes, shown: str = "<bytes>") -> PdfText:
    """The body text and page map of a PDF given as bytes; :class:`PdfError` if unreadable.

    ``shown`` is how the messages name the file.
    """
    import pypdfium2 as pdfium  # only needed for PDFs; keep start-up light

    with _LOCK, _opened(pdfium, data, shown) as document:
        count = len(document)
        complex_page = too_complex_page(data)
        if complex_page is not None:
            limit = f"{MAX_PAGE_CONTENT // (1024 * 1024)} MB"
            raise PdfError("load.pdf-page-too-complex", path=shown, n=str(complex_page),
                           limit=limit)  # fmt: skip
        pages: list[Page] = []
        sizes: list[tuple[float, float]] = []
        total = 0
        for number in range(1, count + 1):
            page, size = _read_page(pdfium, document, number, shown)
            sizes.append(size)
            total += sum(len(line.chars) for line in page.lines)
            if total > MAX_CHARS:
                raise PdfError("load.pdf-too-much-text", path=shown,
                               limit=f"{MAX_CHARS:,}")  # fmt: skip
            pages.append(page)
    if not any(page.lines for page in pages):
        raise PdfError("load.pdf-no-text", path=shown)
    unread = drop_heads(pages)
    builder = PageMapBuilder()
    assemble(pages, builder)
    text, page_map = builder.build(tuple(sizes))
    return PdfText(text, page_map, unread)


@contextmanager
def _opened(pdfium: Any, data: bytes, shown: str) -> Iterator[Any]:
    """The document, refused if it has more pages than any proof (:data:`MAX_PAGES`),
    and closed again however the caller leaves."""
    document = _open(pdfium, data, shown)
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise PdfError("load.pdf-too-many-pages", path=shown, n=str(count),
                           limit=str(MAX_PAGES))  # fmt: skip
        yield document
    finally:
        document.close()


def _open(pdfium: Any, data: bytes, shown: str) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == 4:  # FPDF_ERR_PASSWORD
            raise PdfError("load.pdf-encrypted", path=shown) from None
        if code == 6:  # FPDF_ERR_SECURITY: a security handler PDFium does not support
            raise PdfError("load.pdf-encrypted", path=shown) from None
        reason = str(exc).splitlines()[0][:200] if str(exc) else "not a PDF"
        raise PdfError("load.pdf-damaged", path=shown, reason=reason) from None


def _read_page(
    pdfium: Any, document: Any, number: int, shown: str
) -> tuple[Page, tuple[float, float]]:
    import pypdfium2.raw as raw

    try:
        page = document[number - 1]
    except pdfium.PdfiumError as exc:
        reason = f"page {number}: {str(exc).splitlines()[0][:200] if str(exc) else 'unreadable'}"
        raise PdfError("load.pdf-damaged", path=shown, reason=reason) from None
    try:
        width, height = page.get_size()
        rotation = page.get_rotation() % 360
        textpage = page.get_textpage()
        try:
            chars = _chars(raw, textpage, rotation, width, height, shown)
        finally:
            textpage.close()
        rules = Rules(lambda: _rules(raw, page, rotation, width, height))
        lines = layout(chars, rules)  # the page stays open: its rules are read if needed
    finally:
        page.close()
    return Page(number, lines), (width, height)


def _chars(
    raw: Any, textpage: Any, rotation: int, width: float, height: float, shown: str
) -> list[Char]:
    count = raw.FPDFText_CountChars(textpage)
    if count > MAX_PAGE_CHARS:
        raise PdfError("load.pdf-too-much-text", path=shown, limit=f"{MAX_PAGE_CHARS:,}")
    if count <= 0:
        return []
    text = _page_text(raw, textpage, count)
    handle = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    corners = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    where = ctypes.c_void_p(ctypes.addressof(corners))
    box_of = _loose_box(raw)
    chars: list[Char] = []
    for i in range(count):
        char = text[i] if text is not None else _unicode(raw, textpage, i)
        if not box_of(handle, i, where):
            continue
        left, top, right, bottom = corners[:]
        if bottom > top:
            bottom, top = top, bottom
        if right <= left and top <= bottom:
            continue  # PDFium's own made-up spaces and line ends have no extent
        if char in _SKIPPED or not char:
            continue
        if char in _PDFIUM_HYPHEN:
            char = "-"
        box = (left, bottom, right, top)
        if rotation:
            left, bottom, right, top = _shown(left, bottom, right, top, rotation, width, height)
        if char in _LIGATURES:
            chars.extend(_spelt(char, box, left, bottom, right, top))
            continue
        if char not in HYPHENS and (char < " " or unicodedata.category(char) in _UNSEEN):
            continue
        chars.append(Char(char, box, left, bottom, right, top))
    return chars


def _spelt(
    ligature: str,
    box: tuple[float, float, float, float],
    left: float,
    bottom: float,
    right: float,
    top: float,
) -> list[Char]:
    """A ligature (``ﬁ``) as its letters, sharing its box in the page map and its width
    in equal parts for the reading order."""
    letters = _LIGATURES[ligature]
    step = (right - left) / len(letters)
    return [
        Char(letter, box, left + k * step, bottom, left + (k + 1) * step, top)
        for k, letter in enumerate(letters)
    ]


def _page_text(raw: Any, textpage: Any, count: int) -> str | None:
    """The page's characters in one call, one code point each; ``None`` where the text
    layer has characters beyond the BMP (then each is asked for on its own)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[: 2 * max(0, written - 1)].decode("utf-16-le", errors="replace")
    return text if len(text) == count else None


def _unicode(raw: Any, textpage: Any, index: int) -> str:
    code = raw.FPDFText_GetUnicode(textpage, index)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""


@cache
def _loose_box(raw: Any) -> Any:
    """``FPDFText_GetLooseCharBox`` called without pypdfium2's argument conversion: the
    half-million calls of a 300-page proof take half the time so."""
    address = ctypes.cast(raw.FPDFText_GetLooseCharBox, ctypes.c_void_p).value or 0
    prototype = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
    return prototype(address)


def _shown(
    left: float, bottom: float, right: float, top: float, rotation: int, width: float, height: float
) -> tuple[float, float, float, float]:
    """A box in the page's own space as the page is shown (turned by its /Rotate)."""
    if rotation == 90:  # shown turned clockwise: x' = y, y' = width - x
        return bottom, width - right, top, width - left
    if rotation == 180:
        return width - right, height - top, width - left, height - bottom
    if rotation == 270:
        return height - top, left, height - bottom, right
    return left, bottom, right, top


def _rules(
    raw: Any, page: Any, rotation: int, width: float, height: float
) -> list[tuple[float, float, float]]:
    """Horizontal lines drawn on the page (``(left, right, y)``, as shown): table borders."""
    rules: list[tuple[float, float, float]] = []
    count = raw.FPDFPage_CountObjects(page)
    if count > 100_000:
        return rules  # a page of that many drawings is a picture, not a table
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, bottom, right, top)]
    for i in range(count):
        obj = raw.FPDFPage_GetObject(page, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, *refs):
            continue
        x0, y0, x1, y1 = _shown(
            left.value, bottom.value, right.value, top.value, rotation, width, height
        )
        if y1 - y0 <= 2.0 and x1 - x0 >= 6.0:
            rules.append((x0, x1, (y0 + y1) / 2))
    return rules


# -- drawing a page -------------------------------------------------------------------


def page_sizes(data: bytes, shown: str = "<bytes>") -> list[tuple[float, float]]:
    """Every page's size in points (a scanned PDF's pages are drawn to be read by OCR);
    :class:`PdfError` as :func:`read_pdf` for a file PDFium cannot open or too many pages."""
    import pypdfium2 as pdfium

    with _LOCK, _opened(pdfium, data, shown) as document:
        return [_page_size(document, number) for number in range(len(document))]


def has_text_layer(data: bytes) -> bool:
    """Whether any page has characters in a text layer (else the pages are scans, for OCR);
    stops at the first page that has; ``True`` for a file PDFium cannot open or must not
    parse (too many pages, a page of too many operators: reading it then says why)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    if too_complex_page(data) is not None:
        return True
    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return True
        try:
            if len(document) > MAX_PAGES:
                return True  # refused as a PDF, with its own words, without a look
            for index in range(len(document)):
                page = document[index]
                try:
                    textpage = page.get_textpage()
                    try:
                        if raw.FPDFText_CountChars(textpage) > 0:
                            return True
                    finally:
                        textpage.close()
                finally:
                    page.close()
            return False
        except pdfium.PdfiumError:
            return True
        finally:
            document.close()


def _page_size(document: Any, index: int) -> tuple[float, float]:
    page = document[index]
    try:
        width, height = page.get_size()
        return float(width), float(height)
    finally:
        page.close()


MAX_RENDER_PIXELS = 2400
"""The longest side of a drawn page: enough to read a proof beside the text."""


@dataclass(frozen=True)
class Rendered:
    """A page drawn as RGB pixels (8 bits each, rows ``stride`` bytes apart)."""

    width: int
    height: int
    stride: int
    pixels: bytes
    scale: float
    """Pixels per point."""


def render_page(
    data: bytes, page: int, width: int, *, longest: int = MAX_RENDER_PIXELS
) -> Rendered | None:
    """Page ``page`` (1-based) of a PDF drawn ``width`` pixels wide (at most ``longest``
    on its longest side), or ``None`` when it cannot be drawn within bounds (an image
    over :data:`MAX_IMAGE_PIXELS`, a damaged page).  A scanned page is drawn for OCR at
    300 dpi (``app/text/scans.py``)."""
    import pypdfium2 as pdfium

    if huge_images(data, page):
        return None
    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return None
        try:
            if not 1 <= page <= len(document):
                return None
            drawn = document[page - 1]
            try:
                points_wide, points_high = drawn.get_size()
                scale = min(width / points_wide, longest / max(points_wide, points_high))
                bitmap = drawn.render(scale=max(scale, 0.05), rev_byteorder=True)
                pixels = bytes(bitmap.buffer)
                out = Rendered(bitmap.width, bitmap.height, bitmap.stride, pixels, scale)
                bitmap.close()
            finally:
                drawn.close()
        except pdfium.PdfiumError:
            return None
        finally:
            document.close()
    return out
