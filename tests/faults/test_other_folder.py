"""A project used from another folder than the one it was made in still knows its texts.

Issue 19: a project kept its texts' paths as given (relative to the folder
the command ran in), and the guard against writing onto a text compared
those names, so ``cd texts; jiaokan collate 底本.txt 校本.txt --project
../projects/p.jkproj`` and then ``cd ../projects; jiaokan export p.jkproj
--text ../texts/底本.txt`` replaced the source.  Now a project keeps each
text's absolute path and the same relative to its own folder; every output
is compared with the real files (device and inode) under every name; and a
text found under none of them (an older project used from elsewhere) is
still recognised by its bytes.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from app.cli.main import main
from app.project.project import Project
from app.store.file import ProjectFile
from app.store.schema import MIGRATIONS, SCHEMA_VERSION, added_columns
from tests.faults.conftest import cli, one_line_error, redirect_stdout, snapshot

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

SOURCE = "守严守牢疫情防控的关键防线。社区是疫情防控的第一线。"
VARIANT = "严守守牢疫情防控的关键防线。社区是疫情防控的第一线，"
LONG = "人民日报评论员文章关于城乡接合部社区防控的若干意见和建议"
"""A long Chinese name, as real files have."""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``texts/`` with a source and a variant, and a project made from inside ``texts/``
    into ``projects/``, with one accepted reading."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "projects").mkdir()
    (tmp_path / "texts" / f"{LONG}底本.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "texts" / f"{LONG}校本.txt").write_text(VARIANT, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "texts")
    project = tmp_path / "projects" / "p.jkproj"
    assert cli_status("collate", f"{LONG}底本.txt", f"{LONG}校本.txt", "--project", project) == 0
    with Project.open(project) as opened:
        opened.accept([opened.loci[0].id], opened.witness_ids[0])
    return tmp_path


def cli_status(*argv: object) -> int:
    with open(os.devnull, "w") as null, redirect_stdout(null):
        return main([str(a) for a in argv])


def texts_of(tree: Path) -> tuple[Path, Path]:
    return tree / "texts" / f"{LONG}底本.txt", tree / "texts" / f"{LONG}校本.txt"


FLAGS = ["--text", "--csv", "--report", "--docx"]


@pytest.mark.parametrize("flag", FLAGS)
@pytest.mark.parametrize("where", ["projects", "root", "elsewhere"])
@pytest.mark.parametrize("which", ["source", "variant"])
def test_an_export_from_another_folder_never_lands_on_a_text(
    tree: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    flag: str,
    where: str,
    which: str,
) -> None:
    source, variant = texts_of(tree)
    target = source if which == "source" else variant
    if where == "projects":  # the case: relative names from the project's folder
        monkeypatch.chdir(tree / "projects")
        project, named = Path("p.jkproj"), Path("..") / "texts" / target.name
    elif where == "root":  # from / with absolute names
        monkeypatch.chdir("/")
        project, named = tree / "projects" / "p.jkproj", target
    else:
        (tree / "elsewhere").mkdir()
        monkeypatch.chdir(tree / "elsewhere")
        project, named = Path("../projects/p.jkproj"), Path("../texts") / target.name
    before = snapshot(tree / "texts")
    code, out, err = cli(capsys, "export", project, flag, named)
    assert code == 2 and out == ""
    one_line_error(err, "it was not overwritten", "source text" if which == "source" else "variant")
    assert snapshot(tree / "texts") == before


def test_the_project_keeps_absolute_paths_and_paths_from_its_own_folder(tree: Path) -> None:
    conn = sqlite3.connect(tree / "projects" / "p.jkproj")
    try:
        rows = conn.execute("SELECT path, relative_path FROM texts ORDER BY position").fetchall()
    finally:
        conn.close()
    source, variant = texts_of(tree)
    assert rows == [
        (str(source), f"../texts/{source.name}"),
        (str(variant), f"../texts/{variant.name}"),
    ]


def test_a_tree_moved_whole_still_finds_its_texts_and_guards_them(
    tree: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """The absolute paths are gone; the paths from the project's folder still lead there."""
    moved = tmp_path_factory.mktemp("moved") / "work"
    shutil.move(tree, moved)
    with Project.open(moved / "projects" / "p.jkproj", read_only=True) as project:
        assert project.source.path == str(moved / "texts" / f"{LONG}底本.txt")
        assert not project.source_changed_on_disk()
    before = snapshot(moved / "texts")
    for target in texts_of(moved):
        code, _, err = cli(capsys, "export", moved / "projects" / "p.jkproj", "--text", target)
        assert code == 2
        one_line_error(err, "it was not overwritten")
    assert snapshot(moved / "texts") == before


