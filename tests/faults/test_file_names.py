"""A file name that is not valid in the file system's encoding is kept as the bytes it is.

Issue 19: ``校本.txt`` in GBK bytes (from a Chinese Windows zip, on a UTF-8
system) reaches Python with its undecodable bytes as lone surrogates.
``collate --project`` ended in a ``UnicodeEncodeError`` traceback, and the
JSON named the file ``У??.txt``.  Now the project keeps such a name as its
bytes, finds and guards the file under it, the JSON carries it exactly
(``\\udcXX`` escapes, which read back to the same bytes), and a person is
shown it readably: the witness is 校本, the table and messages say 校本.txt.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from app.messages import readable_name
from app.project.project import Project
from app.store.registry import RecentProjects, find_existing
from tests.faults.conftest import cli, one_line_error, snapshot

SOURCE = "天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。"
VARIANT = "天地玄黄，宇宙鸿荒。日月盈昃，辰宿张。"

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8",
    reason="undecodable names exist where the file system's encoding is UTF-8 (POSIX)",
)


def gbk_name(folder: Path, name: str) -> Path:
    """The path of ``name`` in GBK bytes, as Python names it (lone surrogates)."""
    return folder / os.fsdecode(name.encode("gbk"))


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    source = gbk_name(tmp_path, "底本.txt")
    variant = gbk_name(tmp_path, "校本.txt")
    source.write_text(SOURCE, encoding="utf-8")
    variant.write_text(VARIANT, encoding="utf-8")
    assert os.fsencode(variant) == os.fsencode(tmp_path) + "/校本.txt".encode("gbk")
    return source, variant


def test_a_gbk_name_is_shown_readably() -> None:
    assert readable_name(os.fsdecode("甲/校本.txt".encode("gbk"))) == "甲/校本.txt"
    assert readable_name("a/" + os.fsdecode(b"\xff\xfe.txt")) == "a/\\xff\\xfe.txt"
    assert readable_name("校本.txt") == "校本.txt"


def test_collate_with_a_project_keeps_the_name_as_its_bytes(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, variant = files
    project = tmp_path / "p.jkproj"
    code, out, err = cli(capsys, "collate", source, variant, "--project", project)
    assert code == 0, err
    assert "校本" in out and "\\udc" not in out  # the table reads: witness 校本, 校本.txt
    with Project.open(project, read_only=True) as opened:
        assert opened.witness_ids == ("校本",)
        assert opened.source.path == str(source)
        assert [w.path for w in opened.witnesses] == [str(variant)]
        assert not opened.source_changed_on_disk()
    assert find_existing(tmp_path, source, [variant]) == [project]


def test_the_json_carries_the_exact_name(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source, variant = files
    code, out, err = cli(capsys, "collate", source, variant, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["source"]["path"] == str(source)
    assert os.path.exists(doc["witnesses"][0]["path"])  # the same bytes, read back
    assert doc["witnesses"][0]["id"] == "校本"


@pytest.mark.parametrize("flag", ["--text", "--csv", "--report", "--docx"])
def test_export_guards_a_text_under_its_gbk_name(
    files: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    flag: str,
) -> None:
    source, variant = files
    project = tmp_path / "p.jkproj"
    assert cli(capsys, "collate", source, variant, "--project", project)[0] == 0
    monkeypatch.chdir("/")
    before = snapshot(tmp_path, strict=False)
    for target in (source, variant):
        code, _, err = cli(capsys, "export", project, flag, target)
        assert code == 2
        one_line_error(err, "it was not overwritten", "校本.txt" if target == variant else "底本")
    assert snapshot(tmp_path, strict=False) == before


def test_an_export_to_a_gbk_name_is_written_there(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, variant = files
    project = tmp_path / "p.jkproj"
    assert cli(capsys, "collate", source, variant, "--project", project)[0] == 0
    out = gbk_name(tmp_path, "校正.txt")
    code, said, err = cli(capsys, "export", project, "--text", out)
    assert code == 0, err
    assert out.read_text(encoding="utf-8") == SOURCE
    assert "\\udc" in said  # the exact name, escaped: nothing raw reaches the terminal


def test_a_project_in_a_gbk_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = gbk_name(tmp_path, "校勘")
    folder.mkdir()
    source, variant = folder / "a.txt", folder / "b.txt"
    source.write_text(SOURCE, encoding="utf-8")
    variant.write_text(VARIANT, encoding="utf-8")
    project = folder / "项目.jkproj"
    assert cli(capsys, "collate", source, variant, "--project", project)[0] == 0
    code, out, err = cli(capsys, "loci", project, "--json")
    assert code == 0, err
    assert json.loads(out)["source"]["path"] == str(source)
    code, _, err = cli(capsys, "export", project, "--text", source)
    assert code == 2
    one_line_error(err, "校勘/a.txt' is the source text")


def test_recent_projects_keep_a_gbk_name(tmp_path: Path) -> None:
    """File ▸ Recent remembers a project under a GBK name exactly (it must not fail to
    write, nor come back as another name)."""
    recent = RecentProjects(tmp_path / "recent.json")
    project = gbk_name(tmp_path, "校勘.jkproj")
    recent.add(project)
    recent.add(tmp_path / "其他.jkproj")
    assert recent.load() == [str(tmp_path / "其他.jkproj"), str(project)]
