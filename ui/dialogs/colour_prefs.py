"""The Colours page of the Preferences: appearance, scheme, a swatch per kind and class.

The editor picks the colour of a *mark* (the ruler's, the legend's); the backgrounds
behind text are derived from it (``ui.colors.readable_tint``) so that the text keeps
7:1 whatever is picked.  Each swatch shows both: the mark, and the character 字 on its
derived background, in the palette the dialog is shown in.  Overrides are kept per
scheme, so switching to high contrast and back loses nothing; nothing is applied or
saved before OK.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.classes.classify import CLASSES
from ui import colors
from ui.colors import COLOUR_KINDS, SCHEMES, class_label, is_dark, kind_label, scheme_label
from ui.settings import APPEARANCES, Settings

_ICON = QSize(40, 22)


def _appearance_label(choice: str) -> str:
    labels = {
        "system": QCoreApplication.translate("Preferences", "Follow the system"),
        "light": QCoreApplication.translate("Preferences", "Light"),
        "dark": QCoreApplication.translate("Preferences", "Dark"),
    }
    return labels.get(choice, choice)


class ColourSection(QWidget):
    """Edits the appearance, the colour scheme and the editor's colour per kind and class."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.appearance = QComboBox()
        for choice in APPEARANCES:
            self.appearance.addItem(_appearance_label(choice), choice)
        self.appearance.setCurrentIndex(max(self.appearance.findData(settings.appearance()), 0))
        self.scheme = QComboBox()
        for scheme in SCHEMES:
            self.scheme.addItem(scheme_label(scheme), scheme)
        self.scheme.setCurrentIndex(max(self.scheme.findData(settings.colour_scheme()), 0))
        self.overrides: dict[str, dict[str, str]] = {
            s: settings.colour_overrides(s) for s in SCHEMES
        }
        self.buttons: dict[str, list[QToolButton]] = {}
        self.colour_dialog: QColorDialog | None = None
        kinds = QGroupBox(QCoreApplication.translate("Preferences", "Kinds"))
        kinds_grid = QGridLayout(kinds)
        for n, kind in enumerate(COLOUR_KINDS):
            kinds_grid.addWidget(self._button(kind, kind_label(kind)), n // 4, n % 4)
        classes = QGroupBox(
            QCoreApplication.translate("Preferences", "Classes (View ▸ Colour by class)")
        )
        classes_grid = QGridLayout(classes)
        for n, cls in enumerate(CLASSES):
            classes_grid.addWidget(self._button(cls, class_label(cls)), n // 4, n % 4)
        self.restore = QPushButton(QCoreApplication.translate("Preferences", "Restore defaults"))
        self.restore.setToolTip(
            QCoreApplication.translate(
                "Preferences", "Forget the colours chosen for this scheme and use its own."
            )
        )
        note = QLabel(
            QCoreApplication.translate(
                "Preferences",
                "Click a colour to change it. The background behind text is derived from it, "
                "so that text keeps a contrast of at least 7:1.",
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Preferences", "&Appearance:"), self.appearance)
        form.addRow(QCoreApplication.translate("Preferences", "Colour &scheme:"), self.scheme)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(kinds)
        layout.addWidget(classes)
        layout.addWidget(note)
        layout.addWidget(self.restore, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        for buttons in self.buttons.values():
            if len(buttons) > 1:  # "substitution" is a kind and a class (错字)
                shared = QCoreApplication.translate(
                    "Preferences", "The kind and the class of this name share one colour."
                )
                for button in buttons:
                    button.setToolTip(shared)
        self._connect_signals()
        self._refresh()
        self._unelide()

    def _connect_signals(self) -> None:
        self.scheme.currentIndexChanged.connect(self._refresh)
        self.restore.clicked.connect(self.restore_defaults)
        for key, buttons in self.buttons.items():
            for button in buttons:
                button.clicked.connect(partial(self.choose, key))

    def _button(self, key: str, label: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(f"colour-{key}")
        button.setText(label)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setIconSize(_ICON)
        button.setAutoRaise(True)
        button.setAccessibleName(
            QCoreApplication.translate("Preferences", "Colour of {0}").format(label)
        )
        self.buttons.setdefault(key, []).append(button)
        return button

    def _unelide(self) -> None:
        """Tool buttons elide their text when squeezed; a name cut in half helps nobody."""
        for buttons in self.buttons.values():
            for button in buttons:
                button.setMinimumWidth(button.sizeHint().width())

    # -- state ----------------------------------------------------------------

    def current_scheme(self) -> str:
        return str(self.scheme.currentData())

    def preview(self) -> colors.ColourSet:
        """The colours as they would be after OK, for the scheme shown."""
        scheme = self.current_scheme()
        return colors.build(scheme, self.overrides[scheme])

    def choose(self, key: str) -> QColorDialog:
        """Open a colour dialog for ``key``'s mark; returned so tests can drive it."""
        dialog = QColorDialog(self.preview().mark(key, False), self)
        dialog.setObjectName("colour-dialog")
        dialog.setWindowTitle(QCoreApplication.translate("Preferences", "Choose a colour"))
        dialog.colorSelected.connect(partial(self.set_colour, key))
        dialog.finished.connect(dialog.deleteLater)
        self.colour_dialog = dialog
        dialog.open()
        return dialog

    def set_colour(self, key: str, colour: QColor) -> None:
        """Make ``colour`` the mark of ``key`` in the scheme shown (saved on OK)."""
        if colour.isValid():
            self.overrides[self.current_scheme()][key] = colour.name()
            self._refresh()

    def restore_defaults(self) -> None:
        """Drop the editor's colours for the scheme shown."""
        self.overrides[self.current_scheme()] = {}
        self._refresh()

    def save(self, settings: Settings) -> None:
        settings.set_appearance(str(self.appearance.currentData()))
        settings.set_colour_scheme(self.current_scheme())
        for scheme, overrides in self.overrides.items():
            settings.set_colour_overrides(scheme, overrides)

    # -- showing --------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh()

    def _refresh(self) -> None:
        preview = self.preview()
        dark = is_dark(self.palette())
        self.restore.setEnabled(bool(self.overrides[self.current_scheme()]))
        for key, buttons in self.buttons.items():
            icon = QIcon(self._swatch(preview, key, dark))
            for button in buttons:
                button.setIcon(icon)
                button.setProperty("mark", preview.mark(key, dark).name())
                button.setProperty("background", preview.background(key, dark).name())

    def _swatch(self, preview: colors.ColourSet, key: str, dark: bool) -> QPixmap:
        """The mark as a square, then 字 on the derived background, as the panes show it."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(_ICON * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        w, h = _ICON.width(), _ICON.height()
        edge = self.palette().color(QPalette.ColorRole.WindowText)
        painter.fillRect(QRect(0, 3, h - 6, h - 6), preview.mark(key, dark))
        tint = QRect(h - 2, 0, w - h + 2, h)
        painter.fillRect(tint, preview.background(key, dark))
        painter.setPen(edge)
        painter.drawRect(tint.adjusted(0, 0, -1, -1))
        text = preview.text(dark) or self.palette().color(QPalette.ColorRole.Text)
        painter.setPen(text)
        font = QFont(self.font())
        font.setPixelSize(h - 6)
        painter.setFont(font)
        painter.drawText(tint, Qt.AlignmentFlag.AlignCenter, "字")
        painter.end()
        return pixmap
