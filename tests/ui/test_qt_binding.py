"""The Qt binding itself: a known-bad PySide6 release must never be installed.

PySide6 6.12.0 under Python 3.11 drops a reference to None on every call of
a method that returns nothing; a few thousand calls later the interpreter
aborts ("none_dealloc").  The window makes such calls on every repaint.

The version checks hold everywhere; the reference count itself only shows the
bug where None is mortal, Python 3.11 (from 3.12 None is immortal, PEP 683: its
count never moves, so a dropped reference neither shows nor crashes).
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import version

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from tests.conftest import ROOT

KNOWN_BAD = ("6.12.0",)
"""Releases of the binding (PySide6 and its shiboken6) that abort a Python 3.11 window."""
BINDING = ("PySide6", "PySide6_Essentials", "shiboken6")


def _pyside_requirement() -> Requirement:
    with (ROOT / "pyproject.toml").open("rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    (found,) = [Requirement(d) for d in dependencies if Requirement(d).name.lower() == "pyside6"]
    return found


@pytest.mark.parametrize("bad", KNOWN_BAD)
def test_the_requirement_excludes_the_known_bad_releases(bad: str) -> None:
    requirement = _pyside_requirement()
    assert not requirement.specifier.contains(bad, prereleases=True), requirement


@pytest.mark.parametrize("name", BINDING)
def test_the_installed_binding_is_not_a_known_bad_release(name: str) -> None:
    installed = version(name)
    assert Version(installed) not in {Version(bad) for bad in KNOWN_BAD}, (name, installed)
    assert _pyside_requirement().specifier.contains(installed, prereleases=True), (name, installed)


@pytest.mark.gui
@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal from Python 3.12 (PEP 683): a dropped reference cannot show",
)
def test_void_calls_do_not_consume_none() -> None:
    from PySide6.QtCore import QPoint

    point = QPoint()
    before = sys.getrefcount(None)
    for _ in range(2000):
        point.setX(1)
    assert sys.getrefcount(None) - before > -100
