"""An output never lands on the project, its texts, or anything but a regular file.

``jiaokan export P.jkproj --text P.jkproj`` once replaced the project with
its corrected text; ``collate --project SRC.txt`` replaced the source.  Each
name a slip could give (the file itself, a symlink, a hard link, a relative
path, a part SQLite keeps beside it) is tried here, and the folder must come
out byte-identical.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from app.export.apparatus import write_csv
from app.export.data import ExportError
from app.project.project import Project
from app.store.file import ProjectFile
from app.store.records import ProjectError
from tests.faults.conftest import Job, cli, one_line_error, snapshot


@pytest.mark.parametrize("flag", ["--text", "--docx", "--report", "--csv"])
@pytest.mark.parametrize(
    "name", ["project", "symlink", "hardlink", "relative", "source", "a", "b", "wal", "lock"]
)
def test_export_never_overwrites_the_project_or_its_texts(
    job: Job,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    flag: str,
    name: str,
) -> None:
    monkeypatch.chdir(job.folder)
    target = {
        "project": job.project,
        "relative": Path("sub/../p.jkproj"),
        "source": job.source,
        "a": job.a,
        "b": job.b,
        "wal": Path(f"{job.project}-wal"),
        "lock": Path(f"{job.project}.lock"),
    }.get(name)
    (job.folder / "sub").mkdir()
    if name == "symlink":
        target = job.folder / "sub" / "link.txt"
        target.symlink_to(job.project)
    elif name == "hardlink":
        target = job.folder / "sub" / "same.txt"
        os.link(job.b, target)
    assert target is not None
    before = snapshot(job.folder, strict=False)
    code, out, err = cli(capsys, "export", job.project, flag, target)
    assert code == 2 and out == ""
    what = {"project": "project file itself", "source": "source text", "a": "variant a"}
    one_line_error(err, "it was not overwritten", what.get(name, ""))
    assert snapshot(job.folder, strict=False) == before


@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "socket"])
def test_export_refuses_a_special_file(
    job: Job, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = job.folder / "out"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "device":
        target = Path(os.devnull)
    else:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
        server.close()
    before = snapshot(job.folder, strict=False)
    code, _, err = cli(capsys, "export", job.project, "--text", target)
    assert code == 2
    one_line_error(err, "is not a regular file")
    assert snapshot(job.folder, strict=False) == before
    assert Path(os.devnull).is_char_device()


def test_the_window_s_export_is_guarded_too(job: Job) -> None:
    """The window writes through the same functions with the project's export input."""
    with Project.open(job.project, read_only=True) as project:
        data = project.export_input()
    before = snapshot(job.folder, strict=False)
    with pytest.raises(ExportError, match="project file itself"):
        write_csv(data, job.project)
    assert snapshot(job.folder, strict=False) == before


def test_two_outputs_naming_one_file_are_refused(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    out = job.folder / "out.txt"
    code, _, err = cli(capsys, "export", job.project, "--text", out, "--csv", out)
    assert code == 2 and not out.exists()
    one_line_error(err, "named as two outputs")


def test_a_good_export_still_replaces_an_old_export(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    out = job.folder / "out.txt"
    out.write_text("old", encoding="utf-8")
    assert cli(capsys, "export", job.project, "--text", out)[0] == 0
    assert out.read_text(encoding="utf-8").startswith("天地")


@pytest.mark.parametrize("name", ["source", "variant", "symlink-to-source", "hardlink-to-a"])
def test_collate_never_writes_its_project_over_a_text(
    job: Job, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    target = {"source": job.source, "variant": job.b}.get(name, job.folder / "out.jkproj")
    if name == "symlink-to-source":
        target.symlink_to(job.source)
    elif name == "hardlink-to-a":
        os.link(job.a, target)
    before = snapshot(job.folder, strict=False)
    argv = ["collate", job.source, job.a, job.b, "--project", target, "--replace"]
    code, out, err = cli(capsys, *argv)
    assert code == 2 and out == ""
    one_line_error(err, "it was not overwritten")
    assert snapshot(job.folder, strict=False) == before


def test_collate_keeps_an_existing_project_unless_told_to_replace_it(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "decide", job.project, "1", "--reject")[0] == 0
    before = snapshot(job.folder, strict=False)
    code, out, err = cli(capsys, "collate", job.source, job.a, "--project", job.project)
    assert code == 2 and out == ""
    one_line_error(err, "already exists; give --replace to replace it")
    assert snapshot(job.folder, strict=False) == before
    code, _, _ = cli(capsys, "collate", job.source, job.a, "--project", job.project, "--replace")
    assert code == 0
    with Project.open(job.project, read_only=True) as project:
        assert project.witness_ids == ("a",) and not project.log.all()


def test_collate_refuses_a_special_file_as_its_project(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = job.folder / "fifo.jkproj"
    os.mkfifo(fifo)
    code, _, err = cli(capsys, "collate", job.source, job.a, "--project", fifo, "--replace")
    assert code == 2 and fifo.is_fifo()
    one_line_error(err, "is not a regular file")


def test_the_engine_refuses_too_create_and_save_as(job: Job) -> None:
    """Project.create (the window's New) and save_as guard themselves as well."""
    with ProjectFile.open(job.project) as project:
        texts = project.texts()
        before = snapshot(job.folder, strict=False)
        with pytest.raises(ProjectError, match="source text"):
            project.save_as(job.source)
        with pytest.raises(ProjectError, match="variant b"):
            ProjectFile.create(job.b, texts, (), [])
        with pytest.raises(ProjectError, match="not a regular file"):
            project.save_as(os.devnull)
        assert snapshot(job.folder, strict=False) == before


def test_save_as_onto_another_name_of_the_project_is_refused(job: Job, tmp_path: Path) -> None:
    other = tmp_path / "same.jkproj"
    os.link(job.project, other)
    with ProjectFile.open(job.project) as project:
        before = snapshot(job.folder)
        with pytest.raises(ProjectError, match="project file itself"):
            project.save_as(other)
        assert snapshot(job.folder) == before


def test_a_symlink_to_a_fifo_is_a_special_file_too(
    job: Job, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = job.folder / "out.txt"
    link.symlink_to(fifo)
    code, _, err = cli(capsys, "export", job.project, "--text", link)
    assert code == 2 and link.is_symlink() and fifo.is_fifo()
    one_line_error(err, "is not a regular file")
