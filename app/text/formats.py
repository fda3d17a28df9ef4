"""What kind of document a file's bytes are, told before any reader of that kind is imported.

Every file opened is asked whether it is a PDF or an image; the PDF reader
(app/text/pdf.py, with its layout code and PDFium) and OCR (app/text/ocr.py, the
models and OpenCV) are imported only for one that is, so that collating two plain
texts does not pay for loading them.
"""

from __future__ import annotations

PDF_FORMAT = "pdf"
"""What :class:`~app.text.loading.LoadedText` names as the encoding of a PDF."""

OCR_FORMAT = "ocr"
"""What :class:`~app.text.loading.LoadedText` names as the encoding of a scan read by OCR."""

_MAGIC = b"%PDF-"

IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
"""The scans read: each format's first bytes, and its name as Pillow gives it."""


def is_image(data: bytes) -> bool:
    """A PNG, JPEG or TIFF by its first bytes (whatever the file's name)."""
    return any(data.startswith(magic) for magic, _name in IMAGE_MAGIC)


def is_pdf_document(data: bytes) -> bool:
    """A PDF's header (``%PDF-``) in its first kilobyte, where readers look for it."""
    return _MAGIC in data[:1024]
