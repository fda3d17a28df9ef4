"""Exporting a project as a Word document: the source corrected, or the corrections tracked.

An editor hands corrections back to an author in Word far more often than as
a plain text, and the author reviews them there (Review ▸ Accept/Reject).
So the source's own ``.docx`` (kept in the project) is edited in place:

* **corrected** (``tracked=False``): every decided reading replaces the
  source's text in the very runs it came from, so styles, bold, italics and
  fonts stay; an inserted reading takes the formatting of the run before it
  (of the run after it at a paragraph's start);
* **tracked** (``tracked=True``): each change is a Word revision, the
  source's text in ``w:del`` and the reading in ``w:ins``, with an author and
  the decision's time, so the author accepts or rejects each one.

In both, a locus's note becomes a Word comment on it.  A plain-text source
gets a new document (one paragraph per line) with the same edits, so every
project can hand its corrections to a Word user.

The places come from :func:`app.text.word.walk`, the very walk that read the
document: nothing is guessed from the text.  python-docx gives the document
model and the comments; the revision marks, which it does not know, are
written with lxml.  docs/word.md says what is kept and the few limits.
"""

from __future__ import annotations

import copy
import io
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.collation.loci import overlapping
from app.export.data import (
    ExportError,
    ExportInput,
    StrPath,
    applied,
    changes_text,
    in_text,
    ordered_loci,
    write_atomic,
)
from app.messages import Message, quoted
from app.store.decisions import decided_when
from app.text.lines import LINE_BREAK, LineIndex
from app.text.word import (
    WORD_FORMAT,
    Segment,
    WordError,
    open_document,
    paragraphs,
    w,
    walk,
)

DEFAULT_AUTHOR = "Jiaokan"
"""Who the revisions and comments are by unless the proofreader gives a name."""

CJK_FONT = "SimSun"
"""The East Asian font of a document made from a plain text (宋体, on every Chinese Windows)."""

Element = Any
"""A python-docx (lxml) element: its classes are made at run time, so they are not typed."""

_NO_DOCUMENT = "the Word document of its source is missing"
"""Why a project whose source was read from Word but holds no document is damaged."""
_COMMENT_ID = "a comment in its Word document has an id that is not a number"
_ID = re.compile("-?[0-9]{1,18}")
"""An annotation id as a number (what ``int`` takes at once); any other (``²``, or 5,000
digits, which ``int`` refuses) cannot be one a new id would equal, so it is passed over."""
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MARK = "{urn:jiaokan:export}place"
"""A place holder for where a locus starts; every one is removed before saving."""
# characters XML 1.0 cannot hold (so no Word document can)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_T, _R, _P, _PPR, _RPR = map(w, ("t", "r", "p", "pPr", "rPr"))
_INS, _DEL, _DEL_TEXT, _SECT_PR = map(w, ("ins", "del", "delText", "sectPr"))
_REVISION_MARKS = frozenset(map(w, ("ins", "del", "moveFrom", "moveTo", "rPrChange")))
# what may stand between two paragraphs that still follow each other
_RANGE_MARKUP = frozenset(
    map(
        w,
        (
            "bookmarkStart",
            "bookmarkEnd",
            "commentRangeStart",
            "commentRangeEnd",
            "permStart",
            "permEnd",
            "proofErr",
            "moveFromRangeStart",
            "moveFromRangeEnd",
            "moveToRangeStart",
            "moveToRangeEnd",
        ),
    )
)


@dataclass
class _Edit:
    """One place of the document to change or to comment on, in text offsets."""

    start: int
    end: int
    new: str | None
    """What replaces ``text[start:end]`` (paragraphs split at ``"\\n"``); None: unchanged."""
    date: str
    """The revision's ``w:date`` ("" when the decision has no time)."""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """(note, date) of each comment on this place."""


