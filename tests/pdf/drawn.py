"""Small PDFs drawn in a test: Latin text placed exactly, in any drawing order.

PDFium writes them (``FPDFPageObj_NewTextObj`` with a standard font), so a test
can draw the second column before the first, or a line's closing quotation
mark after the line, and check that reading order does not follow drawing order.
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as raw

Run = tuple[float, float, str]
"""``(x, y, text)``: a piece of text whose baseline starts at ``(x, y)`` (points)."""


def drawn_pdf(pages: Sequence[Sequence[Run]], size: float = 12.0) -> bytes:
    """A PDF of Letter pages, each drawing its runs in the order given (Helvetica)."""
    document = pdfium.PdfDocument.new()
    for runs in pages:
        page = document.new_page(612, 792)
        for x, y, text in runs:
            obj = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(size))
            encoded = (text + "\x00").encode("utf-16-le")
            buffer = ctypes.create_string_buffer(encoded, len(encoded))
            raw.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
            raw.FPDFPage_InsertObject(page.raw, obj)
        raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()
