"""Nobody at the window (``jiaokan A B --screenshot OUT.png``): no box waits for an answer.

Each question takes the answer Escape gives and is told on stderr: files that
have a project open it, a changed source is not collated anew, a bulk decision
is not made; a message is said, not shown.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.project.project import Project
from tests.conftest import ROOT
from tests.helpers.window import (
    WAIT,
    accept_what_a_recollation_cannot_place,
    locus_ids,
    make_window,
    open_demo,
)
from ui.settings import Settings
from ui.window.main_window import DEMO_DIR, DEMO_FILES, MainWindow


def shown_boxes(win: MainWindow) -> list[QMessageBox]:
    return [b for b in win.findChildren(QMessageBox) if b.isVisible()]


def projects_dir() -> Path:
    """Where the window makes its projects: the user data dir of this test (conftest)."""
    return Path(os.environ["XDG_DATA_HOME"]) / "jiaokan" / "projects"


def screenshot(files: list[Path], out: Path) -> subprocess.CompletedProcess[str]:
    """``jiaokan FILES --screenshot OUT``, given far less time than the 120 s it waited."""
    return subprocess.run(
        [sys.executable, "-m", "ui.launch", *map(str, files), "--screenshot", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.subprocess
def test_a_screenshot_of_files_that_have_a_project_opens_it_unasked(tmp_path: Path) -> None:
    files = [tmp_path / name for name in DEMO_FILES]
    for name in DEMO_FILES:
        shutil.copyfile(DEMO_DIR / name, tmp_path / name)
    first = screenshot(files, tmp_path / "first.png")
    assert first.returncode == 0, first.stderr
    (project_path,) = projects_dir().glob("*.jkproj")  # the registry has it now
    assert (projects_dir().parent / "recent.json").is_file()
    project = Project.open(project_path)
    rejected = project.ids()[0]
    project.reject([rejected])
    project.close()

    again = screenshot(files, tmp_path / "again.png")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again.png").stat().st_size > 10_000
    assert "8 divergences" in again.stdout
    # told, with the answer taken: Escape's, the project, not a new one
    (told,) = again.stderr.splitlines()
    assert told.startswith("jiaokan: These files have a project: ")
    assert told.endswith("→ Open the project")
    assert list(projects_dir().glob("*.jkproj")) == [project_path]
    with Project.open(project_path, read_only=True) as reopened:
        assert reopened.status(rejected) == "rejected"
        stored = reopened.source.sha256

    # a source changed since: not collated anew (No, Escape's answer), the project as it was
    with files[0].open("a", encoding="utf-8") as source:
        source.write("又添了一行。\n")
    changed = screenshot(files, tmp_path / "changed.png")
    assert changed.returncode == 0, changed.stderr
    told_lines = changed.stderr.splitlines()
    assert len(told_lines) == 2 and told_lines[0] == told
    assert told_lines[1].startswith("jiaokan: The source has changed: ")
    assert told_lines[1].endswith("→ No")
    assert list(projects_dir().glob("*.jkproj")) == [project_path]
    with Project.open(project_path, read_only=True) as reopened:
        assert reopened.source.sha256 == stored
        assert reopened.status(rejected) == "rejected"


def test_an_unattended_window_opens_the_existing_project(
    qtbot: QtBot, window: MainWindow, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    open_demo(qtbot, window)
    window.session.reject([locus_ids(window)[0]])
    assert window.session.project is not None
    first = window.session.project.path
    window.close()
    again = make_window(qtbot, Settings(settings.path))
    again.unattended = True
    with qtbot.waitSignal(again.collationShown, timeout=WAIT):
        assert again.open_demo()  # the project opens before this returns: nothing asked
        assert shown_boxes(again) == []
    assert again.session.project is not None and again.session.project.path == first
    assert again.session.decision(locus_ids(again)[0]).status == "rejected"
    assert "These files have a project" in capsys.readouterr().err
    again.session.shutdown()


def test_unplaced_decisions_are_said_not_shown(
    qtbot: QtBot, window: MainWindow, capsys: pytest.CaptureFixture[str]
) -> None:
    open_demo(qtbot, window)
    window.unattended = True
    accept_what_a_recollation_cannot_place(qtbot, window)
    assert shown_boxes(window) == []
    (told,) = capsys.readouterr().err.splitlines()
    assert told.startswith(
        "jiaokan: Decisions that could not be placed: 1 decision no longer matches"
    )


def test_an_unattended_question_is_answered_no(
    qtbot: QtBot, window: MainWindow, capsys: pytest.CaptureFixture[str]
) -> None:
    open_demo(qtbot, window)
    window.unattended = True
    window.proofreading.accept_majority()  # "Accept every undecided reading that…?"
    assert shown_boxes(window) == []
    assert window.session.counts()["undecided"] == len(window.session.loci)  # nothing made
    assert capsys.readouterr().err.strip().endswith("→ No")
    window.unattended = False  # and a proofreader is asked, as before
    answered: list[str] = []

    def answer(_parent: object, title: str, *_a: object) -> QMessageBox.StandardButton:
        answered.append(title)
        return QMessageBox.StandardButton.Yes

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, "question", answer)
        window.proofreading.accept_majority()
    assert answered == ["Decide many"]
    assert window.session.counts()["undecided"] < len(window.session.loci)
