"""Reading a PDF proof: reading order, running heads, joins, the page map, the CLI's JSON.

The proof in tests/pdf/fixtures was typeset by LibreOffice from the manuscript
beside it with four known slips (tests/pdf/make_fixtures.py regenerates both);
the small Latin PDFs are drawn here by PDFium in a chosen drawing order.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest

from app.cli.main import main
from app.collation.collate import collate
from app.text.loading import load_text
from app.text.normalize import ALL_RULES
from app.text.pages import Box
from app.text.pdf import PdfError, read_pdf
from tests.helpers.paths import PDF_FIXTURES
from tests.pdf.drawn import drawn_pdf
from tests.pdf.manuscript import SMALL, SMALL_SLIPS

FIXTURES = PDF_FIXTURES
PROOF = FIXTURES / "proof.pdf"
MANUSCRIPT = FIXTURES / "manuscript.docx"


def _pdfium_page_of(data: bytes, needle: str) -> tuple[int, Box]:
    """The page (1-based) and box of ``needle``'s first character as PDFium's own search
    finds it: a check independent of the reader's reading order."""
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            searcher = textpage.search(needle)
            found = searcher.get_next()
            if found is not None:
                first = found[0]
                left, bottom, right, top = textpage.get_charbox(first, loose=True)
                return index + 1, Box(left, bottom, right, top)
    finally:
        document.close()
    raise AssertionError(f"{needle!r} is not in the PDF")


def test_the_proof_collates_to_exactly_its_slips_each_on_its_page() -> None:
    proof = load_text(PROOF)
    manuscript = load_text(MANUSCRIPT)
    result = collate(proof.text, [("manuscript", manuscript.text)], ALL_RULES)
    pairs = sorted((loc.source_text, loc.readings["manuscript"]) for loc in result.loci)
    # the slips as the proof has them against the manuscript's reading
    assert pairs == sorted([("位", "元"), ("", "党"), ("人心温暖", "温暖人心"), ("囗", "口")])
    assert proof.pdf is not None
    for locus in result.loci:
        where = proof.pdf.pages.where(locus.start, locus.end)
        needle = {"位": "基本单位", "": "各级组织", "人心温暖": "人心温暖", "囗": "新街囗"}
        page, box = _pdfium_page_of(proof.document or b"", needle[locus.source_text])
        assert where.page == page
        # the divergence's boxes stand on the line PDFium found the slip on
        assert any(b.bottom <= box.top and box.bottom <= b.top for b in where.boxes)


def test_running_heads_and_page_numbers_are_left_out_and_said() -> None:
    proof = load_text(PROOF)
    assert [str(part) for part in proof.unread] == ["running heads", "page numbers"]
    assert SMALL.head not in proof.text
    lines = proof.text.split("\n")
    assert not any(line.strip().isdigit() for line in lines)
    assert proof.text.startswith("第一之1节")


def test_the_table_is_read_row_by_row_and_the_columns_column_by_column() -> None:
    text = load_text(PROOF).text
    cells = [cell for row in SMALL.slipped(SMALL_SLIPS).table for cell in row]
    assert "\n".join(cells) in text  # each cell its own line, as in the manuscript
    columns = [text.index(p[:4]) for p in SMALL.columns]
    assert columns == sorted(columns)


def test_chinese_lines_join_with_nothing_and_ideographic_spaces_stay() -> None:
    text = load_text(PROOF).text
    lines = text.split("\n")
    assert SMALL.body[0].replace("基本单元", "基本单位") in lines  # the slip, in its line
    for paragraph in SMALL.body[1:6]:  # each a paragraph of its own, run over 2–3 lines
        assert paragraph in lines


def test_reading_order_does_not_follow_drawing_order() -> None:
    """The proof's text blocks drawn in reverse order read the same (pikepdf reorders)."""
    original = PROOF.read_bytes()
    with pikepdf.open(io.BytesIO(original)) as pdf:
        for page in pdf.pages:
            instructions = pikepdf.parse_content_stream(page)
            blocks: list[list[Any]] = []
            other: list[Any] = []
            current: list[Any] | None = None
            for instruction in instructions:
                op = str(instruction.operator)
                if op == "BT":
                    current = [instruction]
                elif current is not None:
                    current.append(instruction)
                    if op == "ET":
                        blocks.append(current)
                        current = None
                else:
                    other.append(instruction)
            shuffled = other + [i for block in reversed(blocks) for i in block]
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(shuffled))
        out = io.BytesIO()
        pdf.save(out)
    assert read_pdf(out.getvalue()).text == read_pdf(original).text


