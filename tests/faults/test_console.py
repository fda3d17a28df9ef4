"""The CLI prints in any console, and turns every failure of its output into one line.

A GBK console (a Chinese Windows, a zh_CN.GBK locale) cannot show ``∅`` or
Korean; a closed stdout, a full one (``/dev/full``) and a full disk gave
tracebacks.  Each runs here in a process of its own, as a shell would.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main as cli_main
from tests.conftest import ROOT
from tests.faults.conftest import Job, cli, one_line_error, run, snapshot


def _odd_reading(job: Job) -> None:
    """A decision whose reading a GBK console cannot show (Korean, and the empty set)."""
    done = run("decide", job.project, "3", "--reading", "의∅")
    assert done.returncode == 0, done.stderr


@pytest.mark.subprocess
def test_a_gbk_console_shows_what_it_can_and_never_a_traceback(job: Job) -> None:
    _odd_reading(job)
    done = run("loci", job.project, env={"PYTHONIOENCODING": "gbk"})
    assert done.returncode == 0 and not done.stderr
    listing = done.stdout.decode("gbk")
    assert "'??'" in listing and "昃" in listing  # 의 and ∅ replaced, the rest as it was


@pytest.mark.subprocess
def test_json_in_a_gbk_console_is_exact(job: Job) -> None:
    """Escaped where the console cannot hold a character: the document is still the same."""
    _odd_reading(job)
    gbk = run("loci", job.project, "--json", env={"PYTHONIOENCODING": "gbk"})
    utf8 = run("loci", job.project, "--json", env={"PYTHONIOENCODING": "utf-8"})
    assert gbk.returncode == 0 and utf8.returncode == 0
    assert "의∅" in utf8.stdout.decode("utf-8")
    assert json.loads(gbk.stdout.decode("gbk")) == json.loads(utf8.stdout.decode("utf-8"))


@pytest.mark.subprocess
def test_a_gbk_console_gets_errors_in_one_line(job: Job, tmp_path: Path) -> None:
    odd = tmp_path / "의∅.jkproj"
    done = run("loci", odd, env={"PYTHONIOENCODING": "gbk"})
    assert done.returncode == 2
    one_line_error(done.stderr.decode("gbk", "replace"), "cannot open")


def _shell(command: str, *args: object) -> subprocess.CompletedProcess[bytes]:
    argv = ["sh", "-c", command, sys.executable, *map(str, args)]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=30)


@pytest.mark.subprocess
def test_a_full_stdout_is_one_line(job: Job) -> None:
    done = _shell('exec "$0" -m app loci "$1" > /dev/full', job.project)
    assert done.returncode == 2
    one_line_error(done.stderr.decode(), "cannot write the output", "No space left on device")


@pytest.mark.subprocess
def test_a_closed_stdout_is_one_line_and_nothing_is_done(job: Job) -> None:
    before = snapshot(job.folder)
    done = _shell('exec "$0" -m app decide "$1" 1 --reject >&-', job.project)
    assert done.returncode == 2
    one_line_error(done.stderr.decode(), "standard output is closed; nothing was done")
    assert snapshot(job.folder) == before


@pytest.mark.subprocess
def test_closed_stdout_and_stderr_still_end_with_status_two(job: Job) -> None:
    done = _shell('exec "$0" -m app loci "$1" >&- 2>&-', job.project)
    assert done.returncode == 2


@pytest.mark.subprocess
def test_a_reader_that_stops_early_is_not_an_error(job: Job) -> None:
    command = 'set -o pipefail 2>/dev/null; "$0" -m app collate "$1" "$2" | head -c 1 >/dev/null'
    done = _shell(command, job.source, job.a)
    assert b"Traceback" not in done.stderr and not done.stderr


def test_an_unforeseen_system_error_is_one_line_too(
    job: Job, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safety net under every known message: an OSError that nothing else reworded."""

    def failing(*args: object, **kw: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(cli_main, "collate", failing)
    code, out, err = cli(capsys, "collate", job.source, job.a)
    assert code == 2 and out == ""
    one_line_error(err, os.strerror(errno.EIO))
    assert "cannot write the output" not in err
