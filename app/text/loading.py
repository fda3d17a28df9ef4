"""Reading a text file for collation.

Collation compares texts character by character, so a wrong guess of the
encoding is worse than none: it turns a whole witness into plausible-looking
nonsense that then "differs" everywhere.  Hence every decode here is strict,
the text is kept exactly as decoded (no newline translation, so offsets
reported later index the file's own text), and anything doubtful is a
:class:`LoadError` with one line the user can act on.

Reported encoding names are chosen so that an exporter can write the text
back byte for byte: ``"utf-8-sig"`` means UTF-8 with a byte-order mark,
``"utf-8"`` without one (pure ASCII is reported as ``"utf-8"``);
``"utf-16-le"``/``"utf-16-be"`` are only ever detected from a BOM, so an
exporter should write one; GBK files are reported as ``"gb18030"`` (its
superset), Big5 files as ``"big5"`` (or ``"cp950"`` when they use
Microsoft's extensions, which strict Big5 rejects).  UTF-8 is tried before
them because legacy bytes are valid UTF-8 only by chance, which needs very
short text: a GBK file holding just 山水 reads as UTF-8 and needs ``encoding``.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import math
import os
import re
import stat
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

from app.messages import Message, MessageError, lowered_os_reason, message, quoted
from app.text.facts import BOMS
from app.text.formats import (
    OCR_FORMAT,
    PDF_FORMAT,
    WORD_FORMAT,
    is_image,
    is_pdf_document,
    is_word_document,
)

if TYPE_CHECKING:
    from app.text.ocr import ScanText
    from app.text.pages import PageMap
    from app.text.pdf import PdfText
    from app.text.word import WordText

MAX_TEXT_BYTES = 50 * 1024 * 1024
"""A file over 50 MB of text is almost certainly not a text to collate."""

_TRIED = "utf-8, gb18030, big5, utf-16"
_BOMS = BOMS
# Big5 text almost always also decodes as GB18030 (and short GBK text often as
# Big5), so both are decoded and then judged; cp950 is only a fallback for Big5
# files using Microsoft's additions.
_LEGACY = ("gb18030", "big5", "cp950")
_SAMPLE_CHARS = 4096
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_TRUNCATED = frozenset(
    {"unexpected end of data", "truncated data", "incomplete multibyte sequence"}
)
# The commonest characters of Chinese prose, in both scripts (plus the classical
# particles): they make up a large share of any real text but turn up in a
# misreading only by chance, which breaks the ties left by the common sets.
_FREQUENT = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
    "自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部"
    "其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又"
    "关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加曰乎"
    "矣焉哉兮於這個們來為爲國說時會對過發後裡裏種經麼學現當沒動還進樣開從實軍無與長機關點"
    "業將兩間問並應戰頭體見產著"
)
_COMMON_PUNCTUATION = "，。、；：？！「」『』《》〈〉（）【】〔〕“”‘’…—·～　"


class LoadError(MessageError):
    """A file cannot be used as a text; the message is one line for the user."""


@dataclass(frozen=True)
class LoadedText:
    """A decoded text, with what is needed to write it back or spot a changed file."""

    path: str
    text: str
    encoding: str
    sha256: str
    """Hex digest of the raw bytes, so a reload can tell whether the file changed."""
    word: WordText | None = None
    """A Word document's places and unread parts (``encoding`` is then ``"docx"``)."""
    document: bytes | None = None
    """A Word document's or PDF's own bytes: a corrected ``.docx`` or a marked proof is
    written from them."""
    pdf: PdfText | None = None
    """A PDF's pages: where each character stands (``encoding`` is then ``"pdf"``)."""
    scan: ScanText | None = None
    """A scan read by OCR (an image, or a PDF without a text layer; ``encoding`` is then
    ``"ocr"`` and ``document`` the file's bytes): each character's place and confidence."""

    @property
    def is_word(self) -> bool:
        return self.word is not None

    @property
    def is_pdf(self) -> bool:
        return self.pdf is not None

    @property
    def pages(self) -> PageMap | None:
        """Where each character stands on its page: a PDF's text layer or a scan's OCR."""
        if self.pdf is not None:
            return self.pdf.pages
        return self.scan.pages if self.scan is not None else None

    @property
    def unread(self) -> tuple[Message, ...]:
        """The kinds of text a Word document (headers, footnotes…) or a PDF or a scan
        (running heads, page numbers) has that were not read."""
        if self.pdf is not None:
            return self.pdf.unread
        if self.scan is not None:
            return self.scan.unread
        return self.word.unread if self.word is not None else ()


