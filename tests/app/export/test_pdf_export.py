"""Proof marks on a PDF proof (``export --pdf``), read back by PDFium and pikepdf."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from app.cli.main import main
from app.export.data import ExportError
from app.export.pdf import marked_pdf
from app.project.project import Project
from app.text.pdf import read_pdf
from tests.helpers.paths import PDF_FIXTURES

FIXTURES = PDF_FIXTURES


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture proof collated against its manuscript, the four slips decided:
    位 accepted with a note, the missing 党 accepted, the swap rejected, 囗 edited."""
    for name in ("proof.pdf", "manuscript.docx"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    path = tmp_path / "p.jkproj"
    argv = ["collate", str(tmp_path / "proof.pdf"), str(tmp_path / "manuscript.docx")]
    assert main([*argv, "--project", str(path)]) == 0
    with Project.open(path) as opened:
        ids = {loc.source_text: loc.id for loc in opened.loci}
    decide = ["decide", str(path)]
    assert main([*decide, str(ids["位"]), "--accept", "manuscript", "--note", "据原稿改"]) == 0
    assert main([*decide, str(ids[""]), "--accept", "manuscript"]) == 0
    assert main([*decide, str(ids["人心温暖"]), "--reject"]) == 0
    assert main([*decide, str(ids["囗"]), "--reading", "口"]) == 0
    return path


def _annotations(data: bytes) -> list[dict[str, object]]:
    """Every annotation as PDFium reads it: page, subtype, author, contents, rect."""
    document = pdfium.PdfDocument(data)
    found = []
    for index in range(len(document)):
        page = document[index]
        for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            annot = raw.FPDFPage_GetAnnot(page.raw, k)
            subtype = raw.FPDFAnnot_GetSubtype(annot)
            fields = {}
            for key in ("T", "Contents", "Subj", "NM", "M"):
                fields[key] = _string(annot, key)
            has_ap = raw.FPDFAnnot_GetAP(annot, raw.FPDF_ANNOT_APPEARANCEMODE_NORMAL, None, 0)
            found.append({"page": index + 1, "subtype": subtype, "ap": has_ap > 2, **fields})
            raw.FPDFPage_CloseAnnot(annot)
    document.close()
    return found


def _string(annot: object, key: str) -> str:
    import ctypes

    size = raw.FPDFAnnot_GetStringValue(annot, key.encode(), None, 0)
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFAnnot_GetStringValue(
        annot, key.encode(), ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size
    )
    return buffer.raw[: max(0, size - 2)].decode("utf-16-le")


def test_one_mark_per_accepted_or_edited_divergence(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "marked.pdf"
    assert main(["export", str(project), "--pdf", str(out), "--author", "校对者 李"]) == 0
    marks = _annotations(out.read_bytes())
    kinds = {
        raw.FPDF_ANNOT_STRIKEOUT: "StrikeOut",
        raw.FPDF_ANNOT_CARET: "Caret",
        raw.FPDF_ANNOT_TEXT: "Text",
    }
    seen = sorted((kinds[m["subtype"]], m["Contents"], m["page"]) for m in marks)
    assert seen == [
        ("Caret", "党（漏字）", 3),
        ("StrikeOut", "元（错字）", 1),
        ("StrikeOut", "口（形近）", 3),
        ("Text", "据原稿改", 1),
    ]
    assert {m["T"] for m in marks} == {"校对者 李"}
    assert all(m["ap"] for m in marks)  # an appearance stream each: every viewer draws them
    assert all(str(m["M"]).startswith("D:20") for m in marks)


def test_the_page_content_is_untouched(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "marked.pdf"
    assert main(["export", str(project), "--pdf", str(out)]) == 0
    proof = (FIXTURES / "proof.pdf").read_bytes()
    assert read_pdf(out.read_bytes()).text == read_pdf(proof).text
    with pikepdf.open(out) as marked, pikepdf.open(FIXTURES / "proof.pdf") as original:
        for a, b in zip(marked.pages, original.pages, strict=True):
            assert _content(a) == _content(b)
        annots = [x for p in marked.pages for x in p.obj.get("/Annots", [])]
        reply = next(x for x in annots if x.Subtype == "/Text")
        assert reply.IRT.Subtype == "/StrikeOut" and reply.RT == "/R"


def _content(page: pikepdf.Page) -> bytes:
    contents = page.obj.Contents
    if isinstance(contents, pikepdf.Array):
        return b"".join(bytes(s.read_bytes()) for s in contents)
    return bytes(contents.read_bytes())


def test_the_strike_out_covers_the_slip(project: Path) -> None:
    with Project.open(project, read_only=True) as opened:
        data = opened.export_input()
    with pikepdf.open(__import__("io").BytesIO(marked_pdf(data))) as pdf:
        annots = [a for p in pdf.pages for a in p.obj.get("/Annots", [])]
        strike = next(a for a in annots if a.Subtype == "/StrikeOut")
        quads = [float(v) for v in strike.QuadPoints]
    page = pdfium.PdfDocument(data.source_document)[0]
    textpage = page.get_textpage()
    found = textpage.search("基本单位").get_next()
    assert found is not None
    left, bottom, right, top = textpage.get_charbox(found[0] + 3, loose=True)  # 位
    assert quads[0] <= (left + right) / 2 <= quads[2] and quads[5] <= (bottom + top) / 2 <= quads[1]


def test_a_source_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    source, copy = tmp_path / "a.txt", tmp_path / "b.txt"
    source.write_text("天地玄黄", "utf-8")
    copy.write_text("天地玄皇", "utf-8")
    path = tmp_path / "p.jkproj"
    assert main(["collate", str(source), str(copy), "--project", str(path)]) == 0
    with Project.open(path, read_only=True) as opened, pytest.raises(ExportError) as caught:
        marked_pdf(opened.export_input())
    assert "not a PDF" in str(caught.value)


def test_loci_json_gives_page_and_boxes_as_collate_does(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    capsys.readouterr()
    assert main(["loci", str(project), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert sorted(d["page"] for d in doc["divergences"]) == [1, 3, 3, 3]
    assert all(d["boxes"] for d in doc["divergences"])