def docx_bytes(data: ExportInput, *, tracked: bool, author: str = DEFAULT_AUTHOR) -> bytes:
    """The exported ``.docx``: the source document (or a new one for a plain text) with
    every decision applied, as plain edits or (``tracked``) as Word revisions by ``author``.

    Raises :class:`ExportError` (one line) for conflicting decisions, a project whose
    document is missing or does not match its text, or a character no Word document can
    hold.  ``data`` must come with its document (``Project.export_input()``, not
    ``export_input(document=False)``), which a Word source always has.
    """
    author = _NOT_XML.sub("", author).strip() or DEFAULT_AUTHOR
    edits = _edits(data)
    segments: list[Segment] | None = None
    if data.source_document is None and data.source_encoding == WORD_FORMAT:
        # the project lost its Word document: a new plain one would drop every format
        raise _damaged(data, _NO_DOCUMENT)
    if data.source_document is None or data.source_encoding != WORD_FORMAT:
        # a text file's, a PDF's or a scan's text: a new document
        text, edits = _plain_edits(data.source_text, edits)
        _check_characters(edits, data.source_text)
        document = _new_document(text, data.title, author)
    else:
        try:
            document = open_document(data.source_document, quoted(data.source_path))
        except WordError as exc:  # read once when collated: the project is what is damaged
            raise _damaged(data, exc.message) from None
        if not _comment_ids_are_numbers(document):  # python-docx takes them as numbers
            raise _damaged(data, _COMMENT_ID)
        text = data.source_text
        segments = list(walk(document.element.body))
        if "".join(s.text for s in segments) != text:
            raise ExportError("export.docx-mismatch")
        _check_characters(edits, data.source_text)
    editor = _Editor(document, tracked=tracked, author=author)
    editor.apply(_by_line(text, edits), segments)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _damaged(data: ExportInput, problems: str | Message) -> ExportError:
    """A project whose source's Word document is missing or cannot be read: refused,
    as a damaged project is, rather than a guess written in its place."""
    name = Path(data.project_path).name or data.title
    return ExportError("project.damaged", name=name, problems=problems)


def _comment_ids_are_numbers(document: Any) -> bool:
    """Whether every comment already in the document has a number for its id, as Word
    writes it: python-docx takes them as numbers when it adds one (a note)."""
    for part in document.part.package.iter_parts():
        root = getattr(part, "element", None)
        if root is not None and part.content_type.endswith("wordprocessingml.comments+xml"):
            for value in root.xpath("./w:comment/@w:id"):
                try:
                    int(value)
                except ValueError:
                    return False
    return True


def write_docx(
    data: ExportInput, path: StrPath, *, tracked: bool, author: str = DEFAULT_AUTHOR
) -> None:
    """Write :func:`docx_bytes` to ``path`` completely or not at all, never over the
    project or one of its texts (as every export)."""
    write_atomic(path, docx_bytes(data, tracked=tracked, author=author), data)


# -- which edits ------------------------------------------------------------------


def _edits(data: ExportInput) -> list[_Edit]:
    """The changes and the notes, in text order, from the loci that stand in the text.

    The same loci as the corrected text's (:func:`in_text`); a note on a locus
    hidden inside another copy's longer one goes to that one's place rather
    than vanish.
    """
    loci = applied(ordered_loci(data))  # conflicting decisions stop the export here
    shown = in_text(loci)
    crossing = overlapping(loci)
    edits: dict[int, _Edit] = {}
    for k, locus in enumerate(loci):
        changes = changes_text(locus)
        if shown[k] and (changes or locus.decision.note.strip()):
            reading = locus.decision.reading if changes else None
            new = None if reading is None else LINE_BREAK.sub("\n", reading)
            date = _word_date(locus.decision.decided_at)
            edits[k] = _Edit(locus.start, locus.end, new, date)
    for k, locus in enumerate(loci):
        note = _NOT_XML.sub("", locus.decision.note)
        if not note.strip():
            continue
        home = k if shown[k] else next((j for j in sorted(crossing[k]) if shown[j]), k)
        if home not in edits:
            edits[home] = _Edit(loci[home].start, loci[home].end, None, "")
        edits[home].notes.append((note, _word_date(locus.decision.decided_at)))
    return [edits[k] for k in sorted(edits)]


