"""What kind of document a file's bytes are, told before any reader of that kind is imported.

Every file opened is asked whether it is a PDF; the PDF reader (app/text/pdf.py, with
its layout code and PDFium) is imported only for one that is, so that collating two
plain texts does not pay for loading it.
"""

from __future__ import annotations

PDF_FORMAT = "pdf"
"""What :class:`~app.text.loading.LoadedText` names as the encoding of a PDF."""

_MAGIC = b"%PDF-"


def is_pdf_document(data: bytes) -> bool:
    """A PDF's header (``%PDF-``) in its first kilobyte, where readers look for it."""
    return _MAGIC in data[:1024]
