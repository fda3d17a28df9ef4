"""A write-ahead log that is not the project's own is refused, not replayed.

Issue 19: a ``-wal`` copied beside a project from another project was
replayed by SQLite (which cannot tell), so the other project's decisions
appeared as this one's, and ``decide`` made them permanent.  The project
can tell: every write it makes (schema 6 on) also updates ``meta``'s
``write_seq``, so each transaction in a WAL carries the page with the
project's ``project_id``.  Replayed in private, a WAL must give the same id
and a write count no lower than the file's own; otherwise the project is
refused in one line, with its file, its WAL and its folder untouched.  A
crashed writer's own WAL is still recovered, as before.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.cli.main import main
from app.project.project import Project
from app.store.records import ProjectError
from tests.faults.conftest import Job, cli, one_line_error, redirect_stdout, snapshot

FOREIGN = "is not this project's own write-ahead log"


@contextmanager
def written_and_crashed(project: Path, into: Path) -> Iterator[Project]:
    """The project open with decisions in its WAL; then the WAL is copied to ``into``
    (what a writer killed at that moment would have left, or a stray copy)."""
    opened = Project.open(project)
    try:
        yield opened
        shutil.copyfile(f"{project}-wal", into)
    finally:
        opened.close()


def twin(job: Job) -> Path:
    """Another project of the same texts, made the same way: same schema, same pages."""
    other = job.folder / "other.jkproj"
    shutil.copyfile(job.source, job.folder / "src-copy.txt")
    job_texts = [job.folder / "src-copy.txt", job.a, job.b]
    with open(os.devnull, "w") as null, redirect_stdout(null):
        assert main(["collate", *map(str, job_texts), "--project", str(other)]) == 0
    return other


@pytest.mark.parametrize("command", ["decide", "loci", "export"])
def test_another_projects_wal_is_refused(
    job: Job, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    other = twin(job)
    with written_and_crashed(other, Path(f"{job.project}-wal")) as opened:
        opened.reject([loc.id for loc in opened.loci])
    before = snapshot(job.folder)
    argv = {
        "decide": ["decide", job.project, "1", "--reject"],
        "loci": ["loci", job.project],
        "export": ["export", job.project, "--text", job.folder / "out.txt"],
    }[command]
    code, out, err = cli(capsys, *argv)
    assert code == 2 and out == ""
    one_line_error(err, FOREIGN, "p.jkproj-wal")
    assert snapshot(job.folder) == before


def test_an_old_wal_of_the_project_itself_is_refused(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    """Put back after later writes were checkpointed: replaying it would undo them."""
    stale = job.folder / "stale-wal"
    with written_and_crashed(job.project, stale) as opened:
        opened.reject([opened.loci[0].id])
    assert cli(capsys, "decide", job.project, "2", "--reject")[0] == 0  # later, checkpointed
    shutil.copyfile(stale, f"{job.project}-wal")
    stale.unlink()
    before = snapshot(job.folder)
    code, _, err = cli(capsys, "loci", job.project)
    assert code == 2
    one_line_error(err, FOREIGN)
    assert snapshot(job.folder) == before


def test_the_projects_own_crashed_wal_is_recovered(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    crashed = job.folder / "crashed.jkproj"
    shutil.copyfile(job.project, crashed)
    with written_and_crashed(job.project, Path(f"{crashed}-wal")) as opened:
        opened.reject([opened.loci[0].id])
        rejected = opened.loci[0].id
    code, out, err = cli(capsys, "loci", crashed, "--json")
    assert code == 0, err
    assert f'"id": {rejected}' in out and '"status": "rejected"' in out
    assert cli(capsys, "decide", crashed, "2", "--reject")[0] == 0
    assert not Path(f"{crashed}-wal").exists()  # recovered, checkpointed, closed


@pytest.mark.parametrize("damage", ["garbage", "header only", "cut mid-frame"])
def test_a_damaged_wal_loses_nothing_committed(
    job: Job, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    """SQLite ignores a WAL whose header or frames do not check out: what the file holds
    is read as it is, one line never a traceback, and nothing is lost of it."""
    wal = Path(f"{job.project}-wal")
    if damage == "garbage":
        wal.write_bytes(os.urandom(5000))
    else:
        crashed = job.folder / "crashed-wal"
        with written_and_crashed(job.project, crashed) as opened:
            opened.reject([opened.loci[0].id])
        data = crashed.read_bytes()
        crashed.unlink()
        wal.write_bytes(data[:32] if damage == "header only" else data[: len(data) // 2 + 7])
    code, out, err = cli(capsys, "loci", job.project)
    assert code == 0 and "Traceback" not in err, err
    assert "undecided" in out


def test_opening_for_the_window_refuses_it_too(job: Job) -> None:
    """The window opens projects through ``Project.open``, writable or read-only."""
    other = twin(job)
    with written_and_crashed(other, Path(f"{job.project}-wal")) as opened:
        opened.accept([opened.loci[0].id], opened.witness_ids[0])
    before = snapshot(job.folder)
    for read_only in (False, True):
        with pytest.raises(ProjectError, match=FOREIGN):
            Project.open(job.project, read_only=read_only)
    assert snapshot(job.folder) == before
