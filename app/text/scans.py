"""Scanned pages as pictures: which files are scans, their pages, and the bounds they keep.

A scan comes as an image (PNG, JPEG, TIFF, a multi-page TIFF) or as a PDF
whose pages are pictures with no text layer.  Either way OCR wants each page
as pixels and the page's size in points, so that the characters it finds
get boxes in the same units as a PDF's text layer (``app/text/pages.py``):
an image's pixels are turned into points at its resolution (300 dpi where
the file does not say, or says something no page has), a PDF's page is drawn
at 300 dpi.

A hostile or broken file is refused with one line before it costs much: the
picture's size is read from its header and a page of more than
:data:`~app.text.pdf_limits.MAX_IMAGE_PIXELS` is never decoded (a
decompression bomb), a file of more than :data:`MAX_SCAN_PAGES` pages is
not read page by page (a 1,000-page TIFF would take an hour of OCR), and a
damaged picture is said to be damaged.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.messages import MessageError
from app.text.formats import IMAGE_MAGIC
from app.text.pdf import PdfError, is_pdf_document, page_sizes, render_page
from app.text.pdf_limits import MAX_IMAGE_PIXELS, huge_images

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
"""What the file dialogs offer as scans (any file is read by its content, not its name)."""

SCAN_DPI = 300
"""The resolution a scanned PDF page is drawn at, and an image's when it does not say."""

MAX_SCAN_PAGES = 500
"""Pages of one scan read by OCR: a book's worth at some 3 s a page; more is not one text."""

_PLAUSIBLE_DPI = (100.0, 1200.0)
"""A resolution outside this is the file's default (72, 96, 1), not the scanner's."""

_FORMATS = frozenset(name for _magic, name in IMAGE_MAGIC) | {"MPO"}  # a camera's JPEG


class ScanError(MessageError):
    """A scan that cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class ScanPage:
    """One page as pixels, with its size in points."""

    number: int
    """1-based."""
    pixels: Any
    """A BGR ``uint8`` array, height × width × 3 (what the OCR models read)."""
    size: tuple[float, float]
    """Width and height in points: pixels at the page's resolution."""

    @property
    def scale(self) -> float:
        """Pixels per point across the page."""
        return float(self.pixels.shape[1]) / self.size[0]


def page_count(data: bytes, shown: str) -> int:
    """How many pages the scan has (:class:`ScanError` past :data:`MAX_SCAN_PAGES`)."""
    if is_pdf_document(data):
        return len(_pdf_sizes(data, shown))
    with _opened(data, shown) as image:
        return _frames(image, shown)


def scan_pages(data: bytes, shown: str) -> Iterator[ScanPage]:
    """The pages of an image or a scanned PDF, one at a time (one page's pixels in memory)."""
    if is_pdf_document(data):
        yield from _pdf_pages(data, shown)
        return
    with _opened(data, shown) as image:
        count = _frames(image, shown)
        for index in range(count):
            yield _image_page(image, index, shown)


# -- images ----------------------------------------------------------------------------


class _opened:
    """An image opened by Pillow with its own bomb checks turned into ours."""

    def __init__(self, data: bytes, shown: str) -> None:
        self.data = data
        self.shown = shown
        self.image: Any = None

    def __enter__(self) -> Any:
        from PIL import Image, UnidentifiedImageError

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                self.image = Image.open(io.BytesIO(self.data))
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise _too_large(self.shown) from None
        except UnidentifiedImageError:  # its message names a BytesIO object
            reason = "no PNG, JPEG or TIFF data Pillow can decode"
            raise ScanError("load.scan-damaged", path=self.shown, reason=reason) from None
        except (OSError, ValueError, SyntaxError) as exc:
            raise ScanError("load.scan-damaged", path=self.shown, reason=_reason(exc)) from None
        if self.image.format not in _FORMATS:
            self.image.close()
            raise ScanError("load.scan-damaged", path=self.shown, reason="not a PNG, JPEG or TIFF")
        return self.image

    def __exit__(self, *_exc: object) -> None:
        if self.image is not None:
            self.image.close()


def _frames(image: Any, shown: str) -> int:
    """The image's pages, counted page by page no further than :data:`MAX_SCAN_PAGES` + 1
    (a seek walks the page directory and decodes nothing)."""
    if not (getattr(image, "is_animated", False) or image.format == "TIFF"):
        return 1
    count = 1
    try:
        while True:
            try:
                image.seek(count)
            except EOFError:
                break
            count += 1
            if count > MAX_SCAN_PAGES:
                raise ScanError("load.scan-too-many-pages", path=shown, limit=str(MAX_SCAN_PAGES))
        image.seek(0)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ScanError("load.scan-damaged", path=shown, reason=_reason(exc)) from None
    return count


