"""Reading a scan once: OCR's result kept by the file's digest, in memory and on disk.

OCR takes seconds a page, so what it read of a file is never read twice:

- in this process (:data:`_MEMORY`, the last few scans): the window reads a
  scan in the background (:func:`read_scans`, with progress and a cancel)
  before it opens the files, and opening then finds the reading here;
- in the user's cache folder (``…/jiaokan/ocr/<engine>/<sha256>``), so
  collating the same scan again, from the command line or the window, is
  instant; a cache that cannot be written is only slower;
- in the project file, which keeps the reading of its scans
  (``app/store/file.py``, table ``ocr``), so a project reopened, or
  moved to another computer, shows its pages without OCR.

The key is the SHA-256 of the file's bytes and, on disk, the engine and its
models (``app/text/ocr_engine.engine_id``): another model reads again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import platformdirs

from app.cancel import CancelCheck, poll
from app.text.formats import is_image
from app.text.ocr import OcrResult, ScanText, read_pages, scan_text
from app.text.ocr_engine import engine_id
from app.text.pdf import has_text_layer, is_pdf_document
from app.text.scans import ScanError

_MEMORY: OrderedDict[str, OcrResult] = OrderedDict()
_MEMORY_LIMIT = 16
_REFUSED: OrderedDict[str, ScanError] = OrderedDict()
"""Scans found unreadable part way (a damaged page 5): said again, not read again."""
_LOCK = threading.Lock()


def needs_ocr(data: bytes) -> bool:
    """An image, or a PDF with no text layer: a scan for OCR."""
    if is_image(data):
        return True
    return is_pdf_document(data) and not has_text_layer(data)


def cache_folder() -> Path:
    return Path(platformdirs.user_cache_dir("jiaokan", appauthor=False)) / "ocr" / engine_id()


def known(digest: str) -> OcrResult | None:
    """What OCR read of the file with this digest, if kept in memory or the user's cache."""
    with _LOCK:
        found = _MEMORY.get(digest)
        if found is not None:
            _MEMORY.move_to_end(digest)
            return found
    try:
        data = (cache_folder() / digest).read_bytes()
    except (OSError, ValueError):
        return None
    result = OcrResult.from_bytes(data)
    if result is not None:
        _remember(digest, result)
    return result


def keep(digest: str, result: OcrResult, *, disk: bool = True) -> None:
    """Keep a reading in memory and (``disk``) in the user's cache; a cache that cannot
    be written is left alone."""
    _remember(digest, result)
    if not disk:
        return
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(result.to_bytes())
            os.replace(tmp, folder / digest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def _remember(digest: str, result: OcrResult) -> None:
    with _LOCK:
        _MEMORY[digest] = result
        _MEMORY.move_to_end(digest)
        while len(_MEMORY) > _MEMORY_LIMIT:
            _MEMORY.popitem(last=False)


def forget_memory() -> None:
    """Empty the in-process cache (tests, and a benchmark that must read again)."""
    with _LOCK:
        _MEMORY.clear()
        _REFUSED.clear()


def read_scan(
    data: bytes,
    digest: str,
    shown: str,
    cancel: CancelCheck | None = None,
    progress: Callable[[float], None] | None = None,
) -> ScanText:
    """The text of a scan: from what was read of it before, else by OCR now.

    :class:`~app.text.scans.ScanError` for a file that cannot be read, or that
    has no text OCR can find.
    """
    with _LOCK:
        refused = _REFUSED.get(digest)
    if refused is not None:
        raise ScanError(refused.message.id, **{**refused.message.params, "path": shown})
    result = known(digest)
    if result is None:
        try:
            result = read_pages(data, shown, cancel, progress)
        except ScanError as exc:
            _refused(digest, exc)
            raise
        keep(digest, result)
    scanned = scan_text(result)
    if not scanned.text.strip():
        raise ScanError("load.scan-no-text", path=shown)
    return scanned


def read_scans(
    paths: Sequence[str | os.PathLike[str]],
    read: Callable[[str], bytes],
    cancel: CancelCheck | None = None,
    progress: Callable[[float], None] | None = None,
) -> None:
    """Read by OCR, into the caches, every scan among ``paths`` not read before (the
    window does this in the background before it opens the files).  ``read`` gives a
    file's bytes as loading reads them (its errors are left for loading to report)."""
    todo: list[tuple[str, bytes, str]] = []
    for path in paths:
        name = os.fspath(path)
        try:
            data = read(name)
        except Exception:  # the file is refused when it is opened, in its own words
            continue
        digest = hashlib.sha256(data).hexdigest()
        if needs_ocr(data) and known(digest) is None:
            todo.append((name, data, digest))
    for k, (name, data, digest) in enumerate(todo):
        poll(cancel)

        def step(fraction: float, k: int = k) -> None:
            if progress is not None:
                progress((k + fraction) / len(todo))

        try:
            keep(digest, read_pages(data, _quoted(name), cancel, step))
        except ScanError as exc:
            _refused(digest, exc)  # said when the file is opened


def refused(digest: str) -> bool:
    """Whether the scan with this digest was found unreadable (it is not read again)."""
    with _LOCK:
        return digest in _REFUSED


def _refused(digest: str, error: ScanError) -> None:
    with _LOCK:
        _REFUSED[digest] = error
        while len(_REFUSED) > _MEMORY_LIMIT:
            _REFUSED.popitem(last=False)


def _quoted(name: str) -> str:
    return f"'{name}'" if name.isprintable() else repr(name)
