"""Engine errors in the window: in the interface language, and in English exactly the CLI's."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.cli import main as cli
from app.messages import ENGLISH, placeholders
from app.store.file import ProjectFile
from app.store.schema import SCHEMA_VERSION
from tests.conftest import ROOT
from tests.helpers.i18n import LANGS, compile_translations, messages, tool
from tests.helpers.window import WAIT, accept_what_a_recollation_cannot_place, select_row
from ui.i18n import TRANSLATIONS_DIR, install_translators, remove_translators
from ui.window.main_window import DEMO_DIR, DEMO_FILES, MainWindow


@pytest.mark.subprocess
def test_lupdate_finds_every_engine_message_under_its_english(tmp_path: Path) -> None:
    """A new engine message lupdate cannot see (so never translated) fails here; the
    window looks each up by the very English the CLI prints."""
    fresh = tmp_path / "engine.ts"
    subprocess.run(
        [tool("pyside6-lupdate"), str(ROOT / "app" / "messages.py"), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert {source for ctx, source in messages(fresh) if ctx == "engine"} == set(ENGLISH.values())
    # one English text per id: Qt looks a translation up by its text
    assert len(set(ENGLISH.values())) == len(ENGLISH)


def _engine_translations(lang: str) -> dict[str, str]:
    root = ET.parse(TRANSLATIONS_DIR / f"jiaokan_{lang}.ts").getroot()
    return {
        msg.findtext("source") or "": msg.findtext("translation") or ""
        for ctx in root.iter("context")
        if ctx.findtext("name") == "engine"
        for msg in ctx.iter("message")
    }


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_every_named_placeholder(lang: str) -> None:
    found = _engine_translations(lang)
    assert set(found) == set(ENGLISH.values())
    for source, text in found.items():
        assert placeholders(text) == placeholders(source), (lang, source, text)


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp: object, tmp_path: Path) -> Iterator[str]:
    """The interface language of one test (indirect parameter); English again afterwards."""
    lang = str(request.param)
    if lang != "en":
        compile_translations(tmp_path, (lang,))
        assert install_translators(lang, tmp_path), "the translation did not load"
    yield lang
    remove_translators()


def dialog_text(win: MainWindow, name: str) -> str:
    """The text of the one dialog showing now (earlier ones stay, closed, as children)."""
    (box,) = [b for b in win.findChildren(QMessageBox, name) if b.isVisible()]
    text = box.text()
    box.close()
    return text


def cli_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(argv) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("jiaokan: error: ") and err.count("\n") == 1
    return err.removeprefix("jiaokan: error: ").rstrip("\n")


VARIANT = str(DEMO_DIR / DEMO_FILES[1])


def newer_project(tmp_path: Path) -> Path:
    path = tmp_path / "newer.jkproj"
    source = str(DEMO_DIR / DEMO_FILES[0])
    assert cli.main(["collate", source, VARIANT, "--json", "--project", str(path)]) == 0
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    return path


@pytest.mark.subprocess
@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_load_errors_are_shown_in_chinese(
    language: str, window: MainWindow, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    assert not window.open_files(str(missing), [VARIANT])
    assert dialog_text(window, "error-dialog") == f"无法读取 '{missing}'：文件不存在"
    binary = tmp_path / "scan.bin"
    binary.write_bytes(b"\x00\x01\x02 not text")
    assert not window.open_files(str(binary), [VARIANT])
    assert dialog_text(window, "error-dialog") == f"'{binary}' 不是文本文件（含有二进制数据）"
    assert window.workspace.source is None  # nothing half-opened


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh_CN",
            "newer.jkproj 由更新版本的 Jiaokan 保存（项目格式 {0}；本版本最高只能读取格式 {1}）",
        ),
        (
            "zh_TW",
            "newer.jkproj 由更新版本的 Jiaokan 儲存（專案格式 {0}；本版本最高只能讀取格式 {1}）",
        ),
    ],
    indirect=["language"],
)
@pytest.mark.subprocess
def test_a_newer_project_is_refused_in_the_window_language(
    language: str, expected: str, window: MainWindow, tmp_path: Path
) -> None:
    path = newer_project(tmp_path)
    assert not window.open_project(str(path))
    assert dialog_text(window, "error-dialog") == expected.format(
        SCHEMA_VERSION + 1, SCHEMA_VERSION
    )
    assert window.project is None


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_in_english_the_window_says_what_the_cli_says(
    language: str, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.txt"
    binary = tmp_path / "scan.bin"
    binary.write_bytes(b"\x00\x01\x02 not text")
    for bad in (missing, binary):
        assert not window.open_files(str(bad), [VARIANT])
        assert dialog_text(window, "error-dialog") == cli_error(
            ["collate", str(bad), VARIANT], capsys
        )
    path = newer_project(tmp_path)
    capsys.readouterr()
    assert not window.open_project(str(path))
    assert dialog_text(window, "error-dialog") == cli_error(["loci", str(path)], capsys)


@pytest.mark.subprocess
@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_why_a_project_is_read_only_is_told_in_chinese(
    language: str, qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """The reason is a message inside a message: both parts are translated."""
    path = tmp_path / "held.jkproj"
    source = str(DEMO_DIR / DEMO_FILES[0])
    assert cli.main(["collate", source, VARIANT, "--json", "--project", str(path)]) == 0
    with ProjectFile.open(path) as holder:
        assert not holder.read_only
        with qtbot.waitSignal(window.collationShown, timeout=WAIT):
            assert window.open_project(str(path))
        host, pid = socket.gethostname(), os.getpid()
        why = f"已在另一个 Jiaokan 窗口中打开（主机 {host} 上的进程 {pid}）"
        assert dialog_text(window, "info-dialog") == f"held.jkproj 以只读方式打开：{why}"
        select_row(window, 0)
        window.acts.reject.trigger()
        assert window.statusBar().currentMessage() == f"只读：{why}"


@pytest.mark.subprocess
@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_a_character_the_encoding_cannot_hold_is_explained_in_chinese(
    language: str, qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "big5.txt"
    source.write_bytes("天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。".encode("big5"))
    variant = tmp_path / "simplified.txt"
    variant.write_text("天地玄这，宇宙洪荒。日月盈昃，辰宿列張。", encoding="utf-8")
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        assert window.open_files(str(source), [str(variant)])
    project = window.project
    assert project is not None
    (locus,) = [s for s in project.loci if s.readings.get("simplified") == "这"]
    project.accept([locus.id], "simplified")
    out = tmp_path / "corrected.txt"
    assert not window.projects.export_to("text", str(out))
    assert dialog_text(window, "error-dialog") == (
        "校正文本第 1 行第 4 列的 这 (U+8FD9) 无法用 big5 编码写入；请改为导出 UTF-8"
    )
    assert not out.exists()


@pytest.mark.subprocess
@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_why_a_decision_could_not_be_placed_is_told_in_chinese(
    language: str, qtbot: QtBot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        assert window.open_demo()
    decided = accept_what_a_recollation_cannot_place(qtbot, window)
    (box,) = [b for b in window.findChildren(QMessageBox, "unplaced-dialog") if b.isVisible()]
    text = box.informativeText()
    box.close()
    # the one decision: its place in context, what was decided, then why it waits
    assert text.startswith(f"#{decided} …")
    assert "【" in text and "】" in text and "\n" not in text.strip()
    assert "… → 已接受 “" in text
    assert text.endswith("”：它在底本中的位置已不存在")
