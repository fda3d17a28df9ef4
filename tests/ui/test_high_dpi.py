"""High-DPI displays: the window is drawn at the device's pixels, the icon has them too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DEMO = ROOT / "resources" / "demo"


@pytest.mark.subprocess
def test_window_renders_at_twice_the_pixels_on_a_2x_display(tmp_path: Path) -> None:
    """At a scale factor of 2 the screenshot has 2x2 device pixels per logical one.

    A window painted at 1x and stretched would have the logical size (and blurry text);
    Qt 6 scales by default, and this keeps anything in the start-up from turning it off.
    """
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "JIAOKAN_LANG": "en"}
    files = [str(DEMO / name) for name in ("source.txt", "variant-typos.txt")]
    done = subprocess.run(
        [sys.executable, "-m", "ui.launch", *files, "--screenshot", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (2 * 1280, 2 * 820)


def test_icon_has_device_pixels_for_every_scale(qapp: object) -> None:
    """A title bar at 1.5x or 2x gets an icon of its own pixels, not a stretched 1x one."""
    from PySide6.QtCore import QSize

    from ui.main import app_icon

    icon = app_icon()
    for logical, ratio in ((16, 1.0), (16, 2.0), (32, 1.5), (32, 2.0), (48, 3.0)):
        pixmap = icon.pixmap(QSize(logical, logical), ratio)
        assert pixmap.width() == round(logical * ratio)
        assert pixmap.devicePixelRatio() == ratio
