"""The lock: per file not per name, never through a link, never against another file.

A lock path made a symlink or a hard link to another file (by accident or
by someone who shares the folder) once had that file truncated and
overwritten with "PID host"; two names of one project (a hard link) could
both be written, each with a WAL of its own, and lost decisions.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.store.file import ProjectFile
from tests.conftest import ROOT
from tests.faults.conftest import Job, cli, one_line_error, run, snapshot

PRECIOUS = b"precious bytes that no lock may ever truncate\n"


@pytest.mark.parametrize("how", ["symlink", "dangling-symlink", "hardlink", "fifo", "folder"])
def test_a_lock_path_that_is_not_a_plain_file_of_its_own_is_left_alone(
    job: Job, tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    victim = tmp_path / "victim.txt"
    lock = Path(f"{job.project}.lock")
    if how == "symlink":
        victim.write_bytes(PRECIOUS)
        lock.symlink_to(victim)
    elif how == "dangling-symlink":
        lock.symlink_to(victim)
    elif how == "hardlink":
        victim.write_bytes(PRECIOUS)
        os.link(victim, lock)
    elif how == "fifo":
        os.mkfifo(lock)
    else:
        lock.mkdir()
    before = snapshot(job.folder, strict=False)
    code, _, err = cli(capsys, "decide", job.project, "1", "--reject")
    assert code == 2
    one_line_error(err, "read-only", "its lock file cannot be made")
    assert snapshot(job.folder, strict=False) == before
    if how == "dangling-symlink":
        assert not victim.exists()
    elif how in ("symlink", "hardlink"):
        assert victim.read_bytes() == PRECIOUS
    # and reading still works: a reader takes no lock
    assert cli(capsys, "loci", job.project)[0] == 0


def test_two_names_of_one_project_are_one_lock(job: Job, tmp_path: Path) -> None:
    other = tmp_path / "other-name.jkproj"
    os.link(job.project, other)
    with ProjectFile.open(job.project) as first:
        assert not first.read_only
        with ProjectFile.open(other) as second:
            assert second.read_only
            assert second.read_only_reason == (
                "open in another Jiaokan window (under another name of the file)"
            )
    with ProjectFile.open(other) as second:  # and free again once the first is closed
        assert not second.read_only


_RACER = textwrap.dedent(
    """
    import contextlib, io, sys
    from app.cli.main import main
    name, tag, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for k in range(rounds):
        reading = f"{tag}{k}"
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            status = main(["decide", name, "1", "--reading", reading])
        if status == 0:
            print(reading, flush=True)
    """
)


@pytest.mark.subprocess
def test_racing_decides_through_two_names_lose_nothing(job: Job, tmp_path: Path) -> None:
    other = tmp_path / "hardlink.jkproj"
    os.link(job.project, other)
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, str(name), tag, "60"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, tag in ((job.project, "A"), (other, "B"))
    ]
    reported = []
    for racer in racers:
        out, _ = racer.communicate(timeout=60)
        assert racer.returncode == 0
        reported += out.split()
    assert reported
    with ProjectFile.open(job.project, read_only=True) as project:
        history = "\n".join(changes for _, _, _, changes in project.history())
        assert project.history()
    lost = [r for r in reported if f'"reading": "{r}"' not in history]
    assert not lost
    assert not Path(f"{other}-wal").exists() or Path(f"{other}-wal").stat().st_size == 0


def test_a_full_disk_while_taking_the_lock_is_one_line_and_leaves_nothing(
    job: Job, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    out = job.folder / "new.jkproj"
    before = snapshot(job.folder)
    code, _, err = cli(capsys, "collate", job.source, job.a, "--project", out)
    assert code == 2
    one_line_error(err, "cannot write new.jkproj", "No space left on device")
    assert snapshot(job.folder) == before


@pytest.mark.subprocess
@pytest.mark.parametrize("blocks", [0, 8])
def test_a_file_size_limit_during_collate_is_one_line_and_leaves_nothing(
    job: Job, blocks: int
) -> None:
    """RLIMIT_FSIZE as a full disk without tmpfs: 0 fails the lock file, 8 the project."""
    out = job.folder / "new.jkproj"
    before = snapshot(job.folder)
    command = f'ulimit -f {blocks}; exec "$0" -m app collate "$1" "$2" --project "$3"'
    argv = ["sh", "-c", command, sys.executable, str(job.source), str(job.a), str(out)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=30)
    assert done.returncode == 2
    one_line_error(done.stderr.decode(), "cannot write new.jkproj")
    assert snapshot(job.folder) == before


@pytest.mark.subprocess
def test_the_lock_of_a_project_made_by_collate_is_released(job: Job) -> None:
    assert not Path(f"{job.project}.lock").exists()
    done = run("decide", job.project, "1", "2", "--reject")
    assert done.returncode == 0, done.stderr
    assert not Path(f"{job.project}.lock").exists()


# -- what a writer killed mid-write left beside the project (SIGKILL, a power cut) -----------


def test_a_dead_writers_temporary_file_is_deleted_by_the_next_writer_and_nothing_else(
    job: Job, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only ``.NAME.`` + mkstemp's eight characters + ``.tmp`` (and its journals), only
    regular files, only by whoever holds the lock (so only a dead writer's)."""
    stale = [
        ".p.jkproj.a1b2c3d4.tmp",
        ".p.jkproj.a1b2c3d4.tmp-journal",
        ".p.jkproj.x_y_z_0_.tmp-wal",
    ]
    kept = [
        ".p.jkproj.backup.tmp",  # not eight characters
        ".p.jkproj.a1b2c3d4.tmp.keep",
        ".q.jkproj.a1b2c3d4.tmp",  # another project's
        "p.jkproj.a1b2c3d4.tmp",  # not hidden: not ours
    ]
    victim = tmp_path / "victim.txt"
    victim.write_bytes(PRECIOUS)
    with ProjectFile.open(job.project):  # a window writes it (and took its lock before these)
        for name in stale + kept:
            (job.folder / name).write_bytes(b"x")
        (job.folder / ".p.jkproj.zzzzzzzz.tmp").symlink_to(victim)
        assert cli(capsys, "loci", job.project)[0] == 0
        assert cli(capsys, "decide", job.project, "1", "--reject")[0] == 2  # read-only
        assert all((job.folder / name).exists() for name in stale)  # they might be its own
    kept.append(".p.jkproj.zzzzzzzz.tmp")
    assert cli(capsys, "decide", job.project, "1", "--reject")[0] == 0
    left = set(snapshot(job.folder))
    assert not left & set(stale)
    assert set(kept) <= left and victim.read_bytes() == PRECIOUS


