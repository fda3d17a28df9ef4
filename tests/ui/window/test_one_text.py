"""One text alone in the window: its checks, each fix and reason in the panel, translated."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app.classes import wordlists
from app.classes.checks import CHECK_WITNESS
from tests.helpers.i18n import compile_translations
from tests.helpers.window import WAIT, select_row
from ui.i18n import install_translators, remove_translators
from ui.messages import finding_text
from ui.window.main_window import MainWindow

TEXT = "我们要再接再励，按步就班地工作。\n要做好運輸保障。我们应该保护环竟。\n"


def _open_alone(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """:data:`TEXT` opened on its own, its findings shown."""
    path = tmp_path / "稿件.txt"
    path.write_text(TEXT, encoding="utf-8")
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        assert window.open_files(str(path), [])


@pytest.fixture
def chinese(qapp: object, tmp_path: Path) -> Iterator[None]:
    compile_translations(tmp_path, ("zh_CN",))
    assert install_translators("zh_CN", tmp_path), "the translation did not load"
    yield
    remove_translators()


@pytest.mark.subprocess  # lrelease compiles the translation
def test_a_findings_reason_is_shown_in_the_interface_language(chinese: None) -> None:
    assert finding_text("“再接再励” is a common misspelling of “再接再厉”") == (
        "“再接再励”是常见误写，应作“再接再厉”"
    )
    assert finding_text("“運輸” is Traditional in a Simplified text: “运输”") == (
        "简体文本中混有繁体“運輸”：应作“运输”"
    )
    assert finding_text("“们” is written twice") == "“们”重复了一次"
    assert finding_text("not a message of a check") == "not a message of a check"


def test_in_english_the_reason_is_the_engines_own(qapp: object) -> None:
    english = "“竟” is probably “境” (as in 保护环境)"
    assert finding_text(english) == english


def test_one_text_opens_alone_with_its_checks_and_the_panel_shows_fix_and_reason(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _open_alone(qtbot, window, tmp_path)
    collation = window.collation()
    assert collation is not None and collation.witness_ids == ()
    fixes = [(loc.source_text, loc.readings[CHECK_WITNESS]) for loc in collation.loci]
    assert fixes == [("励", "厉"), ("步", "部"), ("運輸", "运输"), ("竟", "境")]
    select_row(window, 0)
    panel = window.locus_panel.text()
    assert "厉" in panel and "is a common misspelling of" in panel


@pytest.mark.subprocess
def test_jiaokan_with_one_file_no_longer_asks_for_a_variant(tmp_path: Path) -> None:
    path = tmp_path / "稿件.txt"
    path.write_text(TEXT, encoding="utf-8")
    shot = tmp_path / "one.png"
    run = subprocess.run(
        [sys.executable, "-m", "ui.launch", str(path), "--screenshot", str(shot)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"{shot}: 4 divergences"
    assert shot.stat().st_size > 0


def test_findings_are_accepted_all_at_once_by_kind_or_filter(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    path = tmp_path / "ocr.txt"
    path.write_text("他说,今天很好,明天也好,我们都去.\n" * 3, encoding="utf-8")
    other = tmp_path / "copy.txt"
    other.write_text("他说,今天很好,明天也好,我们都去.\n" * 3, encoding="utf-8")
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        assert window.open_files(str(path), [str(other)])  # a copy that shares every slip
    collation = window.collation()
    assert collation is not None and len(collation.loci) == 12
    assert all(set(loc.readings) == {CHECK_WITNESS} for loc in collation.loci)
    select_row(window, 0)
    window.acts.accept_kind.trigger()  # the shown copy reads none of them: the checks' are taken
    fixed = window.session.project
    assert fixed is not None
    assert all(fixed.log.get(loc.id).status == "accepted" for loc in collation.loci)
    assert len(window.session.history()) == 1
    # 12 punctuation errors of 0.1 in 54 characters: the error rate the rules ask for
    window.update_counts()
    assert "error rate 222.22 per 10,000 (不合格)" in window.status_counts.text()
    # whose reading was taken is said as the table's column says it, not by the engine's id
    model = window.apparatus.model
    assert model.index(0, model.status_column).data() == "accepted · source checks"
    select_row(window, 0)
    assert "(source checks) →" in window.locus_panel.decision_text()


def test_the_word_lists_dialog_edits_the_users_lists(qtbot: QtBot, window: MainWindow) -> None:
    wordlists.save_folder(
        wordlists.user_folder(), wordlists.WordLists(mistakes={"再接再励": "再接再厉"})
    )
    dialog = window.show_word_lists()
    assert dialog.tables["mistakes"].rowCount() == 1
    allow = dialog.tables["allow"]
    dialog._add(allow)
    allow.item(0, 0).setText("环竟")  # type: ignore[union-attr]
    banned = dialog.tables["banned"]
    dialog._add(banned)
    for column, text in enumerate(("某词", "替代词", "不规范")):
        banned.item(0, column).setText(text)  # type: ignore[union-attr]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert wordlists.load_folder(wordlists.user_folder()) == wordlists.WordLists(
        allow=frozenset({"环竟"}),
        mistakes={"再接再励": "再接再厉"},
        banned={"某词": wordlists.Banned("替代词", "不规范")},
    )


def test_never_flag_a_word_from_its_finding_checks_the_text_again(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open_alone(qtbot, window, tmp_path)
    collation = window.collation()
    assert collation is not None
    select_row(window, len(collation.loci) - 1)  # 竟 → 境
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("环竟", True))
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.acts.allow_word.trigger()
    assert wordlists.load_folder(wordlists.user_folder()).allow == {"环竟"}
    again = window.collation()
    assert again is not None
    assert "竟" not in [loc.source_text for loc in again.loci]


def test_never_flag_offers_the_term_written_not_the_one_character(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open_alone(qtbot, window, tmp_path)
    offered: list[str] = []

    def ask(*_args: object, **kwargs: str) -> tuple[str, bool]:
        offered.append(kwargs["text"])
        return "", False  # cancelled: nothing is kept

    monkeypatch.setattr(QInputDialog, "getText", ask)
    for row in range(4):  # 励, 步, 運輸, 竟
        select_row(window, row)
        window.acts.allow_word.trigger()
    assert offered == ["再接再励", "按步就班", "運輸", "保护环竟"]  # (as in 保护环境)
    assert wordlists.load_folder(wordlists.user_folder()).allow == frozenset()


@pytest.mark.subprocess  # lrelease compiles the translation
def test_the_window_exports_the_reasons_in_the_interface_language(
    chinese: None, qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _open_alone(qtbot, window, tmp_path)
    table, report = tmp_path / "异文.csv", tmp_path / "报告.html"
    assert window.projects.export_to("csv", str(table))
    assert window.projects.export_to("report", str(report))
    said = "“再接再励”是常见误写，应作“再接再厉”"
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"), newline="")))
    assert [row[-1] for row in rows[1:] if row[8] == "励"] == [said]
    assert f"〔→ 厉 · {said}〕" in report.read_text(encoding="utf-8")


def test_a_projects_own_lists_are_edited_in_the_window_and_spell_its_text(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert not window.acts.project_lists.isEnabled()  # no project yet
    _open_alone(qtbot, window, tmp_path)
    assert window.acts.project_lists.isEnabled()
    dialog = window.show_project_lists()
    assert dialog is not None and dialog.tables["allow"].rowCount() == 0
    project = window.session.project
    kept = dialog.findChild(QLabel, "lists-kept")
    assert project is not None and kept is not None and project.path.name in kept.text()
    allow = dialog.tables["allow"]
    dialog._add(allow)
    allow.item(0, 0).setText("按步就班")  # type: ignore[union-attr]
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    collation = window.collation()
    assert collation is not None
    assert [loc.source_text for loc in collation.loci] == ["励", "運輸", "竟"]
    assert project.word_lists() == wordlists.WordLists(allow=frozenset({"按步就班"}))
    assert wordlists.load_folder(wordlists.user_folder()) == wordlists.WordLists()


def test_never_flag_in_this_project_keeps_the_term_in_the_project_only(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name of this book goes on the project's own whitelist, not on the editor's own,
    which every text they check reads."""
    assert not window.acts.allow_in_project.isEnabled()
    _open_alone(qtbot, window, tmp_path)
    assert window.acts.allow_in_project.isEnabled()
    offered: list[str] = []

    def ask(*_args: object, **kwargs: str) -> tuple[str, bool]:
        offered.append(kwargs["text"])
        return kwargs["text"], True

    monkeypatch.setattr(QInputDialog, "getText", ask)
    select_row(window, 1)  # 步 → 部
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        window.acts.allow_in_project.trigger()
    assert offered == ["按步就班"]
    project = window.session.project
    assert project is not None
    assert project.word_lists() == wordlists.WordLists(allow=frozenset({"按步就班"}))
    assert wordlists.load_folder(wordlists.user_folder()) == wordlists.WordLists()
    again = window.collation()
    assert again is not None and "步" not in [loc.source_text for loc in again.loci]
