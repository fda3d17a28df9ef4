"""The key to the ruler's colours: one swatch, name and count per kind of divergence.

A kind with no divergences stays in its place, dimmed, rather than disappearing, so the
row keeps its shape from one document to the next and the reader learns the colours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.collation.loci import KINDS
from app.view.model import MarkChange, MarkLayer
from ui.colors import active, class_label, is_dark, kind_label, kind_mark

SWATCH = 10  # px, square


class _Swatch(QWidget):
    """A small square of a kind's colour; hollow when the kind has nothing to show."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFixedSize(SWATCH, SWATCH)
        self.color = QColor()
        self.dimmed = False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        fill = QColor(self.color)
        if self.dimmed:
            fill.setAlphaF(0.25)
        painter.setPen(self.color)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 2, 2)
        painter.end()


class KindLegend(QWidget):
    """A compact horizontal row naming the colour of each kind, with optional counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Legend of divergence kinds"))
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(4, 2, 4, 2)
        self._row.setSpacing(12)
        self._swatches: dict[str, _Swatch] = {}
        self._labels: dict[str, QLabel] = {}
        self._counts: dict[str, int] | None = None
        self._keys: tuple[str, ...] = ()
        self._label: Callable[[str], str] = kind_label
        self._layer: MarkLayer | None = None
        self.set_keys(KINDS, kind_label)

    def follow(self, layer: MarkLayer) -> None:
        """Name what the view model's marks are coloured by, with their counts, from now on."""
        self._layer = layer
        layer.subscribe(self._on_layer)
        self._on_layer(MarkChange(marks=True))

    def _on_layer(self, change: MarkChange) -> None:
        layer = self._layer
        assert layer is not None
        if change.marks:
            self.set_keys(layer.keys, class_label if layer.by_class else kind_label)
            self.set_counts(layer.counts)

    def set_keys(self, keys: Sequence[str], label: Callable[[str], str]) -> None:
        """What the legend names: the kinds, or the proofreader's classes."""
        if tuple(keys) == self._keys:
            return
        while self._row.count():
            item = self._row.takeAt(0)
            layout = item.layout() if item is not None else None
            while layout is not None and layout.count():
                child = layout.takeAt(0)
                widget = child.widget() if child is not None else None
                if widget is not None:
                    widget.deleteLater()
        self._swatches.clear()
        self._labels.clear()
        self._keys, self._label = tuple(keys), label
        row = self._row
        for kind in self._keys:
            entry = QHBoxLayout()
            entry.setSpacing(4)
            swatch = _Swatch(self)
            name = QLabel(self)
            swatch.setObjectName(f"swatch-{kind}")
            name.setObjectName(f"label-{kind}")
            entry.addWidget(swatch, 0, Qt.AlignmentFlag.AlignVCenter)
            entry.addWidget(name, 0, Qt.AlignmentFlag.AlignVCenter)
            row.addLayout(entry)
            self._swatches[kind] = swatch
            self._labels[kind] = name
        row.addStretch(1)
        self._refresh()

    def set_counts(self, counts: Mapping[str, int] | None) -> None:
        """Show how many divergences of each kind there are; None hides the numbers."""
        self._counts = None if counts is None else {k: counts.get(k, 0) for k in self._keys}
        self._refresh()

    def is_dimmed(self, kind: str) -> bool:
        """Whether the kind is shown as absent from the document."""
        return self._swatches[kind].dimmed

    def refresh_colours(self) -> None:
        """Repaint the swatches with the active colours."""
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.LanguageChange):
            self._refresh()

    def _refresh(self) -> None:
        """Re-derive colours, texts and dimming from the palette and the counts."""
        dark = is_dark(self.palette())
        locale = QLocale()
        side = SWATCH + 2 * active().emphasis  # high contrast: larger squares
        for kind in self._keys:
            count = None if self._counts is None else self._counts.get(kind, 0)
            dimmed = count == 0
            swatch, label = self._swatches[kind], self._labels[kind]
            swatch.color = kind_mark(kind, dark)
            swatch.setFixedSize(side, side)
            swatch.dimmed = dimmed
            swatch.update()
            name = self._label(kind)
            label.setText(name if count is None else f"{name} {locale.toString(count)}")
            # PlaceholderText is the palette's own dimmed text, so it follows theme changes.
            label.setForegroundRole(
                QPalette.ColorRole.PlaceholderText if dimmed else QPalette.ColorRole.WindowText
            )
