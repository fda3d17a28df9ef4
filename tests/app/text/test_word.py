"""Reading Word documents: the body's text as Word shows it, every character's place, and
a one-line refusal for anything that is not a readable ``.docx``."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli.main import main
from app.text.loading import LoadError, load_text
from app.text.word import WORD_FORMAT, Place, WordError, open_document, read_word, walk


def _bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph_xml(inner: str) -> object:
    """A ``w:p`` from the XML of its content (runs, hyperlinks, revisions…)."""
    math = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    return parse_xml(f"<w:p {nsdecls('w', 'r')} {math}>{inner}</w:p>")


def _with_paragraphs(*inner: str) -> bytes:
    document = docx.Document()
    body = document.element.body
    for xml in inner:
        body.insert(len(body) - 1, _paragraph_xml(xml))  # before the section properties
    return _bytes(document)


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_paragraphs_and_runs_read_in_order_with_their_places() -> None:
    document = docx.Document()
    document.add_paragraph("天地玄黄，")
    paragraph = document.add_paragraph()
    paragraph.add_run("宇宙").bold = True
    paragraph.add_run("洪荒 Hong").italic = True
    word = read_word(_bytes(document))
    assert word.text == "天地玄黄，\n宇宙洪荒 Hong"
    assert word.place(0) == Place(0, 0, 0)
    assert word.place(5) == Place(0, -1, 0)  # the paragraph's end
    assert word.place(6) == Place(1, 0, 0)
    assert word.place(8) == Place(1, 1, 0)
    assert word.place(13) == Place(1, 1, 5)
    with pytest.raises(IndexError):
        word.place(len(word.text))


def test_table_cells_are_read_row_by_row_between_the_paragraphs() -> None:
    document = docx.Document()
    document.add_paragraph("前")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "甲", (0, 1): "乙", (1, 0): "丙", (1, 1): "丁"}.items():
        table.cell(row, col).text = text
    inner = table.cell(1, 1).add_table(rows=1, cols=1)  # a nested table
    inner.cell(0, 0).text = "戊"
    document.add_paragraph("后")
    assert read_word(_bytes(document)).text == "前\n甲\n乙\n丙\n丁\n戊\n\n后"


def test_tabs_and_line_breaks_are_characters_page_breaks_are_not() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("一")
    run.add_tab()
    run.add_text("二")
    run.add_break()
    run.add_text("三")
    run.add_break(WD_BREAK.PAGE)
    run.add_text("四")
    assert read_word(_bytes(document)).text == "一\t二\n三四"


def test_text_as_word_shows_it_with_changes_accepted() -> None:
    data = _with_paragraphs(
        # a hyperlink's runs, a tracked insertion, not a tracked deletion
        _run("甲")
        + f'<w:hyperlink r:id="rId99">{_run("乙")}</w:hyperlink>'
        + f'<w:ins w:id="1" w:author="a">{_run("丙")}</w:ins>'
        + '<w:del w:id="2" w:author="a"><w:r><w:delText>删</w:delText></w:r></w:del>'
        + f'<w:moveFrom w:id="3" w:author="a">{_run("移")}</w:moveFrom>',
        # a field: its result, not its instruction; a content control's runs
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _run("7")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + f"<w:sdt><w:sdtContent>{_run('丁')}</w:sdtContent></w:sdt>",
        # ruby: the characters, not the pinyin over them; a non-breaking hyphen
        "<w:ruby><w:rubyPr/><w:rt>" + _run("zhōng") + "</w:rt>"
        "<w:rubyBase>" + _run("中") + "</w:rubyBase></w:ruby>"
        "<w:r><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t><w:softHyphen/></w:r>",
    )
    assert read_word(data).text == "甲乙丙\n7丁\n中A-B"


def test_every_place_leads_back_to_its_character() -> None:
    """The offset map round-trips: walk the document again, find each place's run, and
    the character there is the text's."""
    document = docx.Document()
    for n in range(4):
        paragraph = document.add_paragraph()
        for k in range(3):
            run = paragraph.add_run(f"第{n}段{k}，")
            run.bold = k == 1
            if k == 2:
                run.add_tab()
                run.add_text("尾")
    document.add_table(rows=1, cols=2).cell(0, 1).text = "格中"
    data = _bytes(document)
    word = read_word(data)
    runs: dict[tuple[int, int], str] = {}
    for segment in walk(docx.Document(io.BytesIO(data)).element.body):
        key = (segment.paragraph, segment.run)
        assert runs.get(key, "") == "" or segment.offset == len(runs[key])
        runs[key] = runs.get(key, "") + segment.text
    for index, char in enumerate(word.text):
        place = word.place(index)
        assert runs[(place.paragraph, place.run)][place.offset] == char


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet="天地玄黄 ab\t，", min_size=0, max_size=6), max_size=4),
        min_size=1,
        max_size=5,
    )
)
def test_any_document_reads_as_its_paragraphs_joined(paragraphs: list[list[str]]) -> None:
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text in runs:
            paragraph.add_run(text)  # python-docx writes a tab as w:tab
    word = read_word(_bytes(document))
    assert word.text == "\n".join("".join(runs) for runs in paragraphs)
    for index, char in enumerate(word.text):
        place = word.place(index)
        if place.run == -1:  # a paragraph's end
            assert char == "\n" and place.paragraph < len(paragraphs) - 1
        else:
            assert paragraphs[place.paragraph][place.run][place.offset] == char


