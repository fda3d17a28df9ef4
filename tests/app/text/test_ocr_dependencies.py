"""OCR's dependencies live beside PySide6: one Qt in the process, OpenCV's headless build.

The opencv-python wheel (not -headless) ships a Qt 5 of its own, plugins and all:
loaded beside PySide6's Qt 6 it fights over the platform plugin.  rapidocr
depends on the headless build; these tests fail if anything installed wants the
other one, or if a Qt library other than PySide6's is loaded once the window's
Qt, OpenCV and onnxruntime are all in one process and a page has been read.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, distribution, distributions

import pytest

from tests.conftest import ROOT

QT_OPENCV = ("opencv-python", "opencv-contrib-python")
"""The OpenCV wheels that carry Qt (their -headless twins do not)."""


def _name(requirement: str) -> str:
    return re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_no_opencv_with_a_qt_is_installed_or_wanted() -> None:
    for name in QT_OPENCV:
        with pytest.raises(PackageNotFoundError):
            distribution(name)
    wanting = sorted(
        f"{dist.metadata['Name']} wants {requirement}"
        for dist in distributions()
        for requirement in dist.requires or ()
        if _name(requirement) in QT_OPENCV and "extra ==" not in requirement
    )
    assert wanting == []
    assert distribution("opencv-python-headless").version
    assert any(
        _name(r) == "opencv-python-headless" for r in distribution("rapidocr").requires or ()
    )


_PROBE = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(["probe", "-platform", "offscreen"])
import cv2
from app.text.loading import load_text
loaded = load_text(sys.argv[1])
assert loaded.encoding == "ocr" and loaded.text, loaded
build = cv2.getBuildInformation()
print("GUI:", build.split("GUI:", 1)[1].split()[0])
qt = sorted({line.split()[-1] for line in open("/proc/self/maps") if "libQt" in line})
print("\\n".join(qt))
"""


@pytest.mark.subprocess
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_one_qt_in_a_process_with_the_window_opencv_and_onnxruntime() -> None:
    page = ROOT / "tests" / "ocr" / "fixtures" / "page.png"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(page)], cwd=ROOT, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    first, *libraries = done.stdout.splitlines()
    assert first == "GUI: NONE"  # OpenCV built without a GUI toolkit
    assert libraries, "no Qt library found loaded: the probe is wrong"
    strays = [lib for lib in libraries if "/PySide6/" not in lib]
    assert strays == []
    assert all("libQt6" in lib for lib in libraries)
