"""Tests for app.export.word: a project's decisions written into a Word document.

Documents are built with python-docx, collated against plain-text copies
(``jiaokan collate --project``), decided, and exported both ways.  What Word
would show is computed from the XML: the *accepted* view drops ``w:del`` and
keeps ``w:ins`` (a deleted paragraph mark joins the next paragraph), the
*rejected* view the other way round; both are read with the walk that reads
every source, so they compare with the engine's texts character for character.
"""

from __future__ import annotations

import copy
import io
import json
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from app.cli.main import main
from app.collation.loci import Locus
from app.export.data import ExportError, ExportInput, ExportLocus, ExportWitness
from app.export.text import corrected_text
from app.export.word import DEFAULT_AUTHOR, docx_bytes, write_docx
from app.project.project import Project
from app.store.decisions import Decision, Status
from app.text.lines import LINE_BREAK
from app.text.word import read_word, w, walk
from tests.conftest import ROOT

W_NS = {"w": w("")[1:-1]}
STAMP = "2026-12-04T05:30:00+00:00"
WORD_STAMP = "2026-12-04T05:30:00Z"


# -- documents and views ----------------------------------------------------------


def saved(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def book() -> bytes:
    """Several paragraphs (a heading style, bold, italic, a font), a line break, a table."""
    d = docx.Document()
    d.add_paragraph("论语学而", style="Heading 1")
    p = d.add_paragraph("学而时")
    bold = p.add_run("习之，不亦")
    bold.bold = True
    italic = p.add_run("说乎？")
    italic.italic = True
    italic.font.name = "Times New Roman"
    italic.font.size = Pt(14)
    p = d.add_paragraph("有朋自远方来，Confucius said")
    p.add_run().add_break()  # a line break inside the paragraph: "\n" in the text
    p.add_run("不亦乐乎。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "人不知"
    table.cell(0, 1).text = "而不愠"
    d.add_paragraph("不亦君子乎？")
    return saved(d)


def body_of(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data)).element.body


def _merge(p: Any) -> None:
    """Join the paragraph with the next one (bookmarks between them aside)."""
    following = p.getnext()
    while following is not None and following.tag in (w("bookmarkStart"), w("bookmarkEnd")):
        following = following.getnext()
    assert following is not None and following.tag == w("p"), "a dropped mark merges"
    for child in list(following):
        if child.tag != w("pPr"):
            p.append(child)
    following.getparent().remove(following)


def _unwrap(element: Any) -> None:
    parent = element.getparent()
    at = parent.index(element)
    for n, child in enumerate(list(element)):
        parent.insert(at + n, child)
    parent.remove(element)


def view(data: bytes, *, accept: bool, by: str | None = None) -> str:
    """The text Word shows after accepting (or rejecting) every revision; with ``by``,
    only that author's, the others' being accepted (as reading a source accepts them)."""
    body = copy.deepcopy(body_of(data))

    def accepted(revision: Any) -> bool:
        return accept or (by is not None and revision.get(w("author")) != by)

    for revision in list(body.iter(w("ins"), w("del"))):
        if revision.getparent().tag == w("rPr"):
            continue  # a paragraph mark's: below
        if (revision.tag == w("ins")) == accepted(revision):
            _unwrap(revision)
        else:
            revision.getparent().remove(revision)
    for text in body.iter(w("delText")):
        text.tag = w("t")
    for p in reversed(list(body.iter(w("p")))):
        marks = p.xpath("./w:pPr/w:rPr/w:ins | ./w:pPr/w:rPr/w:del")
        if any((m.tag == w("ins")) != accepted(m) for m in marks):
            _merge(p)  # the view has no such mark
    return "".join(s.text for s in walk(body))


def xml(data: bytes, part: str = "word/document.xml") -> Any:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(part))


def runs_with(data: bytes, text: str) -> list[Any]:
    """The runs (``w:r``) whose text (or deleted text) is exactly ``text``."""
    root = xml(data)
    return [
        r
        for r in root.iter(w("r"))
        if "".join(t.text or "" for t in r if t.tag in (w("t"), w("delText"))) == text
    ]


def style_names(data: bytes) -> list[str]:
    """The style of each paragraph of the body (outside tables)."""
    return [p.style.name if p.style else "" for p in docx.Document(io.BytesIO(data)).paragraphs]


def formatting(run: Any) -> str:
    rpr = run.find(w("rPr"))
    return "" if rpr is None else etree.tostring(rpr, encoding="unicode")


