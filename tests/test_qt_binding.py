"""The Qt binding itself: a known-bad PySide6 release must never be installed.

PySide6 6.12.0 under Python 3.11 drops a reference to None on every call of
a method that returns nothing; a few thousand calls later the interpreter
aborts ("none_dealloc").  The window makes such calls on every repaint.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPoint


def test_void_calls_do_not_consume_none() -> None:
    point = QPoint()
    before = sys.getrefcount(None)
    for _ in range(2000):
        point.setX(1)
    assert sys.getrefcount(None) - before > -100
