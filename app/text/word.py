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

The exporter (``app/export/word.py``) walks the same document with
:func:`walk` and gets the same segments with their live XML elements.  It
needs the whole document in memory (python-docx); reading does not: the body
is walked as it is parsed, a few blocks at a time, and only the text and its
places stay.  Before either parses a byte, :mod:`app.text.word_package`
checks the zip against the limits of what a document may hold.
"""

from __future__ import annotations

import io
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.messages import Message, message
from app.text.formats import WORD_FORMAT as WORD_FORMAT  # where its users have always found it
from app.text.formats import is_word_document as is_word_document
from app.text.word_package import (
    WordError as WordError,  # where its users have always found it
)
from app.text.word_package import (
    check_package,
    damaged,
    reason,
    too_large,
)

WORD_SUFFIXES = (".docx",)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("t")`` is ``{…/main}t``."""
    return f"{{{_W}}}{tag}"


_DOCUMENT, _BODY = w("document"), w("body")
_NOT_A_DOCUMENT = "its main part is not a w:document"
_NO_BODY = "its main part has no w:body"
_FEED = 256 * 1024
"""How much XML :func:`_blocks` gives lxml at a time."""
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


@dataclass(frozen=True)
class Place:
    """Where a character of the text sits in the document."""

    paragraph: int
    """Index among the paragraphs read, in document order (table cells' included)."""
    run: int
    """Index among the paragraph's runs read; -1 for the paragraph's end (its ``"\\n"``)."""
    offset: int
    """Offset in the run's text as read (``w:t`` text, tabs and breaks one character each)."""


@dataclass(frozen=True, slots=True)
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

    def __init__(self, segments: Iterable[Segment], unread: tuple[Message, ...] = ()) -> None:
        """``segments`` are read once and not kept (nor their elements): a document read
        block by block (:func:`read_word`) is then never whole in memory."""
        pieces: list[str] = []
        self._starts, self._paragraphs = array("q"), array("q")
        self._runs, self._offsets = array("q"), array("q")
        for s in segments:
            pieces.append(s.text)
            self._starts.append(s.start)
            self._paragraphs.append(s.paragraph)
            self._runs.append(s.run)
            self._offsets.append(s.offset)
        self.text = "".join(pieces)
        self.unread = unread

    def place(self, index: int) -> Place:
        """The place of ``text[index]``."""
        if not 0 <= index < len(self.text):
            raise IndexError(index)
        k = bisect_right(self._starts, index) - 1
        return Place(self._paragraphs[k], self._runs[k], self._offsets[k] + index - self._starts[k])


def read_word(
    data: bytes, shown: str = "<bytes>", *, max_text_bytes: int | None = None
) -> WordText:
    """The text and places of a ``.docx`` given as bytes; :class:`WordError` if it is not
    one, if it is over a limit (:mod:`app.text.word_package`), or if its text is over
    ``max_text_bytes`` in UTF-8.

    The body is read as it is parsed, a few blocks (paragraphs, tables) at a
    time, each dropped once walked: what stays is the text and its places, not
    the document's elements.  The walk is the very one an export makes over the
    whole document (:func:`walk`).  ``shown`` is how the messages name the file.
    """
    from lxml import etree

    check_package(data, shown)
    main, parts = _parts(data, shown)
    unread = [kind for content_type, root in parts for kind in _unread_in(content_type, root)]
    found: set[str] = set()
    try:
        word = WordText(_read(_blocks(main, found, shown), max_text_bytes, shown))
    except etree.XMLSyntaxError as exc:
        raise damaged(shown, reason(exc)) from None
    if max_text_bytes is not None and len(word.text.encode("utf-8")) > max_text_bytes:
        raise _too_much_text(shown, max_text_bytes)
    unread += [kind for tag, kind in _UNREAD_IN_BODY.items() if tag in found]
    order = [*_UNREAD_PARTS.values(), *_UNREAD_IN_BODY.values()]
    word.unread = tuple(kind for kind in order if kind in unread)
    return word


