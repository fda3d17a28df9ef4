"""The overview ruler between the panes: every divergence of the document at a glance.

A hundred thousand marks must fit a few hundred pixel rows, so they are folded into rows
once per change of marks or height (at the next paint, so a burst of resize events costs
one pass), and a paint stretches a one-pixel-wide image of the rows' colours: a handful
of calls into Qt however many marks there are.  Calls matter: with PySide6 6.12 on Python
3.11 each void call also leaks a reference to None.  A row shared by several kinds shows
the commonest; the tooltip names them all.

A mark may carry its locus's id (the ruler then says which locus was clicked, and
is told which one is current, by id); the ruler follows the view model's marks
(app/view/model.py) and rebuilds them only when they change, never for a decision.
"""

from __future__ import annotations

import itertools
import math
import struct
from bisect import bisect_left
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from app.collation.loci import KINDS
from app.view.model import MarkChange, MarkLayer
from ui import colors
from ui.colors import current_color, is_dark, kind_label, kind_mark

WIDTH = 14
MIN_MARK = 2  # px: a one-character divergence in a long book must still be seen and hit
HIT_SLOP = 3  # px either side of a mark that still counts as clicking it
LONG = 16  # rows; taller marks are few and are hit-tested apart from the rest
INSET = 3  # px each side of an ordinary mark; the current one takes the full width


