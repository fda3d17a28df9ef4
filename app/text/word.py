"""Reading a Word document (``.docx``) as the text the engine collates.

The body is read in document order: paragraphs, and the paragraphs of table
cells (nested tables too), one line each, joined by ``"\\n"``.  Inside a
paragraph the runs are read as Word shows them with changes accepted: text,
tabs (``"\\t"``), line breaks (``"\\n"``), non-breaking hyphens; the runs of
hyperlinks, fields' results, content controls, smart tags, moved-to and
inserted text, and the base text of ruby (pinyin over characters) are read,
while tracked deletions, moved-from text, field instructions and ruby guides
are not.

Every character of the text keeps its place in the document, a
:class:`Place` (paragraph, run, offset in the run's text), so an export can
write a reading back into the very run it came from; nothing later has to
guess.  The places are kept as parallel arrays of *segments* (one per
``w:t``, tab, break or paragraph end) rather than one object per character:
a 1M-character document would otherwise hold a million objects.

What is not read (headers, footers, footnotes, endnotes, comments, text
boxes, equations) is named in :attr:`WordText.unread` when the document has
any of it, so the window can say so rather than let it vanish silently.

The exporter (``app/project/word_export.py``) walks the same document with
:func:`walk` and gets the same segments with their live XML elements.
"""

from __future__ import annotations

import io
import zipfile
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.messages import Message, MessageError, message

WORD_FORMAT = "docx"
"""What :class:`~app.text.loading.LoadedText` names as the encoding of a Word document."""

WORD_SUFFIXES = (".docx",)

MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""The XML of a document over this is a zip bomb, not a book."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("t")`` is ``{…/main}t``."""
    return f"{{{_W}}}{tag}"


_P, _R, _T, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = map(
    w, ("p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent")
)
_TAB, _BR, _CR, _NB_HYPHEN, _PTAB = map(w, ("tab", "br", "cr", "noBreakHyphen", "ptab"))
_RUBY, _RUBY_BASE = w("ruby"), w("rubyBase")
_ALTERNATE, _FALLBACK = f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Fallback"
# containers whose runs are part of the text as Word shows it (changes accepted)
_RUN_CONTAINERS = frozenset(
    map(w, ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo"))
)
# containers of block content (paragraphs and tables) inside the body or a cell
_BLOCK_CONTAINERS = frozenset(map(w, ("customXml", "ins", "moveTo")))
_RUN_CHARS = {_TAB: "\t", _PTAB: "\t", _BR: "\n", _CR: "\n", _NB_HYPHEN: "-"}

# the parts that are not read, by the message naming them
_UNREAD_PARTS = {
    "header+xml": message("word.unread.headers"),
    "footer+xml": message("word.unread.footers"),
    "footnotes+xml": message("word.unread.footnotes"),
    "endnotes+xml": message("word.unread.endnotes"),
    "comments+xml": message("word.unread.comments"),
}
_UNREAD_IN_BODY = {
    w("txbxContent"): message("word.unread.text-boxes"),
    f"{{{_M}}}oMath": message("word.unread.equations"),
}
_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})


class WordError(MessageError):
    """Bytes that are not a readable Word document; the message is one line for the user."""


@dataclass(frozen=True)
class Place:
    """Where a character of the text sits in the document."""

    paragraph: int
    """Index among the paragraphs read, in document order (table cells' included)."""
    run: int
    """Index among the paragraph's runs read; -1 for the paragraph's end (its ``"\\n"``)."""
    offset: int
    """Offset in the run's text as read (``w:t`` text, tabs and breaks one character each)."""


@dataclass(frozen=True)
class Segment:
    """One piece of the text from one element: a ``w:t``, a tab or break, a paragraph end."""

    start: int
    text: str
    paragraph: int
    run: int
    offset: int
    element: Any
    """The ``w:t`` (or tab, break…) element; for a paragraph end, the ``w:p``."""
    run_element: Any
    """The ``w:r`` holding the element; the ``w:p`` for a paragraph end."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def is_paragraph_end(self) -> bool:
        return self.run < 0


class WordText:
    """The text of a document's body with the place of each of its characters."""

    def __init__(self, segments: list[Segment], unread: tuple[Message, ...] = ()) -> None:
        self.text = "".join(s.text for s in segments)
        self._starts = array("q", (s.start for s in segments))
        self._paragraphs = array("q", (s.paragraph for s in segments))
        self._runs = array("q", (s.run for s in segments))
        self._offsets = array("q", (s.offset for s in segments))
        self.unread = unread

    def place(self, index: int) -> Place:
        """The place of ``text[index]``."""
        if not 0 <= index < len(self.text):
            raise IndexError(index)
        k = bisect_right(self._starts, index) - 1
        return Place(self._paragraphs[k], self._runs[k], self._offsets[k] + index - self._starts[k])


def is_word_document(data: bytes) -> bool:
    """Bytes that can only be meant as a Word document (a zip, or an OLE file such as
    an encrypted ``.docx`` or an old ``.doc``): never decoded as text."""
    return data.startswith((_ZIP_MAGIC, _OLE_MAGIC))


