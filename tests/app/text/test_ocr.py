"""A scanned page as a text: read by the bundled OCR models, every character placed.

The page (``tests/ocr/fixtures/page.png``, made by ``tests/ocr/make_fixtures.py``)
is cut from the committed LibreOffice proof and drawn at 300 dpi; ``page.txt`` is
what the proof's text layer reads there.  These run the real models (a second or
two a page): the slow checks on rough multi-page scans are ``make ocr-check``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import subprocess
import sys
from array import array
from pathlib import Path

import pytest
from PIL import Image

import app.text.ocr as ocr_module
from app.cli.main import main as jiaokan
from app.collation.collate import collate
from app.project.places import stored_pages
from app.project.project import Project
from app.text import ocr_engine, scan_reading
from app.text.loading import LoadError, load_text
from app.text.ocr import (
    LOW_CONFIDENCE,
    OCR_FORMAT,
    OcrResult,
    confusable,
    doubt,
    low_confidence,
    scan_text,
)
from app.text.pages import PageMap
from tests.conftest import ROOT
from tests.helpers.paths import OCR_FIXTURES

FIXTURES = OCR_FIXTURES
PAGE = FIXTURES / "page.png"
TEXT = (FIXTURES / "page.txt").read_text("utf-8")
DPI = 300


def exact_divergences(text: str) -> list[tuple[str, str]]:
    """Where ``text`` differs from what the proof's text layer reads, compared exactly
    (the paragraph breaks and spaces, the marks' widths)."""
    result = collate(TEXT.rstrip("\n"), [("scan", text.rstrip("\n"))], ())
    return [(loc.source_text, loc.readings["scan"]) for loc in result.loci]


@pytest.fixture
def page(tmp_path: Path) -> Path:
    copy = tmp_path / "扫描.png"
    copy.write_bytes(PAGE.read_bytes())
    return copy


def test_a_scanned_page_reads_as_the_proof_it_was_drawn_from(page: Path) -> None:
    loaded = load_text(page)
    assert loaded.encoding == OCR_FORMAT and loaded.scan is not None
    assert loaded.document == PAGE.read_bytes()
    assert exact_divergences(loaded.text) == []  # Chinese, English, the ideographic spaces
    assert "单位" in loaded.text  # the proof's slip is read as the proof has it


def test_each_character_has_its_box_in_points_and_a_confidence(page: Path) -> None:
    loaded = load_text(page)
    pages = loaded.pages
    assert pages is not None and pages.confidence is not None
    with Image.open(PAGE) as image:
        width, height = image.size
    # a PNG keeps its resolution in pixels per metre: 299.9994 dpi
    ((page_width, page_height),) = pages.page_sizes
    assert page_width == pytest.approx(width * 72 / DPI, rel=1e-3)
    assert page_height == pytest.approx(height * 72 / DPI, rel=1e-3)
    text = loaded.text
    boxed = [k for k in range(len(text)) if pages.box(k) is not None]
    # every character seen has its box; the spaces between words and the paragraph break
    # are the layout's, as in a PDF's text
    assert boxed == [k for k, char in enumerate(text) if not char.isspace() or char == "\u3000"]
    for k in boxed:
        box = pages.box(k)
        assert box is not None
        assert 0 <= box.left < box.right <= width * 72 / DPI
        assert 0 <= box.bottom < box.top <= height * 72 / DPI
        assert 0.0 < pages.confidence[k] <= 1.0
    # reading order: the first paragraph's characters run left to right, its lines top down
    first, second = text.index("第一之1节"), text.index("第一之2节")
    box_first, box_second = pages.box(first), pages.box(second)
    assert box_first is not None and box_second is not None
    assert box_first.top > box_second.top
    where = pages.where(text.index("单位"), text.index("单位") + 2)
    assert where.page == 1 and len(where.boxes) == 1
    # 单位 is a tenth of the way along the first line: two characters of 10.5 points
    assert where.boxes[0].right - where.boxes[0].left == pytest.approx(21, abs=4)


@pytest.mark.parametrize("kind", ["jpeg", "tiff", "pdf"])
def test_jpeg_multipage_tiff_and_a_pdf_without_text_read_alike(tmp_path: Path, kind: str) -> None:
    with Image.open(PAGE) as image:
        grey = image.convert("L")
        path = tmp_path / f"scan.{kind}"
        if kind == "jpeg":
            grey.save(path, quality=90, dpi=(DPI, DPI))
        elif kind == "tiff":  # two pages: the page, and again lower down on a taller one
            lower = Image.new("L", (grey.width, grey.height + 240), 255)
            lower.paste(grey, (0, 240))
            grey.save(path, save_all=True, append_images=[lower], compression="tiff_deflate",
                      dpi=(DPI, DPI))  # fmt: skip
        else:
            grey.save(path, resolution=DPI)  # a PDF of one picture: no text layer
    loaded = load_text(path)
    assert loaded.encoding == OCR_FORMAT
    pages = loaded.pages
    assert pages is not None
    if kind == "tiff":
        assert pages.page_count == 2
        second = next(k for k in range(len(loaded.text)) if pages.page(k) == 2)
        assert exact_divergences(loaded.text[:second]) == []
        assert exact_divergences(loaded.text[second:]) == []
        assert pages.page(len(loaded.text) - 1) == 2
    else:
        assert pages.page_count == 1 and exact_divergences(loaded.text) == []
    width = pages.page_sizes[0][0]
    assert width == pytest.approx(1900 * 72 / DPI, rel=0.01)


def test_a_scan_is_read_once_then_from_memory_and_the_user_cache(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan_reading.forget_memory()  # read by an earlier test: read it here
    first = load_text(page)
    digest = hashlib.sha256(PAGE.read_bytes()).hexdigest()
    assert (scan_reading.cache_folder() / digest).is_file()

    def no_ocr(*_args: object, **_kwargs: object) -> OcrResult:
        raise AssertionError("read by OCR again")

    monkeypatch.setattr(scan_reading, "read_pages", no_ocr)
    assert load_text(page).text == first.text  # memory
    scan_reading.forget_memory()
    assert load_text(page).text == first.text  # the user's cache folder


def test_no_network_is_needed_to_load_the_models_and_read(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The models are the package's own files: a fresh engine reads with every socket
    refused (``make ocr-check`` also reads a scan with the network cut off: unshare -n)."""

    def refused(*_args: object, **_kwargs: object) -> None:
        raise OSError("the network is cut off")

    monkeypatch.setattr(socket.socket, "connect", refused)
    monkeypatch.setattr(socket, "create_connection", refused)
    monkeypatch.setattr(socket, "getaddrinfo", refused)
    monkeypatch.setattr(ocr_engine, "_ENGINE", None)
    scan_reading.forget_memory()
    monkeypatch.setattr(scan_reading, "cache_folder", lambda: page.parent / "no-cache")
    loaded = load_text(page)
    assert exact_divergences(loaded.text) == []


def test_the_reading_round_trips_and_a_damaged_one_is_read_again(page: Path) -> None:
    loaded = load_text(page)
    assert loaded.scan is not None
    result = loaded.scan.result
    data = result.to_bytes()
    assert OcrResult.from_bytes(data) == result
    assert scan_text(OcrResult.from_bytes(data) or result).text == loaded.text
    assert OcrResult.from_bytes(data[:-10]) is None
    assert OcrResult.from_bytes(b"not zlib") is None
    bomb = __import__("zlib").compress(b" " * (ocr_module.MAX_SERIALIZED + 1))
    assert OcrResult.from_bytes(bomb) is None


def test_a_project_keeps_the_reading_and_reopens_without_ocr(
    page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    manuscript = page.parent / "原稿.txt"
    manuscript.write_text(TEXT.replace("单位", "单元"), encoding="utf-8")
    project = page.parent / "p.jkproj"
    argv = ["collate", str(page), str(manuscript), "--json", "--project", str(project)]
    assert jiaokan(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    (slip,) = doc["divergences"]
    assert (slip["source_text"], slip["readings"]["原稿"]) == ("位", "元")
    assert slip["page"] == 1 and len(slip["boxes"]) == 1 and 0 < slip["confidence"] <= 1

    def no_ocr(*_args: object, **_kwargs: object) -> OcrResult:
        raise AssertionError("read by OCR again")

    monkeypatch.setattr(scan_reading, "read_pages", no_ocr)
    scan_reading.forget_memory()
    page.unlink()  # the scan is gone: the project has what OCR read of it
    with Project.open(project, read_only=True) as opened:
        pages = stored_pages(opened.file, opened.source)
        assert pages is not None and pages.confidence is not None
        assert opened.file.document(opened.source.sha256) == PAGE.read_bytes()
    assert jiaokan(["loci", str(project), "--json"]) == 0
    (again,) = json.loads(capsys.readouterr().out)["divergences"]
    assert again["boxes"] == slip["boxes"] and again["page"] == 1


def test_a_witness_scan_has_its_places_under_witness_pages(
    page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manuscript = page.parent / "原稿.txt"
    manuscript.write_text(TEXT.replace("单位", "单元").replace("——", ""), encoding="utf-8")
    assert jiaokan(["collate", str(manuscript), str(page), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (slip,) = doc["divergences"]
    placed = slip["witness_pages"]["扫描"]
    assert placed["page"] == 1 and placed["boxes"] and "page" not in slip
    assert doc["witnesses"][0]["encoding"] == "ocr"


# -- where OCR is likely wrong --------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "reading"),
    [("——", "一"), ("——", "一一"), ("……", "···"), ("……", "..."), ("。", "o"), ("，", ","),
     ("“", '"'), ("：", ":"), ("他说——", "他说一"), ("——", ""), ("", "……")],
)  # fmt: skip
def test_marks_ocr_confuses_are_confusable(source: str, reading: str) -> None:
    assert confusable(source, reading)


@pytest.mark.parametrize(
    ("source", "reading"),
    [("单元", "单位"), ("一", "二"), ("他", "她"), ("。", "。"), ("一", ""), ("，", ""), ("", "")],
)
def test_other_differences_are_not(source: str, reading: str) -> None:
    assert not confusable(source, reading)


def test_low_confidence_marks_a_span_or_the_characters_beside_a_point() -> None:
    pages = PageMap(
        array("i", [1] * 4), array("i", [1] * 4), array("f", [0.0, 0.0, 1.0, 1.0] * 4),
        ((100.0, 100.0),), array("f", [0.99, 0.5, 0.99, 0.99]),
    )  # fmt: skip
    assert low_confidence(pages, 1, 2) == pytest.approx(0.5)
    assert low_confidence(pages, 2, 4) is None
    assert low_confidence(pages, 2, 2) == pytest.approx(0.5)  # an insertion point after it
    assert doubt(pages, 2, 3, "一", "——") == "confusable"
    assert doubt(pages, 0, 2, "甲乙", "丙丁") == "low-confidence"
    assert doubt(pages, 2, 4, "甲乙", "丙丁") is None
    assert LOW_CONFIDENCE > 0.5


# -- what is not a scan ---------------------------------------------------------------


def test_a_damaged_image_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(PAGE.read_bytes()[:3000])
    with pytest.raises(LoadError, match=r"^'.*broken\.png' is a damaged image \(") as err:
        load_text(broken)
    assert "\n" not in str(err.value)


def test_a_blank_page_has_no_text(tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (600, 800), 255).save(blank)
    with pytest.raises(LoadError, match="OCR found no text in"):
        load_text(blank)


def test_the_models_come_from_the_installed_package() -> None:
    det, rec = ocr_engine.model_paths()
    assert det.parent.parent.name == "rapidocr" and det.is_file() and rec.is_file()
    assert "PP-OCRv6" in ocr_engine.engine_id()
    buffer = io.BytesIO()
    Image.new("L", (10, 10), 255).save(buffer, "PNG")
    assert scan_reading.needs_ocr(buffer.getvalue())
    assert not scan_reading.needs_ocr(TEXT.encode("utf-8"))


@pytest.mark.subprocess
def test_onnxruntime_writes_no_telemetry_and_the_cache_holds_only_the_reading(
    tmp_path: Path,
) -> None:
    """onnxruntime 1.32 keeps a device id and an event store for Microsoft's telemetry
    under the user's cache folder unless told not to; the engine tells it."""
    cache = tmp_path / "cache"
    done = subprocess.run(
        [sys.executable, "-m", "app", "collate", str(FIXTURES / "page.txt"), str(PAGE)],
        cwd=ROOT, env={**os.environ, "XDG_CACHE_HOME": str(cache)}, capture_output=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    written = sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.is_file())
    digest = hashlib.sha256(PAGE.read_bytes()).hexdigest()
    assert [name for name in written if not name.endswith(".pickle")] == [
        f"jiaokan/ocr/{ocr_engine.engine_id()}/{digest}"
    ]


def test_a_scan_sources_corrections_export_as_utf8_text_and_a_new_word_document(
    page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scan has no encoding to write back in, and no Word document to correct: the text
    is UTF-8 and the .docx a new document (a PDF proof's source the same)."""
    manuscript = page.parent / "原稿.txt"
    manuscript.write_text(TEXT.replace("单位", "单元"), encoding="utf-8")
    project = page.parent / "p.jkproj"
    assert jiaokan(["collate", str(page), str(manuscript), "--project", str(project)]) == 0
    assert jiaokan(["decide", str(project), "1", "--accept", "原稿"]) == 0
    text, word = page.parent / "corrected.txt", page.parent / "corrected.docx"
    assert jiaokan(["export", str(project), "--text", str(text), "--docx", str(word)]) == 0
    capsys.readouterr()
    corrected = text.read_text("utf-8")
    assert "基本单元" in corrected and "基本单位" not in corrected
    assert load_text(word).text.replace("\n", "") == corrected.replace("\n", "")
