"""A hostile Word document is refused in one line, in bounded time and memory (issue 19).

A 172 KB ``.docx`` of 20 million empty paragraphs once passed the unpacked
size limit and grew past 6 GB; under a memory limit it ended in a
``MemoryError`` traceback.  Each document here is built as a test of its own
needs it, streamed into the zip so that the test stays cheap, and given to
the command line; those that would take memory are read by a process of its
own under a limit on its address space (``RLIMIT_AS``), so a regression is a
``MemoryError`` or a kill, not a slow machine.  A Word project is exported
from its stored document, which a crafted project file can replace by any
bytes, and a project that lost its document is refused rather than exported
as a new plain document without a word (issue 19, 6).
"""

from __future__ import annotations

import hashlib
import io
import os
import resource
import socket
import struct
import subprocess
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import docx as python_docx
import pytest
from PySide6.QtWidgets import QMessageBox

from app.cli.main import main
from app.export.data import ExportError
from app.export.word import write_docx
from app.project.project import Project
from app.text.loading import MAX_TEXT_BYTES, load_text
from app.text.word_package import (
    MAX_PARTS,
    MAX_RELATIONSHIPS,
    MAX_UNPACKED_BYTES,
    MAX_XML_ATTRIBUTES,
    MAX_XML_ELEMENTS,
)
from tests.faults.conftest import cli, one_line_error, raw, redirect_stdout, run, snapshot
from ui.window.main_window import MainWindow

MEMORY = 768 * 1024 * 1024
"""The address space a process reading a hostile document gets (Python, lxml, python-docx
and the engine take some 300 MB of it): the 20 million paragraphs took more than 6 GB."""
SECONDS = 10
"""The processor time it may take (each takes a second or less here): measured, not
the wall clock, which a machine shared with other work stretches threefold; past twice
this the process is killed (``RLIMIT_CPU``)."""

W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{MAIN}"/></Types>'
).encode()
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
CONTENT_TYPES_NAME, RELS_NAME = "[Content_Types].xml", "_rels/.rels"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
LAUGHS = b"".join(
    b'<!ENTITY l%d "%s">' % (n, (b"&l%d;" % (n - 1)) * 10 if n else b"lol") for n in range(10)
)


def docx(path: Path, document: Iterable[bytes], parts: dict[str, bytes] | None = None) -> Path:
    """A ``.docx`` whose ``word/document.xml`` is ``document``'s pieces, written as they
    come (never whole in memory), with the package's content types and relationships
    (unless ``parts`` names them too) and ``parts``."""
    parts = {CONTENT_TYPES_NAME: CONTENT_TYPES, RELS_NAME: RELS, **(parts or {})}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            for piece in document:
                stream.write(piece)
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def body(*pieces: bytes | Iterable[bytes]) -> Iterator[bytes]:
    """A ``w:document`` whose body is the pieces (each bytes, or an iterable of them)."""
    yield DECLARATION + b"<w:document " + W + b"><w:body>"
    for piece in pieces:
        yield from [piece] if isinstance(piece, bytes) else piece
    yield b"</w:body></w:document>"


def paragraph(text: str, properties: bytes = b"") -> bytes:
    """One paragraph of one run of ``text``."""
    return b"<w:p><w:r>" + properties + f"<w:t>{text}</w:t></w:r></w:p>".encode()


def repeated(unit: bytes, times: int) -> Iterator[bytes]:
    """``unit * times``, a megabyte or so at a time."""
    per = max(1, (1 << 20) // len(unit))
    for start in range(0, times, per):
        yield unit * min(per, times - start)


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (2 * SECONDS, 2 * SECONDS))


