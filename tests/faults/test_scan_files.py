"""Damaged and hostile scans: one line, exit status 2, bounded time and memory.

Each file is made by tests/faults/hostile_images.py.  In-process runs check the
message and that the folder is untouched; the process runs check the bounds
(``RLIMIT_AS`` of 2 GB and a time-out), as a user's machine would feel them:
nothing is decoded, and the OCR models are not even loaded.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.text import ocr_engine
from tests.conftest import ROOT
from tests.faults import hostile_images
from tests.faults.conftest import cli, one_line_error, snapshot

CASES: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "bomb": (hostile_images.bomb, "png", "has a page of more than 60 million pixels; not read"),
    "past-the-bound": (
        hostile_images.just_past_the_bound, "png",
        "has a page of more than 60 million pixels; not read",
    ),
    "truncated": (hostile_images.truncated, "png", "is a damaged image ("),
    "garbage": (hostile_images.garbage_jpeg, "jpg", "is a damaged image ("),
    "1000-pages": (
        hostile_images.many_pages, "tiff",
        "has more than 500 pages; Jiaokan reads a scan of at most 500",
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile-scans")
    out = {}
    for name, (make, suffix, _) in CASES.items():
        out[name] = folder / f"{name}.{suffix}"
        out[name].write_bytes(make())
    (folder / "b.txt").write_text("天地玄黄", "utf-8")
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_scan_is_one_line_and_exit_2(
    files: dict[str, Path],
    name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_models() -> None:
        raise AssertionError("the OCR models were loaded for a file refused before")

    monkeypatch.setattr(ocr_engine, "engine", no_models)
    folder = files[name].parent
    before = snapshot(folder)
    code, out, err = cli(capsys, "collate", files[name], folder / "b.txt")
    assert code == 2 and out == ""
    one_line_error(err, f"'{files[name]}'", CASES[name][2])
    assert snapshot(folder) == before


def _limited() -> None:
    two_gigabytes = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (two_gigabytes, two_gigabytes))


@pytest.mark.subprocess
@pytest.mark.parametrize("name", list(CASES))
def test_within_two_gigabytes_and_ten_seconds(files: dict[str, Path], name: str) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "collate",
            str(files[name]),
            str(files[name].parent / "b.txt"),
        ],
        capture_output=True,
        timeout=60,
        cwd=ROOT,
        preexec_fn=_limited,
        check=False,
    )
    assert time.monotonic() - started < 10
    assert done.returncode == 2, done.stderr
    assert done.stderr.count(b"\n") == 1
    assert b"Traceback" not in done.stderr and b"MemoryError" not in done.stderr


@pytest.mark.subprocess
def test_ctrl_c_stops_a_long_read_at_once_and_quietly(tmp_path: Path) -> None:
    """Four full pages (a dozen seconds of OCR), interrupted two seconds in: ended by the
    signal (the shell's 130) in about a second, one line, no reading kept in the cache."""
    scan = tmp_path / "long.tiff"
    scan.write_bytes(hostile_images.long_scan(pages=4))
    (tmp_path / "b.txt").write_text("天地玄黄", "utf-8")
    cache = tmp_path / "cache"
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "collate", str(scan), str(tmp_path / "b.txt")],
        cwd=ROOT,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(2.0)
    assert process.poll() is None, "read already: the scan is too short to interrupt"
    interrupted = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    stopped = time.monotonic() - interrupted
    assert process.returncode == -signal.SIGINT and out == b"", err
    assert err == b"jiaokan: cancelled (SIGINT)\n"
    assert stopped < 3.0, (
        f"took {stopped:.1f} s to stop ({time.monotonic() - started:.1f} s in all)"
    )
    assert [p for p in cache.rglob("*") if p.is_file()] == []
