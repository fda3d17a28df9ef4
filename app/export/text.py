"""The corrected text, in the source's own encoding and line endings.

The corrected text goes back to the people who own the source, so it is
written in the source's own encoding and line endings: a diff against the
original then shows the decided readings and nothing else.  Any character the
source's encoding cannot hold stops the export with its position instead of
becoming a "?" that nobody would notice until print.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from app.export.data import (
    ExportError,
    ExportInput,
    ExportLocus,
    StrPath,
    applied,
    in_text,
    ordered_loci,
    write_atomic,
)
from app.messages import Message, message
from app.text.facts import BOMS
from app.text.formats import OCR_FORMAT, PDF_FORMAT
from app.text.lines import LINE_BREAK, LineIndex
from app.text.word import WORD_FORMAT

_DOCUMENTS = (WORD_FORMAT, PDF_FORMAT, OCR_FORMAT)
"""Texts read from a document or a scan, not decoded from a text file: no encoding to
write them back in."""

# -- the corrected text -----------------------------------------------------------

TAIL = re.compile(r"(?:\r\n|\r|\n)\Z")
# Encodings whose files the loader only recognizes by their byte-order mark.
_BOMS = {name: (codec, bom) for bom, codec, name in BOMS}


def line_ending(text: str) -> str | None:
    """The text's commonest line break, so inserted readings match the lines around them.

    A tie goes to "\\r\\n", then "\\n": a file mixing them is most likely a
    Windows file touched by a Unix tool, not the other way round.
    """
    crlf = text.count("\r\n")
    cr, lf = text.count("\r") - crlf, text.count("\n") - crlf
    if not crlf + cr + lf:
        return None
    return max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"), key=lambda pair: pair[0])[1]


def chosen(locus: ExportLocus, eol: str | None) -> str:
    """What the corrected text has at ``locus``, in the source's line endings (``eol``:
    :func:`line_ending` of the source)."""
    decision = locus.decision
    if decision.status in ("undecided", "rejected") or decision.reading is None:
        return locus.source_text
    reading = decision.reading
    if eol is None or reading == locus.source_text:
        return reading
    return LINE_BREAK.sub(eol, reading)


def corrected_segments(data: ExportInput) -> Iterator[tuple[int, ExportLocus | None, str]]:
    """The corrected text in pieces: unchanged source (``None``) and loci with their numbers.

    Where loci overlap, only the ones :func:`in_text` picks are pieces.
    """
    eol = line_ending(data.source_text)
    last = 0
    loci = applied(ordered_loci(data))
    for n, (locus, shown) in enumerate(zip(loci, in_text(loci), strict=True), 1):
        if not shown:
            continue  # inside a locus that stands in the text; listed in the report's table
        if locus.start > last:
            yield 0, None, data.source_text[last : locus.start]
        yield n, locus, chosen(locus, eol)
        last = locus.end
    if last < len(data.source_text):
        yield 0, None, data.source_text[last:]


def corrected_text(data: ExportInput) -> str:
    """The source with every decided reading in place; undecided places keep the source."""
    return "".join(piece for _, _, piece in corrected_segments(data))


def _encode(text: str, encoding: str, *, suggest_utf8: bool) -> bytes:
    hint: str | Message = message("export.use-utf8") if suggest_utf8 else ""
    try:
        name = codecs.lookup(encoding).name
        codec, bom = _BOMS.get(name, (name, b""))
        return bom + text.encode(codec)
    except UnicodeEncodeError as exc:
        char = text[exc.start]
        shown = f"U+{ord(char):04X}"
        if char.isprintable() and not char.isspace():
            shown = f"{char} ({shown})"
        line, column = LineIndex(text).line_col(exc.start)
        others = sum(1 for c in set(text) if c != char and not c.encode(exc.encoding, "ignore"))
        more: str | Message = ""
        if others:
            more = (
                message("export.others", n=str(others))
                if others > 1
                else message("export.one-other")
            )
        raise ExportError(
            "export.unencodable",
            char=shown,
            line=str(line),
            column=str(column),
            encoding=encoding,
            others=more,
            hint=hint,
        ) from None
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise ExportError("export.unknown-encoding", encoding=repr(encoding), hint=hint) from None


def encode_text(data: ExportInput, *, utf8: bool = False) -> bytes:
    """The corrected text as the bytes of a file like the source (or UTF-8, no BOM).

    UTF-16 gets its byte-order mark back even if the source was forced
    without one: the loader only recognizes UTF-16 by that mark.
    """
    text = corrected_text(data)
    if utf8 or data.source_encoding in _DOCUMENTS:  # a document's or a scan's text: UTF-8
        return _encode(text, "utf-8", suggest_utf8=False)
    return _encode(text, data.source_encoding, suggest_utf8=True)


def write_text(data: ExportInput, path: StrPath, *, utf8: bool = False) -> None:
    write_atomic(path, encode_text(data, utf8=utf8), data)