def read_word(data: bytes, shown: str = "<bytes>") -> WordText:
    """The text and places of a ``.docx`` given as bytes; :class:`WordError` if it is not one.

    ``shown`` is how the messages name the file.
    """
    document = open_document(data, shown)
    body = document.element.body
    unread = _unread(document, body)
    return WordText(list(walk(body)), unread)


def open_document(data: bytes, shown: str = "<bytes>") -> Any:
    """The python-docx ``Document`` of ``data``, refusing what is not a readable ``.docx``."""
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise WordError("load.word-encrypted", path=shown)
        raise WordError("load.word-old", path=shown)
    not_word = WordError("load.not-word", path=shown)
    if not data.startswith(_ZIP_MAGIC):
        raise not_word
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise WordError("load.word-damaged", path=shown, reason=_reason(exc)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise WordError("load.word-damaged", path=shown, reason="over 512 MB unpacked")
    if "[Content_Types].xml" not in names:
        raise not_word
    import docx  # python-docx: only needed for Word documents; keep start-up light
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as exc:  # python-docx: "file … is not a Word file, content type is …"
        if "content type" in str(exc):
            raise not_word from None
        raise WordError("load.word-damaged", path=shown, reason=_reason(exc)) from None
    except (PackageNotFoundError, KeyError):
        raise not_word from None
    except Exception as exc:  # lxml's XMLSyntaxError, zipfile's errors, a missing part
        raise WordError("load.word-damaged", path=shown, reason=_reason(exc)) from None
    if document.part.content_type != _MAIN_TYPE:
        raise not_word
    return document


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def walk(body: Any) -> Iterator[Segment]:
    """Every segment of the body's text in document order, with its elements.

    Paragraph ends are ``"\\n"`` segments between paragraphs (none after the last),
    so a one-paragraph document reads as its one line.
    """
    position = 0
    previous: Any = None
    for index, paragraph in enumerate(_paragraphs(body)):
        if previous is not None:
            yield Segment(position, "\n", index - 1, -1, 0, previous, previous)
            position += 1
        previous = paragraph
        run_index = -1
        for run in _runs(paragraph):
            run_index += 1
            offset = 0
            for element in run:
                tag = element.tag
                if tag == _T:
                    text = element.text or ""
                elif tag in _RUN_CHARS:
                    if tag == _BR and element.get(w("type")) in ("page", "column"):
                        continue  # a page or column break is layout, not text
                    text = _RUN_CHARS[tag]
                else:
                    continue
                if text:
                    yield Segment(position, text, index, run_index, offset, element, run)
                    position += len(text)
                    offset += len(text)


def paragraphs(body: Any) -> list[Any]:
    """The paragraphs :func:`walk` reads, in its order: ``Segment.paragraph`` indexes them."""
    return list(_paragraphs(body))


def _paragraphs(container: Any) -> Iterator[Any]:
    for child in container:
        tag = child.tag
        if tag == _P:
            yield child
        elif tag == _TBL:
            for row in _children(child, _TR):
                for cell in _children(row, _TC):
                    yield from _paragraphs(cell)
        elif tag == _SDT:
            for content in _children(child, _SDT_CONTENT):
                yield from _paragraphs(content)
        elif tag in _BLOCK_CONTAINERS:
            yield from _paragraphs(child)


def _children(element: Any, tag: str) -> Iterator[Any]:
    """``element``'s children of ``tag``, including those of rows and cells wrapped
    in content controls or custom XML (``w:sdt``/``w:customXml`` around a ``w:tr``)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            for content in child:
                if content.tag == _SDT_CONTENT:
                    yield from _children(content, tag)
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _children(child, tag)


def _runs(container: Any) -> Iterator[Any]:
    for child in container:
        tag = child.tag
        if tag == _R:
            yield child
        elif tag in _RUN_CONTAINERS:
            yield from _runs(child)
        elif tag == _SDT:
            for content in child:
                if content.tag == _SDT_CONTENT:
                    yield from _runs(content)
        elif tag == _RUBY:
            for base in child:
                if base.tag == _RUBY_BASE:
                    yield from _runs(base)
        elif tag == _ALTERNATE:
            for fallback in child:
                if fallback.tag == _FALLBACK:
                    yield from _runs(fallback)


def _unread(document: Any, body: Any) -> tuple[Message, ...]:
    """The kinds of text this document has that are not read, in a fixed order."""
    found: list[Message] = []
    for part in document.part.package.iter_parts():
        for suffix, id in _UNREAD_PARTS.items():
            if part.content_type.endswith(suffix) and id not in found and _has_text(part):
                found.append(id)
    for tag, id in _UNREAD_IN_BODY.items():
        if id not in found and any(True for _ in body.iter(tag)):
            found.append(id)
    order = [*_UNREAD_PARTS.values(), *_UNREAD_IN_BODY.values()]
    return tuple(sorted(found, key=order.index))


def _has_text(part: Any) -> bool:
    from lxml import etree

    try:
        root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return False
    for child in root:  # a header's paragraphs, or the notes of footnotes.xml
        if child.get(w("type")) in _NOTE_SEPARATORS:
            continue  # footnotes.xml always holds the separator lines
        if any(t.text and t.text.strip() for t in child.iter(_T)):
            return True
    return False
