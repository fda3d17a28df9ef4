"""Starting the window: ``jiaokan [SOURCE [VARIANT...]] [--screenshot OUT.png]``.

A SOURCE alone is checked on its own (issue 23); its copies can be added later."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app import __version__
from app.text.facts import PROJECT_SUFFIX

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="jiaokan",
        description="Open the Jiaokan window; with files, collate SOURCE against each VARIANT "
        "(a SOURCE alone is checked on its own). "
        "Headless subcommands: jiaokan collate --help.",
    )
    parser.add_argument("source", nargs="?", metavar="SOURCE")
    parser.add_argument("variants", nargs="*", metavar="VARIANT")
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="open offscreen, wait for the collation, select the first divergence, "
        "save a screenshot and exit; no question is waited for: each takes the answer "
        "Escape gives (files that have a project open it) and is told on stderr",
    )
    parser.add_argument("--version", action="version", version=f"jiaokan {__version__}")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str]) -> int:
    args = _parse(argv)
    is_project = bool(args.source) and args.source.endswith(PROJECT_SUFFIX) and not args.variants
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        quiet_offscreen_notice()
    # first of all: the fork server loads the engine's tables in its own process while Qt
    # starts here, ready by the time the files are opened (app.collation.parallel.serve)
    from app.collation.parallel import serve

    serve()
    from PySide6.QtWidgets import QApplication

    from ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("Jiaokan")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.jiaokan.Jiaokan")
    app.setWindowIcon(app_icon())
    from ui.i18n import install_translators, resolve_language
    from ui.settings import Settings

    settings = Settings()
    install_translators(resolve_language(settings.language()))  # before any widget
    from app.preload import preload, preload_in_background

    window = MainWindow(settings)
    if args.screenshot:
        # as a window at rest: its tables loaded, its fork server ready (app/preload.py)
        serve(wait=True)
        preload()
        return _screenshot(app, window, args.source, args.variants, args.screenshot)
    window.show()
    # the window first; the dictionaries load behind it, in chunks short enough that
    # typing and the menus stay live (app/preload.py), and a collation waits for nothing
    loading = preload_in_background()
    if is_project:
        window.open_project(args.source)
    elif args.source:
        window.open_files(args.source, args.variants)
    _report_when_usable(app)
    code = app.exec()
    loading.join()
    return code


def _report_when_usable(app: object) -> None:
    """For ``make bench``: with JIAOKAN_STARTED (a time.time()), print when the event
    loop first runs and quit; a start-up figure measured on the real path."""
    started = os.environ.get("JIAOKAN_STARTED")
    if not started:
        return
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)

    def usable() -> None:
        print(f"usable {time.time() - float(started):.3f}", flush=True)
        app.quit()

    QTimer.singleShot(0, usable)


def _screenshot(
    app: object, window: object, source: str | None, variants: list[str], out: str
) -> int:
    """Render the finished collation to ``out``; exit 0 only if it collated and saved."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.project.project import Project
    from app.store.records import ProjectError
    from app.text.loading import LoadError, load_text
    from ui.window.main_window import MainWindow

    assert isinstance(app, QApplication) and isinstance(window, MainWindow)
    if source is None:
        window.show()
        app.processEvents()
        return 0 if window.grab().save(out) else _fail(f"cannot write {out}")
    is_project = source.endswith(PROJECT_SUFFIX) and not variants
    try:  # report bad files here, not in a dialog nobody sees
        if is_project:
            Project.open(source, read_only=True).close()
        else:
            for path in (source, *variants):
                load_text(path)
    except (LoadError, ProjectError) as exc:
        return _fail(str(exc))
    outcome: dict[str, str] = {}
    loop = QEventLoop()

    def done(key: str, message: str = "") -> None:
        outcome.setdefault(key, message)
        loop.quit()

    window.collationShown.connect(lambda: done("ok"))
    window.collationFailed.connect(lambda message: done("error", message))
    window.unattended = True  # no box waits for an answer nobody will give
    window.resize(1280, 820)
    window.show()
    opened = window.open_project(source) if is_project else window.open_files(source, variants)
    if not opened or not window.session.collating:  # what went wrong is on stderr
        window.session.close()
        return _fail("cannot open the files")
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    if "ok" not in outcome:
        window.session.shutdown()
        window.session.close()
        return _fail(outcome.get("error", "the collation did not finish within 120 s"))
    app.processEvents()
    saved = window.grab().save(out)
    collation = window.collation()
    count = len(collation.loci) if collation else 0
    window.session.shutdown()
    window.session.close()  # the project's lock goes with it
    if not saved:
        return _fail(f"cannot write {out}")
    print(f"{out}: {count} divergences")
    return 0


def app_icon() -> QIcon:
    """The SVG icon, drawn afresh for every size and scale; the PNGs only without it.

    One QIcon mixing both, or the PNGs alone, hands a 2x or 1.5x display the 1x
    pixmap to stretch (Qt 6.11 matches the logical size first, tested); the PNGs
    stay a fallback for a build whose SVG icon engine is missing.
    """
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from ui.paths import resource

    icon = QIcon(str(resource("icons", "jiaokan.svg")))
    if icon.pixmap(16).isNull():  # no SVG icon engine to draw it
        icon = QIcon()
        for png in sorted(resource("icons", "hicolor").glob("*/apps/*.png")):
            size = int(png.parts[-3].split("x")[0])
            icon.addFile(str(png), QSize(size, size))
    return icon


def quiet_offscreen_notice() -> None:
    """Drop the offscreen plugin's one harmless notice, so real warnings stand out."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(_mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if "does not support propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _fail(message: str) -> int:
    print(f"jiaokan: error: {message}", file=sys.stderr)
    return 1
