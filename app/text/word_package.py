"""A ``.docx`` file's zip, checked against the limits before anything parses it.

A Word document is a zip of XML parts, and a small zip can hold a great
deal: 172 KB unpacked to 120 MB of 20 million empty paragraphs, which lxml
and python-docx then built into more than 6 GB.  So before python-docx or
lxml sees a byte, :func:`check_package` reads the zip once, streaming, and
refuses (one line, a :class:`WordError`) a document over any of the limits
below, each chosen from what a real book needs:

* the entries of the zip, counted before the zip is opened (``zipfile``
  itself makes an object of every entry: 500,000 of them, 45 MB, took 4.5 s
  and 280 MB);
* one entry per name (two entries of one name, even in another case, are
  two answers to "which part is this", which Word refuses too);
* the bytes unpacked, as the zip declares them (``zipfile`` reads no entry
  past its declared size, and a size that lies fails its CRC);
* in every part that is XML, the elements, attributes and relationships,
  counted on the bytes as they unpack; nothing is kept but the counts;
* no DTD and no encoding other than UTF-8 or UTF-16, as the Open Packaging
  Conventions (ECMA-376 part 2) require: without a DTD there is no entity to
  expand (billion laughs) nor an external one to fetch (XXE), and the counts
  hold only where ``<`` and ``=`` are the bytes they are in UTF-8 and UTF-16
  (not in UTF-7 or EBCDIC, which libxml2 would otherwise follow).

The counts are upper bounds: every element starts with ``<`` (an end tag
with ``</``), every attribute has one ``=``, and XML allows neither raw in
a text or an attribute value but for ``=`` in text, which only counts one
too many.  So a document that passes holds no more than the limits, and a
real one is never near them.  What the counts cannot see, libxml2 limits
when python-docx and :mod:`app.text.word` parse (neither asks for
``huge_tree``): 256 levels of nesting, 10 MB in one text or attribute value.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import IO

from app.messages import Message, MessageError, message
from app.text.formats import OLE_MAGIC as OLE_MAGIC  # where its users have always found it
from app.text.formats import ZIP_MAGIC as ZIP_MAGIC

MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""The parts of a document unpacked, images included: over this is a zip bomb, not a book."""

MAX_PARTS = 5_000
"""Entries of the zip: a book with a picture on each of 1,000 pages has some 1,030.

python-docx finds each part by walking the relationships with a list of the
parts seen (quadratic): 5,000 parts take about a second, 30,000 forty."""

MAX_XML_ELEMENTS = 2_000_000
"""XML elements in all the parts together.  A 1,000-page book as Word writes it
(some 1.5 million characters, a run every 10 to 30 of them, each with its
properties) has 300,000 to 1,000,000; the 1M-character document of
``bench/bench_word.py`` has 180,000.  Each is a node in memory when the
document is exported (some 130 bytes, and a few µs to walk)."""

MAX_XML_ATTRIBUTES = 4_000_000
"""XML attributes in all the parts together: Word writes one or two an element
(``w:rsidR``, ``w:val``…), each some 230 bytes in memory."""

MAX_RELATIONSHIPS = 100_000
"""Relationships between parts (images, headers, hyperlinks' addresses): python-docx
makes some 2 KB of objects for each.  A book has a few dozen and one per hyperlink."""

