"""Where OCR likely misread: the loci a proofreader checks against the scan first.

A scan's reading (``app/text/ocr.py``) keeps each character's confidence.
A divergence is *doubtful* in a text read by OCR when its characters there
include one read with low confidence, or when the two readings differ only
by marks OCR confuses (—— read as 一, …… as ···, 。 as o): most likely OCR,
not the typesetter, made that difference.  The window's table filters on it
(the class filter's "OCR存疑") and ``collate --json`` names it
(``ocr_doubt``).
"""

from __future__ import annotations

from collections.abc import Mapping

from app.collation.loci import Locus
from app.text.ocr import doubt
from app.text.pages import PageMap


def source_doubt(locus: Locus, source: PageMap | None) -> str | None:
    """Why the source's reading here is doubtful when the source was read by OCR:
    ``"confusable"`` or ``"low-confidence"``; else ``None``."""
    if source is None or source.confidence is None:
        return None
    for reading in locus.readings.values():
        why = doubt(source, locus.start, locus.end, locus.source_text, reading)
        if why is not None:
            return why
    return None


def ocr_doubts(locus: Locus, witnesses: Mapping[str, PageMap | None]) -> dict[str, str]:
    """For each witness read by OCR whose reading here is doubtful, why."""
    out: dict[str, str] = {}
    for wid, pages in witnesses.items():
        if pages is None or pages.confidence is None or wid not in locus.spans:
            continue
        why = doubt(pages, *locus.spans[wid], locus.readings[wid], locus.source_text)
        if why is not None:
            out[wid] = why
    return out


def lowest_confidence(pages: PageMap, start: int, end: int) -> float | None:
    """OCR's lowest confidence for a character of ``[start, end)`` of a scan's text (the
    characters on either side of a point), rounded; ``None`` for a text layer."""
    levels = pages.confidence
    if levels is None or not len(levels):
        return None
    lo, hi = (start, end) if end > start else (max(0, start - 1), start + 1)
    values = [levels[k] for k in range(lo, min(hi, len(levels)))]
    return round(min(values), 3) if values else None
