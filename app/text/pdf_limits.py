"""What a hostile PDF is refused for before PDFium works on it, in bounded time and memory.

PDFium parses a page's content streams whole and decodes an image whole when
it draws one: a few kilobytes that inflate to gigabytes of operators held it
for 43 s and 8 GB, and a 100,000 × 100,000 image would take 30 GB to draw.
These checks read the file with pikepdf (qpdf parses lazily) and inflate a
stream a megabyte at a time, counting, so they cost little on any file.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any

MAX_PAGE_CONTENT = 64 * 1024 * 1024
"""Bytes of drawing operators one page may inflate to (a dense page has under a megabyte)."""

MAX_IMAGE_PIXELS = 60_000_000
"""Pixels of one image a drawn page may decode (a 600-dpi A3 scan has 70M, rare in a proof;
a hostile 100,000 × 100,000 image would take 30 GB)."""


def too_complex_page(data: bytes) -> int | None:
    """The first page (1-based) whose drawing operators, its forms' included, inflate past
    :data:`MAX_PAGE_CONTENT`; ``None`` when every page is within it (or qpdf cannot read
    the file: PDFium, which opened it, is then the judge)."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError):
        return None
    with pdf:
        for number, page in enumerate(pdf.pages, 1):
            total = 0
            for stream in _content_streams(pikepdf, page.obj):
                total += _inflated_size(pikepdf, stream, MAX_PAGE_CONTENT - total)
                if total > MAX_PAGE_CONTENT:
                    return number
    return None


def _content_streams(pikepdf: Any, page: Any) -> Iterator[Any]:
    """The page's content streams and those of the forms it may draw, each once."""
    seen: set[tuple[int, int]] = set()
    todo = [page]
    while todo:
        holder = todo.pop()
        contents = holder.get("/Contents") if holder is page else holder
        streams = contents if isinstance(contents, pikepdf.Array) else [contents]
        for stream in streams:
            if isinstance(stream, pikepdf.Stream) and _new(stream, seen):
                yield stream
        resources = holder.get("/Resources")
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        if isinstance(xobjects, pikepdf.Dictionary):
            for key in xobjects:
                form = xobjects[key]
                is_form = isinstance(form, pikepdf.Stream) and form.get("/Subtype") == "/Form"
                if is_form and len(seen) < 10_000 and _new(form, seen):
                    todo.append(form)
                    yield form


def _new(stream: Any, seen: set[tuple[int, int]]) -> bool:
    key = stream.objgen
    if key != (0, 0) and key in seen:
        return False
    seen.add(key)
    return True


def _inflated_size(pikepdf: Any, stream: Any, budget: int) -> int:
    """The stream's decoded length, counted no further than ``budget`` + 1 bytes."""
    filters = stream.get("/Filter")
    names = list(filters) if isinstance(filters, pikepdf.Array) else [filters]
    raw_bytes = stream.read_raw_bytes()
    if names == [None]:
        return len(raw_bytes)
    if names != [pikepdf.Name.FlateDecode]:
        return len(stream.read_bytes()) if len(raw_bytes) < 1024 * 1024 else budget + 1
    inflater = zlib.decompressobj()
    size = 0
    pending = raw_bytes
    try:
        while pending and size <= budget:
            chunk = inflater.decompress(pending, 1024 * 1024)
            size += len(chunk)
            pending = inflater.unconsumed_tail
    except zlib.error:
        return size  # PDFium reads what it can of a broken stream; so be it
    return size


def huge_images(data: bytes, page: int) -> bool:
    """Whether the page draws an image larger than :data:`MAX_IMAGE_PIXELS` (directly or
    in a form it draws): PDFium would decode it whole."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError):
        return False
    with pdf:
        if not 1 <= page <= len(pdf.pages):
            return False
        seen: set[tuple[int, int]] = set()
        todo: list[Any] = [pdf.pages[page - 1].obj]
        while todo:
            resources = todo.pop().get("/Resources")
            xobjects = (
                resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
            )
            if not isinstance(xobjects, pikepdf.Dictionary):
                continue
            for item in xobjects.values():
                if (
                    not isinstance(item, pikepdf.Stream)
                    or not _new(item, seen)
                    or len(seen) > 10_000
                ):
                    continue
                if item.get("/Subtype") == "/Image":
                    size = int(item.get("/Width", 0)) * int(item.get("/Height", 0))
                    if size > MAX_IMAGE_PIXELS:
                        return True
                elif item.get("/Subtype") == "/Form":
                    todo.append(item)
    return False
