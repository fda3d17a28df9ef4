"""Render resources/icons/jiaokan.svg to the icons desktops and installers ask for.

    .venv/bin/python packaging/make_icons.py

Writes the hicolor PNGs (16-512, for Linux desktops and the window),
``packaging/windows/jiaokan.ico`` (the .exe and the installer) and
``packaging/macos/jiaokan.icns`` (the .app bundle).  All of them are
committed, so that a build needs neither Qt's SVG renderer nor Pillow; run
this again after changing the SVG.  The .ico and .icns hold PNG images,
which every Windows since Vista and every macOS since 10.7 read, so they
are written here with a few lines of ``struct`` rather than another
dependency.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can name
# Apple's PNG icon types: (type, pixel size); the @2x types reuse the larger PNGs
ICNS_TYPES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic10", 1024),
    ("ic11", 32),
    ("ic12", 64),
    ("ic13", 256),
    ("ic14", 512),
)
APP_ID = "io.github.jiaokan.Jiaokan"
ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "jiaokan.svg"
ICO = ROOT / "packaging" / "windows" / "jiaokan.ico"
ICNS = ROOT / "packaging" / "macos" / "jiaokan.icns"


def hicolor_png(size: int) -> Path:
    return ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file whose entries are the given PNGs (size -> PNG bytes)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an .ico directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .icns file with every PNG type of ICNS_TYPES whose size is in ``pngs``."""
    body = b"".join(
        kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for kind, size in ICNS_TYPES
        if size in pngs
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print("the SVG does not render", file=sys.stderr)
        return 1

    def render(size: int) -> QImage:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        return image

    for size in SIZES:
        out = hicolor_png(size)
        out.parent.mkdir(parents=True, exist_ok=True)
        render(size).save(str(out))
    pngs = {size: hicolor_png(size).read_bytes() for size in SIZES}
    # 1024 px only for the Retina 512@2x entry of the .icns; no desktop asks for it as a file
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    render(1024).save(buffer, "PNG")
    buffer.close()
    pngs[1024] = bytes(data.data())
    ICO.parent.mkdir(parents=True, exist_ok=True)
    ICO.write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    ICNS.parent.mkdir(parents=True, exist_ok=True)
    ICNS.write_bytes(icns_bytes(pngs))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
