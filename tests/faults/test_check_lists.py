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
