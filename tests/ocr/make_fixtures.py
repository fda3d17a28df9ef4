"""Regenerate the scanned page the fast OCR tests read: ``python -m tests.ocr.make_fixtures``.

The page is cut from the committed LibreOffice proof (``tests/pdf/fixtures/proof.pdf``,
itself made by ``tests/pdf/make_fixtures.py``): its first five lines of text on
page 1 (two paragraphs, Chinese and English, the slip 单位 for 单元), drawn by PDFium at
300 dpi in 8-bit grey as a scanner gives them, saved as PNG with its resolution.  What
the proof's text layer reads there is saved beside it (``page.txt``): the text OCR must
give back.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium

from app.text.pdf import read_pdf

HERE = Path(__file__).resolve().parent / "fixtures"
PROOF = HERE.parent.parent / "pdf" / "fixtures" / "proof.pdf"
DPI = 300
LINES = range(1, 6)
"""Lines of page 1 in reading order (the running head is not one)."""
MARGIN = 12.0
"""Points of white around the text, as a scan has."""


def main() -> int:
    data = PROOF.read_bytes()
    read = read_pdf(data)
    pages = read.pages
    chosen = [k for k in range(len(read.text)) if pages.page(k) == 1 and pages.line(k) in LINES]
    boxes = [box for k in chosen if (box := pages.box(k)) is not None]
    left = min(b.left for b in boxes) - MARGIN
    right = max(b.right for b in boxes) + MARGIN
    bottom = min(b.bottom for b in boxes) - MARGIN
    top = max(b.top for b in boxes) + MARGIN
    width, height = pages.page_sizes[0]
    document = pdfium.PdfDocument(data)
    page = document[0]
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    picture = bitmap.to_pil()
    scale = DPI / 72
    crop = picture.crop(
        (round(left * scale), round((height - top) * scale),
         round(right * scale), round((height - bottom) * scale))
    )  # fmt: skip
    crop.convert("L").save(HERE / "page.png", dpi=(DPI, DPI), optimize=True)
    page.close()
    document.close()
    text = read.text[chosen[0] : chosen[-1] + 1]
    (HERE / "page.txt").write_text(text, encoding="utf-8")
    print(f"page.png {crop.size[0]}x{crop.size[1]}, {len(text)} characters ({width:.0f}pt wide)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
