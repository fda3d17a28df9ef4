"""Reading is read-only all the way down: a project on a read-only medium opens.

``loci`` and ``export`` once opened a project for writing: on a read-only
file they created a ``-wal`` and ``-shm`` of mode 444 (which then broke every
later ``decide``), and in a read-only folder or on a read-only file system
they failed.  Root ignores permission bits, so a read-only file or folder is
made here with mode bits (which Jiaokan checks as well as ``os.access``);
a real read-only file system is a read-only bind mount in a private mount
namespace (``unshare -m``), where the machine allows one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.decisions import Decision, Status
from app.store.file import ProjectFile
from tests.conftest import ROOT
from tests.faults.conftest import Job, cli, snapshot


@pytest.fixture
def locked_down(job: Job) -> Iterator[Job]:
    """The job with its project and folder read-only (mode bits), restored afterwards."""
    yield job
    job.folder.chmod(0o755)
    job.project.chmod(0o644)


def _loci(capsys: pytest.CaptureFixture[str], project: Path) -> dict[int, str]:
    code, out, err = cli(capsys, "loci", project, "--json")
    assert code == 0, err
    return {d["id"]: d["status"] for d in json.loads(out)["divergences"]}


@pytest.mark.parametrize("what", ["file", "folder", "both"])
def test_reading_a_read_only_project_creates_nothing(
    locked_down: Job, tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    job = locked_down
    assert cli(capsys, "decide", job.project, "1", "--reject")[0] == 0
    if what in ("file", "both"):
        job.project.chmod(0o444)
    if what in ("folder", "both"):
        job.folder.chmod(0o555)
    before = snapshot(job.folder)
    assert _loci(capsys, job.project)[1] == "rejected"
    out = tmp_path / "out.csv"
    assert cli(capsys, "export", job.project, "--csv", out)[0] == 0
    assert snapshot(job.folder) == before  # no -wal, no -shm, no .lock
    code, _, err = cli(capsys, "decide", job.project, "2", "--reject")
    assert code == 2 and "is read-only" in err
    job.project.chmod(0o644)
    job.folder.chmod(0o755)
    assert cli(capsys, "decide", job.project, "2", "--reject")[0] == 0  # nothing left in the way


def _crashed(job: Job, into: Path) -> Path:
    """A copy of the project as a writer that died leaves it: decisions only in its WAL."""
    into.mkdir()
    copy = into / job.project.name
    with ProjectFile.open(job.project) as project:
        project.commit_decisions("Reject #1", {1: Decision(Status.REJECTED, None, "昃")}, "t")
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{job.project}{suffix}", f"{copy}{suffix}")
    assert Path(f"{copy}-wal").stat().st_size > 32
    return copy


def test_a_crashed_writer_s_wal_is_read_from_a_read_only_folder(
    job: Job, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _crashed(job, tmp_path / "ro")
    copy.chmod(0o444)
    copy.parent.chmod(0o555)
    try:
        before = snapshot(copy.parent)
        assert _loci(capsys, copy)[1] == "rejected"  # the commit in the WAL is seen
        assert snapshot(copy.parent) == before
    finally:
        copy.parent.chmod(0o755)


def test_a_read_only_file_system_is_simulated_by_os_access(
    job: Job, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a read-only mount looks like to Jiaokan: os.access says EROFS, even to root."""
    real = os.access
    inside = str(job.folder)

    def access(path: object, mode: int, **kw: object) -> bool:
        if mode & os.W_OK and os.fspath(path).startswith(inside):  # type: ignore[call-overload]
            return False
        return real(path, mode, **kw)  # type: ignore[arg-type]

    assert cli(capsys, "decide", job.project, "1", "--reject")[0] == 0
    monkeypatch.setattr(os, "access", access)
    before = snapshot(job.folder)
    assert _loci(capsys, job.project)[1] == "rejected"
    assert snapshot(job.folder) == before


def _can_mount_read_only(folder: Path) -> bool:
    probe = [
        "unshare",
        "-m",
        "sh",
        "-c",
        'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0"',
        str(folder),
    ]
    try:
        return subprocess.run(probe, capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.mark.subprocess
def test_a_project_on_a_read_only_file_system_opens(job: Job, tmp_path: Path) -> None:
    crashed = _crashed(job, tmp_path / "medium")
    if not _can_mount_read_only(crashed.parent):
        pytest.skip("this machine allows no private read-only bind mount (unshare -m)")
    out = tmp_path / "out.txt"
    script = (
        'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" || exit 99\n'
        'touch "$1/probe" 2>/dev/null && exit 98\n'
        '"$0" -m app loci "$1/p.jkproj" --json > "$2.json" || exit $?\n'
        'exec "$0" -m app export "$1/p.jkproj" --text "$2"\n'
    )
    argv = ["unshare", "-m", "sh", "-c", script, sys.executable, str(crashed.parent), str(out)]
    before = snapshot(crashed.parent)
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr
    statuses = {
        d["id"]: d["status"] for d in json.loads(Path(f"{out}.json").read_text())["divergences"]
    }
    assert statuses[1] == "rejected"
    assert out.read_text(encoding="utf-8") and snapshot(crashed.parent) == before


def test_reading_a_writable_project_creates_nothing_either(
    job: Job, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``loci`` and ``export`` on an ordinary project leave no -wal, -shm or lock behind."""
    assert cli(capsys, "decide", job.project, "1", "--reject")[0] == 0
    before = snapshot(job.folder)
    assert _loci(capsys, job.project)[1] == "rejected"
    assert cli(capsys, "export", job.project, "--csv", tmp_path / "out.csv")[0] == 0
    assert snapshot(job.folder) == before
    assert cli(capsys, "decide", job.project, "2", "--reject")[0] == 0


def test_a_reader_reads_a_snapshot_and_keeps_nobody_out(job: Job) -> None:
    """Read-only opens copy the file under the lock for a moment: a writer may start at
    once, and what it writes never tears what the reader already has."""
    reader = ProjectFile.open(job.project, read_only=True)
    try:
        assert reader.decisions() == {}
        with ProjectFile.open(job.project) as writer:
            assert not writer.read_only
            writer.commit_decisions("Reject #1", {1: Decision(Status.REJECTED, None, "昃")}, "t")
        assert reader.decisions() == {}
    finally:
        reader.close()
    with ProjectFile.open(job.project, read_only=True) as again:
        assert again.decisions()[1].status == "rejected"
