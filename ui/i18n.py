"""The interface language: which translation to load, and loading it.

Translations are Qt Linguist files in ``resources/i18n``; the build
(``make translations``) compiles each ``.ts`` into the ``.qm`` that is read
here, so a missing ``.qm`` just means the English source strings are shown.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from app.classes.checks import CHECK_WITNESS
from app.store.decisions import Operation
from ui.paths import resource

TRANSLATIONS_DIR = resource("i18n")
LANGUAGE_ENV = "JIAOKAN_LANG"

# The languages the Preferences offer; "" follows the system locale.  Each name is
# written in its own language, so it can be found whatever the interface shows.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "zh_CN": "简体中文",
    "zh_TW": "繁體中文（台灣）",
}

# A decision's status as the window shows it; the stored value stays the English key.
STATUS_LABELS = {
    "undecided": str(QT_TRANSLATE_NOOP("status", "undecided")),
    "accepted": str(QT_TRANSLATE_NOOP("status", "accepted")),
    "rejected": str(QT_TRANSLATE_NOOP("status", "rejected")),
    "edited": str(QT_TRANSLATE_NOOP("status", "edited")),
}

# Kept alive here: Qt does not own an installed translator, and a collected one is
# silently dropped from the application.
_installed: list[QTranslator] = []


def status_label(status: str) -> str:
    """The status's name for display, translated once a translator is installed."""
    source = STATUS_LABELS.get(status)
    return status if source is None else QCoreApplication.translate("status", source)


def witness_label(wid: str) -> str:
    """A witness id as shown: ids are file names, except the source checks' "check"."""
    if wid == CHECK_WITNESS:
        return QCoreApplication.translate("witnesses", "source checks")
    return wid


def system_language(locale: QLocale | None = None) -> str:
    """The shipped language closest to ``locale`` (default: the system's)."""
    locale = locale or QLocale.system()
    if locale.language() != QLocale.Language.Chinese:
        return "en"
    traditional = locale.script() == QLocale.Script.TraditionalChineseScript or (
        locale.script() == QLocale.Script.AnyScript
        and locale.territory()
        in (QLocale.Country.Taiwan, QLocale.Country.HongKong, QLocale.Country.Macau)
    )
    return "zh_TW" if traditional else "zh_CN"


def resolve_language(setting: str) -> str:
    """The language to show: ``JIAOKAN_LANG`` first (screenshots, tests), then the
    setting, then the system locale for an empty or unknown setting."""
    chosen = os.environ.get(LANGUAGE_ENV, "") or setting
    return chosen if chosen in LANGUAGES else system_language()


def install_translators(language: str, directory: Path = TRANSLATIONS_DIR) -> list[QTranslator]:
    """Install Jiaokan's translation for ``language`` and Qt's own, where they exist.

    Returns the translators installed (none for English); earlier ones from this
    module are removed first, so calling it again switches the language.
    """
    remove_translators()
    app = QCoreApplication.instance()
    if app is None or language == "en":
        return []
    candidates = [
        (directory, f"jiaokan_{language}"),
        # Qt's dialogs (OK, Cancel, the file dialog); zh_TW is named so in Qt too
        (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), f"qtbase_{language}"),
        # what Qt's own catalog lacks for the Qt we ship (resources/i18n/qt_supplement_*.ts)
        (directory, f"qt_supplement_{language}"),
    ]
    for folder, name in candidates:
        translator = QTranslator(app)
        if translator.load(name, str(folder)) and QCoreApplication.installTranslator(translator):
            _installed.append(translator)
    return list(_installed)


def remove_translators() -> None:
    """Back to the English source strings (tests use this to leave no trace)."""
    while _installed:
        translator = _installed.pop()
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()


RULE_LABELS = {
    "width": str(QT_TRANSLATE_NOOP("MainWindow", "Ignore punctuation &width")),
    "whitespace": str(QT_TRANSLATE_NOOP("MainWindow", "Ignore line &breaks and spaces")),
    "script": str(QT_TRANSLATE_NOOP("MainWindow", "Ignore &Traditional/Simplified")),
    "markup": str(QT_TRANSLATE_NOOP("MainWindow", "Ignore &markup")),
}

RULE_SHORT = {
    "width": str(QT_TRANSLATE_NOOP("MainWindow", "Width")),
    "whitespace": str(QT_TRANSLATE_NOOP("MainWindow", "Spaces")),
    "script": str(QT_TRANSLATE_NOOP("MainWindow", "Trad./Simp.")),
    "markup": str(QT_TRANSLATE_NOOP("MainWindow", "Markup")),
}
"""The rule toggles' names in the toolbar, after its "Ignore:" (the Collate menu and the
tooltips say them whole): four long names hid two toggles behind "»" at 1024 pixels."""


def rule_short(rule: str) -> str:
    source = RULE_SHORT.get(rule)
    return rule if source is None else QCoreApplication.translate("MainWindow", source)


# Chinese menus put the key after the word, "文件(&F)": outside a menu the whole
# "(F)" goes, not just the ampersand.
_TRAILING_MNEMONIC = re.compile(r"\s*[(（]&[^&][)）]")


def without_mnemonic(text: str) -> str:
    """A menu text for a place with no keyboard accelerator: a toolbar, a list, a label."""
    text = _TRAILING_MNEMONIC.sub("", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def rule_label(rule: str) -> str:
    """The rule's name as the Collate menu shows it, translated."""
    source = RULE_LABELS.get(rule)
    return rule if source is None else QCoreApplication.translate("MainWindow", source)


# How the History view names an operation, by the status it leaves: one locus, many.
_HISTORY = {
    "accepted": (
        QT_TRANSLATE_NOOP("Proofreading", "Accept #{0} ({1})"),
        QT_TRANSLATE_NOOP("Proofreading", "Accept {0} divergences"),
    ),
    "rejected": (
        QT_TRANSLATE_NOOP("Proofreading", "Reject #{0}"),
        QT_TRANSLATE_NOOP("Proofreading", "Reject {0} divergences"),
    ),
    "edited": (
        QT_TRANSLATE_NOOP("Proofreading", "Own reading at #{0}"),
        QT_TRANSLATE_NOOP("Proofreading", "Own readings at {0} divergences"),
    ),
    "undecided": (
        QT_TRANSLATE_NOOP("Proofreading", "Undecide #{0}"),
        QT_TRANSLATE_NOOP("Proofreading", "Undecide {0} divergences"),
    ),
}


def history_text(op: Operation) -> str:
    """The History view's name of ``op``, in the interface language.

    The core names operations in English, and stores that name in the project
    file; the window names them again from what changed, so the History reads in
    the language of the window whatever language made the project.
    """
    changes = op.changes
    statuses = {c.after.status for c in changes}
    if not changes or len(statuses) != 1:
        return op.label
    first = changes[0]
    if all(c.before.same_choice(c.after) for c in changes):  # the note alone changed
        return QCoreApplication.translate("Proofreading", "Note on #{0}").format(first.locus_id)
    forms = _HISTORY.get(statuses.pop())
    if forms is None:
        return op.label
    if len(changes) > 1:
        return QCoreApplication.translate("Proofreading", str(forms[1])).format(len(changes))
    return QCoreApplication.translate("Proofreading", str(forms[0])).format(
        first.locus_id, first.after.witness or ""
    )
