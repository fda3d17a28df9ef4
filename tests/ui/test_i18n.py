"""The Chinese interface: complete translations, and no English left in the window.

The .ts files are compiled into a temp dir here (not read from the build's .qm),
so the tests check the translations as committed even before ``make translations``.
"""

from __future__ import annotations

import ast
import html
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
)
from pytestqt.qtbot import QtBot

from app.store.decisions import Change, Decision, Operation, Status
from tests.conftest import ROOT
from tests.helpers.i18n import LANGS, messages, tool
from ui.dialogs.preferences import PreferencesDialog
from ui.i18n import (
    LANGUAGE_ENV,
    TRANSLATIONS_DIR,
    history_text,
    install_translators,
    remove_translators,
    resolve_language,
    status_label,
    system_language,
)
from ui.settings import Settings
from ui.window.main_window import DEMO_FILES, MainWindow

WAIT = 20_000
PLACEHOLDER = re.compile(r"\{\d+\}|%n")
# Words that stay English in every language: the name, formats, keys.
KEPT_WORDS = {"Jiaokan", "HTML", "CSV", "OCR", "Ctrl", "Word", "PDF"}


def translations(msg: ET.Element) -> list[str]:
    node = msg.find("translation")
    assert node is not None
    if msg.get("numerus") == "yes":
        return [form.text or "" for form in node.iter("numerusform")]
    return [node.text or ""]


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_and_finished(lang: str) -> None:
    msgs = messages(TRANSLATIONS_DIR / f"jiaokan_{lang}.ts")
    assert len(msgs) > 150
    bad = []
    for key, msg in msgs.items():
        node = msg.find("translation")
        assert node is not None
        if node.get("type") in ("unfinished", "obsolete", "vanished"):
            bad.append((key, node.get("type")))
        elif not all(t.strip() for t in translations(msg)):
            bad.append((key, "empty"))
    assert not bad


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_survive_translation(lang: str) -> None:
    msgs = messages(TRANSLATIONS_DIR / f"jiaokan_{lang}.ts")
    assert sum(bool(PLACEHOLDER.search(source)) for _, source in msgs) > 20
    for (ctx, source), msg in msgs.items():
        wanted = sorted(PLACEHOLDER.findall(source))
        for text in translations(msg):
            assert sorted(PLACEHOLDER.findall(text)) == wanted, (ctx, source, text)


@pytest.mark.subprocess
def test_every_source_string_has_a_translation(tmp_path: Path) -> None:
    """Extract the strings from the sources now: a new one without a translation fails."""
    fresh = tmp_path / "fresh.ts"
    # the engine's messages are marked in app/messages.py (the Makefile reads it too)
    sources = [*sorted(str(p) for p in (ROOT / "ui").rglob("*.py")), str(ROOT / "app/messages.py")]
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    extracted = set(messages(fresh))
    assert len(extracted) > 150
    for lang in LANGS:
        known = messages(TRANSLATIONS_DIR / f"jiaokan_{lang}.ts")
        missing = sorted(extracted - set(known))
        assert not missing, f"run `make lupdate` and translate in {lang}: {missing}"