def test_a_copied_tree_uses_its_own_texts(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A copy of the whole tree, its source then edited: the copy's project reads the copy's
    texts (found from its own folder, where the bytes are the ones collated first)."""
    copy = tree.parent / f"{tree.name}-copy"
    shutil.copytree(tree, copy)
    (tree / "texts" / f"{LONG}底本.txt").write_text(SOURCE + "改", encoding="utf-8")
    with Project.open(copy / "projects" / "p.jkproj", read_only=True) as project:
        assert project.source.path == str(copy / "texts" / f"{LONG}底本.txt")
    code, _, err = cli(
        capsys,
        "export",
        copy / "projects" / "p.jkproj",
        "--text",
        tree / "texts" / f"{LONG}底本.txt",
    )
    assert code == 2, "the original's source is still one of the names the project knows"
    one_line_error(err, "source text")


def _as_version_5(project: Path, given: dict[str, str]) -> None:
    """What Jiaokan wrote before schema 6: the names as given, no relative paths."""
    conn = sqlite3.connect(project, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        for position, name in enumerate(given.values()):
            conn.execute("UPDATE texts SET path = ? WHERE position = ?", (name, position))
        for version in range(5, SCHEMA_VERSION):  # every column and table added since 5
            for table, column in added_columns(version):
                conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            for statement in MIGRATIONS[version]:
                if statement.startswith("CREATE TABLE"):
                    conn.execute(f"DROP TABLE {statement.split()[2]}")
        conn.execute("DELETE FROM meta WHERE key IN ('project_id', 'write_seq')")
        conn.execute("PRAGMA user_version = 5")
    finally:
        conn.close()


@pytest.mark.parametrize("flag", FLAGS)
def test_an_older_project_used_from_another_folder_knows_its_texts_by_their_bytes(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, flag: str
) -> None:
    """Its relative names lead nowhere from here; the files are still recognised."""
    source, variant = texts_of(tree)
    project = tree / "projects" / "p.jkproj"
    _as_version_5(project, {"source": source.name, "variant": variant.name})
    monkeypatch.chdir(tree / "projects")
    before = snapshot(tree / "texts")
    for target in (source, variant):
        code, _, err = cli(capsys, "export", "p.jkproj", flag, Path("../texts") / target.name)
        assert code == 2
        one_line_error(err, "has the bytes of the project's source text or a variant")
    assert snapshot(tree / "texts") == before
    out = tree / "out.txt"
    assert cli(capsys, "export", "p.jkproj", "--text", out)[0] == 0  # any other file: written
    assert out.read_text(encoding="utf-8") != SOURCE


def test_an_older_project_opened_from_its_texts_folder_finds_them(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, variant = texts_of(tree)
    project = tree / "projects" / "p.jkproj"
    _as_version_5(project, {"source": source.name, "variant": variant.name})
    monkeypatch.chdir(tree / "texts")
    with Project.open(project) as opened:  # upgraded to schema 6 on the way
        assert opened.source.path == str(source)
        assert [w.path for w in opened.witnesses] == [str(variant)]


def test_save_as_elsewhere_keeps_the_paths_from_its_new_folder(tree: Path) -> None:
    source, _ = texts_of(tree)
    (tree / "deep" / "er").mkdir(parents=True)
    copy = tree / "deep" / "er" / "copy.jkproj"
    with ProjectFile.open(tree / "projects" / "p.jkproj") as project:
        project.save_as(copy)
    conn = sqlite3.connect(copy)
    try:
        row = conn.execute("SELECT path, relative_path FROM texts WHERE position = 0").fetchone()
    finally:
        conn.close()
    assert row == (str(source), f"../../texts/{source.name}")


def test_the_window_refuses_an_export_onto_the_source_from_another_folder(
    tree: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """As the issue tried it: the project reopened from another working folder, File ▸
    Export onto the source, Qt's "Replace?" answered Yes (export_to is what follows)."""
    monkeypatch.chdir("/")
    assert window.open_project(str(tree / "projects" / "p.jkproj"))
    before = snapshot(tree / "texts")
    from PySide6.QtWidgets import QMessageBox

    for target in texts_of(tree):
        for what in ("text", "csv", "report", "word"):
            assert not window.projects.export_to(what, str(target))
            (box,) = [b for b in window.findChildren(QMessageBox, "error-dialog") if b.isVisible()]
            assert "it was not overwritten" in box.text()
            box.close()
    assert snapshot(tree / "texts") == before