_CENTRAL_HEADER = b"PK\x01\x02"
"""Every entry of a zip's central directory starts so; ``zipfile`` checks it."""
_CHUNK = 1 << 20
_CONTENT_TYPES = "[Content_Types].xml"
_ENCODINGS = frozenset({"utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be"})
_DECLARED = re.compile(r"""^\ufeff?<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")
_SIGNATURES: tuple[tuple[bytes, str | None], ...] = (
    # the first bytes by which libxml2 knows an encoding, in its order (None: refused)
    (b"\xff\xfe\x00\x00", None),  # UCS-4 with a byte order mark, and without in its four orders
    (b"\x00\x00\xfe\xff", None),
    (b"\x00\x00\x00<", None),
    (b"<\x00\x00\x00", None),
    (b"\x00\x00<\x00", None),
    (b"\x00<\x00\x00", None),
    (b"Lo\xa7\x94", None),  # "<?xm" in EBCDIC
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,  # an encrypted entry
    NotImplementedError,  # a compression zipfile does not know
)


class WordError(MessageError):
    """Bytes that are not a readable Word document; the message is one line for the user."""


def too_large(shown: str, limit: Message) -> WordError:
    """The one line for a document over one of the limits."""
    return WordError("load.word-too-large", path=shown, limit=limit)


def damaged(shown: str, reason: str) -> WordError:
    return WordError("load.word-damaged", path=shown, reason=reason[:200])


def check_package(data: bytes, shown: str) -> None:
    """Refuse ``data`` unless it is a zip within every limit whose XML parts all are
    UTF-8 or UTF-16 without a DTD; ``shown`` is how the messages name the file.

    The OLE files Word also writes (an encrypted ``.docx``, an old ``.doc``) are
    named as such.
    """
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise WordError("load.word-encrypted", path=shown)
        raise WordError("load.word-old", path=shown)
    if not data.startswith(ZIP_MAGIC):
        raise WordError("load.not-word", path=shown)
    if data.count(_CENTRAL_HEADER) > MAX_PARTS:
        raise too_large(shown, message("word.limit.parts", n=f"{MAX_PARTS:,}"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise damaged(shown, reason(exc)) from None
    names = Counter(entry.filename.lower() for entry in entries)
    twice = next((e.filename for e in entries if names[e.filename.lower()] > 1), None)
    if twice is not None:
        raise damaged(shown, f"two entries named {twice!r}")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        mb = str(MAX_UNPACKED_BYTES // (1024 * 1024))
        raise too_large(shown, message("word.limit.unpacked", n=mb))
    if _CONTENT_TYPES not in {entry.filename for entry in entries}:
        raise WordError("load.not-word", path=shown)
    counts = _Counts(shown)
    for entry in entries:
        try:
            with archive.open(entry) as stream:
                _count(stream, entry.filename, counts)
        except _ZIP_ERRORS as exc:
            raise damaged(shown, reason(exc)) from None


def reason(exc: BaseException) -> str:
    """An exception's first line, as the reason a document is damaged."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


@dataclass
class _Counts:
    """What the XML parts hold so far, refused as soon as any count is over its limit."""

    shown: str
    elements: int = 0
    attributes: int = 0
    relationships: int = 0

    def add(self, elements: int, attributes: int, relationships: bool) -> None:
        self.elements += elements
        self.attributes += attributes
        if relationships:
            self.relationships += elements
        if self.elements > MAX_XML_ELEMENTS:
            limit = message("word.limit.elements", n=f"{MAX_XML_ELEMENTS:,}")
        elif self.attributes > MAX_XML_ATTRIBUTES:
            limit = message("word.limit.attributes", n=f"{MAX_XML_ATTRIBUTES:,}")
        elif self.relationships > MAX_RELATIONSHIPS:
            limit = message("word.limit.relationships", n=f"{MAX_RELATIONSHIPS:,}")
        else:
            return
        raise too_large(self.shown, limit)


@dataclass(frozen=True)
class _Marks:
    """The bytes counted, in one encoding."""

    open: bytes
    close: bytes
    equals: bytes
    doctype: bytes

    @classmethod
    def of(cls, codec: str) -> _Marks:
        return cls(*(mark.encode(codec) for mark in ("<", "</", "=", "<!DOCTYPE")))


_MARKS = {codec: _Marks.of(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be")}


def _count(stream: IO[bytes], name: str, counts: _Counts) -> None:
    """Count the elements and attributes of an entry that is XML, as it unpacks."""
    chunk = stream.read(_CHUNK)
    codec = _codec(chunk, name, counts.shown)
    if codec is None:
        return  # not XML: libxml2 refuses it at its first byte, and python-docx keeps it as bytes
    marks = _MARKS[codec]
    relationships = name.lower().endswith(".rels")
    tail = b""
    while chunk:
        window = tail + chunk  # a mark cut in two by the chunks is whole here
        if marks.doctype in window:
            raise damaged(counts.shown, f"{name} has a DTD, which no Word document has")
        opened = window.count(marks.open) - tail.count(marks.open)
        closed = window.count(marks.close) - tail.count(marks.close)
        equals = window.count(marks.equals) - tail.count(marks.equals)
        counts.add(opened - closed, equals, relationships)
        tail = window[-2 * len(marks.doctype) :]
        chunk = stream.read(_CHUNK)


def _codec(head: bytes, name: str, shown: str) -> str | None:
    """The encoding ``head`` (an entry's first bytes) is XML in, as libxml2 finds it;
    None if it is not XML at all.  Refuses XML in any encoding but UTF-8 and UTF-16."""
    signed = next((codec for sign, codec in _SIGNATURES if head.startswith(sign)), "")
    if signed == "" and not head.lstrip(b" \t\r\n").startswith(b"<"):
        return None  # not XML: libxml2 refuses it at its first byte
    codec = signed or "utf-8"  # no signature: libxml2 reads UTF-8 or what is declared
    declared = _DECLARED.match(head[:200].decode(codec, "replace"))
    if signed is None or (declared is not None and declared[1].lower() not in _ENCODINGS):
        raise damaged(shown, f"{name} is in neither UTF-8 nor UTF-16")
    return codec