def test_columns_drawn_right_first_and_a_quote_drawn_last_read_in_order() -> None:
    data = drawn_pdf(
        [
            [
                (320, 700, "second column begins"),
                (72, 700, "first column line one,"),
                (72, 686, "its line two and then"),
                (320, 686, "and ends too."),
                (76, 672, "He said it."),
                (72, 672, "\u201c"),  # the opening quote, drawn after the line it opens
            ]
        ]
    )
    text = read_pdf(data).text
    parts = ["first column line one", "its line two", "\u201cHe said it.", "second column", "ends"]
    assert [text.index(part) for part in parts] == sorted(text.index(part) for part in parts)


def test_hyphenation_justification_and_word_spaces() -> None:
    lines = [(72, 700, "hyphenated words are care-"), (72, 686, "fully  joined   again, well-")]
    data = drawn_pdf([[*lines, (72, 672, "Known stays")]])
    assert read_pdf(data).text == "hyphenated words are carefully joined again, well-Known stays"


def test_a_number_counting_with_the_pages_is_a_page_number_a_lone_number_is_text() -> None:
    body = [(72, 700 - 14 * k, f"line {k} of a page of body text here") for k in range(6)]
    pages = [[*body, (300, 40, str(n))] for n in (7, 8, 9)]
    read = read_pdf(drawn_pdf(pages))
    assert [str(p) for p in read.unread] == ["page numbers"]
    assert "7" not in read.text and "9" not in read.text
    single = read_pdf(drawn_pdf([[*body, (300, 650, "42")]]))
    assert single.text.endswith("42") and single.unread == ()


def test_front_matter_in_roman_numerals_and_the_body_in_dashed_arabic_are_page_numbers() -> None:
    body = [(72, 700 - 14 * k, f"text {'abcde'[k]} of a page that reads on") for k in range(5)]
    numbers = ["i", "ii", "iii", "- 1 -", "- 2 -", "- 3 -"]
    read = read_pdf(drawn_pdf([[*body, (300, 40, n)] for n in numbers]))
    assert [str(p) for p in read.unread] == ["page numbers"]
    assert not any(n.strip("- ") in read.text.split() for n in numbers)


def test_the_page_map_places_points_and_spans() -> None:
    read = read_pdf(drawn_pdf([[(72, 700, "abc def"), (72, 600, "ghi")], [(72, 700, "jkl")]]))
    assert read.text == "abc def\nghi\njkl"
    pages = read.pages
    assert pages.page_count == 2
    where = pages.where(4, 7)
    assert where.page == 1 and len(where.boxes) == 1 and where.boxes[0].left > 72
    across = pages.where(8, 15)  # "ghi\njkl": onto page 2
    assert across.page == 1 and across.continued[0][0] == 2
    point = pages.where(3, 3)  # after "abc": a box of no width at c's right edge
    assert point.is_point and point.boxes[0].left == pytest.approx(pages.box(2).right)  # type: ignore[union-attr]
    after_break = pages.where(8, 8)  # the start of "ghi": before g, on its line
    assert after_break.boxes[0].left == pytest.approx(72, abs=0.5) and after_break.line == 2


def test_collate_json_gives_page_and_boxes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collate", str(PROOF), str(MANUSCRIPT), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["source"]["encoding"] == "pdf"
    for entry in doc["divergences"]:
        assert entry["page"] >= 1
        for box in entry["boxes"]:
            left, bottom, right, top = box
            assert left <= right and bottom < top
    # a PDF witness: its reading's place under witness_pages
    assert main(["collate", str(MANUSCRIPT), str(PROOF), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert all("page" not in entry for entry in doc["divergences"])
    assert {e["witness_pages"]["proof"]["page"] for e in doc["divergences"]} >= {1}


def test_the_table_shows_page_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collate", str(PROOF), str(MANUSCRIPT)]) == 0
    out, err = capsys.readouterr()
    assert "page" in out.splitlines()[4] and " 1:1 " in out
    assert "proof.pdf': not read: running heads, page numbers" in err


def test_ligatures_are_spelt_out() -> None:
    from app.text import pdf

    chars = pdf._spelt("\ufb01", (0.0, 0.0, 10.0, 10.0), 0.0, 0.0, 10.0, 10.0)
    assert [c.char for c in chars] == ["f", "i"]
    assert chars[0].right == pytest.approx(chars[1].left)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n",
        b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF",
        b"%PDF-" + b"\0" * 64,
    ],
)
def test_damaged_pdf_is_one_error(data: bytes) -> None:
    with pytest.raises(PdfError) as caught:
        read_pdf(data, "'x.pdf'")
    assert "'x.pdf'" in str(caught.value) and "\n" not in str(caught.value)
