"""What the fault tests share: a small project made by the CLI, snapshots, CLI runs."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pytest

from app.cli.main import main
from tests.conftest import ROOT

SOURCE = "天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。"
VARIANT_A = "天地玄黃，宇宙洪荒。日月盈仄，辰宿张。"
VARIANT_B = "天地玄黄，宇宙鸿荒。日月盈昃，辰宿列张의。"


@dataclass(frozen=True)
class Job:
    """A project with its source and two variants, all in one folder."""

    folder: Path
    source: Path
    a: Path
    b: Path
    project: Path


@pytest.fixture
def job(tmp_path: Path) -> Job:
    folder = tmp_path / "job"
    folder.mkdir()
    source, a, b = folder / "src.txt", folder / "a.txt", folder / "b.txt"
    source.write_text(SOURCE, encoding="utf-8")
    a.write_text(VARIANT_A, encoding="utf-8")
    b.write_text(VARIANT_B, encoding="utf-8")
    project = folder / "p.jkproj"
    argv = ["collate", str(source), str(a), str(b), "--project", str(project), "--json"]
    with open(os.devnull, "w") as null, redirect_stdout(null):
        assert main(argv) == 0
    return Job(folder, source, a, b, project)


@contextmanager
def redirect_stdout(stream: TextIO) -> Iterator[None]:
    saved = sys.stdout
    sys.stdout = stream
    try:
        yield
    finally:
        sys.stdout = saved


def snapshot(folder: Path, *, strict: bool = True) -> dict[str, bytes | str]:
    """Every entry of ``folder`` and what it holds: equal snapshots, nothing touched.

    Not ``strict``: without the empty ``-wal`` and the ``-shm`` that SQLite's
    read-only connection leaves beside a writable WAL file (docs/faults.md).
    """
    out: dict[str, bytes | str] = {}
    for entry in sorted(folder.iterdir()):
        if not strict and (entry.name.endswith("-shm") or (
            entry.name.endswith("-wal") and entry.stat().st_size == 0
        )):  # fmt: skip
            continue
        if entry.is_symlink():
            out[entry.name] = f"-> {os.readlink(entry)}"
        elif entry.is_file():
            out[entry.name] = entry.read_bytes()
        else:
            out[entry.name] = f"<{oct(entry.stat().st_mode)}>"
    return out


def cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """``jiaokan ARGV`` in this process: status, stdout, stderr."""
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str, *fragments: str) -> None:
    """What every refusal looks like: one line on stderr naming the problem."""
    assert err.count("\n") == 1 and err.startswith("jiaokan: error: "), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


def run(
    *argv: object, env: dict[str, str] | None = None, timeout: float = 20, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    """``python -m app ARGV`` in a process of its own (for what a process must show)."""
    environ = {**os.environ, **(env or {})}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "app", *map(str, argv)],
        cwd=ROOT,
        env=environ,
        capture_output=kw.pop("capture_output", True),
        timeout=timeout,
        **kw,
    )


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection, as a hand editor or an attacker would open the file."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()
