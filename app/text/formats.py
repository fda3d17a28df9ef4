"""What kind of document a file's bytes are, told before any reader of that kind is imported.

Every file opened is asked whether it is a Word document, a PDF or an image; Word's
reader (app/text/word.py, with the zip checks), the PDF reader
(app/text/pdf.py, with its layout code and PDFium) and OCR (app/text/ocr.py, the
models and OpenCV) are imported only for one that is, so that collating two plain
texts does not pay for loading them.
"""

from __future__ import annotations

PDF_FORMAT = "pdf"
"""What :class:`~app.text.loading.LoadedText` names as the encoding of a PDF."""

WORD_FORMAT = "docx"
"""What :class:`~app.text.loading.LoadedText` names as the encoding of a Word document."""

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of a zip (a ``.docx``) and of an OLE file (an encrypted ``.docx``,
an old ``.doc``)."""

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


def is_word_document(data: bytes) -> bool:
    """Bytes that can only be meant as a Word document (a zip, or an OLE file such as
    an encrypted ``.docx`` or an old ``.doc``): never decoded as text."""
    return data.startswith((ZIP_MAGIC, OLE_MAGIC))


def is_pdf_document(data: bytes) -> bool:
    """A PDF's header (``%PDF-``) in its first kilobyte, where readers look for it."""
    return _MAGIC in data[:1024]
