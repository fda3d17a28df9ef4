"""The text panes' default font: one that draws Chinese, whatever the system has."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtGui import QFont, QFontDatabase

import ui.widgets.panes


def _fake_database(families: list[str], chinese: list[str]) -> SimpleNamespace:
    return SimpleNamespace(
        WritingSystem=QFontDatabase.WritingSystem,
        families=lambda system=None: families if system is None else chinese,
        isPrivateFamily=lambda f: f.startswith("."),
        isFixedPitch=lambda f: f.endswith("Mono"),
    )


def test_a_known_cjk_font_comes_first(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _fake_database(["DejaVu Sans", "Microsoft YaHei", "SimSun"], ["SimSun"])
    monkeypatch.setattr(ui.widgets.panes, "QFontDatabase", fake)
    assert ui.widgets.panes.cjk_font_family() == "Microsoft YaHei"


def test_an_unknown_chinese_font_is_found_by_its_writing_system(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A system with only, say, AR PL fonts still gets one, proportional before mono."""
    chinese = ["AR PL UKai Mono", ".Hidden CJK", "AR PL UMing CN"]
    fake = _fake_database(["DejaVu Sans", *chinese], chinese)
    monkeypatch.setattr(ui.widgets.panes, "QFontDatabase", fake)
    assert ui.widgets.panes.cjk_font_family() == "AR PL UMing CN"


def test_without_any_chinese_font_qt_default_remains(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui.widgets.panes, "QFontDatabase", _fake_database(["DejaVu Sans"], []))
    assert ui.widgets.panes.cjk_font_family() == QFont().defaultFamily()