def test_rows_written_ahead_wait_for_another_writer_only_so_long_then_give_way(
    job: Job,
) -> None:
    """The window's worker writes a re-collation's new rows ahead through a connection of
    its own (app/store/file.py ``write_apart``).  Another writer holding the file (a
    decision being saved, a sqlite3 shell left in a transaction) makes it give up after
    ``APART_WAIT_MS`` with nothing written, so the rows are written on taking instead; a
    file gone makes it give up at once.  Rows written ahead and never taken are removed."""
    import sqlite3
    import time

    from app.store import file as file_module
    from app.store.records import locus_row

    with ProjectFile.open(job.project) as project:
        shown = [loc.id for loc in project.loci()]
        ids = [900 + k for k in range(len(shown))]
        rows = [
            locus_row(dataclasses.replace(loc, locus=dataclasses.replace(loc.locus, id=i)))
            for i, loc in zip(ids, project.loci(), strict=True)
        ]
        before = [loc.id for loc in project.loci(include_inactive=True)]
    other = sqlite3.connect(job.project, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        assert not file_module.write_apart(job.project, rows)
        assert time.monotonic() - started < 10 * file_module.APART_WAIT_MS / 1000
        other.execute("ROLLBACK")
    finally:
        other.close()
    with ProjectFile.open(job.project) as project:
        assert [loc.id for loc in project.loci(include_inactive=True)] == before
    assert not file_module.write_apart(job.folder / "gone.jkproj", rows)
    assert not (job.folder / "gone.jkproj").exists()
    assert file_module.write_apart(job.project, rows)
    with ProjectFile.open(job.project) as project:
        assert sorted(loc.id for loc in project.loci(include_inactive=True)) == sorted(
            [*before, *ids]
        )
        assert [loc.id for loc in project.loci()] == shown  # written, shown by nobody
    file_module.remove_apart(job.project, ids)
    with ProjectFile.open(job.project) as project:
        assert [loc.id for loc in project.loci(include_inactive=True)] == before
