"""The translation files as tests read them: Qt's tools, the .ts messages, fresh .qm files.

Qt-free on purpose (``ui.paths`` imports no Qt), so the ``compiled`` fixture in
conftest.py can use it without loading PySide6 for the engine's tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui.paths import resource

LANGS = ("zh_CN", "zh_TW")
"""The translated languages; English is the sources' own."""


def tool(name: str) -> str:
    """A Qt tool that comes with PySide6 (``pyside6-lupdate``, ``pyside6-lrelease``)."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: it comes with PySide6")
    return found


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <message> element, for every message of a .ts file."""
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or ""): msg
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


def compile_translations(out: Path, langs: tuple[str, ...] = LANGS) -> Path:
    """The committed .ts files compiled into ``out`` (so a test never reads a stale build)."""
    out.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        for name in (f"jiaokan_{lang}", f"qt_supplement_{lang}"):
            ts = resource("i18n") / f"{name}.ts"
            subprocess.run(
                [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(out / f"{name}.qm")],
                check=True,
                capture_output=True,
            )
    return out
