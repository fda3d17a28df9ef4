"""Bad input on the command line: one line on stderr, exit status 2, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main as cli
from app.text import loading
from tests.helpers.paths import ROOT

GOOD_TEXT = "天地玄黃\n"  # 13 bytes in UTF-8: under the lowered size limit below

# Each case makes one bad file (or option) and names the words its message must hold.
BadCase = Callable[[Path, pytest.MonkeyPatch], tuple[Path, list[str], list[str]]]


def _missing(tmp: Path, mp: pytest.MonkeyPatch) -> tuple[Path, list[str], list[str]]:
    return tmp / "missing.txt", [], ["cannot read", "missing.txt", "no such file"]


def _directory(tmp: Path, mp: pytest.MonkeyPatch) -> tuple[Path, list[str], list[str]]:
    path = tmp / "folder"
    path.mkdir()
    return path, [], ["cannot read", "folder", "is a directory"]


def _binary(tmp: Path, mp: pytest.MonkeyPatch) -> tuple[Path, list[str], list[str]]:
    path = tmp / "program.bin"  # not an image: a PNG, JPEG or TIFF is a scan, read by OCR
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00")
    return path, [], ["program.bin", "not a text file", "binary data"]


def _undecodable(tmp: Path, mp: pytest.MonkeyPatch) -> tuple[Path, list[str], list[str]]:
    path = tmp / "mystery.txt"
    path.write_bytes(b"\xff\xfb\x90\x64" * 8)
    return path, [], ["mystery.txt", "cannot detect the encoding", "--encoding"]


def _too_large(tmp: Path, mp: pytest.MonkeyPatch) -> tuple[Path, list[str], list[str]]:
    mp.setattr(loading, "MAX_TEXT_BYTES", 32)
    path = tmp / "huge.txt"
    path.write_text("天" * 40, encoding="utf-8")
    return path, [], ["huge.txt", "too large", "limit"]


def _forced_mismatch(tmp: Path, mp: pytest.MonkeyPatch) -> tuple[Path, list[str], list[str]]:
    path = tmp / "gbk.txt"
    path.write_bytes("天地玄黄".encode("gbk"))
    return path, ["--encoding", "utf-8"], ["cannot decode", "gbk.txt", "as utf-8", "invalid byte"]


def _unknown_encoding(tmp: Path, mp: pytest.MonkeyPatch) -> tuple[Path, list[str], list[str]]:
    path = tmp / "fine.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path, ["--encoding", "xyz"], ["unknown encoding", "xyz"]


CASES: dict[str, BadCase] = {
    "missing": _missing,
    "directory": _directory,
    "binary": _binary,
    "undecodable": _undecodable,
    "too-large": _too_large,
    "forced-encoding-mismatch": _forced_mismatch,
    "unknown-encoding": _unknown_encoding,
}


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_error_line(err: str, words: list[str]) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("jiaokan: error: "), err
    for word in words:
        assert word in lines[0], (word, err)
    assert "Traceback" not in err


@pytest.mark.parametrize("position", ["source", "variant", "second variant"])
@pytest.mark.parametrize("case", list(CASES))
def test_bad_input(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    good: Path,
    case: str,
    position: str,
) -> None:
    bad, options, words = CASES[case](tmp_path, monkeypatch)
    files = {
        "source": [bad, good],
        "variant": [good, bad],
        "second variant": [good, good, bad],
    }[position]
    status, out, err = run(["collate", *map(str, files), *options, "--json"], capsys)
    assert status == 2
    assert out == ""
    assert_one_error_line(err, words)


def test_good_files_pass(capsys: pytest.CaptureFixture[str], good: Path, tmp_path: Path) -> None:
    # The fixtures themselves are fine: a failure above is the bad file's doing.
    other = tmp_path / "other.txt"
    other.write_text("天地玄黄\n", encoding="utf-8")
    status, out, err = run(["collate", str(good), str(other), "--json"], capsys)
    assert (status, err) == (0, "")
    json.loads(out)


def test_empty_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "source.txt"
    source.write_bytes(b"")
    variant = tmp_path / "variant.txt"
    text = "天地玄黃，宇宙洪荒。"
    variant.write_text(text, encoding="utf-8")
    status, out, err = run(["collate", str(source), str(variant), "--json"], capsys)
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert document["source"]["chars"] == 0
    assert document["source"]["encoding"] == "utf-8"
    witness = document["witnesses"][0]["id"]
    insertions = [d for d in document["divergences"] if d["kind"] == "insertion"]
    assert insertions
    assert "".join(d["readings"][witness] for d in insertions) == text


@pytest.mark.subprocess
def test_console_script_has_no_traceback(tmp_path: Path, good: Path) -> None:
    missing = tmp_path / "missing.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "app", "collate", str(missing), str(good)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert_one_error_line(result.stderr, ["missing.txt", "no such file"])
