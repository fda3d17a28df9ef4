"""Encrypted, damaged and hostile PDFs: one line, exit status 2, bounded time and memory.

Each file is made by tests/faults/hostile_pdfs.py with pikepdf.  In-process runs
check the message; the process runs check the bounds (``RLIMIT_AS`` of 2 GB and
a time-out), as a user's machine would feel them.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.faults import hostile_pdfs
from tests.faults.conftest import cli, one_line_error, snapshot

CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "encrypted": (hostile_pdfs.encrypted, "is a PDF protected by a password"),
    "damaged": (hostile_pdfs.damaged, "is a damaged PDF"),
    # no text layer: a scan for OCR, whose page is not drawn
    "huge-image": (hostile_pdfs.huge_image, "has a page of more than 60 million pixels"),
    "many-pages": (hostile_pdfs.many_pages, "has 6000 pages; Jiaokan reads a PDF of at most 5000"),
    "content-bomb": (hostile_pdfs.content_bomb, "page 1 draws more than 64 MB of operators"),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    out = {}
    for name, (make, _) in CASES.items():
        out[name] = folder / f"{name}.pdf"
        out[name].write_bytes(make())
    out["deep-nesting"] = folder / "deep-nesting.pdf"
    out["deep-nesting"].write_bytes(hostile_pdfs.deep_nesting())
    (folder / "b.txt").write_text("天地玄黄", "utf-8")
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_pdf_is_one_line_and_exit_2(
    files: dict[str, Path], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = files[name].parent
    before = snapshot(folder)
    code, out, err = cli(capsys, "collate", files[name], folder / "b.txt")
    assert code == 2 and out == ""
    one_line_error(err, f"'{files[name]}'", CASES[name][1])
    assert snapshot(folder) == before


def test_deep_nesting_is_read_past_by_the_parser(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """PDFium stops at its depth limit and reads the pages; the text is the proof's."""
    code, out, _ = cli(capsys, "collate", files["deep-nesting"], hostile_pdfs.PROOF)
    assert code == 0 and "0 loci" in out


def _limited() -> None:
    two_gigabytes = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (two_gigabytes, two_gigabytes))


@pytest.mark.subprocess
@pytest.mark.parametrize("name", [*CASES, "deep-nesting"])
def test_within_two_gigabytes_and_ten_seconds(files: dict[str, Path], name: str) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "app", "collate", str(files[name]), str(hostile_pdfs.PROOF)],
        capture_output=True,
        timeout=60,
        cwd=ROOT,
        preexec_fn=_limited,
        check=False,
    )
    assert time.monotonic() - started < 10
    assert done.returncode == (0 if name == "deep-nesting" else 2), done.stderr
    assert b"Traceback" not in done.stderr and b"MemoryError" not in done.stderr