def test_unread_parts_are_named_only_when_they_hold_text() -> None:
    document = docx.Document()
    document.add_paragraph("正文")
    assert read_word(_bytes(document)).unread == ()
    document.sections[0].header.paragraphs[0].text = "页眉"
    document.sections[0].footer.paragraphs[0].text = "第一页"
    document.add_comment(document.paragraphs[0].runs, "批注", author="校者")
    body = document.element.body
    body.insert(
        0,
        _paragraph_xml(
            '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
            f"<w:txbxContent><w:p>{_run('框中')}</w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r>"
            "<m:oMath><m:r><m:t>x</m:t></m:r></m:oMath>"
        ),
    )
    word = read_word(_bytes(document))
    assert [m.id for m in word.unread] == [
        "word.unread.headers",
        "word.unread.footers",
        "word.unread.comments",
        "word.unread.text-boxes",
        "word.unread.equations",
    ]
    assert "框中" not in word.text and "x" not in word.text and word.text.endswith("正文")


def test_empty_headers_are_not_named() -> None:
    document = docx.Document()
    document.add_paragraph("正文")
    document.sections[0].header.paragraphs[0].text = "  "
    assert read_word(_bytes(document)).unread == ()


def test_load_text_reads_a_word_document_whatever_its_name(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("天地玄黄")
    data = _bytes(document)
    path = tmp_path / "002_4ea96290340b9324"  # no suffix at all
    path.write_bytes(data)
    loaded = load_text(path, encoding="gb18030")  # an encoding means nothing to Word
    assert (loaded.text, loaded.encoding, loaded.document) == ("天地玄黄", WORD_FORMAT, data)
    assert loaded.is_word and loaded.word is not None and loaded.unread == ()
    plain = tmp_path / "plain.txt"
    plain.write_text("天地", encoding="utf-8")
    assert not load_text(plain).is_word and load_text(plain).document is None


BODIES = {
    "blank text": b"<w:p><w:r><w:t> </w:t></w:r></w:p>\n  <w:p><w:r><w:t>a</w:t><w:t>  </w:t>"
    b"<w:t xml:space='preserve'> b </w:t></w:r></w:p>",
    "indented": b"<w:p>\n <w:r>\n  <w:t>x</w:t>\n  <w:tab/>\n </w:r>\n</w:p>\n<w:tbl><w:tr>"
    b"<w:tc><w:p><w:r><w:t>\n</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    "comment and CDATA": b"<w:p><w:r><w:t>a<!-- c -->b</w:t></w:r></w:p><w:p><w:r><w:t>"
    b"<![CDATA[<x>]]></w:t></w:r></w:p>",
    "a second body": b"<w:p><w:r><w:t>1</w:t></w:r></w:p></w:body><w:body><w:p><w:r><w:t>2"
    b"</w:t></w:r></w:p>",
}


@pytest.mark.parametrize("case", list(BODIES))
def test_reading_and_the_export_take_the_same_text(case: str) -> None:
    """The reading parses the body as it streams, the export the whole document with
    python-docx: whitespace, comments, CDATA and a second body read alike in both."""
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        f'relationships+xml"/><Override PartName="/word/document.xml" ContentType="{main}"/>'
        "</Types>"
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    )
    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = b"<w:document " + w + b"><w:body>" + BODIES[case] + b"</w:body></w:document>"
    data = _zip(
        **{"[Content_Types].xml": types.encode(), "_rels/.rels": rels.encode()},
        **{"word/document.xml": document},
    )
    exported = "".join(s.text for s in walk(open_document(data).element.body))
    assert read_word(data).text == exported