def _literal_words(arg: ast.expr) -> str:
    """The literal text of a string or f-string argument, markup and entities left out."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        text = arg.value
    elif isinstance(arg, ast.JoinedStr):
        text = "".join(
            part.value
            for part in arg.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    else:
        return ""
    return re.sub(r"&\w+;", " ", re.sub(r"<[^>]*>?|^[^<]*>", " ", text))


_VISIBLE_CALLS = {
    "QLabel",
    "QAction",
    "QPushButton",
    "QCheckBox",
    "QGroupBox",
    "QRadioButton",
    "setWindowTitle",
    "showMessage",
    "setPlaceholderText",
    "setToolTip",
    "setStatusTip",
    "setText",
    "setTitle",
    "addTab",
    "addMenu",
    "addItem",
    "addToolBar",
    "addRow",
    "setAccessibleName",
    "setEmptyLabel",
    "question",
    "information",
    "warning",
    "critical",
    "show_error",
    "show_info",
}


def test_no_bare_english_literal_reaches_a_widget() -> None:
    """lupdate cannot see a literal (or an f-string) handed straight to a widget."""
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in _VISIBLE_CALLS:
                continue
            for arg in node.args:
                if re.search(r"[A-Za-z]{2,}", _literal_words(arg)):
                    found.append(f"{path.name}:{node.lineno} {name}")
    assert not found


def test_translate_calls_use_literals_lupdate_can_read() -> None:
    """An f-string or a variable inside translate() is never extracted, nor is a
    translate() call written inside an f-string."""
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fstring in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
            found += [
                f"{path.name}:{n.lineno} in an f-string"
                for n in ast.walk(fstring)
                if isinstance(n, ast.Attribute) and n.attr in ("translate", "tr")
            ]
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "translate"
                and not all(isinstance(a, ast.Constant) for a in node.args[:2])
            ):
                found.append(f"{path.name}:{node.lineno}")
    # the look-ups of marked strings: kinds, statuses, headers, rule names, history
    allowed = {
        "colors.py",
        "i18n.py",
        "apparatus.py",
        "actions.py",
        "proofreading.py",
        "messages.py",
    }
    assert [f for f in found if f.split(":")[0] not in allowed or "f-string" in f] == []


@pytest.fixture(params=LANGS)
def chinese(request: pytest.FixtureRequest, qapp: object, compiled: Path) -> Iterator[str]:
    """A Chinese translator for one test; English again afterwards for the others."""
    lang = str(request.param)
    installed = install_translators(lang, compiled)
    assert installed, "the translation did not load"
    yield lang
    remove_translators()


@pytest.mark.subprocess
def test_translator_switches_the_strings(chinese: str) -> None:
    expected = {"zh_CN": "待定", "zh_TW": "待定"}[chinese]
    assert status_label("undecided") == expected
    file_menu = QCoreApplication.translate("MainWindow", "&File")
    assert file_menu == {"zh_CN": "文件(&F)", "zh_TW": "檔案(&F)"}[chinese]


@pytest.mark.subprocess
def test_history_names_operations_in_the_window_language(chinese: str) -> None:
    accepted = Decision(Status.ACCEPTED, "variant-ocr", "楼")
    one = Operation("Accept #3 (variant-ocr)", (Change(3, Decision(), accepted),))
    many = Operation(
        "Reject 2 loci",
        tuple(Change(i, Decision(), Decision(Status.REJECTED, None, "楼")) for i in (1, 2)),
    )
    note = Operation("Note on #4", (Change(4, Decision(), Decision(note="查原书")),))
    assert history_text(one) == "接受 #3（variant-ocr）"
    assert history_text(many) == {"zh_CN": "拒绝 2 处异文", "zh_TW": "拒絕 2 處異文"}[chinese]
    assert history_text(note) == {"zh_CN": "备注 #4", "zh_TW": "備註 #4"}[chinese]


def _english_left(text: str, ids: set[str]) -> list[str]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("&", "")
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # paths
    text = re.sub(r"[\w-]+\.(txt|md|jkproj)\b", " ", text)
    text = re.sub(r"\b(utf-8|utf-16\w*|big5|gb18030|gbk|nbsp)\b", " ", text, flags=re.I)
    for wid in ids:
        text = text.replace(wid, " ")
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in KEPT_WORDS]


@pytest.mark.subprocess
def test_window_shows_no_english(qtbot: QtBot, tmp_path: Path, chinese: str) -> None:
    window = MainWindow(Settings(tmp_path / "x.ini"))
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    with qtbot.waitSignal(window.collationShown, timeout=WAIT):
        assert window.open_demo()
    ids = {Path(f).stem for f in DEMO_FILES}
    texts: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        texts.append(("action", action.text()))
    for menu in window.findChildren(QMenu):
        texts.append(("menu", menu.title()))
    for button in window.findChildren(QAbstractButton):
        texts.append(("button", button.text()))
    for label in window.findChildren(QLabel):
        texts.append(("label", label.text()))
    for edit in window.findChildren(QLineEdit):
        texts.append(("placeholder", edit.placeholderText()))
    for combo in window.findChildren(QComboBox):
        texts += [("combo", combo.itemText(i)) for i in range(combo.count())]
        texts.append(("combo name", combo.accessibleName()))
    for tabs in window.findChildren(QTabWidget):
        texts += [("tab", tabs.tabText(i)) for i in range(tabs.count())]
    for table in window.findChildren(QTableView):
        model = table.model()
        texts += [
            ("header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
            for c in range(model.columnCount())
        ]
        texts += [
            ("cell", str(model.index(r, c).data() or ""))
            for r in range(model.rowCount())
            for c in range(model.columnCount())
        ]
    texts.append(("status", window.statusBar().currentMessage()))
    assert len(texts) > 100
    english = [(where, text) for where, text in texts if _english_left(text, ids)]
    window.session.shutdown()
    window.close()
    assert not english


def test_preferences_save_the_language(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "x.ini")
    assert settings.language() == ""
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_TW"))
    dialog.accept()
    assert Settings(tmp_path / "x.ini").language() == "zh_TW"
    again = PreferencesDialog(settings)
    qtbot.addWidget(again)
    assert again.language.currentData() == "zh_TW"


def test_language_follows_the_setting_then_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    assert resolve_language("zh_TW") == "zh_TW"
    assert resolve_language("") == system_language()
    monkeypatch.setenv(LANGUAGE_ENV, "zh_CN")
    assert resolve_language("en") == "zh_CN"
    assert system_language(QLocale("zh_CN")) == "zh_CN"
    assert system_language(QLocale("zh_TW")) == "zh_TW"
    assert system_language(QLocale("zh_HK")) == "zh_TW"
    assert system_language(QLocale("de_DE")) == "en"


def test_english_is_the_default(qapp: object) -> None:
    assert install_translators("en") == []
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


@pytest.mark.subprocess
def test_lupdate_reads_every_window_module() -> None:
    """`make lupdate` must see files in every ui/ subfolder, or moved strings go untranslated."""
    done = subprocess.run(
        ["make", "-s", "-n", "lupdate"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    command = next(line for line in done.stdout.splitlines() if "pyside6-lupdate" in line)
    read = set(command.split())
    wanted = {str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py")}
    assert {"ui/window/main_window.py", "ui/widgets/panes.py", "ui/dialogs/help.py"} <= wanted
    assert wanted - read == set()
    assert "app/messages.py" in read
