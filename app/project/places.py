"""Where a project's texts stand on their pages, worked out again from what it keeps.

A project keeps each text as read, not its page map: a PDF's map is read
again from the project's copy of the PDF, a scan's from what OCR read of it
(the project's ``ocr`` table), so a project reopened, even on a computer
where the files are not, shows page:line, the Page tab and the boxes of the
JSON without reading a scan again.  Either is refused (``None``) when it no
longer gives the very text the project holds (another PDFium, another
layout): a wrong box is worse than none.
"""

from __future__ import annotations

from typing import Protocol

from app.text.ocr import OCR_FORMAT, OcrResult, scan_text
from app.text.pages import PageMap
from app.text.pdf import PDF_FORMAT, PdfError, read_pdf


class Kept(Protocol):
    """What a project keeps beside its texts (a :class:`~app.store.file.ProjectFile`)."""

    def document(self, sha256: str) -> bytes | None: ...
    def ocr(self, sha256: str) -> bytes | None: ...


class Text(Protocol):
    @property
    def encoding(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def text(self) -> str: ...


def stored_pages(kept: Kept, text: Text) -> PageMap | None:
    """The page map of a PDF or scanned text of the project, or ``None``."""
    if text.encoding == PDF_FORMAT:
        document = kept.document(text.sha256)
        if document is None:
            return None
        try:
            read = read_pdf(document)
        except PdfError:
            return None
        return read.pages if read.text == text.text else None
    if text.encoding == OCR_FORMAT:
        data = kept.ocr(text.sha256)
        result = OcrResult.from_bytes(data) if data is not None else None
        if result is None:
            return None
        scanned = scan_text(result)
        return scanned.pages if scanned.text == text.text else None
    return None


def stored_reading(kept: Kept, sha256: str) -> OcrResult | None:
    """What OCR read of a scan the project holds (to read the same file again at once)."""
    data = kept.ocr(sha256)
    return OcrResult.from_bytes(data) if data is not None else None