def _zip(**members: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _spreadsheet() -> bytes:
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    return _zip(**{"[Content_Types].xml": types, "xl/workbook.xml": b"<workbook/>"})


def _damaged_xml() -> bytes:
    document = docx.Document()
    document.add_paragraph("天地")
    good = zipfile.ZipFile(io.BytesIO(_bytes(document)))
    members = {info.filename: good.read(info) for info in good.infolist()}
    members["word/document.xml"] = members["word/document.xml"][:200]  # cut mid-tag
    return _zip(**members)


def _word_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("天地")
    return _bytes(document)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REFUSED = {
    "encrypted": (OLE + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"), "is an encrypted"),
    "old .doc": (OLE + b"\0" * 64 + "WordDocument".encode("utf-16-le"), r"\(\.doc\)"),
    "truncated": (_word_bytes()[:1000], "is a damaged Word document"),
    "damaged XML": (_damaged_xml(), "is a damaged Word document"),
    "spreadsheet": (_spreadsheet(), "is not a Word document"),
    "other zip": (_zip(**{"a.txt": b"x"}), "is not a Word document"),
    "zip bomb": (b"", "is too large to read as a Word document"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_what_is_not_a_readable_word_document_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    data, expected = REFUSED[case]
    if case == "zip bomb":
        monkeypatch.setattr("app.text.word_package.MAX_UNPACKED_BYTES", 1000)
        data = _word_bytes()
    path = tmp_path / "甲本.docx"
    path.write_bytes(data)
    with pytest.raises(LoadError, match=expected) as err:
        load_text(path)
    assert str(err.value).startswith(f"'{path}'") and "\n" not in str(err.value)
    with pytest.raises(WordError):
        read_word(data)


def test_the_command_line_collates_a_word_document_and_notes_what_it_did_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = docx.Document()
    document.add_paragraph("天地玄黄，")
    document.add_paragraph().add_run("宇宙洪荒。").bold = True
    document.sections[0].header.paragraphs[0].text = "千字文"
    source = tmp_path / "千字文.docx"
    source.write_bytes(_bytes(document))
    variant = tmp_path / "ocr.txt"
    variant.write_text("天地玄皇，\n宇宙洪荒。", encoding="utf-8")
    assert main(["collate", str(source), str(variant), "--json"]) == 0
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert doc["source"]["encoding"] == "docx" and doc["source"]["chars"] == 11
    assert [d["source_text"] for d in doc["divergences"]] == ["黄"]
    assert err == f"jiaokan: note: '{source}': not read: headers\n"


def test_the_command_line_refuses_a_damaged_word_document_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "甲.docx"
    source.write_bytes(_word_bytes()[:900])
    variant = tmp_path / "乙.txt"
    variant.write_text("天地", encoding="utf-8")
    assert main(["collate", str(source), str(variant)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(f"jiaokan: error: '{source}' is a damaged Word document (")