def open_document(data: bytes, shown: str = "<bytes>") -> Any:
    """The python-docx ``Document`` of ``data`` (the whole document in memory, as an
    export needs it), refusing what is not a readable ``.docx`` within the limits."""
    check_package(data, shown)
    import docx  # python-docx: only needed for Word documents; keep start-up light
    from docx.opc.exceptions import PackageNotFoundError

    not_word = WordError("load.not-word", path=shown)
    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as exc:  # python-docx: "file … is not a Word file, content type is …"
        if "content type" in str(exc):
            raise not_word from None
        raise damaged(shown, reason(exc)) from None
    except (PackageNotFoundError, KeyError):
        raise not_word from None
    except Exception as exc:  # lxml's XMLSyntaxError, zipfile's errors, a missing part
        raise damaged(shown, reason(exc)) from None
    if document.part.content_type != _MAIN_TYPE:
        raise not_word
    if document.element.tag != _DOCUMENT:
        raise damaged(shown, _NOT_A_DOCUMENT)
    if document.element.body is None:
        raise damaged(shown, _NO_BODY)
    return document


def _parts(data: bytes, shown: str) -> tuple[bytes, list[tuple[str, Any]]]:
    """The main part's XML, and each other part python-docx would parse as XML (by its
    content type), parsed: so that what this reading takes, the export's python-docx
    takes too.  The package is read by python-docx's own reader."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.part import PartFactory, XmlPart
    from docx.opc.pkgreader import PackageReader
    from lxml import etree

    not_word = WordError("load.not-word", path=shown)
    try:
        package = PackageReader.from_file(io.BytesIO(data))  # type: ignore[no-untyped-call]
        links = [
            link
            for source, link in package.iter_srels()
            if source == "/" and link.reltype == RELATIONSHIP_TYPE.OFFICE_DOCUMENT
        ]
        parts = {
            name: (content_type, blob) for name, content_type, _, blob in package.iter_sparts()
        }
    except (PackageNotFoundError, KeyError):
        raise not_word from None
    except Exception as exc:  # lxml's XMLSyntaxError, zipfile's errors
        raise damaged(shown, reason(exc)) from None
    if not links:
        raise not_word
    if len(links) > 1 or links[0].is_external:
        raise damaged(shown, "it has no one main document part")
    content_type, main = parts.pop(links[0].target_partname)
    if content_type != _MAIN_TYPE:
        raise not_word
    parsed = []
    for content_type, blob in parts.values():
        if issubclass(PartFactory.part_type_for.get(content_type, object), XmlPart):
            try:
                parsed.append((content_type, etree.fromstring(blob, _parser())))
            except etree.XMLSyntaxError as exc:
                raise damaged(shown, reason(exc)) from None
        elif content_type.endswith(tuple(_UNREAD_PARTS)):  # footnotes: parsed for this only
            with suppress(etree.XMLSyntaxError):  # python-docx does not parse them: not damaged
                parsed.append((content_type, etree.fromstring(blob, _parser())))
    return main, parsed


@cache
def _parser() -> Any:
    """lxml's parser as python-docx sets it up, that expands no entity (and there is no
    DTD to define one: :mod:`app.text.word_package`) and fetches nothing."""
    from lxml import etree

    return etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def _blocks(xml: bytes, found: set[str], shown: str) -> Iterator[list[Any]]:
    """The children of the document's body, some at a time, each whole when given and
    dropped from the tree when the next are asked for; the rest of the document is
    dropped as it is parsed.

    The XML is fed to lxml a piece at a time; after each piece every child of
    the body but the last is whole (the parser is inside the last), so the tree
    never holds much more than a piece's worth.  ``found`` gets the tags of
    :data:`_UNREAD_IN_BODY` the body holds.  The body is the first ``w:body`` of
    the ``w:document``, as python-docx takes it.
    """
    from lxml import etree

    parser: Any = etree.XMLPullParser(
        events=("start",), tag=(_DOCUMENT, _BODY), resolve_entities=False, no_network=True
    )
    root: Any = None
    body: Any = None
    for at in [*range(0, len(xml), _FEED), -1]:
        if at < 0:
            if parser.close().tag != _DOCUMENT:
                raise damaged(shown, _NOT_A_DOCUMENT)
        else:
            parser.feed(xml[at : at + _FEED])
        for _, element in parser.read_events():
            parent = element.getparent()
            if parent is None:
                root = element
            elif body is None and parent is root and element.tag == _BODY:
                body = element
        if body is not None:
            if len(found) < len(_UNREAD_IN_BODY):
                found.update(e.tag for e in body.iter(*_UNREAD_IN_BODY))
            whole = body[:] if at < 0 else body[:-1]
            yield whole
            for block in whole:  # cleared before it is removed: see _read
                block.clear()
            del body[: len(whole)]
        if root is not None:  # what the document holds besides its body is not read
            for child in root[:] if at < 0 else root[:-1]:
                if child is not body:
                    child.clear()
                    root.remove(child)
    if body is None:
        raise damaged(shown, _NO_BODY)


def _read(blocks: Iterator[list[Any]], limit: int | None, shown: str) -> Iterator[Segment]:
    """The segments of the blocks, without their elements, each list of blocks walked to
    its end before the next is asked for: so nothing in them is referenced when
    :func:`_blocks` clears them (lxml moves a referenced subtree to a document of its
    own, in time quadratic in its size).  Stops as soon as the text has more
    characters than ``limit`` bytes."""
    at = _Walked()
    for some in blocks:
        for segment in _walk(some, at, elements=False):
            if limit is not None and segment.end > limit:
                raise _too_much_text(shown, limit)
            yield segment


def _too_much_text(shown: str, limit: int) -> WordError:
    return too_large(shown, message("word.limit.text", n=str(limit // (1024 * 1024))))


def walk(body: Any) -> Iterator[Segment]:
    """Every segment of the body's text in document order, with its elements.

    Paragraph ends are ``"\\n"`` segments between paragraphs (none after the last),
    so a one-paragraph document reads as its one line.
    """
    return _walk(body, _Walked(), elements=True)


@dataclass
class _Walked:
    """How far a walk has come, so that it can go on in the next block."""

    position: int = 0
    paragraphs: int = 0
    previous: Any = None
    """The last paragraph, whose end is given when another follows (if ``elements``)."""


def _walk(container: Iterable[Any], at: _Walked, *, elements: bool) -> Iterator[Segment]:
    """:func:`walk` of ``container``'s paragraphs from where ``at`` says, leaving it where
    they end; without ``elements`` the segments hold none (nor does ``at``)."""
    position, index = at.position, at.paragraphs - 1
    for paragraph in _paragraphs(container):
        if index >= 0:
            yield Segment(position, "\n", index, -1, 0, at.previous, at.previous)
            position += 1
        index += 1
        at.previous = paragraph if elements else None
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
                    if elements:
                        yield Segment(position, text, index, run_index, offset, element, run)
                    else:
                        yield Segment(position, text, index, run_index, offset, None, None)
                    position += len(text)
                    offset += len(text)
    at.position, at.paragraphs = position, index + 1


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


def _unread_in(content_type: str, root: Any) -> list[Message]:
    """The kind of text a part is, if it is one that is not read and has some."""
    kinds = [kind for suffix, kind in _UNREAD_PARTS.items() if content_type.endswith(suffix)]
    return kinds if kinds and _has_text(root) else []


def _has_text(root: Any) -> bool:
    for child in root:  # a header's paragraphs, or the notes of footnotes.xml
        if child.get(w("type")) in _NOTE_SEPARATORS:
            continue  # footnotes.xml always holds the separator lines
        if any(t.text and t.text.strip() for t in child.iter(_T)):
            return True
    return False
