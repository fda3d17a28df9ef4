"""A one-line label that shortens its text in the middle to the width it is given.

File names such as ``002_4ea96290340b9324_retyped_copy_from_the_county_archive.txt``
tell copies apart by both ends; a plain QLabel asks for their full width (pushing
its neighbours, the witness chooser first, to nothing) or cuts the end off.  A
``tail`` (" · Word · not read: headers") is kept whole while the name before it
shortens; when even the tail does not fit, a third of the width stays the name's
and the tail shows its beginning.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class ElidedLabel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._tail = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str, tail: str = "") -> None:
        self._text, self._tail = text + tail, tail
        self.setAccessibleName(self._text)
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._text), metrics.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height())

    def shown_text(self) -> str:
        """The text as it fits the label's width now."""
        metrics, width = self.fontMetrics(), self.width()
        if not self._tail or metrics.horizontalAdvance(self._text) <= width:
            return metrics.elidedText(self._text, Qt.TextElideMode.ElideMiddle, width)
        head = self._text[: len(self._text) - len(self._tail)]
        # the name keeps a third of the width, and always a little of each of its ends
        enough = max(3 * metrics.horizontalAdvance("…"), width // 3)
        room = max(width - metrics.horizontalAdvance(self._tail), enough)
        head = metrics.elidedText(head, Qt.TextElideMode.ElideMiddle, room)
        rest = width - metrics.horizontalAdvance(head)
        return head + metrics.elidedText(self._tail, Qt.TextElideMode.ElideRight, rest)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shown = self.shown_text()
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter), shown)
        painter.end()
