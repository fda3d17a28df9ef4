"""A text cannot drive the user's terminal through anything the command line prints.

Issue 19: ``jiaokan collate`` printed ESC, BEL and C1 controls from the texts
raw, so a witness file could retitle or clear the terminal (``loci`` already
escaped them).  Now every character a terminal acts on is printed as a
``\\uXXXX`` escape, in tables, JSON, notes and errors alike, and the JSON
still reads back to exactly the strings of the texts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.faults.conftest import cli

HOSTILE = (
    "\x1b]0;PWNED\x07"  # OSC: retitle the terminal, ended by BEL
    "\x1b[2J\x1b[H"  # clear the screen
    "\x9b31m"  # a one-character CSI (C1)
    "\x90q\x9c"  # DCS ... ST
    "\x7f\x08"  # DEL, backspace
    "\u202e"  # right-to-left override
    "\r"
)
SOURCE = "天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。"
VARIANT = f"天地玄黄，{HOSTILE}宇宙洪荒。日月盈昃，辰宿列张。"

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach the terminal (a line feed ends a line, nothing else)."""


@pytest.fixture
def texts(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "src.txt"
    source.write_text(SOURCE, encoding="utf-8")
    variant = tmp_path / "evil\x1b[31m.txt"  # a hostile file name too
    variant.write_text(VARIANT, encoding="utf-8")
    return source, variant


def _clean(text: str) -> None:
    assert not RAW.search(text), repr(RAW.search(text))


def test_the_table_escapes_every_control(
    texts: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "collate", *texts, "--rules", "none")
    assert code == 0, err
    _clean(out)
    assert "\\u001b]0;PWNED\\u0007" in out and "\\u009b31m" in out


def test_json_escapes_every_control_and_reads_back_exactly(
    texts: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "collate", *texts, "--rules", "none", "--json")
    assert code == 0, err
    _clean(out)
    doc = json.loads(out)
    (wid,) = [w["id"] for w in doc["witnesses"]]
    assert wid == "evil\x1b[31m"
    readings = "".join(d["readings"].get(wid, "") for d in doc["divergences"])
    assert readings == HOSTILE
    assert doc["witnesses"][0]["path"] == str(texts[1])


def test_loci_and_its_json_escape_too(
    texts: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.jkproj"
    assert cli(capsys, "collate", *texts, "--rules", "none", "--project", project)[0] == 0
    assert cli(capsys, "decide", project, "1", "--reading", "\x1b[2J新", "--note", "\x07")[0] == 0
    for extra in ((), ("--json",)):
        code, out, err = cli(capsys, "loci", project, *extra)
        assert code == 0, err
        _clean(out)


def test_an_error_naming_a_hostile_file_is_one_clean_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "gone\x1b]0;x\x07\u202e.txt"
    code, out, err = cli(capsys, "collate", missing, missing)
    assert code == 2 and out == ""
    _clean(err)
    assert err.count("\n") == 1


def test_a_note_about_a_word_document_is_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(SOURCE)
    document.sections[0].header.paragraphs[0].text = "页眉"
    word = tmp_path / "x\x1b]0;t\x07.docx"
    document.save(str(word))
    other = tmp_path / "b.txt"
    other.write_text(SOURCE, encoding="utf-8")
    code, _, err = cli(capsys, "collate", word, other)
    assert code == 0
    assert "not read" in err
    _clean(err)