# -- projects ---------------------------------------------------------------------


def collated(tmp_path: Path, source: bytes | str, variant: str, name: str = "src.docx") -> Path:
    src = tmp_path / name
    if isinstance(source, bytes):
        src.write_bytes(source)
    else:
        src.write_bytes(source.encode("utf-8"))
    var = tmp_path / "b.txt"
    var.write_text(variant, encoding="utf-8")
    project = tmp_path / "p.jkproj"
    argv = ["collate", str(src), str(var), "--project", str(project), "--rules", "none"]
    assert main(argv) == 0
    return project


def loci(project: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    """Each locus's id by its source text (each unique in these tests)."""
    capsys.readouterr()
    assert main(["loci", str(project), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["divergences"]
    return {d["source_text"]: d["id"] for d in items}


def decide(project: Path, lid: int, *how: str) -> None:
    assert main(["decide", str(project), str(lid), *how]) == 0


def export_input(project: Path) -> ExportInput:
    with Project.open(project, read_only=True) as opened:
        return opened.export_input()


SOURCE = (
    "论语学而\n学而时习之，不亦说乎？\n有朋自远方来，Confucius said\n不亦乐乎。\n"
    "人不知\n而不愠\n不亦君子乎？"
)
VARIANT = (
    "论语学而\n学而時習之，不亦悦乎？\n有朋自遠方来，Confucius said\n不亦樂乎。\n"
    "人不知\n而不愠\n不亦君子乎"
)


@pytest.fixture
def decided(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> ExportInput:
    """The book collated and decided: accepted, rejected, edited with a note, undecided."""
    project = collated(tmp_path, book(), VARIANT)
    data = export_input(project)
    assert data.source_text == SOURCE and data.source_document is not None
    ids = loci(project, capsys)
    decide(project, ids["时习"], "--accept", "b")  # spans the plain and the bold run
    decide(project, ids["说"], "--reading", "悦(說)", "--note", "说 reads 悦")
    decide(project, ids["远"], "--reject", "--note", "the source is right")
    decide(project, ids["？"], "--accept", "b")  # the last character of the document
    assert ids["乐"]  # left undecided
    return export_input(project)


# -- the tracked document ---------------------------------------------------------


def test_accepted_and_rejected_views_of_the_tracked_document(decided: ExportInput) -> None:
    out = docx_bytes(decided, tracked=True)
    corrected = corrected_text(decided)
    assert corrected == SOURCE.replace("时习", "時習").replace("说", "悦(說)")[:-1]
    assert view(out, accept=True) == corrected
    assert view(out, accept=False) == decided.source_text
    # Word's own reading (changes accepted, paragraph marks kept) reads the same here
    assert read_word(out).text == corrected


def test_revisions_have_an_author_a_date_and_unique_ids(decided: ExportInput) -> None:
    out = docx_bytes(decided, tracked=True, author="王校对")
    root = xml(out)
    revisions = root.xpath("//w:ins | //w:del", namespaces=W_NS)
    assert len(revisions) >= 5
    dates = {decided_at(decided, "时习"), decided_at(decided, "说"), decided_at(decided, "？")}
    for revision in revisions:
        assert revision.get(w("author")) == "王校对"
        assert revision.get(w("date")) in dates
    marks = (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))
    ids = [e.get(w("id")) for e in root.iter() if e.get(w("id")) and e.tag not in marks]
    ids += xml(out, "word/comments.xml").xpath("//w:comment/@w:id", namespaces=W_NS)
    assert len(ids) == len(set(ids))
    # the deleted text is w:delText in a run inside w:del, the new text w:t inside w:ins
    (deleted,) = runs_with(out, "说")
    assert deleted.getparent().tag == w("del") and deleted.find(w("delText")) is not None
    following = deleted.getparent().getnext()  # old, then new
    assert following.tag == w("ins") and "".join(following.itertext()) == "悦(說)"
    # the rejected and the undecided loci are untouched
    assert not runs_with(out, "遠") and not runs_with(out, "樂")


def decided_at(data: ExportInput, source: str) -> str:
    (locus,) = [x for x in data.loci if x.source_text == source]
    stamp = locus.decision.decided_at
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", stamp)
    return stamp.replace("+00:00", "Z")


def test_the_default_author_is_jiaokan(decided: ExportInput) -> None:
    out = docx_bytes(decided, tracked=True)
    authors = set(xml(out).xpath("//w:ins/@w:author | //w:del/@w:author", namespaces=W_NS))
    assert authors == {DEFAULT_AUTHOR}
    blank = docx_bytes(decided, tracked=True, author="  ")
    assert set(xml(blank).xpath("//w:ins/@w:author", namespaces=W_NS)) == {DEFAULT_AUTHOR}


# -- the corrected document -------------------------------------------------------


def test_the_corrected_document_reads_as_the_corrected_text(decided: ExportInput) -> None:
    out = docx_bytes(decided, tracked=False)
    assert read_word(out).text == corrected_text(decided)
    root = xml(out)
    assert not root.xpath("//w:ins | //w:del | //w:delText", namespaces=W_NS)


@pytest.mark.parametrize("tracked", [False, True])
def test_formatting_around_each_change_is_kept(decided: ExportInput, tracked: bool) -> None:
    out = docx_bytes(decided, tracked=tracked)
    assert style_names(out)[0] == "Heading 1"
    # the reading over a plain run and a bold one takes the first run's formatting
    (new,) = runs_with(out, "時習")
    assert formatting(new) == ""
    (rest,) = runs_with(out, "之，不亦")
    assert rest.find(w("rPr")).find(w("b")) is not None
    (after,) = runs_with(out, "乎？")
    (reading,) = runs_with(out, "悦(說)")
    # italic, Times New Roman, 14 pt: as the run it replaced
    assert formatting(reading) == formatting(after) != ""
    assert reading.find(w("rPr")).find(w("i")) is not None
    fonts = reading.find(w("rPr")).find(w("rFonts"))
    assert fonts.get(w("ascii")) == "Times New Roman"
    if tracked:
        (old,) = runs_with(out, "说")
        assert formatting(old) == formatting(reading)


# -- comments ---------------------------------------------------------------------


def comments(data: bytes) -> dict[str, Any]:
    if "word/comments.xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist():
        return {}
    root = xml(data, "word/comments.xml")
    return {c.get(w("id")): c for c in root.iter(w("comment"))}


def commented_text(data: bytes, cid: str) -> str:
    """The text (and deleted text) between a comment's range marks."""
    root = xml(data)
    inside, out = False, list[str]()
    for element in root.iter():
        if element.tag == w("commentRangeStart") and element.get(w("id")) == cid:
            inside = True
        elif element.tag == w("commentRangeEnd") and element.get(w("id")) == cid:
            return "".join(out)
        elif inside and element.tag in (w("t"), w("delText")):
            out.append(element.text or "")
    raise AssertionError(f"comment {cid} has no range")


@pytest.mark.parametrize("tracked", [False, True])
def test_notes_become_comments_anchored_at_the_change(decided: ExportInput, tracked: bool) -> None:
    out = docx_bytes(decided, tracked=tracked, author="Li Wei")
    found = comments(out)
    by_text = {"".join(c.itertext()): (cid, c) for cid, c in found.items()}
    assert set(by_text) == {"说 reads 悦", "the source is right"}
    cid, comment = by_text["说 reads 悦"]
    assert comment.get(w("author")) == "Li Wei" and comment.get(w("initials")) == "LW"
    assert comment.get(w("date")) == decided_at(decided, "说")
    assert commented_text(out, cid) == ("说悦(說)" if tracked else "悦(說)")
    # a rejected locus's note is on its source text
    cid, comment = by_text["the source is right"]
    assert commented_text(out, cid) == "远"
    assert comment.get(w("date")) == decided_at(decided, "远")
    # the comment's marks are outside the revisions: accepting or rejecting keeps them
    root = xml(out)
    for mark in root.xpath(
        "//w:commentRangeStart | //w:commentRangeEnd | //w:commentReference", namespaces=W_NS
    ):
        assert not mark.xpath("ancestor::w:ins | ancestor::w:del", namespaces=W_NS)


# -- paragraphs -------------------------------------------------------------------


def three_paragraphs() -> bytes:
    d = docx.Document()
    d.add_paragraph("第一段", style="Heading 1")
    d.add_paragraph("第二段有")
    d.add_paragraph("第三段")
    return saved(d)


def hand_made(source_document: bytes, *edits: tuple[int, int, str, str]) -> ExportInput:
    """An export input with accepted (start, end, reading, note) loci on a document."""
    source = read_word(source_document).text
    loci = tuple(
        ExportLocus(
            Locus(s, e, source[s:e], {"b": r}, "substitution", {"b": "substitution"}, id=n),
            Decision(Status.ACCEPTED, "b", r, note, STAMP),
        )
        for n, (s, e, r, note) in enumerate(edits, 1)
    )
    return ExportInput(
        title="测试",
        source_path="/texts/src.docx",
        source_encoding="docx",
        source_text=source,
        witnesses=(ExportWitness("b", "/texts/b.txt", "utf-8"),),
        rules=(),
        loci=loci,
        source_document=source_document,
    )


@pytest.mark.parametrize("tracked", [False, True])
def test_a_deleted_paragraph_end_merges_and_a_new_one_splits(tracked: bool) -> None:
    source = three_paragraphs()  # "第一段\n第二段有\n第三段"
    data = hand_made(source, (3, 4, "，", ""), (8, 8, "\n新", "new paragraph"))
    expected = "第一段，第二段有\n新\n第三段"
    assert corrected_text(data) == expected
    out = docx_bytes(data, tracked=tracked)
    if tracked:
        assert view(out, accept=True) == expected
        assert view(out, accept=False) == read_word(source).text
        marks = xml(out).xpath("//w:pPr/w:rPr/w:del | //w:pPr/w:rPr/w:ins", namespaces=W_NS)
        assert sorted(m.tag for m in marks) == [w("del"), w("ins")]
        assert {m.get(w("date")) for m in marks} == {WORD_STAMP}
    else:
        assert read_word(out).text == expected
        styles = style_names(out)
        # the merged paragraph keeps the first one's style; the new one copies its own
        assert styles == ["Heading 1", "Normal", "Normal"]


@pytest.mark.parametrize("tracked", [False, True])
def test_a_reading_over_paragraphs_keeps_each_paragraph(tracked: bool) -> None:
    source = three_paragraphs()
    data = hand_made(source, (2, 6, "篇\n第二", ""))  # "段\n第二" -> "篇\n第二"
    out = docx_bytes(data, tracked=tracked)
    assert view(out, accept=True) == "第一篇\n第二段有\n第三段"
    assert style_names(out) == ["Heading 1", "Normal", "Normal"]
    assert not xml(out).xpath("//w:pPr/w:rPr/w:del", namespaces=W_NS)


@pytest.mark.parametrize("tracked", [False, True])
def test_a_line_break_stays_a_line_break(tracked: bool) -> None:
    d = docx.Document()
    p = d.add_paragraph("甲乙")
    p.add_run().add_break()
    p.add_run("丙丁")
    p.add_run().add_break(WD_BREAK.PAGE)  # layout, not text: kept as it is
    source = saved(d)
    data = hand_made(source, (1, 4, "子\n丑", ""))  # "乙\n丙" -> "子\n丑"
    out = docx_bytes(data, tracked=tracked)
    assert view(out, accept=True) == "甲子\n丑丁"
    root = xml(out)
    assert len(root.xpath("//w:p", namespaces=W_NS)) == 1
    assert len(root.xpath("//w:br[not(@w:type)]", namespaces=W_NS)) == 1
    assert len(root.xpath("//w:br[@w:type='page']", namespaces=W_NS)) == 1


@pytest.mark.parametrize("tracked", [False, True])
def test_table_cells_are_changed_but_never_merged(tracked: bool) -> None:
    source = book()
    text = read_word(source).text
    cell = text.index("人不知")
    # the end of the first cell's paragraph (between the cells) and a change inside a cell
    data = hand_made(source, (cell + 2, cell + 4, "知", ""), (cell + 5, cell + 6, "弗", ""))
    out = docx_bytes(data, tracked=tracked)
    table = docx.Document(io.BytesIO(out)).tables[0]
    expected = text[: cell + 2] + "知\n而弗愠" + text[cell + 7 :]
    # the text inside is changed; the cell boundary stays a paragraph end
    assert view(out, accept=True) == expected
    if tracked:
        assert view(out, accept=False) == text
    else:
        assert [c.text for c in table.rows[0].cells] == ["人不知", "而弗愠"]


# -- insertions -------------------------------------------------------------------


@pytest.mark.parametrize("tracked", [False, True])
def test_an_insertion_takes_the_formatting_of_the_run_before_or_after(tracked: bool) -> None:
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("开头").bold = True
    p.add_run("中间").italic = True
    source = saved(d)  # "开头中间"
    data = hand_made(source, (0, 0, "【", ""), (2, 2, "·", ""), (4, 4, "】", ""))
    out = docx_bytes(data, tracked=tracked)
    assert view(out, accept=True) == "【开头·中间】"
    (first,) = runs_with(out, "【")
    (middle,) = runs_with(out, "·")
    (last,) = runs_with(out, "】")
    assert first.find(w("rPr")).find(w("b")) is not None  # at the start: the run after
    assert middle.find(w("rPr")).find(w("b")) is not None  # the run before
    assert last.find(w("rPr")).find(w("i")) is not None


@pytest.mark.parametrize("tracked", [False, True])
def test_insertions_at_one_place_keep_their_order(tracked: bool) -> None:
    source = three_paragraphs()
    data = hand_made(source, (4, 4, "甲", ""), (4, 4, "乙", ""), (4, 5, "丙", ""))
    expected = corrected_text(data)
    assert expected.startswith("第一段\n甲乙丙二段")
    out = docx_bytes(data, tracked=tracked)
    assert view(out, accept=True) == expected
    if tracked:
        assert view(out, accept=False) == read_word(source).text


@pytest.mark.parametrize("tracked", [False, True])
def test_an_empty_document_and_an_empty_paragraph(tracked: bool) -> None:
    d = docx.Document()
    d.add_paragraph("甲")
    d.add_paragraph("")
    source = saved(d)  # "甲\n"
    data = hand_made(source, (2, 2, "乙", "补"))
    out = docx_bytes(data, tracked=tracked)
    assert view(out, accept=True) == "甲\n乙"
    assert len(comments(out)) == 1


# -- a plain-text source ----------------------------------------------------------


@pytest.mark.parametrize("tracked", [False, True])
def test_a_plain_text_source_becomes_a_word_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tracked: bool
) -> None:
    source = "学而时习之，\r\n不亦说乎？\r\n\r\n有朋自远方来。\r\n"
    project = collated(tmp_path, source, "学而时习之，\n不亦悦乎？\n\n有朋自远方来。\n", "a.txt")
    ids = loci(project, capsys)
    decide(project, ids["说"], "--accept", "b", "--note", "悦")
    for text in ids:
        if "\r" in text:  # the variant's line breaks differ: kept as the source has them
            decide(project, ids[text], "--accept", "b")
    data = export_input(project)
    assert data.source_document is None
    out = docx_bytes(data, tracked=tracked)
    flat = LINE_BREAK.sub("\n", corrected_text(data))
    assert view(out, accept=True) == flat == "学而时习之，\n不亦悦乎？\n\n有朋自远方来。\n"
    if tracked:
        assert view(out, accept=False) == LINE_BREAK.sub("\n", source)
    document = docx.Document(io.BytesIO(out))
    assert len(document.paragraphs) == 5  # one per line, the last one empty
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(w("eastAsia")) == "SimSun"
    assert document.core_properties.author == DEFAULT_AUTHOR
    assert len(comments(out)) == 1


@pytest.mark.parametrize("tracked", [False, True])
def test_a_locus_inside_a_crlf_line_break(tracked: bool) -> None:
    source = "甲\r\n乙"
    loci = (
        # a variant with "\n" alone: the "\r" is deleted (no change to a Word document)
        ExportLocus(
            Locus(1, 2, "\r", {"b": ""}, "omission", {"b": "omission"}, id=1),
            Decision(Status.ACCEPTED, "b", "", "", STAMP),
        ),
        ExportLocus(
            Locus(2, 2, "", {"b": "丙"}, "insertion", {"b": "insertion"}, id=2),
            Decision(Status.ACCEPTED, "b", "丙", "", STAMP),
        ),
    )
    data = ExportInput("t", "/t/a.txt", "utf-8", source, (), (), loci)
    out = docx_bytes(data, tracked=tracked)
    assert view(out, accept=True) == LINE_BREAK.sub("\n", corrected_text(data)) == "甲丙\n乙"
    if tracked:
        assert view(out, accept=False) == "甲\n乙"


# -- refusals ---------------------------------------------------------------------


def test_conflicting_decisions_stop_the_export() -> None:
    source = three_paragraphs()
    data = hand_made(source, (0, 3, "第1段", ""), (1, 2, "1", ""))
    with pytest.raises(ExportError, match="overlaps"):
        docx_bytes(data, tracked=True)


def test_a_document_that_does_not_match_the_text_is_refused() -> None:
    data = hand_made(three_paragraphs(), (0, 1, "甲", ""))
    other = replace(data, source_document=book(), loci=())
    with pytest.raises(ExportError, match="does not match") as caught:
        docx_bytes(other, tracked=False)
    assert "\n" not in str(caught.value)
    damaged = replace(data, source_document=b"PK\x03\x04 not a zip", loci=())
    with pytest.raises(ExportError, match="damaged"):
        docx_bytes(damaged, tracked=False)


def test_a_character_word_cannot_hold_is_refused_with_its_place() -> None:
    data = hand_made(three_paragraphs(), (4, 5, "第\x07", ""))
    with pytest.raises(ExportError, match=r"U\+0007 at line 2, column 1"):
        docx_bytes(data, tracked=True)
    plain = ExportInput("t", "/t/a.txt", "utf-8", "甲\n乙\x0c", (), (), ())
    with pytest.raises(ExportError, match=r"U\+000C at line 2, column 2"):
        docx_bytes(plain, tracked=False)


def test_the_export_never_lands_on_the_project_or_a_source(
    decided: ExportInput, tmp_path: Path
) -> None:
    before = {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for target in (decided.project_path, decided.source_path, tmp_path / "b.txt"):
        with pytest.raises(ExportError, match="it was not overwritten"):
            write_docx(decided, target, tracked=True)
    assert {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    write_docx(decided, tmp_path / "out.docx", tracked=False)
    assert read_word((tmp_path / "out.docx").read_bytes()).text == corrected_text(decided)


def test_unread_parts_of_the_source_are_kept() -> None:
    d = docx.Document()
    d.sections[0].header.add_paragraph("页眉")
    d.add_paragraph("正文甲")
    source = saved(d)
    out = docx_bytes(hand_made(source, (2, 3, "乙", "")), tracked=False)
    assert read_word(out).text == "正文乙"
    header = docx.Document(io.BytesIO(out)).sections[0].header
    assert [p.text for p in header.paragraphs if p.text] == ["页眉"]


# -- the command line -------------------------------------------------------------


def test_cli_exports_a_word_document_both_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = collated(tmp_path, book(), VARIANT)
    ids = loci(project, capsys)
    decide(project, ids["说"], "--accept", "b", "--note", "从乙本")
    plain, tracked = tmp_path / "out.docx", tmp_path / "tracked.docx"
    capsys.readouterr()
    assert main(["export", str(project), "--docx", str(plain)]) == 0
    argv = ["export", str(project), "--docx", str(tracked), "--tracked", "--author", "张三"]
    assert main(argv) == 0
    assert capsys.readouterr().out.endswith(f"wrote {tracked}\n")
    expected = SOURCE.replace("说", "悦")
    assert read_word(plain.read_bytes()).text == expected
    assert view(tracked.read_bytes(), accept=True) == expected
    assert view(tracked.read_bytes(), accept=False) == SOURCE
    authors = xml(tracked.read_bytes()).xpath("//w:ins/@w:author", namespaces=W_NS)
    assert set(authors) == {"张三"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--tracked", "--text", "{out}"], "--tracked goes with --docx"),
        (["--author", "x", "--csv", "{out}"], "--author goes with --docx OUT.docx or --pdf"),
        (["--docx", "{project}"], "project file itself"),
        (["--docx", "{out}", "--text", "{out}"], ""),
    ],
)
def test_cli_errors_are_one_line_and_status_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    project = collated(tmp_path, book(), VARIANT)
    before = project.read_bytes()
    values = {"out": str(tmp_path / "o.docx"), "project": str(project)}
    capsys.readouterr()
    assert main(["export", str(project), *(a.format(**values) for a in argv)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("jiaokan: error: ")
    assert message in err
    assert project.read_bytes() == before
    assert not (tmp_path / "o.docx").exists()


def test_cli_refuses_a_document_that_no_longer_matches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = collated(tmp_path, book(), VARIANT)
    data = export_input(project)
    assert data.source_document is not None
    out = tmp_path / "o.docx"
    bad = replace(data, source_text=data.source_text + "多")
    with pytest.raises(ExportError, match="does not match its source text"):
        write_docx(bad, out, tracked=True)
    assert not out.exists()


@pytest.mark.subprocess
def test_cli_docx_export_in_a_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = collated(tmp_path, book(), VARIANT)
    ids = loci(project, capsys)
    decide(project, ids["时习"], "--accept", "b")
    out = tmp_path / "o.docx"
    done = subprocess.run(
        [sys.executable, "-m", "app", "export", str(project), "--docx", str(out), "--tracked"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert view(out.read_bytes(), accept=True) == SOURCE.replace("时习", "時習")
    again = subprocess.run(
        [sys.executable, "-m", "app", "export", str(project), "--docx", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 2 and again.stderr.count("\n") == 1


# -- any document, any edits ------------------------------------------------------

Spec = list[tuple[str, Any]]
"""A document as drawn: ("table", [cell texts]) or (style, [(text, bold, break after)])."""


def build(spec: Spec) -> bytes:
    d = docx.Document()
    for kind, content in spec:
        if kind == "table":
            table = d.add_table(rows=1, cols=len(content))
            for cell, text in zip(table.rows[0].cells, content, strict=True):
                cell.text = text
            continue
        p = d.add_paragraph(style=kind)
        for text, bold, br in content:
            run = p.add_run(text)
            run.bold = bold
            if br:
                run.add_break()
    return saved(d)


_RUNS = st.lists(
    st.tuples(st.text("甲乙丙ab \t", min_size=1, max_size=4), st.booleans(), st.booleans()),
    max_size=4,
)
_BLOCK = st.one_of(
    st.tuples(st.sampled_from(["Normal", "Heading 1"]), _RUNS),
    st.tuples(st.just("table"), st.lists(st.text("丁戊", max_size=3), min_size=2, max_size=2)),
)


@st.composite
def documents_and_edits(draw: st.DrawFn) -> tuple[Spec, list[tuple[int, int, str]]]:
    """A document of paragraphs of runs (bold, line breaks, a table now and then) and
    non-overlapping edits on its text, some of them over paragraph ends or adding some."""
    spec = draw(st.lists(_BLOCK, min_size=1, max_size=4))
    text = read_word(build(spec)).text
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits: list[tuple[int, int, str]] = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        reading = draw(st.text("子丑\n", max_size=3))
        if reading != text[start:end]:
            edits.append((start, end, reading))
    return spec, edits


@settings(max_examples=150, deadline=None)
@given(documents_and_edits(), st.booleans())
def test_any_document_with_any_edits(
    case: tuple[Spec, list[tuple[int, int, str]]], tracked: bool
) -> None:
    spec, edits = case
    source = build(spec)
    data = hand_made(source, *((s, e, r, "注") for s, e, r in edits))
    out = docx_bytes(data, tracked=tracked)
    expected, text = corrected_text(data), read_word(source).text
    if _keeps_cell_ends(text, source, edits):
        assert view(out, accept=True) == expected
    if tracked:
        assert view(out, accept=False) == text
    else:
        assert not xml(out).xpath("//w:ins | //w:del", namespaces=W_NS)
    assert len(comments(out)) == len(edits)


def _keeps_cell_ends(text: str, source: bytes, edits: list[tuple[int, int, str]]) -> bool:
    """Whether no edit deletes a paragraph end that Word keeps (around a table's cells)."""
    body = body_of(source)
    kept = {
        s.start
        for s in walk(body)
        if s.is_paragraph_end and (s.element.getnext() is None or s.element.getnext().tag != w("p"))
    }
    return not any(start <= k < end for start, end, _ in edits for k in kept)


def rich() -> bytes:
    """A document with what a real one has around its text: a hyperlink, a content
    control, bookmarks between paragraphs, someone's tracked changes, a section break
    ending a paragraph, tabs, breaks, a non-breaking hyphen and a drawing's run."""
    d = docx.Document()
    d.add_paragraph("开头段落")
    end = d.element.body[-1]  # the body's sectPr
    ns = nsdecls("w", "r")
    revision = 'w:author="A" w:date="2020-01-01T00:00:00Z"'
    for fragment in (
        f'<w:p {ns}><w:r><w:t>前</w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:rPr>'
        '<w:u w:val="single"/></w:rPr><w:t>链接文字</w:t></w:r></w:hyperlink>'
        "<w:r><w:t>后</w:t></w:r></w:p>",
        f'<w:bookmarkStart {ns} w:id="0" w:name="b"/>',
        f'<w:p {ns}><w:sdt><w:sdtPr><w:id w:val="5"/></w:sdtPr><w:sdtContent><w:r><w:t>控件内'
        "</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>控件外</w:t></w:r></w:p>",
        f'<w:bookmarkEnd {ns} w:id="0"/>',
        f'<w:p {ns}><w:r><w:t>原有</w:t></w:r><w:ins w:id="90" {revision}><w:r><w:t>插入</w:t>'
        f'</w:r></w:ins><w:del w:id="91" {revision}><w:r><w:delText>删掉</w:delText></w:r>'
        "</w:del><w:r><w:t>尾</w:t></w:r></w:p>",
        f"<w:p {ns}><w:pPr><w:sectPr/></w:pPr><w:r><w:t>节末</w:t></w:r></w:p>",
        f"<w:p {ns}><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:noBreakHyphen/>"
        "<w:t>丁</w:t></w:r><w:r><w:drawing/></w:r><w:r><w:t>戊</w:t></w:r></w:p>",
    ):
        end.addprevious(parse_xml(fragment))
    return saved(d)


RICH = rich()
RICH_TEXT = "开头段落\n前链接文字后\n控件内控件外\n原有插入尾\n节末\n甲\t乙\n丙-丁戊"


@st.composite
def rich_edits(draw: st.DrawFn) -> list[tuple[int, int, str]]:
    cuts = sorted(draw(st.lists(st.integers(0, len(RICH_TEXT)), max_size=8)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        reading = draw(st.text("子丑\n\t", max_size=3))
        if reading != RICH_TEXT[start:end]:
            edits.append((start, end, reading))
    return edits


@settings(max_examples=100, deadline=None)
@given(rich_edits(), st.booleans())
def test_a_rich_document_with_any_edits(edits: list[tuple[int, int, str]], tracked: bool) -> None:
    assert read_word(RICH).text == RICH_TEXT
    data = hand_made(RICH, *((s, e, r, "注") for s, e, r in edits))
    out = docx_bytes(data, tracked=tracked)
    section_end = RICH_TEXT.index("节末") + 2  # a section break: the mark stays
    if not any(s <= section_end < e for s, e, _ in edits):
        assert view(out, accept=True, by=DEFAULT_AUTHOR) == corrected_text(data)
    if tracked:
        assert view(out, accept=False, by=DEFAULT_AUTHOR) == RICH_TEXT
    root = xml(out)
    ids = [e.get(w("id")) for e in root.iter(w("ins"), w("del"), w("bookmarkStart"))]
    assert len(ids) == len(set(ids))
    assert b"urn:jiaokan" not in zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml")
    # someone else's revisions stay (an insertion split with its paragraph is two)
    theirs = root.xpath("//w:del[@w:author='A']//w:delText/text()", namespaces=W_NS)
    assert "".join(theirs) == "删掉"
    assert root.xpath("//w:ins[@w:author='A']", namespaces=W_NS)


# -- the real copies ----------------------------------------------------------------


def test_corpus_copy_as_word_accepts_to_the_corrected_text_and_rejects_to_the_source(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Copy A of the shared corpus as a Word document (a heading, each paragraph in two
    runs, every third one bold) against copy B, every divergence taken from B: the
    corrected document reads as the corrected text, the tracked one accepts to it and
    rejects to the source, and the runs around the changes keep their formatting."""
    text = (corpus / "000_3cf06c38faf44306.txt").read_text(encoding="utf-8")
    document = docx.Document()
    first, *lines = text.split("\n")
    document.add_heading(first, level=1)
    for n, line in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.add_run(line[: len(line) // 2])
        paragraph.add_run(line[len(line) // 2 :]).bold = n % 3 == 0
    variant = (corpus / "002_4ea96290340b9324.txt").read_text(encoding="utf-8")
    project = collated(tmp_path, saved(document), variant)
    capsys.readouterr()
    assert main(["loci", str(project), "--json"]) == 0
    every = [str(d["id"]) for d in json.loads(capsys.readouterr().out)["divergences"]]
    assert len(every) > 50
    assert main(["decide", str(project), *every, "--accept", "b"]) == 0
    data = export_input(project)
    corrected = corrected_text(data)
    assert corrected != data.source_text
    plain = tmp_path / "corrected.docx"
    tracked = tmp_path / "tracked.docx"
    assert main(["export", str(project), "--docx", str(plain)]) == 0
    assert main(["export", str(project), "--docx", str(tracked), "--tracked"]) == 0
    assert read_word(plain.read_bytes(), "c.docx").text == corrected
    assert view(tracked.read_bytes(), accept=True) == corrected
    assert view(tracked.read_bytes(), accept=False) == data.source_text
    runs = list(xml(plain.read_bytes()).iter(w("r")))
    assert any(r.find(f"{w('rPr')}/{w('b')}") is not None for r in runs), "bold is kept"