def _image_page(image: Any, index: int, shown: str) -> ScanPage:
    from PIL import Image, ImageOps

    np = _numpy()
    try:
        image.seek(index)
        width, height = image.size
        if width * height > MAX_IMAGE_PIXELS:
            raise _too_large(shown)
        dpi = _dpi(image.info.get("dpi"))
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            turned = ImageOps.exif_transpose(image) if image.format in ("JPEG", "MPO") else image
            if turned.mode in ("I;16", "I;16B", "I;16L", "I"):
                turned = turned.point(lambda v: v / 256).convert("L")  # 16-bit grey
            rgb = turned.convert("RGB")
    except ScanError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _too_large(shown) from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        why = f"page {index + 1}: {_reason(exc)}" if index else _reason(exc)
        raise ScanError("load.scan-damaged", path=shown, reason=why) from None
    pixels = np.ascontiguousarray(np.asarray(rgb)[:, :, ::-1])  # RGB to BGR
    rgb.close()
    height, width = pixels.shape[:2]
    size = (width * 72.0 / dpi[0], height * 72.0 / dpi[1])
    return ScanPage(index + 1, pixels, size)


def _too_large(shown: str) -> ScanError:
    return ScanError("load.scan-too-large", path=shown, limit=f"{MAX_IMAGE_PIXELS // 1_000_000}")


def _dpi(value: object) -> tuple[float, float]:
    """The resolution an image says it has, when it is a scanner's; else :data:`SCAN_DPI`."""
    low, high = _PLAUSIBLE_DPI
    try:
        x, y = (float(v) for v in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return float(SCAN_DPI), float(SCAN_DPI)
    if low <= x <= high and low <= y <= high:
        return x, y
    return float(SCAN_DPI), float(SCAN_DPI)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return text or type(exc).__name__


def _numpy() -> Any:
    import numpy

    return numpy


# -- scanned PDFs -------------------------------------------------------------------------


def _pdf_sizes(data: bytes, shown: str) -> list[tuple[float, float]]:
    try:
        sizes = page_sizes(data, shown)
    except PdfError as exc:
        raise ScanError(exc.message) from None
    if len(sizes) > MAX_SCAN_PAGES:
        raise ScanError("load.scan-too-many-pages", path=shown, limit=str(MAX_SCAN_PAGES))
    return sizes


def _pdf_pages(data: bytes, shown: str) -> Iterator[ScanPage]:
    np = _numpy()
    for number, (width, height) in enumerate(_pdf_sizes(data, shown), 1):
        longest = SCAN_DPI / 72.0 * max(width, height, 1.0)
        # a page drawn at 300 dpi, smaller if that would pass the pixel bound
        area = (SCAN_DPI / 72.0) ** 2 * width * height
        shrink = min(1.0, (MAX_IMAGE_PIXELS / area) ** 0.5) if area > 0 else 1.0
        drawn = render_page(
            data, number, max(1, int(SCAN_DPI / 72.0 * width * shrink)),
            longest=max(1, int(longest * shrink)),
        )  # fmt: skip
        if drawn is None:
            if huge_images(data, number):  # a picture PDFium would decode whole
                raise _too_large(shown)
            reason = f"page {number} cannot be drawn"
            raise ScanError("load.scan-damaged", path=shown, reason=reason)
        rows = np.frombuffer(drawn.pixels, dtype=np.uint8).reshape(drawn.height, drawn.stride)
        rgb = rows[:, : drawn.width * 3].reshape(drawn.height, drawn.width, 3)
        pixels = np.ascontiguousarray(rgb[:, :, ::-1])
        yield ScanPage(number, pixels, (drawn.width / drawn.scale, drawn.height / drawn.scale))


# -- drawing a page beside the text ----------------------------------------------------------


def draw_image_page(data: bytes, page: int, width: int) -> tuple[int, int, bytes] | None:
    """Page ``page`` (1-based) of a scan image as RGB pixels ``width`` wide (the Page tab),
    or ``None`` when it cannot be (damaged, over the bounds)."""
    from PIL import Image

    try:
        with _opened(data, "<scan>") as image:
            if not 1 <= page <= _frames(image, "<scan>"):
                return None
            shown = _image_page(image, page - 1, "<scan>")
    except ScanError:
        return None
    height, wide = shown.pixels.shape[:2]
    picture = Image.fromarray(shown.pixels[:, :, ::-1])
    target = max(1, min(width, wide))
    if target != wide:
        tall = max(1, round(height * target / wide))
        picture = picture.resize((target, tall), Image.Resampling.BILINEAR)
    out = (picture.width, picture.height, picture.tobytes())
    picture.close()
    return out