def _word_date(stamp: str) -> str:
    """ISO 8601 UTC as Word writes it (``2026-12-04T05:30:00Z``); "" if there is none."""
    when = decided_when(stamp)
    return "" if when is None else when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _plain_edits(text: str, edits: list[_Edit]) -> tuple[str, list[_Edit]]:
    """A plain text's edits in the offsets of its document, where every line break is one
    paragraph end ("\\r\\n" one character, like "\\n").

    A locus that starts or ends between the "\\r" and the "\\n" of one line break
    takes in the whole break (on both sides of its reading), and two edits
    meeting there become one, so that no edit splits a paragraph end.
    """
    inside = [i for i in range(1, len(text)) if text[i - 1] == "\r" and text[i] == "\n"]
    if not inside:
        return LINE_BREAK.sub("\n", text), edits
    within = set(inside)
    merged: list[_Edit] = []
    for edit in edits:
        last = merged[-1] if merged else None
        if last is not None and last.end == edit.start and edit.start in within:
            if last.new is None and edit.new is None:
                new = None
            else:
                head = text[last.start : last.end] if last.new is None else last.new
                tail = text[edit.start : edit.end] if edit.new is None else edit.new
                new = head + tail
            merged[-1] = _Edit(
                last.start, edit.end, new, last.date or edit.date, last.notes + edit.notes
            )
        else:
            merged.append(_Edit(edit.start, edit.end, edit.new, edit.date, list(edit.notes)))
    for edit in merged:
        if edit.start in within:
            edit.start -= 1
            edit.new = None if edit.new is None else "\r" + edit.new
        if edit.end in within:
            edit.end += 1
            edit.new = None if edit.new is None else edit.new + "\n"

    def moved(offset: int) -> int:  # each "\r\n" before the offset is one character
        return offset - bisect_right(inside, offset)

    out = []
    for edit in merged:
        new = None if edit.new is None else LINE_BREAK.sub("\n", edit.new)
        source = LINE_BREAK.sub("\n", text[edit.start : edit.end])
        if new == source:
            new = None
        if new is None and not edit.notes:
            continue
        out.append(_Edit(moved(edit.start), moved(edit.end), new, edit.date, edit.notes))
    return LINE_BREAK.sub("\n", text), out


def _by_line(text: str, edits: list[_Edit]) -> list[_Edit]:
    """Edits that keep the source's line breaks where the reading has them too.

    A reading over several lines ("甲\n乙" for "丙\n丁") is applied line by
    line, so each paragraph keeps its own style and a line break inside a
    paragraph (``w:br``) stays one, rather than the paragraphs being merged and
    split again.  Only the breaks the reading adds or drops are new or deleted
    paragraph marks.  The notes go with the first piece that changes.
    """
    out: list[_Edit] = []
    for edit in edits:
        source = text[edit.start : edit.end]
        if edit.new is None or "\n" not in source or "\n" not in edit.new:
            out.append(edit)
            continue
        olds, news = source.split("\n"), edit.new.split("\n")
        kept = min(len(olds), len(news)) - 1
        pieces: list[_Edit] = []
        at = edit.start
        for n in range(kept):
            if olds[n] != news[n]:
                pieces.append(_Edit(at, at + len(olds[n]), news[n], edit.date))
            at += len(olds[n]) + 1
        rest_old, rest_new = "\n".join(olds[kept:]), "\n".join(news[kept:])
        if rest_old != rest_new:
            pieces.append(_Edit(at, edit.end, rest_new, edit.date))
        if pieces:
            pieces[0].notes = edit.notes
        out += pieces
    return out


def _check_characters(edits: list[_Edit], source: str) -> None:
    """Stop at the first character that no Word document can hold (a control character),
    with its line and column in the source, rather than write a broken file."""
    lines = LineIndex(source)
    found = _NOT_XML.search(source)  # the same characters as ``text`` but for line breaks
    if found is not None:
        raise _bad_character(found.group(), *lines.line_col(found.start()))
    for edit in edits:
        found = _NOT_XML.search(edit.new or "")
        if found is not None:
            start = min(edit.start, len(source))
            raise _bad_character(found.group(), *lines.line_col(start))


def _bad_character(char: str, line: int, column: int) -> ExportError:
    shown = f"U+{ord(char):04X}"
    return ExportError("export.docx-character", char=shown, line=str(line), column=str(column))


