"""A PDF page drawn beside the text: the proof as the proofreader holds it, marks boxed.

The widget shows one drawn page (a ``QImage`` the window renders off the GUI
thread), scaled to its width, and boxes over it in PDF points: the current
divergence's characters strongly, the page's other divergences lightly.  A
click on the page says where, in points, so the window can select the
divergence there.  No engine state: the window hands it everything.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.text.pages import Box

CURRENT = QColor(220, 20, 20)
OTHER = QColor(30, 90, 200, 140)


class PageView(QWidget):
    """One page: its picture, the divergences' boxes, clicks in page points."""

    clicked = Signal(int, float, float)
    """page (1-based), x and y in PDF points (origin at the page's bottom left)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # as small as the tabs beside it: a page scales to any size, and must not widen
        # the splitter's right side or push the panes' text out of view
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.page = 0
        self.size_points = (595.0, 842.0)
        self.image: QImage | None = None
        self.current: tuple[Box, ...] = ()
        self.others: tuple[Box, ...] = ()
        self.message = ""

    def show_page(
        self,
        page: int,
        size_points: tuple[float, float],
        image: QImage | None,
        current: Sequence[Box],
        others: Sequence[Box],
    ) -> None:
        """Page ``page`` of ``size_points`` (its picture, or None while it is drawn)."""
        self.page, self.size_points, self.image = page, size_points, image
        self.current, self.others = tuple(current), tuple(others)
        self.message = ""
        self.update()

    def show_message(self, text: str) -> None:
        """No page: say why instead."""
        self.page, self.image, self.current, self.others = 0, None, (), ()
        self.message = text
        self.update()

    def page_rect(self) -> QRectF:
        """Where the page stands in the widget: as wide as fits, its shape kept."""
        width, height = self.size_points
        scale = min(self.width() / width, self.height() / height)
        shown = QRectF(0, 0, width * scale, height * scale)
        shown.moveCenter(QRectF(self.rect()).center())
        return shown

    def to_widget(self, box: Box) -> QRectF:
        area = self.page_rect()
        scale = area.width() / self.size_points[0]
        return QRectF(
            area.left() + box.left * scale,
            area.top() + (self.size_points[1] - box.top) * scale,
            max((box.right - box.left) * scale, 2.0),
            (box.top - box.bottom) * scale,
        )

    def to_points(self, point: QPointF) -> tuple[float, float] | None:
        area = self.page_rect()
        if not area.contains(point):
            return None
        scale = area.width() / self.size_points[0]
        return (point.x() - area.left()) / scale, self.size_points[1] - (
            point.y() - area.top()
        ) / scale

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if not self.page:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
            return
        area = self.page_rect()
        painter.fillRect(area, QColor("white"))
        if self.image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(area, self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for colour, boxes, width in ((OTHER, self.others, 1.0), (CURRENT, self.current, 2.0)):
            painter.setPen(QPen(colour, width))
            for box in boxes:
                painter.drawRect(self.to_widget(box).adjusted(-1, -1, 1, 1))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        where = self.to_points(event.position()) if self.page else None
        if where is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.page, *where)
        super().mousePressEvent(event)