def decode_bytes(
    data: bytes, encoding: str | None = None, *, name: str = "<bytes>"
) -> tuple[str, str]:
    """Decode ``data`` as a text, returning ``(text, encoding_name)``.

    With ``encoding`` the caller knows better than any guess, so that codec is
    used strictly (a BOM matching it is still dropped: it is never content).
    ``name`` only appears in error messages.
    """
    shown = quoted(name)
    if encoding is not None:
        return _decode_forced(data, _lookup(encoding), shown)
    if not data:
        return "", "utf-8"
    for bom, codec, reported in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec, len(bom), shown, reported)
            return _no_nul(text, shown), reported
    if b"\x00" in data:
        # Neither UTF-8 nor any legacy Chinese encoding ever produces NUL in text.
        raise LoadError("load.binary", path=shown)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded: dict[str, str] = {}
    for codec in _LEGACY:
        if codec == "cp950" and "big5" in decoded:
            continue
        try:
            decoded[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise LoadError("load.undetected", path=shown, encodings=_TRIED)
    codec = _choose(data, decoded)
    return decoded[codec], codec


def load_text(path: str | os.PathLike[str], encoding: str | None = None) -> LoadedText:
    """Read and decode a whole file, refusing anything that is not a usable text."""
    name = os.fspath(path)
    if encoding is not None:
        _lookup(encoding)  # fail on a misspelt codec before reading a large file
    data = _read(name)
    digest = hashlib.sha256(data).hexdigest()
    if is_image(data) or (is_pdf_document(data) and _no_text_layer(data)):  # a scan: OCR
        scan = _read_scan(data, digest, name)
        return LoadedText(name, scan.text, OCR_FORMAT, digest, document=data, scan=scan)
    if is_pdf_document(data):  # whatever the name: a PDF is never a text
        pdf = _read_pdf(data, name)
        return LoadedText(name, pdf.text, PDF_FORMAT, digest, document=data, pdf=pdf)
    if is_word_document(data):  # whatever the name: a zip or OLE file is never a text
        word = _read_word(data, name)
        return LoadedText(name, word.text, WORD_FORMAT, digest, word, data)
    text, used = decode_bytes(data, encoding, name=name)
    return LoadedText(name, text, used, digest)


def _read_word(data: bytes, name: str) -> WordText:
    from app.text.word import WordError, read_word  # only for a Word file: keep start-up light

    try:
        return read_word(data, quoted(name), max_text_bytes=MAX_TEXT_BYTES)
    except WordError as exc:  # one kind of error for every file that cannot be a text
        raise LoadError(exc.message) from None


def _read_pdf(data: bytes, name: str) -> PdfText:
    from app.text.pdf import PdfError, read_pdf  # only for a PDF: keep start-up light

    try:
        return read_pdf(data, quoted(name))
    except PdfError as exc:  # one kind of error for every file that cannot be a text
        raise LoadError(exc.message) from None


def _no_text_layer(data: bytes) -> bool:
    from app.text.pdf import has_text_layer  # only for a PDF: keep start-up light

    return not has_text_layer(data)


def _read_scan(data: bytes, digest: str, name: str) -> ScanText:
    from app.text.ocr_engine import EngineError  # only for a scan: OCR is heavy to load
    from app.text.scan_reading import read_scan
    from app.text.scans import ScanError

    try:
        return read_scan(data, digest, quoted(name))
    except ScanError as exc:  # one kind of error for every file that cannot be a text
        raise LoadError(exc.message) from None
    except EngineError as exc:  # a broken installation: the models are missing
        raise LoadError("load.ocr-unavailable", path=quoted(name), reason=str(exc)) from None


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes as :func:`load_text` reads them (:class:`LoadError` if it cannot)."""
    return _read(os.fspath(path))


def _read(name: str) -> bytes:
    shown = quoted(name)
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError("load.cannot-read", path=shown, reason=message("reason.is-a-directory"))
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device could block or never end.
            raise LoadError(
                "load.cannot-read", path=shown, reason=message("reason.not-a-regular-file")
            )
        _check_size(info.st_size, shown)
        with open(name, "rb") as stream:
            data = stream.read(MAX_TEXT_BYTES + 1)  # the file may have grown since stat
    except OSError as exc:
        raise LoadError("load.cannot-read", path=shown, reason=_os_reason(exc)) from None
    except ValueError:  # e.g. a NUL character in the path
        invalid = message("reason.not-a-valid-path")
        raise LoadError("load.cannot-read", path=shown, reason=invalid) from None
    _check_size(len(data), shown)
    return data


def _check_size(size: int, shown: str) -> None:
    if size > MAX_TEXT_BYTES:
        raise LoadError("load.too-large", path=shown, size=_size(size), limit=_size(MAX_TEXT_BYTES))


def _size(n: int) -> Message:
    if n < 1024 * 1024:
        return message("size.bytes", n=str(n))
    megabytes = math.ceil(n * 10 / (1024 * 1024)) / 10  # round up: never show "50 MB" > limit
    return message("size.megabytes", n=f"{megabytes:g}")


def _os_reason(exc: OSError) -> str | Message:
    """The common reasons in the engine's words; any other in the system's own."""
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return message("reason.no-such-file")
    if exc.errno == errno.EISDIR:
        return message("reason.is-a-directory")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return message("reason.permission-denied")
    return lowered_os_reason(exc)


def _lookup(encoding: str) -> codecs.CodecInfo:
    unknown = LoadError("load.unknown-encoding", encoding=quoted(encoding))
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise unknown from None
    try:
        b"a".decode(info.name)  # rejects bytes-to-bytes codecs such as base64 or rot13
    except LookupError:
        raise unknown from None
    except UnicodeError:
        pass  # a text codec that merely dislikes the probe
    return info


def _decode_forced(data: bytes, info: codecs.CodecInfo, shown: str) -> tuple[str, str]:
    codec = info.name
    skip = 0
    if codec in ("utf-8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
        codec, skip = "utf-8-sig", len(codecs.BOM_UTF8)
    elif codec == "utf-16-le" and data.startswith(codecs.BOM_UTF16_LE):
        skip = len(codecs.BOM_UTF16_LE)
    elif codec == "utf-16-be" and data.startswith(codecs.BOM_UTF16_BE):
        skip = len(codecs.BOM_UTF16_BE)
    decoder = "utf-8" if codec == "utf-8-sig" else codec
    return _no_nul(_strict(data, decoder, skip, shown, codec), shown), codec


def _strict(data: bytes, codec: str, skip: int, shown: str, reported: str) -> str:
    """Decode ``data[skip:]``, reporting a failure by its offset in the whole file."""
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        at_end = exc.end >= len(exc.object) and exc.reason in _TRUNCATED
        where = message(
            "load.invalid-byte-at-end" if at_end else "load.invalid-byte",
            byte=f"{data[offset]:02x}",
            offset=str(offset),
        )
        raise LoadError("load.cannot-decode", path=shown, encoding=reported, where=where) from None
    except UnicodeError as exc:  # codecs such as idna fail without a position
        why = str(exc)
        raise LoadError("load.cannot-decode", path=shown, encoding=reported, where=why) from None


def _no_nul(text: str, shown: str) -> str:
    if "\x00" in text:
        raise LoadError("load.binary", path=shown)
    return text


def _choose(data: bytes, decoded: dict[str, str]) -> str:
    """Pick the decoding that reads most like Chinese.

    A GB18030 misreading of Big5 is full of kana, Greek, box drawing and
    private-use characters (Big5's commonest characters and its punctuation
    land there), and a Big5 misreading of GBK yields mostly rare characters,
    so the share of common characters and punctuation is a strong signal even
    on a line of ten characters.  charset-normalizer's chaos measure only
    breaks exact ties: on its own it often prefers the wrong one on short text.
    """
    if len(decoded) == 1:
        return next(iter(decoded))
    scores = {codec: _commonness(text) for codec, text in decoded.items()}
    best = max(scores.values())
    tied = [codec for codec, score in scores.items() if score >= best - 1e-9]
    if len(tied) == 1:
        return tied[0]
    return _least_chaos(data, tied)


def _commonness(text: str) -> float:
    common = _common_characters()
    frequent = _FREQUENT
    total = score = 0
    for match in islice(_NON_ASCII.finditer(text), _SAMPLE_CHARS):
        char = match.group()
        total += 1
        if char in frequent:
            score += 2
        elif char in common:
            score += 1
        elif "\ue000" <= char <= "\uf8ff":
            score -= 1  # private use: GB18030's reading of Big5's commonest bytes
    return score / total if total else 0.0


@cache
def _common_characters() -> frozenset[str]:
    """GB2312 level 1 (the 3755 commonest simplified-script characters) with
    Big5's 5401 frequent characters and the usual punctuation."""
    chars = set(_COMMON_PUNCTUATION)
    chars.update(chr(code) for code in range(0xFF01, 0xFF5F))  # full-width ASCII forms
    gb2312_level1 = [
        bytes((lead, trail)) for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)
    ]
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    big5_frequent = [bytes((lead, trail)) for lead in range(0xA4, 0xC7) for trail in big5_trails]
    cells = [(cell, "gb2312") for cell in gb2312_level1]
    cells += [(cell, "big5") for cell in big5_frequent if cell <= b"\xc6\x7e"]
    for cell, codec in cells:
        try:
            chars.add(cell.decode(codec))
        except UnicodeDecodeError:
            continue
    return frozenset(chars)


def _least_chaos(data: bytes, candidates: list[str]) -> str:
    import charset_normalizer  # only needed for rare ties; keep start-up light

    sample = data[:65536]
    if len(sample) < len(data) and b"\n" in sample:
        # Cut at a newline: it is never part of a multi-byte character.
        sample = sample[: sample.rindex(b"\n") + 1]
    chaos = dict.fromkeys(candidates, 1.0)
    for match in charset_normalizer.from_bytes(sample, cp_isolation=candidates, threshold=1.0):
        if match.encoding in chaos:
            chaos[match.encoding] = min(chaos[match.encoding], float(match.chaos))
    return min(candidates, key=lambda codec: chaos[codec])  # stable: gb18030 wins a tie