def _new_document(text: str, title: str, author: str) -> Any:
    """A document made from a plain text: one paragraph per line, in a CJK font."""
    import docx  # python-docx: only needed for Word exports; keep start-up light
    from docx.oxml.ns import qn

    document = docx.Document()
    style_rpr = document.styles["Normal"].element.get_or_add_rPr()
    fonts = style_rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CJK_FONT)
    language = _element("w:lang", {qn("w:eastAsia"): "zh-CN"})
    style_rpr.append(language)
    for line in text.split("\n"):
        paragraph = document.add_paragraph()
        if line:
            paragraph._p.append(_run(line, None))
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    properties.created = now
    properties.modified = now
    return document


# -- elements ---------------------------------------------------------------------


def _element(tag: str, attrs: dict[str, str] | None = None) -> Element:
    from docx.oxml.parser import OxmlElement

    return OxmlElement(tag, attrs=attrs)


def _text_element(text: str, tag: str = "w:t") -> Element:
    element = _element(tag)
    element.text = text
    element.set(_XML_SPACE, "preserve")
    return element


def _run(text: str, properties: Element | None) -> Element:
    """A new run of ``text`` (no line breaks) with a copy of ``properties`` (a ``w:rPr``)."""
    run = _element("w:r")
    if properties is not None:
        run.append(copy.deepcopy(properties))
    for piece in re.split("(\t)", text):
        if piece == "\t":
            run.append(_element("w:tab"))
        elif piece:
            run.append(_text_element(piece))
    return run


def _run_format(run: Element) -> Element | None:
    """A copy of a run's properties, without the revision marks of someone's change."""
    properties = run.find(_RPR)
    if properties is None:
        return None
    found = copy.deepcopy(properties)
    for mark in [c for c in found if c.tag in _REVISION_MARKS]:
        found.remove(mark)
    return found


def _mark_format(paragraph: Element) -> Element | None:
    """The properties of an empty paragraph's mark, for text inserted into it."""
    ppr = paragraph.find(_PPR)
    mark = None if ppr is None else ppr.find(_RPR)
    if mark is None:
        return None
    properties = _element("w:rPr")
    for child in mark:
        if child.tag not in _REVISION_MARKS:
            properties.append(copy.deepcopy(child))
    return properties


def _split_before(element: Element) -> Element:
    """The run holding ``element``, split so that ``element`` is its first content; the
    part before it stays in the old run, the new run gets a copy of its properties."""
    run = element.getparent()
    if all(c.tag == _RPR for c in element.itersiblings(preceding=True)):
        return run
    twin = _element("w:r")
    for name, value in run.attrib.items():
        twin.set(name, value)
    properties = run.find(_RPR)
    if properties is not None:
        twin.append(copy.deepcopy(properties))
    for child in [element, *element.itersiblings()]:
        twin.append(child)
    run.addnext(twin)
    return twin


def _split_after(element: Element) -> Element:
    """The run holding ``element``, split so that ``element`` is its last content."""
    following = element.getnext()
    if following is not None:
        _split_before(following)
    return element.getparent()


def _paragraph_of(element: Element) -> Element:
    while element.tag != _P:
        element = element.getparent()
    return element


def _next_paragraph(paragraph: Element) -> Element | None:
    """The paragraph right after ``paragraph`` in the same container, if one follows it
    (bookmarks and the like between them aside): the one a deleted mark merges in."""
    for sibling in paragraph.itersiblings():
        if sibling.tag == _P:
            return sibling
        if sibling.tag not in _RANGE_MARKUP:
            return None
    return None


def _mergeable(paragraph: Element) -> Element | None:
    """The paragraph that deleting ``paragraph``'s mark merges into it, or None where
    Word keeps the mark: the end of a table cell, before or after a table, or a
    section break (docs/word.md)."""
    ppr = paragraph.find(_PPR)
    if ppr is not None and ppr.find(_SECT_PR) is not None:
        return None
    return _next_paragraph(paragraph)


def _mark_properties(paragraph: Element) -> Element:
    """The paragraph's ``w:pPr/w:rPr`` (its mark's properties), made if missing."""
    ppr = paragraph.find(_PPR)
    if ppr is None:
        ppr = _element("w:pPr")
        paragraph.insert(0, ppr)
    mark = ppr.find(_RPR)
    if mark is None:
        mark = _element("w:rPr")
        after = [c for c in ppr if c.tag in (_SECT_PR, w("pPrChange"))]
        if after:
            after[0].addprevious(mark)
        else:
            ppr.append(mark)
    return mark


