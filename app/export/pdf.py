"""Proof marks on a PDF proof: the project's decisions as standard markup annotations.

A proofreader hands a typeset proof back to the typesetter with the
corrections marked on it, and the typesetter works through them in the
comment list of Acrobat (or Foxit, WPS, a browser's viewer).  So the
export is the proof itself, byte for byte in its page content, with one
annotation per accepted or edited divergence that changes the text:

- a **StrikeOut** over the characters to replace or delete, one quadrilateral
  per line they cover; its comment (``/Contents``) is the reading to put in
  (``删除`` for nothing) and its class (``结（形近）``); ``/Subj`` says 替换
  or 删除;
- a **Caret** where something is to be inserted (an insertion point, or a
  change of line breaks only), its comment the text to insert;
- a **Text** note replying to the mark (``/IRT``, ``/RT /R``: Acrobat shows it
  under the mark in the comment list) where the proofreader wrote a note,
  standing in the page's right margin at the mark's height.

Each carries the proofreader's name (``/T``), the decision's time as its
creation and modification date, a stable name (``/NM jiaokan-<id>``) and an
appearance stream (``/AP``) drawn with pikepdf's content-stream writer, so
every viewer draws the same mark, not only those that make their own.
Rejected and undecided divergences leave no mark.  A mark whose characters
run onto the next page is one annotation on each page.

The page map comes from reading the stored proof again
(``app/text/pdf.py``): a proof that no longer reads as the text collated
(another PDFium) stops the export rather than mark the wrong characters.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.classes.classify import CLASS_LABELS_ZH
from app.export.data import (
    ExportError,
    ExportInput,
    ExportLocus,
    StrPath,
    changes_text,
    in_text,
    ordered_loci,
    write_atomic,
)
from app.export.word import DEFAULT_AUTHOR
from app.messages import quoted
from app.store.decisions import decided_when
from app.text.pages import Box, PageMap
from app.text.pdf import PDF_FORMAT, PdfError, read_pdf

RED = (0.86, 0.08, 0.08)
"""The proofreader's red: strike-outs and carets."""
NOTE_YELLOW = (1.0, 0.85, 0.2)
_STROKE = 1.0
"""Points: the strike-out's line (thin enough to leave the characters legible)."""
_CARET = 4.0
"""Points: half the caret's width."""
_NOTE = 14.0
"""Points: the note icon's side."""


@dataclass(frozen=True)
class Mark:
    """One annotation to write: where, what kind, what it says."""

    page: int
    """1-based."""
    kind: str
    """``"StrikeOut"`` or ``"Caret"``."""
    boxes: tuple[Box, ...]
    contents: str
    subject: str
    locus_id: int
    date: str
    """PDF date (``D:20261204053000+00'00'``), "" when the decision has none."""
    note: str = ""
    part: int = 0
    """0, or 1, 2, … for a mark's continuation on later pages."""


def pdf_pages(data: ExportInput) -> PageMap:
    """The page map of the source proof as collated, or :class:`ExportError`."""
    if data.source_encoding != PDF_FORMAT or data.source_document is None:
        raise ExportError("export.pdf-not-pdf")
    try:
        read = read_pdf(data.source_document, quoted(data.source_path))
    except PdfError as exc:
        raise ExportError(exc.message) from None
    if read.text != data.source_text:
        raise ExportError("export.pdf-mismatch")
    return read.pages


def marks(data: ExportInput, pages: PageMap) -> list[Mark]:
    """The marks of every decision that changes the text, in text order."""
    loci = ordered_loci(data)  # conflicting decisions stop the export here
    shown = in_text(loci)
    out: list[Mark] = []
    for k, locus in enumerate(loci):
        if shown[k] and changes_text(locus):
            out.extend(_marks_of(locus, pages))
    return out


def _marks_of(locus: ExportLocus, pages: PageMap) -> Iterator[Mark]:
    decision = locus.decision
    reading = decision.reading or ""
    label = CLASS_LABELS_ZH.get(_class_of(locus), "")
    where = pages.where(locus.start, locus.end)
    date = pdf_date(decision.decided_at)
    note = decision.note.strip()
    if where.is_point:
        contents = _with_class(reading, label)
        yield Mark(where.page, "Caret", where.boxes, contents, "插入", locus.id, date, note)
        return
    deleted = reading == ""
    contents = _with_class("删除" if deleted else reading, label)
    subject = "删除" if deleted else "替换"
    yield Mark(where.page, "StrikeOut", where.boxes, contents, subject, locus.id, date, note)
    for part, (page, boxes) in enumerate(where.continued, 1):
        yield Mark(page, "StrikeOut", boxes, contents, subject, locus.id, date, "", part)


