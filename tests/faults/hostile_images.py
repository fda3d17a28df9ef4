"""Damaged and hostile scans, made by hand (a PNG's chunks) or with Pillow, for the fault
tests (``tests/faults/test_scan_files.py``)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

PAGE = Path(__file__).resolve().parent.parent / "ocr" / "fixtures"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header says ``width`` × ``height`` grey pixels over a few bytes of data
    (a decompression bomb: decoding it would need width × height bytes)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\xff" * min(width, 4096)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * 16, 9))
        + _chunk(b"IEND", b"")
    )


def bomb() -> bytes:
    """100,000 × 100,000 pixels: past Pillow's own bound, refused when opened."""
    return png_claiming(100_000, 100_000)


def just_past_the_bound() -> bytes:
    """9,000 × 9,000 (81 million pixels): under Pillow's bound, past Jiaokan's 60 million."""
    return png_claiming(9_000, 9_000)


def truncated() -> bytes:
    """The fixture page cut after its first 3,000 bytes (a download that broke off)."""
    return (PAGE / "page.png").read_bytes()[:3000]


def garbage_jpeg() -> bytes:
    """A JPEG's first bytes, then noise."""
    return b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40


def many_pages(count: int = 1000) -> bytes:
    """A TIFF of ``count`` tiny pages (a few kilobytes): past the pages a scan may have."""
    pages = [Image.new("L", (8, 8), 255) for _ in range(count)]
    out = io.BytesIO()
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:])
    return out.getvalue()


def long_scan(pages: int) -> bytes:
    """A TIFF of ``pages`` full 300-dpi pages, each the fixture page six times down it."""
    with Image.open(PAGE / "page.png") as piece:
        strip = piece.convert("L")
    page = Image.new("L", (2480, 3508), 255)
    for k in range(6):
        page.paste(strip, (200, 150 + k * (strip.height + 40)))
    frames = [page.copy() for _ in range(pages)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:],
                   compression="tiff_deflate", dpi=(300, 300))  # fmt: skip
    return out.getvalue()
