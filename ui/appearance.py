"""Light or dark: follow the system, or force one (Preferences ▸ Colours ▸ Appearance).

Qt 6.8 lets an application ask the platform for a colour scheme
(``QStyleHints.setColorScheme``), and where the platform honours it the system's own
dark palette is the best one.  Not every platform does (the offscreen one and many X11
desktops ignore it), so when the palette that results is not the one asked for, the
application gets a palette of its own.  Following the system undoes both.

The views themselves follow whatever palette they get: each repaints on
``QEvent.PaletteChange`` (see ``WindowLayout.changeEvent``), which the platform also
sends when the system switches between light and dark.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ui.colors import is_dark

_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
_state = {"asked": False, "palette": False}  # what this module changed, to undo it


def dark_palette() -> QPalette:
    """A dark palette for Qt's Fusion look, used where the platform offers none."""
    palette = QPalette()
    group, disabled = QPalette.ColorGroup.All, QPalette.ColorGroup.Disabled
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2d2d2d"),
        (roles.WindowText, "#e8e8e8"),
        (roles.Base, "#1e1e1e"),
        (roles.AlternateBase, "#262626"),
        (roles.Text, "#e8e8e8"),
        (roles.Button, "#3a3a3a"),
        (roles.ButtonText, "#e8e8e8"),
        (roles.BrightText, "#ffffff"),
        (roles.Highlight, "#3f7fd0"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#3a3a3a"),
        (roles.ToolTipText, "#e8e8e8"),
        (roles.PlaceholderText, "#9a9a9a"),
        (roles.Link, "#7fb2ff"),
        (roles.LinkVisited, "#c29cff"),
        (roles.Light, "#505050"),
        (roles.Midlight, "#404040"),
        (roles.Mid, "#303030"),
        (roles.Dark, "#1a1a1a"),
        (roles.Shadow, "#000000"),
    ):
        palette.setColor(group, role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    return palette


def light_palette() -> QPalette:
    """The style's own light palette, for a light choice on a dark system."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app.style().standardPalette()


def apply_appearance(choice: str) -> None:
    """Make the application light, dark, or (``"system"``, anything else) as the system is."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    wanted = _SCHEMES.get(choice)
    if wanted is None:
        if _state["asked"]:
            hints.unsetColorScheme()
            _state["asked"] = False
        if _state["palette"]:
            app.setPalette(QPalette())  # back to the platform's
            _state["palette"] = False
        return
    hints.setColorScheme(wanted)
    _state["asked"] = True
    if _state["palette"]:
        app.setPalette(QPalette())  # see what the platform gives for the new request
        _state["palette"] = False
    if is_dark(app.palette()) != (choice == "dark"):
        app.setPalette(dark_palette() if choice == "dark" else light_palette())
        _state["palette"] = True