def _class_of(locus: ExportLocus) -> str:
    """The class of the reading put in: the accepted witness's, or of the witness whose
    reading an own correction repeats."""
    decision = locus.decision
    if decision.witness:
        return locus.classes.get(decision.witness, "")
    for witness, reading in locus.readings.items():
        if reading == decision.reading:
            return locus.classes.get(witness, "")
    return ""


def _with_class(text: str, label: str) -> str:
    return f"{text}（{label}）" if label else text


def pdf_date(stamp: str) -> str:
    """ISO 8601 as a PDF date string in UTC (``D:20261204053000+00'00'``); "" if none."""
    when = decided_when(stamp)
    return "" if when is None else when.strftime("D:%Y%m%d%H%M%S+00'00'")


# -- writing ---------------------------------------------------------------------------


def marked_pdf(data: ExportInput, *, author: str = DEFAULT_AUTHOR) -> bytes:
    """The proof with a mark for every decision that changes the text (module docstring).

    Raises :class:`ExportError` (one line) for a source that is not a PDF, one that no
    longer reads as collated, or conflicting decisions.
    """
    import pikepdf  # only needed for this export; keep start-up light

    pages = pdf_pages(data)
    to_write = marks(data, pages)
    author = "".join(c for c in author if c.isprintable()).strip() or DEFAULT_AUTHOR
    assert data.source_document is not None
    try:
        pdf = pikepdf.open(io.BytesIO(data.source_document))
    except (pikepdf.PdfError, pikepdf.PasswordError) as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else "unreadable"
        raise ExportError(
            "load.pdf-damaged", path=quoted(data.source_path), reason=reason
        ) from None
    with pdf:
        writer = _Writer(pikepdf, pdf, author)
        for mark in to_write:
            writer.add(mark)
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()


def write_pdf(data: ExportInput, path: StrPath, *, author: str = DEFAULT_AUTHOR) -> None:
    """Write :func:`marked_pdf` to ``path`` completely or not at all, never over the
    project or one of its texts (as every export)."""
    write_atomic(path, marked_pdf(data, author=author), data)


