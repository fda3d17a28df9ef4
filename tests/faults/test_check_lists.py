"""``jiaokan check`` and ``quality`` only read; a broken list is one line, never half a list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.classes import wordlists
from tests.faults.conftest import Job, cli, one_line_error, snapshot


def _lists(tmp_path: Path) -> Path:
    folder = tmp_path / "lists"
    wordlists.save_folder(folder, wordlists.WordLists(allow=frozenset({"宇宙洪荒"})))
    return folder


def _gbk(folder: Path) -> None:
    (folder / "allow.txt").write_bytes("宇宙洪荒\n".encode("gb18030"))


def _folder(folder: Path) -> None:
    (folder / "mistakes.csv").unlink()
    (folder / "mistakes.csv").mkdir()


@pytest.mark.parametrize(
    ("break_it", "says"), [(_gbk, "allow.txt is not UTF-8 text"), (_folder, "cannot read")]
)
def test_an_unreadable_list_is_one_line_and_nothing_is_checked_without_it(
    job: Job,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    break_it: Callable[[Path], None],
    says: str,
) -> None:
    folder = _lists(tmp_path)
    break_it(folder)
    lists_before, job_before = snapshot(folder), snapshot(job.folder)
    code, out, err = cli(capsys, "check", job.source, "--lists", folder)
    assert code == 2 and out == ""
    one_line_error(err, says)
    assert snapshot(folder) == lists_before and snapshot(job.folder) == job_before


def test_check_and_quality_leave_the_text_and_the_project_untouched(
    job: Job, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(job.folder, strict=False)
    code, out, _ = cli(capsys, "check", job.source, "--lists", _lists(tmp_path), "--json")
    assert code == 0 and out.startswith("{")
    code, out, _ = cli(capsys, "quality", job.project, "--json")
    assert code == 0 and '"verdict": "合格"' in out
    assert snapshot(job.folder, strict=False) == before


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("宇宙洪荒\n\x00\n" + "字" * 10_000 + "\n", {"宇宙洪荒", "\x00", "字" * 10_000}),
        ("", set()),
        ("#only a comment\n", set()),
    ],
)
def test_a_projects_own_list_is_read_as_a_list_file_is(
    tmp_path: Path, value: str, kept: set[str]
) -> None:
    """A project's lists are ``meta`` rows another program may have written anything into:
    read as their files are, a kind this version does not know left out; a value that
    is not text is the damaged file every other ``meta`` value would make it."""
    from app.project.project import Project
    from app.store.connection import connect
    from app.store.records import ProjectError

    project_path = _project_alone(tmp_path)
    conn = connect(project_path, "rw")
    with conn:
        conn.execute("INSERT INTO meta VALUES ('lists.allow', ?)", (value,))
        conn.execute("INSERT INTO meta VALUES ('lists.unknown', 'x')")
    conn.close()
    with Project.open(project_path) as project:
        assert project.word_lists().allow == kept
    conn = connect(project_path, "rw")
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'lists.allow'", (b"\xff\x00",))
    conn.close()
    with pytest.raises(ProjectError, match="damaged"):
        Project.open(project_path)


def _project_alone(tmp_path: Path) -> Path:
    from app.session.session import Session

    path = tmp_path / "稿件.txt"
    path.write_text("他们按步就班地工作。\n", encoding="utf-8")
    session = Session(projects_dir=tmp_path / "projects")
    session.open_files(path, [])
    assert session.collate_now() is not None
    assert session.project is not None
    project_path = session.project.path
    session.close()
    return project_path
