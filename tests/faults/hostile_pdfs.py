"""Hostile and damaged PDFs, made with pikepdf (no hand-written PDF syntax)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf

PROOF = Path(__file__).resolve().parent.parent / "pdf" / "fixtures" / "proof.pdf"


def _saved(pdf: pikepdf.Pdf, **options: object) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)  # type: ignore[arg-type]
    return out.getvalue()


def encrypted() -> bytes:
    """The proof behind a user password."""
    with pikepdf.open(PROOF) as pdf:
        return _saved(pdf, encryption=pikepdf.Encryption(user="secret", owner="secret"))


def damaged() -> bytes:
    """A PDF header over bytes that are no PDF."""
    return b"%PDF-1.7\n" + bytes(range(256)) * 64


def deep_nesting(depth: int = 200_000) -> bytes:
    """A page whose resources nest arrays this deep (a parser's recursion)."""
    with pikepdf.open(PROOF) as pdf:
        plain = pikepdf.ObjectStreamMode.disable
        data = _saved(pdf, compress_streams=False, object_stream_mode=plain)
    marker = b"/Type /Page"
    at = data.index(marker)
    return data[:at] + b"/Deep " + b"[" * depth + b"]" * depth + b" " + data[at:]


def huge_image() -> bytes:
    """A page with no text that draws a 100,000 × 100,000 image from a few kilobytes."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    pixels = zlib.compress(b"\0" * 10_000_000, 9)  # the first rows; the rest is missing
    image = pikepdf.Stream(pdf, pixels)
    image.Type = pikepdf.Name.XObject
    image.Subtype = pikepdf.Name.Image
    image.Width = 100_000
    image.Height = 100_000
    image.ColorSpace = pikepdf.Name.DeviceRGB
    image.BitsPerComponent = 8
    image.Filter = pikepdf.Name.FlateDecode
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pdf.make_stream(
        pikepdf.unparse_content_stream(
            [
                (
                    [pikepdf.Object.parse(str(v).encode()) for v in (595, 0, 0, 842, 0, 0)],
                    pikepdf.Operator("cm"),
                ),
                ([pikepdf.Name.Im0], pikepdf.Operator("Do")),
            ]
        )
    )
    return _saved(pdf)


def many_pages(count: int = 6000) -> bytes:
    """The proof's first page, and then thousands of blank pages."""
    with pikepdf.open(PROOF) as pdf:
        del pdf.pages[1:]
        for _ in range(count - 1):
            pdf.add_blank_page()
        return _saved(pdf)


def content_bomb(megabytes: int = 400) -> bytes:
    """A page whose content stream is a few hundred kilobytes that inflate to
    hundreds of megabytes of drawing operators."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    ops = b"0 0 m 1 1 l S\n" * (megabytes * 1024 * 1024 // 14)
    stream = pikepdf.Stream(pdf, zlib.compress(ops, 9))
    stream.Filter = pikepdf.Name.FlateDecode
    pdf.pages[0].Contents = pdf.make_indirect(stream)
    return _saved(pdf, compress_streams=False)