class _Writer:
    """Adds annotations to the pages of an open pikepdf document."""

    def __init__(self, pikepdf: Any, pdf: Any, author: str) -> None:
        self.pikepdf = pikepdf
        self.pdf = pdf
        self.author = author
        self.Name = pikepdf.Name
        self.Array = pikepdf.Array
        self.Dictionary = pikepdf.Dictionary
        self.String = pikepdf.String

    def add(self, mark: Mark) -> None:
        page = self.pdf.pages[mark.page - 1]
        width = float(page.mediabox[2])
        annotation = self._markup(mark, page)
        annots = self._annots(page)
        annots.append(annotation)
        if mark.note:
            annots.append(self._note(mark, page, annotation, width))

    def _annots(self, page: Any) -> Any:
        if "/Annots" not in page.obj:
            page.obj.Annots = self.pdf.make_indirect(self.Array())
        return page.obj.Annots

    def _common(self, mark: Mark, page: Any, subtype: str, rect: Box) -> Any:
        name = f"jiaokan-{mark.locus_id}" + (f"-{mark.part}" if mark.part else "")
        fields: dict[str, Any] = {
            "/Type": self.Name.Annot,
            "/Subtype": self.Name(f"/{subtype}"),
            "/Rect": self.Array(_rounded(rect)),
            "/F": 4,  # Print: the marks are printed with the proof
            "/P": page.obj,
            "/NM": self.String(name),
            "/T": self.String(self.author),
            "/C": self.Array(list(NOTE_YELLOW if subtype == "Text" else RED)),
        }
        if mark.date:
            fields["/M"] = self.String(mark.date)
            fields["/CreationDate"] = self.String(mark.date)
        return fields

    def _markup(self, mark: Mark, page: Any) -> Any:
        boxes = mark.boxes
        if mark.kind == "Caret":
            box = boxes[0]
            height = max(box.top - box.bottom, 4.0)
            rect = Box(
                box.left - _CARET, box.bottom - 1, box.left + _CARET, box.bottom + 0.6 * height
            )
            fields = self._common(mark, page, "Caret", rect)
            fields["/Sy"] = self.Name("/None")
            fields["/RD"] = self.Array([0, 0, 0, 0])
            fields["/AP"] = self.Dictionary(N=self._caret_appearance(rect))
        else:
            rect = _padded(boxes)
            fields = self._common(mark, page, "StrikeOut", rect)
            quads: list[float] = []
            for b in boxes:  # upper left, upper right, lower left, lower right
                quads += [b.left, b.top, b.right, b.top, b.left, b.bottom, b.right, b.bottom]
            fields["/QuadPoints"] = self.Array([round(v, 2) for v in quads])
            fields["/AP"] = self.Dictionary(N=self._strike_appearance(rect, boxes))
        fields["/Contents"] = self.String(mark.contents)
        fields["/Subj"] = self.String(mark.subject)
        fields["/CA"] = 1
        return self.pdf.make_indirect(self.Dictionary(fields))

    def _note(self, mark: Mark, page: Any, parent: Any, width: float) -> Any:
        top = max(b.top for b in mark.boxes)
        right = width - 6.0
        rect = Box(right - _NOTE, top - _NOTE, right, top)
        fields = self._common(mark, page, "Text", rect)
        fields["/NM"] = self.String(f"jiaokan-{mark.locus_id}-note")
        fields["/Contents"] = self.String(mark.note)
        fields["/Subj"] = self.String("批注")
        fields["/Name"] = self.Name.Comment
        fields["/Open"] = False
        fields["/IRT"] = parent
        fields["/RT"] = self.Name.R
        fields["/AP"] = self.Dictionary(N=self._note_appearance(rect))
        return self.pdf.make_indirect(self.Dictionary(fields))

    # -- appearance streams: Form XObjects in the page's coordinates -------------------

    def _form(self, rect: Box, instructions: list[tuple[list[Any], str]]) -> Any:
        Operator = self.pikepdf.Operator
        content = self.pikepdf.unparse_content_stream(
            [(operands, Operator(op)) for operands, op in instructions]
        )
        stream = self.pikepdf.Stream(self.pdf, content)
        stream.Type = self.Name.XObject
        stream.Subtype = self.Name.Form
        stream.BBox = self.Array(_rounded(rect))
        stream.Resources = self.Dictionary()
        return stream

    def _strike_appearance(self, rect: Box, boxes: tuple[Box, ...]) -> Any:
        ops: list[tuple[list[Any], str]] = [([*RED], "RG"), ([_STROKE], "w"), ([0], "J")]
        for b in boxes:
            y = round(b.bottom + 0.45 * (b.top - b.bottom), 2)
            ops += [([round(b.left, 2), y], "m"), ([round(b.right, 2), y], "l"), ([], "S")]
        return self._form(rect, ops)

    def _caret_appearance(self, rect: Box) -> Any:
        middle = (rect.left + rect.right) / 2
        ops: list[tuple[list[Any], str]] = [
            ([*RED], "rg"),
            ([round(rect.left, 2), round(rect.bottom, 2)], "m"),
            ([round(middle, 2), round(rect.top, 2)], "l"),
            ([round(rect.right, 2), round(rect.bottom, 2)], "l"),
            ([round(middle, 2), round(rect.bottom + 0.3 * (rect.top - rect.bottom), 2)], "l"),
            ([], "h"),
            ([], "f"),
        ]
        return self._form(rect, ops)

    def _note_appearance(self, rect: Box) -> Any:
        x, y = rect.left, rect.bottom
        side = rect.right - rect.left
        ops: list[tuple[list[Any], str]] = [
            ([*NOTE_YELLOW], "rg"),
            ([0.3, 0.3, 0.3], "RG"),
            ([0.8], "w"),
            ([round(x + 0.5, 2), round(y + 0.5, 2), side - 1, side - 1], "re"),
            ([], "B"),
        ]
        for k in (0.3, 0.5, 0.7):
            line_y = round(y + side * k, 2)
            ops += [([round(x + 3, 2), line_y], "m"), ([round(x + side - 3, 2), line_y], "l")]
        ops.append(([], "S"))
        return self._form(rect, ops)


def _padded(boxes: tuple[Box, ...]) -> Box:
    union = boxes[0]
    for box in boxes[1:]:
        union = union.union(box)
    return Box(union.left - 1, union.bottom - 1, union.right + 1, union.top + 1)


def _rounded(box: Box) -> list[float]:
    return box.rounded()
