"""What the command groups print: a text's facts (``collate --json``, ``loci --json``,
``check --json``) and the cells of their tables."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from app.collation.loci import Locus

if TYPE_CHECKING:  # a PDF's or a scan's pages: their module is imported only for those
    from app.text.pages import PageMap

_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""What a terminal must never receive from a text: C0 controls but the line feed (ESC
starts the sequences that retitle, clear or reprogram it; BEL rings), DEL, C1 controls
(U+009B is a one-character CSI to many terminals), the bidirectional overrides that make
a line read other than it is, and lone surrogates (a file name's undecodable bytes)."""


def terminal_safe(text: str) -> str:
    """``text`` with every :data:`_UNSAFE` character as a ``\\uXXXX`` escape.

    The escape is JSON's own, so a ``--json`` document stays valid JSON that
    reads back to the same strings (a lone surrogate to the same file name's
    bytes, in Python); in a table it shows exactly which character was there.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TextInfo(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def encoding(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def text(self) -> str: ...


def text_json(item: TextInfo) -> dict[str, Any]:
    return {
        "path": item.path,
        "encoding": item.encoding,
        "chars": len(item.text),
        "sha256": item.sha256,
    }


def dump_json(doc: object, out: TextIO) -> None:
    """The JSON document, exact in any console: \\u escapes where the encoding is not UTF."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    # dumps, not dump: only the one-shot encoder is the C one (a second, not
    # milliseconds, for the twenty thousand loci of five variants of 1M characters)
    out.write(json.dumps(doc, ensure_ascii=not encoding.startswith("utf")) + "\n")


def add_places(
    entry: dict[str, Any],
    locus: Locus,
    source: PageMap | None,
    witnesses: Mapping[str, PageMap | None],
) -> None:
    """Where a divergence is on the page, for a PDF or scanned source or witness
    (docs/cli.md): ``page`` and ``boxes`` of its characters on the source, and the same
    for each reading under ``witness_pages``; for a scan, OCR's lowest ``confidence``
    there, and ``ocr_doubt`` where OCR likely misread (``confusable`` marks, or
    ``low-confidence``)."""
    # only where a text has pages (a PDF, a scan): OCR's module is heavy to import
    from app.collation.ocr_doubt import lowest_confidence, ocr_doubts, source_doubt

    if source is not None:
        entry.update(source.where(locus.start, locus.end).to_json())
        confidence = lowest_confidence(source, locus.start, locus.end)
        if confidence is not None:
            entry["confidence"] = confidence
        why = source_doubt(locus, source)
        if why is not None:
            entry["ocr_doubt"] = why
    on_pages: dict[str, dict[str, object]] = {}
    for wid, pages in witnesses.items():
        if pages is not None and wid in locus.spans:
            on_pages[wid] = pages.where(*locus.spans[wid]).to_json()
            confidence = lowest_confidence(pages, *locus.spans[wid])
            if confidence is not None:
                on_pages[wid]["confidence"] = confidence
    for wid, why in ocr_doubts(locus, witnesses).items():
        on_pages[wid]["ocr_doubt"] = why
    if on_pages:
        entry["witness_pages"] = on_pages


def position(pages: PageMap | None, offset: int) -> str | None:
    """``page:line`` of an offset of a PDF's text (the table's Position), else ``None``."""
    if pages is None:
        return None
    return f"{pages.page(offset)}:{pages.line(offset)}"


def display(text: str, limit: int = 24) -> str:
    """A reading as one short table cell: line breaks visible, long text cut."""
    shown = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return shown or "∅"


def width(text: str) -> int:
    """Columns on a terminal: two for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cell(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