# -- the editor -------------------------------------------------------------------


class _Editor:
    """Applies edits to one document, from the last to the first.

    Working backwards, an edit only ever moves what lies after its own start,
    so the elements of the edits still to come stay where the walk found them.
    Where each edit's new text goes is fixed before any edit, by a place holder
    at its start: after the run of the character before it (so it takes that
    run's formatting), or before the first run of a paragraph.  New text goes
    right after the place holder, so of several edits at one place the one
    applied last (the first in text order) comes first.
    """

    def __init__(self, document: Any, *, tracked: bool, author: str) -> None:
        self.document = document
        self.body = document.element.body
        self.tracked = tracked
        self.author = author
        self.initials = "".join(part[0] for part in author.split())[:4]
        self._next_id = 0
        self._places: dict[int, tuple[Element, Element | None]] = {}

    def apply(self, edits: list[_Edit], segments: list[Segment] | None = None) -> None:
        """Apply ``edits`` (in text order); ``segments`` is the walk of the unchanged body
        if the caller has it, emptied once used: the cuts make it stale, and the walk
        after them is as large (a list of each at once doubled an export's memory)."""
        if not edits:
            return
        self._next_id = self._first_free_id(sum(len(e.notes) for e in edits))
        cuts = {e.start for e in edits} | {e.end for e in edits}
        self._cut_texts(segments or list(walk(self.body)), cuts)
        if segments is not None:
            segments.clear()
        self._segments = list(walk(self.body))  # every cut is now where a segment starts
        self._starts = [s.start for s in self._segments]
        self._paragraphs = paragraphs(self.body)
        for start in sorted({e.start for e in edits}):
            self._places[start] = self._place(start)
        for edit in reversed(edits):
            self._apply(edit)
        for place, _ in self._places.values():
            place.getparent().remove(place)

    # -- before the edits

    def _first_free_id(self, comments: int) -> int:
        """An annotation id above every one the document has and every one the comments
        about to be added will take, so no two revisions, comments or bookmarks share one."""
        used = [-1]
        for element in self.body.iter():
            value = element.get(w("id")) if isinstance(element.tag, str) else None
            if value is not None and _ID.fullmatch(value):
                used.append(int(value))
        for part in self.document.part.package.iter_parts():
            if part.content_type.endswith("wordprocessingml.comments+xml"):
                root = getattr(part, "element", None)
                if root is not None:
                    ids = root.xpath("./w:comment/@w:id")
                    used += [int(v) for v in ids if _ID.fullmatch(v)]
        return max(used) + comments + 1

    @staticmethod
    def _cut_texts(segments: list[Segment], cuts: set[int]) -> None:
        """Split every ``w:t`` an edit starts or ends inside, so edits take whole elements.

        From the last cut to the first: the old element keeps the head of its
        text, so the walk's starts stay right for the cuts still to make.
        """
        starts = [s.start for s in segments]
        for cut in sorted(cuts, reverse=True):
            k = bisect_right(starts, cut) - 1
            if k < 0:
                continue
            segment = segments[k]
            element = segment.element
            if element.tag != _T or not segment.start < cut < segment.end:
                continue
            text = element.text or ""
            offset = cut - segment.start
            tail = _text_element(text[offset:])
            element.text = text[:offset]
            element.set(_XML_SPACE, "preserve")
            element.addnext(tail)

    def _place(self, start: int) -> tuple[Element, Element | None]:
        """A place holder at ``start`` and the formatting text inserted there takes."""
        k = bisect_left(self._starts, start)
        before = self._segments[k - 1] if k > 0 else None
        after = self._segments[k] if k < len(self._segments) else None
        place = _new_place()
        if before is not None and not before.is_paragraph_end:
            run = _split_after(before.element)
            run.addnext(place)
            return place, _run_format(run)
        if after is not None and not after.is_paragraph_end:
            run = _split_before(after.element)
            run.addprevious(place)
            return place, _run_format(run)
        # an empty paragraph: the one ending at ``start``, or the last one
        if after is not None:
            paragraph = after.element
        elif before is not None:
            paragraph = self._paragraphs[before.paragraph + 1]
        elif self._paragraphs:
            paragraph = self._paragraphs[0]
        else:
            paragraph = self.document.add_paragraph()._p
        paragraph.append(place)
        return place, _mark_format(paragraph)

    # -- one edit

    def _apply(self, edit: _Edit) -> None:
        place, properties = self._places[edit.start]
        lo = bisect_left(self._starts, edit.start)
        hi = bisect_left(self._starts, edit.end)
        inside = self._segments[lo:hi]
        texts = [s.element for s in inside if not s.is_paragraph_end]
        ends = [s.element for s in inside if s.is_paragraph_end]
        anchor: list[Element] = []  # the first and last run a comment covers
        if edit.new is None:
            runs = [self._isolate(group) for group in _groups(texts)]
            anchor = runs
        else:
            if texts:  # a reading takes the formatting of the first run it replaces
                properties = _run_format(texts[0].getparent())
            if self.tracked:
                anchor = self._track(edit, place, properties, texts, ends)
            else:
                anchor = self._correct(edit, place, properties, texts, ends)
        if edit.notes:
            if not anchor:  # nothing to hang the comment on: an empty run at the place
                empty = _element("w:r")
                place.addnext(empty)
                anchor = [empty]
            for note, date in edit.notes:
                self._comment(anchor[0], anchor[-1], note, date)

    def _correct(
        self,
        edit: _Edit,
        place: Element,
        properties: Element | None,
        texts: list[Element],
        ends: list[Element],
    ) -> list[Element]:
        for element in texts:
            run = element.getparent()
            run.remove(element)
            if all(c.tag == _RPR for c in run):
                run.getparent().remove(run)
        for paragraph in reversed(ends):
            following = _mergeable(paragraph)
            if following is not None:
                _merge(paragraph, following)
        assert edit.new is not None
        return self._insert(edit.new, place, properties, edit.date)

    def _track(
        self,
        edit: _Edit,
        place: Element,
        properties: Element | None,
        texts: list[Element],
        ends: list[Element],
    ) -> list[Element]:
        deleted: list[Element] = []
        for group in _groups(texts):
            run = self._isolate(group)
            for element in group:
                if element.tag == _T:
                    element.tag = _DEL_TEXT
            wrapper = self._revision("w:del", edit.date)
            run.addprevious(wrapper)
            wrapper.append(run)
            deleted.append(wrapper)
        for paragraph in ends:
            if _mergeable(paragraph) is not None:
                self._mark_paragraph(paragraph, "w:del", edit.date)
        # the reading right after the deleted text when that follows the place holder
        after, before_count = place, 0
        ours = set(deleted)
        for sibling in place.itersiblings():
            if sibling not in ours:
                break
            after, before_count = sibling, before_count + 1
        assert edit.new is not None
        inserted = self._insert(edit.new, after, properties, edit.date)
        first = [d[0] for d in deleted[:before_count]]
        rest = [d[0] for d in deleted[before_count:]]
        return first + inserted + rest

    def _insert(
        self, new: str, after: Element, properties: Element | None, date: str
    ) -> list[Element]:
        """Put ``new`` right after ``after``, splitting the paragraph at each "\\n";
        the new runs, in order."""
        runs: list[Element] = []
        cursor = after
        paragraph = _paragraph_of(after)
        for n, line in enumerate(new.split("\n")):
            if n:
                following = self._split_paragraph(paragraph, cursor)
                if self.tracked:
                    self._mark_paragraph(paragraph, "w:ins", date)
                paragraph = following
                cursor = following.find(_PPR)
            if line:
                run = _run(line, properties)
                node = run
                if self.tracked:
                    node = self._revision("w:ins", date)
                    node.append(run)
                cursor.addnext(node)
                cursor = node
                runs.append(run)
        return runs

    def _split_paragraph(self, paragraph: Element, at: Element) -> Element:
        """Split ``paragraph`` after ``at`` (a descendant, or its ``w:pPr``): what follows
        goes to a new paragraph after it with a copy of its properties; containers around
        ``at`` (a hyperlink, a content control) are split in two.  The new paragraph holds
        the old mark (a section break stays with it), the old one is the new mark."""
        ppr = paragraph.find(_PPR)
        following = _element("w:p")
        following.append(copy.deepcopy(ppr) if ppr is not None else _element("w:pPr"))
        child, carry = at, None
        while True:
            parent = child.getparent()
            moved = list(child.itersiblings())
            if parent is paragraph:
                if carry is not None:
                    following.append(carry)
                for node in moved:
                    following.append(node)
                break
            if carry is not None or moved:
                twin = parent.makeelement(parent.tag, dict(parent.attrib))
                if twin.get(w("id")) is not None:
                    twin.set(w("id"), self._id())
                for prop in parent:
                    if isinstance(prop.tag, str) and prop.tag.endswith("Pr"):
                        twin.append(copy.deepcopy(prop))
                if carry is not None:
                    twin.append(carry)
                for node in moved:
                    twin.append(node)
                carry = twin
            child = parent
        paragraph.addnext(following)
        if ppr is not None:
            section = ppr.find(_SECT_PR)
            if section is not None:
                ppr.remove(section)
        return following

    @staticmethod
    def _isolate(group: list[Element]) -> Element:
        """The run of ``group`` (consecutive text elements of one run) split off alone."""
        _split_after(group[-1])
        return _split_before(group[0])

    # -- revisions and comments

    def _id(self) -> str:
        self._next_id += 1
        return str(self._next_id)

    def _revision(self, tag: str, date: str) -> Element:
        attrs = {w("id"): self._id(), w("author"): self.author}
        if date:
            attrs[w("date")] = date
        return _element(tag, attrs)

    def _mark_paragraph(self, paragraph: Element, tag: str, date: str) -> None:
        """Mark the paragraph's mark inserted or deleted (``w:pPr/w:rPr/w:ins|w:del``)."""
        mark = _mark_properties(paragraph)
        if tag == "w:ins":  # a mark made by splitting: whatever the old mark had is the tail's
            for old in [c for c in mark if c.tag in (_INS, _DEL)]:
                mark.remove(old)
            mark.insert(0, self._revision(tag, date))
        else:  # after the ``w:ins`` of someone's insertion, if any
            kept = [c for c in mark if c.tag == _INS]
            mark.insert(len(kept), self._revision(tag, date))

    def _comment(self, first: Element, last: Element, note: str, date: str) -> None:
        """A Word comment on the runs from ``first`` to ``last``, its marks outside any
        revision so that accepting or rejecting the change keeps the comment."""
        from docx.text.run import Run

        comment = self.document.add_comment(
            [Run(first, self.document), Run(last, self.document)],
            text=note,
            author=self.author,
            initials=self.initials,
        )
        if date:
            element = comment._comment_elm  # python-docx 1.2 sets the time to now
            element.date = datetime.strptime(date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        start = first.getprevious()
        holder = first.getparent()
        if holder.tag in (_INS, _DEL):
            holder.addprevious(start)
        end = last.getnext()
        reference = end.getnext()
        holder = last.getparent()
        if holder.tag in (_INS, _DEL):
            holder.addnext(reference)
            holder.addnext(end)


def _new_place() -> Element:
    from lxml import etree

    return etree.Element(_MARK)


def _groups(elements: Sequence[Element]) -> Iterable[list[Element]]:
    """The elements in runs of siblings: each group is consecutive content of one run."""
    group: list[Element] = []
    for element in elements:
        if group and element.getprevious() is not group[-1]:
            yield group
            group = []
        group.append(element)
    if group:
        yield group


def _merge(paragraph: Element, following: Element) -> None:
    """Delete ``paragraph``'s mark: the following paragraph's content joins it.

    The merged paragraph keeps this one's properties (style, alignment), as
    the brief of an editor deleting a line break expects; a section break
    ending the following paragraph stays with the merged one.
    """
    ppr = paragraph.find(_PPR)
    for child in list(following):
        if child.tag == _PPR:
            section = child.find(_SECT_PR)
            if section is not None:
                if ppr is None:
                    ppr = _element("w:pPr")
                    paragraph.insert(0, ppr)
                ppr.append(section)
            continue
        paragraph.append(child)
    following.getparent().remove(following)