class OverviewRuler(QWidget):
    """A vertical map of the document's divergences, coloured by kind; click to jump."""

    markClicked = Signal(int)
    positionClicked = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        # Every pixel is painted, so Qt need not clear first: no flash on repaint.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(self.tr("Overview of divergences"))
        self._starts: list[float] = []
        self._ends: list[float] = []
        self._kinds: list[int] = []
        self._ids: list[int] | None = None
        self._index_of: dict[int, int] = {}
        self._layer: MarkLayer | None = None
        self._names: list[str] = list(KINDS)
        self._long: list[int] = []  # marks taller than LONG rows, at the current height
        self._current: int | None = None
        self._viewport: tuple[float, float] | None = None
        self._counts: list[list[int]] = []  # per kind, marks in each pixel row
        self._rows: list[int] = []  # the kind drawn in each pixel row; -1 for none
        self._strip = QImage()  # self._rows in colour, for one palette
        self._strip_for_colours: tuple[bool, int] | None = None  # (dark, colours.version())
        self._bucketed_for = -1  # the height the buckets were made for; -1: stale
        self._min_mark = MIN_MARK  # rows of the shortest mark, for the active colours
        self._press_y: float | None = None
        self._scrubbing = False

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(WIDTH, 4 * MIN_MARK)

    def follow(self, layer: MarkLayer) -> None:
        """Draw the view model's marks from now on, each known by its locus's id."""
        self._layer = layer
        layer.subscribe(self._on_layer)
        self._on_layer(MarkChange(marks=True, current=True))

    def _on_layer(self, change: MarkChange) -> None:
        layer = self._layer
        assert layer is not None
        if change.marks:
            marks = layer.marks
            self.set_marks([(m.start, m.end, m.kind) for m in marks], [m.locus_id for m in marks])
        if change.current:
            self.set_current(layer.current)

    def set_marks(
        self, marks: Sequence[tuple[float, float, str]], ids: Sequence[int] | None = None
    ) -> None:
        """Replace the marks; (start, end, kind) as fractions of the document, by start.

        ``ids``: each mark's locus id, which :attr:`markClicked` says and
        :meth:`set_current` takes; without them, a mark is known by its index."""
        starts = [min(max(start, 0.0), 1.0) for start, _, _ in marks]
        if any(b < a for a, b in itertools.pairwise(starts)):
            raise ValueError("marks must be sorted by start")
        # A kind unknown to the palette keeps its name for the tooltip and is drawn grey.
        self._names = list(dict.fromkeys([*KINDS, *(kind for _, _, kind in marks)]))
        index = {name: i for i, name in enumerate(self._names)}
        self._ends = [min(max(m[1], s), 1.0) for m, s in zip(marks, starts, strict=True)]
        self._kinds = [index[kind] for _, _, kind in marks]
        self._starts = starts
        self._ids = None if ids is None else list(ids)
        self._index_of = {} if ids is None else {lid: k for k, lid in enumerate(ids)}
        if self._current is not None and (ids is not None or self._current >= len(starts)):
            self._current = None  # by id, the caller says again which one is current
        self.setAccessibleDescription(self.tr("%n divergence(s)", "", len(starts)))
        self._bucketed_for = -1
        self.update()

    def set_current(self, key: int | None) -> None:
        """Emphasise one mark (or none), by its locus id (its index where the marks have
        no ids); repaints only the rows that change."""
        index = key if self._ids is None or key is None else self._index_of.get(key)
        if index is not None and not 0 <= index < len(self._starts):
            index = None
        if index == self._current:
            return
        old = self._current_rect()
        self._current = index
        self._update_union(old, self._current_rect())

    def set_viewport(self, top: float, bottom: float) -> None:
        """Show which part of the document the panes display, as a translucent band."""
        top = min(max(top, 0.0), 1.0)
        viewport = (top, min(max(bottom, top), 1.0))
        if viewport == self._viewport:
            return  # scrolling calls this constantly; an idle repaint would be waste
        old = self._viewport_rect()
        self._viewport = viewport
        self._update_union(old, self._viewport_rect())

    def _span(self, i: int, h: int) -> tuple[int, int]:
        """Rows [top, bottom) of mark i; the same rule draws and hit-tests it."""
        top = max(min(int(self._starts[i] * h), h - self._min_mark), 0)
        return top, min(max(math.ceil(self._ends[i] * h), top + self._min_mark), h)

    def _ensure_buckets(self) -> None:
        h = self.height()
        # high contrast: taller marks, as a thin line is lost to poor sight
        tallest = MIN_MARK + colors.active().emphasis
        if h == self._bucketed_for and tallest == self._min_mark:
            return
        self._bucketed_for, self._min_mark = h, tallest
        # Difference arrays: two writes per mark, then one pass per kind over the rows.
        diffs = [[0] * (h + 1) for _ in self._names]
        floor_at = max(h - tallest, 0)
        self._long = []
        for i, (s, e, k) in enumerate(zip(self._starts, self._ends, self._kinds, strict=True)):
            top = max(min(int(s * h), floor_at), 0)
            bottom = min(max(math.ceil(e * h), top + tallest), h)
            if bottom - top > LONG:
                self._long.append(i)
            diff = diffs[k]
            diff[top] += 1
            diff[bottom] -= 1
        self._counts = [list(itertools.accumulate(diff[:h])) for diff in diffs]
        # Each row shows its commonest kind (ties: the earlier kind).
        self._rows = [
            max(range(len(row)), key=row.__getitem__) if any(row) else -1
            for row in zip(*self._counts, strict=True)
        ]
        self._strip_for_colours = None

    def refresh_colours(self) -> None:
        """Repaint with the active colours (the strip is rebuilt when they changed)."""
        self.update()

    def _strip_for(self, dark: bool) -> QImage:
        """The rows' colours as a 1 x height image, rebuilt only when rows or palette change."""
        if self._strip_for_colours != (dark, colors.version()):
            pixels = [struct.pack("=I", kind_mark(n, dark).rgba()) for n in self._names]
            data = b"".join(pixels[k] if k >= 0 else bytes(4) for k in self._rows)
            fmt = QImage.Format.Format_ARGB32_Premultiplied
            self._strip = QImage(data, 1, len(self._rows), 4, fmt).copy() if data else QImage()
            self._strip_for_colours = (dark, colors.version())
        return self._strip

    def mark_at(self, y: float) -> int | None:
        """The mark nearest row y within HIT_SLOP pixels, or None."""
        h = self.height()
        if not self._starts or h <= 0:
            return None
        self._ensure_buckets()
        row = int(y)
        # Candidates start at or above row + HIT_SLOP (one row of margin for rounding).
        hi = bisect_left(self._starts, (row + HIT_SLOP + 2) / h)
        if row + HIT_SLOP >= h - self._min_mark:
            hi = len(self._starts)
        near = itertools.takewhile(
            # A mark of at most LONG rows starting that far above the slop cannot reach it.
            lambda i: int(self._starts[i] * h) + LONG > row - HIT_SLOP,
            range(hi - 1, -1, -1),
        )
        best: tuple[int, int, float, int] | None = None
        for i in itertools.chain(near, self._long):
            top, bottom = self._span(i, h)
            gap = top - row if row < top else max(row - (bottom - 1), 0)
            # Nearest first; under the pointer, the smallest mark, as it is the most specific.
            key = (gap, bottom - top, abs((top + bottom) / 2 - y), i)
            if gap <= HIT_SLOP and (best is None or key < best):
                best = key
        return None if best is None else best[3]

    def _fraction(self, y: float) -> float:
        return min(max(y / max(self.height(), 1), 0.0), 1.0)

    def _current_rect(self) -> QRect:
        if self._current is None:
            return QRect()
        top, bottom = self._span(self._current, self.height())
        edge = 1 + colors.active().emphasis // 2
        return QRect(0, top - edge, self.width(), bottom - top + 2 * edge)

    def _viewport_rect(self) -> QRect:
        if self._viewport is None:
            return QRect()
        h = self.height()
        top = min(round(self._viewport[0] * h), max(h - self._min_mark, 0))
        bottom = min(max(round(self._viewport[1] * h), top + self._min_mark), h)
        return QRect(0, top, self.width(), bottom - top)

    def _update_union(self, old: QRect, new: QRect) -> None:
        self.update(old.united(new).adjusted(0, -1, 0, 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        self._ensure_buckets()
        palette = self.palette()
        dark = is_dark(palette)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        w = self.width()
        painter = QPainter(self)
        painter.fillRect(event.rect(), base)
        if self._viewport is not None:
            # Under the marks, so that no kind changes colour while it is in view; the
            # stronger side rails carry the band where the marks are too dense to see it.
            band = self._viewport_rect()
            shade = QColor(text)
            shade.setAlpha(40 if dark else 28)
            painter.fillRect(band, shade)
            shade.setAlpha(120 if dark else 100)
            painter.fillRect(0, band.top(), INSET - 1, band.height(), shade)
            painter.fillRect(w - INSET + 1, band.top(), INSET - 1, band.height(), shade)
        strip = self._strip_for(dark)
        if not strip.isNull():  # stretched sideways only, so no pixel changes colour
            painter.drawImage(QRect(INSET, 0, w - 2 * INSET, strip.height()), strip)
        edge = QColor(text)
        edge.setAlpha(50)
        painter.fillRect(0, 0, 1, self.height(), edge)
        painter.fillRect(w - 1, 0, 1, self.height(), edge)
        if self._current is not None:
            rect = self._current_rect()
            painter.fillRect(rect, current_color(dark))
            fill = kind_mark(self._names[self._kinds[self._current]], dark)
            rim = 1 + colors.active().emphasis // 2  # high contrast: a thicker outline
            painter.fillRect(rect.adjusted(rim, rim, -rim, -rim), fill)
        painter.end()

    def kinds_at(self, y: int) -> list[tuple[str, int]]:
        """The kinds drawn into row y with their numbers of marks, commonest first."""
        self._ensure_buckets()
        if not 0 <= y < self._bucketed_for:
            return []
        present = sorted((-c[y], k) for k, c in enumerate(self._counts) if c[y])
        return [(self._names[k], -n) for n, k in present]

    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return super().event(event)
        lines = [f"{kind_label(kind)}: {n}" for kind, n in self.kinds_at(event.pos().y())]
        if lines:
            band = QRect(0, event.pos().y(), self.width(), 1)  # moving off the row hides it
            QToolTip.showText(event.globalPos(), "\n".join(lines), self, band)
        else:
            QToolTip.hideText()
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        y = event.position().y()
        self._press_y = y
        index = self.mark_at(y)
        # A press on a mark is a jump; it becomes a scrub only once the pointer travels.
        self._scrubbing = index is None
        if index is None:
            self.positionClicked.emit(self._fraction(y))
        else:
            self.markClicked.emit(index if self._ids is None else self._ids[index])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press_y is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        y = event.position().y()
        if not self._scrubbing:
            self._scrubbing = abs(y - self._press_y) >= QApplication.startDragDistance()
        if self._scrubbing:
            self.positionClicked.emit(self._fraction(y))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press_y = None
        self._scrubbing = False
        super().mouseReleaseEvent(event)
