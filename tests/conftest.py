"""Shared test set-up: headless Qt, user paths in a temp dir, no leaked threads."""

from __future__ import annotations

import gc
import os
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import hypothesis
import pytest

from tests.helpers.paths import ROOT as ROOT  # the tests import it from here too

# No per-example deadline: the first example may load a dictionary (a second or
# so on a slow CI machine), which says nothing about the property under test.
hypothesis.settings.register_profile("jiaokan", deadline=None)
hypothesis.settings.load_profile("jiaokan")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:  # Qt is imported only by the tests that use these fixtures
    from pytestqt.qtbot import QtBot

    from tests.helpers.window import Geometry
    from ui.settings import Settings
    from ui.window.main_window import MainWindow


CORPUS = ROOT.parent / "shared" / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("jiaokan", "the window's geometry (tests/helpers/window.py)")
    group.addoption(
        "--window-size",
        default="1200x800",
        metavar="WxH",
        help="size of every window the `window` fixture shows (default 1200x800)",
    )
    group.addoption(
        "--text-size",
        default=None,
        metavar="PT",
        help="the text panes' font size in points for every test's settings (default: the app's)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run a test marked ``any_size`` at each of the window sizes of ``SIZES``, so every
    run proves it does not depend on the pane's size, the font or where a lazy view painted."""
    if metafunc.definition.get_closest_marker("any_size") is None:
        return
    if "geometry" not in metafunc.fixturenames:
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: any_size needs a window fixture")
    # by name: the fixture looks the size up (its module imports Qt; this hook runs for all)
    metafunc.parametrize("geometry", ["standard", "cramped"], indirect=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``gui`` every test that needs Qt: it uses ``qtbot`` or ``qapp`` (also through a
    fixture such as ``window``), or its module loads PySide6 when imported, so that
    ``-m "not gui"`` runs where Qt or a display is missing.  Read from the sources (AST)."""
    from tests.helpers.imports import loads_qt

    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures or loads_qt(item.path, ROOT):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _processes_are_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail a test that starts a process without ``@pytest.mark.subprocess``, so that
    ``-m "not subprocess"`` leaves out every one (each start goes through ``Popen``)."""
    if request.node.get_closest_marker("subprocess") is not None:
        return
    nodeid = request.node.nodeid

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail(f"{nodeid} starts a process: mark it @pytest.mark.subprocess", pytrace=False)

    monkeypatch.setattr(subprocess.Popen, "_execute_child", refuse)


@pytest.fixture(autouse=True)
def _collector_as_it_was() -> Iterator[None]:
    """The command line turns the cycle collector off for its run, which ends the process
    (app/cli/main.py); a test that runs a command in this process must not leave it off
    for the tests after it."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()


@pytest.fixture(autouse=True)
def _nothing_reused() -> Iterator[None]:
    """No test takes what a session collated in an earlier test (app.collation.reuse)."""
    from app.collation import reuse

    reuse.forget()
    yield
    reuse.forget()


@pytest.fixture(autouse=True)
def _user_paths(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real user's config, data and cache folders."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    # nor the tables a wheel ships (make tables): a test builds what it reads, as a first
    # start without them does (tests/app/test_datacache.py reads shipped ones)
    monkeypatch.setenv("JIAOKAN_TABLES", "")


@pytest.fixture(autouse=True)
def _processes_estimated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Collate in as many processes as pay off, whatever JIAOKAN_PROCESSES the shell that
    runs the tests sets (a test that wants a number sets it itself)."""
    monkeypatch.delenv("JIAOKAN_PROCESSES", raising=False)


@pytest.fixture(autouse=True)
def _no_look_ahead(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A window collates only what its test does: looking ahead (app.session.ahead) runs
    after a pause, so whether it ran would depend on the machine's speed.  The tests of
    looking ahead turn it on themselves (``MainWindow.look_ahead``)."""
    if "qtbot" in request.fixturenames:
        from ui.window.main_window import MainWindow

        monkeypatch.setattr(MainWindow, "look_ahead", None)


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    """Fail a test that leaves a thread of its own running."""
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    assert not leaked, f"test left threads running: {leaked}"


@pytest.fixture(autouse=True)
def _standard_colours() -> Iterator[None]:
    """Undo a test's colour scheme and forced light or dark appearance (both app-wide)."""
    yield
    import sys

    if "ui.appearance" in sys.modules:
        from ui.appearance import apply_appearance

        apply_appearance("system")
    if "ui.colors" in sys.modules:
        from ui.colors import set_scheme

        set_scheme("standard")


@pytest.fixture
def geometry(request: pytest.FixtureRequest) -> Geometry:
    """The size of this test's window and its text (``--window-size``, ``--text-size``,
    or one of ``SIZES`` for a test marked ``any_size``)."""
    from tests.helpers.window import SIZES, Geometry

    param = getattr(request, "param", None)
    if param is not None:
        return SIZES[param]
    option = request.config.getoption
    try:
        return Geometry.parse(str(option("--window-size")), option("--text-size"))
    except ValueError as error:
        raise pytest.UsageError(str(error)) from None


@pytest.fixture
def settings(tmp_path: Path, geometry: Geometry) -> Settings:
    """The window's settings in a file of this test's own, at this run's text size."""
    from ui.settings import Settings

    settings = Settings(tmp_path / "jiaokan.ini")
    geometry.configure(settings)
    return settings


@pytest.fixture
def window(qtbot: QtBot, settings: Settings, geometry: Geometry) -> Iterator[MainWindow]:
    """An empty main window at this run's geometry, shown and active; its worker is
    stopped afterwards."""
    from tests.helpers.window import make_window

    win = make_window(qtbot, settings, geometry)
    yield win
    win.session.shutdown()


@pytest.fixture
def compiled(tmp_path: Path) -> Path:
    """The committed translations compiled afresh by lrelease (a test using it starts a process)."""
    from tests.helpers.i18n import compile_translations

    return compile_translations(tmp_path / "qm")


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing: {CORPUS} (it sits beside the checkout)")
    return CORPUS


@pytest.fixture(autouse=True)
def _no_running_workers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a collation thread or a visible window behind.

    Only tests that run a collation worker pay for the check, and only those that touch
    Qt for the windows: the engine's tests never load it.
    """
    yield
    import sys

    if "app.session.worker" not in sys.modules:
        return
    from app.session.worker import LIVE_WORKERS

    app = None
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        instance = QApplication.instance()
        app = instance if isinstance(instance, QApplication) else None
    if app is not None:
        app.processEvents()
    busy = [worker for worker in list(LIVE_WORKERS) if worker.is_running()]
    for worker in busy:
        worker.shutdown()
    assert not busy, "test left a collation thread running"
    if app is not None:
        from PySide6.QtCore import Qt, QTimer

        repeating = [
            t
            for w in app.allWidgets()
            for t in w.findChildren(QTimer, options=Qt.FindChildOption.FindDirectChildrenOnly)
            # our own widgets' timers; Qt's internal ones (a status message's) die with them
            if t.isActive() and not t.isSingleShot() and type(w).__module__.startswith("ui.")
        ]
        for t in repeating:
            t.stop()
        assert not repeating, f"test left repeating timers running: {repeating}"
        windows = [w for w in app.topLevelWidgets() if w.isVisible()]
        for w in windows:
            w.close()
        assert not windows, f"test left windows open: {windows}"