def limited(*argv: object) -> tuple[subprocess.CompletedProcess[bytes], float]:
    """``jiaokan ARGV`` in a process under :data:`MEMORY`, and the processor time it took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = run(*argv, preexec_fn=_limited, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


@pytest.fixture
def variant(tmp_path: Path) -> Path:
    path = tmp_path / "乙本.txt"
    path.write_text("天地玄黄", encoding="utf-8")
    return path


def refused_in_a_process(source: Path, variant: Path, *fragments: str) -> None:
    """``jiaokan collate SOURCE VARIANT`` under :data:`MEMORY`: one line, exit 2, in time."""
    done, took = limited("collate", source, variant)
    assert done.returncode == 2, done.stderr.decode()
    one_line_error(done.stderr.decode(), f"'{source}'", *fragments)
    assert took < SECONDS, f"{took:.1f} s"


def refused(
    capsys: pytest.CaptureFixture[str], source: Path, variant: Path, *fragments: str
) -> None:
    """The same in this process, for what takes no memory to refuse."""
    code, out, err = cli(capsys, "collate", source, variant)
    assert code == 2 and out == ""
    one_line_error(err, f"'{source}'", *fragments)


# -- in a process under a memory limit ----------------------------------------------


@pytest.mark.subprocess
def test_twenty_million_empty_paragraphs_are_refused_in_bounded_memory(
    tmp_path: Path, variant: Path
) -> None:
    """The document of the issue: 120 MB of ``<w:p/>`` in a zip of some 500 KB."""
    source = docx(tmp_path / "甲本.docx", body(repeated(b"<w:p/>", 20_000_000)))
    assert source.stat().st_size < 1_000_000
    refused_in_a_process(source, variant, f"more than {MAX_XML_ELEMENTS:,} XML elements")


@pytest.mark.subprocess
def test_millions_of_empty_runs_are_refused_in_bounded_memory(
    tmp_path: Path, variant: Path
) -> None:
    """No text at all, so no limit on the text would see them."""
    runs = body(b"<w:p>", repeated(b"<w:r/>", 3_000_000), b"</w:p>")
    source = docx(tmp_path / "甲本.docx", runs)
    refused_in_a_process(source, variant, "XML elements")


@pytest.mark.subprocess
def test_a_paragraph_of_a_million_empty_runs_reads_in_bounded_time(
    tmp_path: Path, variant: Path
) -> None:
    """Within the limit, one block of a million children: read and dropped without lxml
    moving it whole to a document of its own (quadratic: 300,000 runs took 13 s)."""
    runs = body(b"<w:p>", repeated(b"<w:r/>", 1_000_000), b"</w:p>")
    done, took = limited("collate", docx(tmp_path / "甲本.docx", runs), variant)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert took < SECONDS


@pytest.mark.subprocess
def test_a_hundred_megabytes_in_one_text_node_are_refused(tmp_path: Path, variant: Path) -> None:
    """Within the unpacked limit; libxml2 takes no text node over 10 MB (no ``huge_tree``)."""
    text = repeated(b"a", 100 * 1024 * 1024)
    source = docx(tmp_path / "甲本.docx", body(b"<w:p><w:r><w:t>", text, b"</w:t></w:r></w:p>"))
    refused_in_a_process(source, variant, "is a damaged Word document", "XML_PARSE_HUGE")


@pytest.mark.subprocess
def test_more_text_than_a_text_file_may_hold_is_refused(tmp_path: Path, variant: Path) -> None:
    """Six text nodes of 9 MB each (each within libxml2's limit) are over the 50 MB of
    text a plain file may have: refused as soon as the walk passes it."""
    node = b"<w:p><w:r><w:t>" + b"a" * (9 * 1024 * 1024) + b"</w:t></w:r></w:p>"
    source = docx(tmp_path / "甲本.docx", body(*[node] * 6))
    limit = MAX_TEXT_BYTES // (1024 * 1024)
    refused_in_a_process(source, variant, f"more than {limit} MB of text")


@pytest.mark.subprocess
def test_a_stored_document_that_is_hostile_is_refused_by_the_export(
    tmp_path: Path, variant: Path
) -> None:
    """A project file can hold any bytes: the export checks its document as a reading does."""
    project = _word_project(tmp_path, variant)
    bomb = docx(tmp_path / "bomb.docx", body(repeated(b"<w:p/>", 20_000_000))).read_bytes()
    _store(project, bomb)
    before = snapshot(project.parent, strict=False)
    out = project.parent / "out.docx"
    done, took = limited("export", project, "--docx", out)
    assert done.returncode == 2 and took < SECONDS
    one_line_error(done.stderr.decode(), "XML elements")
    assert not out.exists() and snapshot(project.parent, strict=False) == before


@pytest.mark.subprocess
def test_a_book_within_the_limits_still_reads_under_the_memory_limit(
    tmp_path: Path, variant: Path
) -> None:
    """A document as Word writes a book (runs with their properties and rsids, a table now
    and then), 20,000 paragraphs and some 170,000 elements: read and collated."""
    paragraph = (
        '<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3"><w:pPr><w:ind w:firstLineChars="200"/>'
        '</w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>子曰：学而时习之，</w:t>'
        '</w:r><w:r w:rsidRPr="00D4E5F6"><w:rPr><w:b/></w:rPr><w:t>不亦说乎？</w:t></w:r></w:p>'
    ).encode()
    table = b"<w:tbl><w:tr><w:tc>" + paragraph + b"</w:tc></w:tr></w:tbl>"
    source = docx(tmp_path / "甲本.docx", body(repeated(paragraph * 99 + table, 200)))
    done, took = limited("collate", source, variant)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert took < SECONDS


# -- in this process: refused before anything is parsed ----------------------------


def test_attributes_past_the_limit_are_refused(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = b'<w:p w:a="" w:b="" w:c="" w:d="" w:e=""/>'
    source = docx(tmp_path / "甲本.docx", body(repeated(unit, MAX_XML_ATTRIBUTES // 5 + 1)))
    refused(capsys, source, variant, f"more than {MAX_XML_ATTRIBUTES:,} XML attributes")


def test_relationships_past_the_limit_are_refused(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each a hyperlink's address, which python-docx makes 2 KB of objects for."""
    link = (
        b'<Relationship Id="r" TargetMode="External" Target="http://example.com/" Type="http:'
        b'//schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
    )
    rels = b"<Relationships>" + link * (MAX_RELATIONSHIPS + 1) + b"</Relationships>"
    source = docx(tmp_path / "甲本.docx", body(b"<w:p/>"), {"word/_rels/document.xml.rels": rels})
    refused(capsys, source, variant, f"more than {MAX_RELATIONSHIPS:,} relationships")


def test_many_parts_are_refused_before_the_zip_is_opened(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """python-docx walks the parts quadratically: 30,000 took forty seconds."""
    parts = {f"word/media/{n}.png": b"\x89PNG" for n in range(MAX_PARTS)}
    source = docx(tmp_path / "甲本.docx", body(b"<w:p/>"), parts)
    refused(capsys, source, variant, f"more than {MAX_PARTS:,} parts")


@pytest.mark.parametrize("depth", [300, 10_000])
@pytest.mark.parametrize("nest", ["content controls", "tables"])
def test_deep_nesting_is_refused(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str], depth: int, nest: str
) -> None:
    """libxml2 takes 256 levels (no ``huge_tree``), well past what the walk can recurse."""
    opening, closing = {
        "content controls": (b"<w:sdt><w:sdtContent>", b"</w:sdtContent></w:sdt>"),
        "tables": (b"<w:tbl><w:tr><w:tc>", b"</w:tc></w:tr></w:tbl>"),
    }[nest]
    nested = body(opening * depth, b"<w:p/>", closing * depth)
    refused(capsys, docx(tmp_path / "甲本.docx", nested), variant, "Excessive depth")


def test_a_twenty_megabyte_attribute_value_is_refused(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    value = b'<w:p w:rsidR="' + b"0" * (20 * 1024 * 1024) + b'"/>'
    refused(capsys, docx(tmp_path / "甲本.docx", body(value)), variant, "damaged", "XML_PARSE_HUGE")


@pytest.mark.parametrize("part", ["document", "content types", "relationships"])
def test_entity_expansion_is_refused_wherever_it_is(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str], part: str
) -> None:
    """A billion laughs: the Open Packaging Conventions allow no DTD, so none is parsed."""
    doctype = b"<!DOCTYPE d [" + LAUGHS + b"]>"
    laughing = {
        "document": DECLARATION + doctype + b"<w:document " + W + b"><w:body><w:p><w:r>"
        b"<w:t>&l9;</w:t></w:r></w:p></w:body></w:document>",
        "content types": CONTENT_TYPES.replace(b"?><Types", b"?>" + doctype + b"<Types"),
        "relationships": RELS.replace(b"?><Relationships", b"?>" + doctype + b"<Relationships"),
    }[part]
    if part == "document":
        source = docx(tmp_path / "甲本.docx", [laughing])
    else:
        name = CONTENT_TYPES_NAME if part == "content types" else RELS_NAME
        source = docx(tmp_path / "甲本.docx", body(b"<w:p/>"), {name: laughing})
    refused(capsys, source, variant, "has a DTD, which no Word document has")


def test_an_external_entity_never_reads_a_file_nor_the_network(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """XXE: a FIFO nobody writes (opening it would hang the test) and a listening socket
    (a connection would wait in its queue) as the entities' targets."""
    fifo = tmp_path / "secret"
    os.mkfifo(fifo)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        port = server.getsockname()[1]
        doctype = (
            f'<!DOCTYPE d [<!ENTITY f SYSTEM "file://{fifo}">'
            f'<!ENTITY n SYSTEM "http://127.0.0.1:{port}/x">]>'
        ).encode()
        document = (
            DECLARATION + doctype + b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&f;&n;"
            b"</w:t></w:r></w:p></w:body></w:document>"
        )
        refused(capsys, docx(tmp_path / "甲本.docx", [document]), variant, "has a DTD")
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected


@pytest.mark.parametrize("twin", ["word/document.xml", "WORD/Document.xml"])
def test_two_entries_of_one_name_are_refused(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str], twin: str
) -> None:
    """Which of the two is the document? zipfile would take the last, Word refuses it;
    part names are compared without case (ECMA-376 part 2)."""
    source = docx(tmp_path / "甲本.docx", body(paragraph("甲")))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it writes
        with zipfile.ZipFile(source, "a") as archive:
            archive.writestr(twin, DECLARATION + b"<w:document " + W + b"><w:body/></w:document>")
    refused(capsys, source, variant, "two entries named")


def _set_declared_size(path: Path, name: str, size: int) -> None:
    """Make the zip's central directory say ``name`` unpacks to ``size`` bytes."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + struct.unpack_from("<H", data, at + 28)[0]] != name.encode():
        at = data.find(b"PK\x01\x02", at + 1)
        assert at > 0, name
    struct.pack_into("<I", data, at + 24, size)  # the uncompressed size
    path.write_bytes(bytes(data))


def test_a_zip_whose_declared_size_lies_is_refused(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It says 100 bytes and unpacks to 30 MB: read no further than it says, it fails its
    CRC; no part is read past its declared size, and the declared sizes are bounded."""
    source = docx(tmp_path / "甲本.docx", body(repeated(b"<w:p/>", 5_000_000)))
    _set_declared_size(source, "word/document.xml", 100)
    refused(capsys, source, variant, "is a damaged Word document", "CRC")


def test_a_zip_that_declares_a_bomb_is_refused(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = docx(tmp_path / "甲本.docx", body(b"<w:p/>"), {"word/image.png": b"\x89PNG"})
    _set_declared_size(source, "word/image.png", MAX_UNPACKED_BYTES)
    limit = MAX_UNPACKED_BYTES // (1024 * 1024)
    refused(capsys, source, variant, f"more than {limit} MB unpacked")


@pytest.mark.parametrize(
    "head",
    [
        b'<?xml version="1.0" encoding="UTF-7"?>+ADw-w:document ' + W + b"+AD4-",
        "<?xml version='1.0'?><w:document/>".encode("cp500"),  # EBCDIC
        "<w:document/>".encode("utf-32"),
    ],
    ids=["UTF-7", "EBCDIC", "UCS-4"],
)
def test_xml_in_another_encoding_than_utf8_or_utf16_is_refused(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str], head: bytes
) -> None:
    """In UTF-7 a "<" is "+ADw-": no count of "<" would see its elements."""
    refused(capsys, docx(tmp_path / "甲本.docx", [head]), variant, "neither UTF-8 nor UTF-16")


def test_a_utf16_document_is_read_and_its_elements_counted(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """UTF-16, which the conventions allow, is read, and its elements counted in it."""
    head = '<?xml version="1.0" encoding="UTF-16"?><w:document ' + W.decode() + "><w:body>"
    text = head + "<w:p><w:r><w:t>天地</w:t></w:r></w:p></w:body></w:document>"
    assert load_text(docx(tmp_path / "一.docx", [text.encode("utf-16")])).text == "天地"
    paragraphs = "<w:p/>".encode("utf-16-le") * (MAX_XML_ELEMENTS + 1)
    end = "</w:body></w:document>".encode("utf-16-le")
    document = [(head + "<w:p/>").encode("utf-16"), paragraphs, end]
    refused(capsys, docx(tmp_path / "二.docx", document), variant, "XML elements")


# -- the window -----------------------------------------------------------------


def test_the_window_says_so_in_one_line(window: MainWindow, tmp_path: Path, variant: Path) -> None:
    """The window loads through the same reading: its error box names the limit."""
    source = docx(tmp_path / "甲本.docx", body(repeated(b"<w:p/>", MAX_XML_ELEMENTS + 1)))
    assert not window.open_files(str(source), [str(variant)])
    (box,) = [b for b in window.findChildren(QMessageBox, "error-dialog") if b.isVisible()]
    text = box.text()
    box.close()
    assert text == (
        f"'{source}' is too large to read as a Word document"
        f" (more than {MAX_XML_ELEMENTS:,} XML elements)"
    )
    assert window.workspace.source is None


# -- a Word project without its document (issue 19, 6) -------------------------------


def _word_project(tmp_path: Path, variant: Path, source: Path | None = None) -> Path:
    """A project collated from ``source`` (a small Word document with a bold run unless
    given) against ``variant``."""
    folder = tmp_path / "job"
    folder.mkdir(exist_ok=True)
    if source is None:
        bold = paragraph("天地玄黃", b"<w:rPr><w:b/></w:rPr>")
        source = docx(folder / "底本.docx", body(bold))
    project = folder / "p.jkproj"
    with open(os.devnull, "w") as null, redirect_stdout(null):
        assert main(["collate", str(source), str(variant), "--project", str(project)]) == 0
    return project


def _store(project: Path, document: bytes | None, *, text_sha256: str | None = None) -> None:
    """Put ``document`` in the project as its source's (None: no document row at all);
    ``text_sha256``: the digest the source's text row names instead."""
    digest = hashlib.sha256(document or b"").hexdigest()
    with raw(project) as conn:
        conn.execute("DELETE FROM documents")
        if document is not None:
            conn.execute("INSERT INTO documents VALUES (?, ?)", (digest, document))
        conn.execute("UPDATE texts SET sha256 = ? WHERE role = 'source'", (text_sha256 or digest,))


MISSING = "p.jkproj is damaged (the Word document of its source is missing)"
DAMAGED = {
    # (the document row's bytes, or None for no row; the digest the text row names)
    "no document row": (None, None, MISSING),
    "the source names another digest": (b"", "0" * 64, MISSING),
    "the row is not a zip": (b"not a zip at all", None, "is not a Word document"),
    "the row is a damaged zip": (b"PK\x03\x04 and then nothing", None, "damaged Word document"),
}


@pytest.mark.parametrize("case", list(DAMAGED))
def test_a_word_project_without_its_document_is_refused_not_exported_plain(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    """It was exported as a new plain document, exit 0, every format silently dropped."""
    document, digest, expected = DAMAGED[case]
    project = _word_project(tmp_path, variant)
    if document == b"":  # the real document, kept, but the text row names another
        with raw(project) as conn:
            (document,) = conn.execute("SELECT data FROM documents").fetchone()
    _store(project, document, text_sha256=digest)
    before = snapshot(project.parent, strict=False)
    for tracked in ([], ["--tracked"]):
        out = project.parent / "out.docx"
        code, _, err = cli(capsys, "export", project, "--docx", out, *tracked)
        assert code == 2 and not out.exists()
        one_line_error(err, expected)
    # the window's export: the same function, given the project's export input
    with Project.open(project, read_only=True) as opened:
        data = opened.export_input()
    with pytest.raises(ExportError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        write_docx(data, project.parent / "out.docx", tracked=False)
    assert snapshot(project.parent, strict=False) == before
    # what does not need the document still exports
    text = project.parent / "out.txt"
    assert cli(capsys, "export", project, "--text", text)[0] == 0 and text.exists()


def test_a_plain_text_project_still_exports_a_new_document(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "底本.txt"
    source.write_text("天地玄黃", encoding="utf-8")
    project = tmp_path / "p.jkproj"
    assert cli(capsys, "collate", source, variant, "--project", project)[0] == 0
    out = tmp_path / "out.docx"
    assert cli(capsys, "export", project, "--docx", out)[0] == 0
    assert load_text(out).text == "天地玄黃"


# -- ids python-docx or the export take as numbers ---------------------------------


def _decided_with_a_note(tmp_path: Path, variant: Path, source: Path) -> Path:
    """``source`` (which reads 天地玄青) collated against 天地玄黄 and the one locus
    accepted with a note, which the export writes as a Word comment."""
    project = _word_project(tmp_path, variant, source)
    with open(os.devnull, "w") as null, redirect_stdout(null):
        assert main(["decide", str(project), "1", "--accept", "乙本", "--note", "查"]) == 0
    return project


@pytest.mark.parametrize("value", ["²", "9" * 5000], ids=["superscript two", "5000 digits"])
def test_an_annotation_id_that_is_no_plain_number_does_not_stop_the_export(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """``"²".isdigit()`` is true and ``int`` refuses it, as it does 5,000 digits: the
    export looking for a free id ended in a traceback."""
    mark = f'<w:bookmarkStart w:id="{value}" w:name="x"/>'.encode()
    source = docx(tmp_path / "底本.docx", body(mark, paragraph("天地玄青")))
    project = _decided_with_a_note(tmp_path, variant, source)
    out = tmp_path / "out.docx"
    code, _, err = cli(capsys, "export", project, "--docx", out, "--tracked")
    assert code == 0, err
    assert load_text(out).text == "天地玄黄"  # a tracked change reads as accepted


def test_a_comment_whose_id_is_no_number_is_refused_as_damaged(
    tmp_path: Path, variant: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """python-docx takes the ids of the comments there are as numbers when it adds one:
    the export of a note ended in a ``ValueError`` traceback."""
    document = python_docx.Document()
    first = document.add_paragraph("天地玄青")
    document.add_comment(first.runs[0], text="旧批注", author="编辑")
    saved = io.BytesIO()
    document.save(saved)
    source = tmp_path / "底本.docx"
    with zipfile.ZipFile(saved) as good, zipfile.ZipFile(source, "w") as bad:
        for entry in good.infolist():
            data = good.read(entry)
            if entry.filename == "word/comments.xml":
                data = data.replace(b'w:id="0"', b'w:id="x"')
            bad.writestr(entry, data)
    project = _decided_with_a_note(tmp_path, variant, source)
    before = snapshot(project.parent, strict=False)
    out = project.parent / "out.docx"
    code, _, err = cli(capsys, "export", project, "--docx", out)
    assert code == 2 and not out.exists()
    one_line_error(err, "p.jkproj is damaged (a comment in its Word document has an id that")
    assert snapshot(project.parent, strict=False) == before
