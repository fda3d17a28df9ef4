"""The files that make Jiaokan at home on a Linux desktop agree with each other."""

from __future__ import annotations

import configparser
import xml.etree.ElementTree as ET

from tests.conftest import ROOT

LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.jiaokan.Jiaokan"


def test_desktop_entry_opens_projects() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"] == "jiaokan %F"
    assert desktop["Icon"] == APP_ID and desktop["Name[zh_CN]"] == "校勘"
    assert "application/x-jiaokan-project;" in desktop["MimeType"]


def test_mime_type_is_jkproj() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(LINUX / f"{APP_ID}.mime.xml").getroot()
    kind = root.find("m:mime-type", ns)
    assert kind is not None and kind.get("type") == "application/x-jiaokan-project"
    assert [g.get("pattern") for g in kind.findall("m:glob", ns)] == ["*.jkproj"]


def test_metainfo_names_the_desktop_entry() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.find("provides/mediatype") is not None


def test_icon_renders_at_every_size(qapp: object) -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    assert QSvgRenderer(str(ROOT / "resources" / "icons" / "jiaokan.svg")).isValid()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size)
