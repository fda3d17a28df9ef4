"""A read-only text pane that highlights divergences lazily.

A document may hold a million characters and tens of thousands of loci;
one ExtraSelection per locus over the whole document would make every
scroll and every repaint slow.  The pane keeps the spans in a sorted list
and, whenever the view moves, builds selections only for the spans that
intersect what is visible (found by bisect).  Insertion points, which cover
no character, are drawn as a bar between two characters.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from ui.colors import active, is_dark
from ui.widgets.positions import Utf16Index

# The usual CJK text fonts of Linux, Windows and macOS, best first.
CJK_FONTS = (
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
    "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimSun", "Noto Serif CJK SC",
    "Noto Sans CJK TC", "Source Han Sans TC", "Microsoft JhengHei", "PingFang TC",
)  # fmt: skip


def cjk_font_family() -> str:
    """A family that renders Chinese: a known CJK font, else any font that says it
    covers Chinese (ranked by name, proportional before monospaced), else Qt's default,
    which still draws Chinese through font fallback where the system has any."""
    installed = set(QFontDatabase.families())
    for name in CJK_FONTS:
        if name in installed:
            return name
    chinese = [
        f
        for system in (
            QFontDatabase.WritingSystem.SimplifiedChinese,
            QFontDatabase.WritingSystem.TraditionalChinese,
        )
        for f in QFontDatabase.families(system)
        if not QFontDatabase.isPrivateFamily(f)
    ]
    if chinese:
        return min(chinese, key=lambda f: (QFontDatabase.isFixedPitch(f), "mono" in f.lower(), f))
    return QFont().defaultFamily()


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted span of this pane's text, in code points, with its locus row."""

    start: int
    end: int
    kind: str
    row: int
    decided: bool = False
    """Drawn quieter (underlined, no fill), so what is still open stands out."""


class TextPane(QPlainTextEdit):
    """Shows one text, read-only, with the divergences of one witness marked."""

    locusClicked = Signal(int)
    topOffsetChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setCenterOnScroll(False)
        self._text = ""
        self._index = Utf16Index("")
        self._spans: list[Span] = []
        self._starts: list[int] = []
        self._max_len = 0
        self._current: int | None = None
        self._fallback: Span | None = None
        self._visible_inserts: list[Span] = []
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # -- content -------------------------------------------------------------

    def set_text(self, text: str) -> None:
        self._text = text
        self._index = Utf16Index(text)
        self.set_spans([])
        self.setPlainText(text)

    def text(self) -> str:
        return self._text

    def set_spans(self, spans: list[Span]) -> None:
        """Replace the highlighted spans (sorted by start)."""
        self._spans = spans
        self._starts = [s.start for s in spans]
        self._max_len = max((s.end - s.start for s in spans), default=0)
        self._current = None
        self._fallback = None
        self._schedule()

    def spans(self) -> list[Span]:
        return self._spans

    def set_current(self, row: int | None, fallback: Span | None = None) -> None:
        """Mark locus ``row``; ``fallback`` places it where this text has no span of its own.

        A witness that agrees with the source at the selected locus has no
        highlight there, but the proofreader must still see where it is.
        """
        self._current = row
        self._fallback = fallback if row is not None and self._span_of(row) is None else None
        self._schedule()

    def _span_of(self, row: int) -> Span | None:
        return next((s for s in self._spans if s.row == row), None)

    def set_font_size(self, family: str, size: float) -> None:
        font = QFont(self.font())
        if family:
            font.setFamily(family)
        font.setPointSizeF(size)
        self.setFont(font)
        self._schedule()

    # -- positions --------------------------------------------------------------

    def top_offset(self) -> int:
        """Code-point offset of the first character shown."""
        return self._index.to_code_point(self.cursorForPosition(QPoint(1, 1)).position())

    def visible_range(self) -> tuple[int, int]:
        first = self.cursorForPosition(QPoint(0, 0)).position()
        corner = QPoint(self.viewport().width() - 1, self.viewport().height() - 1)
        last = self.cursorForPosition(corner).position()
        return self._index.to_code_point(first), self._index.to_code_point(last) + 1

    def scroll_to_top(self, offset: int) -> None:
        """Put the line holding ``offset`` at the top of the view."""
        block = self.document().findBlock(self._index.to_utf16(offset))
        if not block.isValid():
            return
        layout = block.layout()
        line_in_block = 0
        if layout is not None and layout.lineCount() > 1:
            line = layout.lineForTextPosition(self._index.to_utf16(offset) - block.position())
            line_in_block = max(0, line.lineNumber())
        self.verticalScrollBar().setValue(block.firstLineNumber() + line_in_block)

    def reveal(self, start: int, end: int) -> None:
        """Scroll so the span is in view, centred if it was not wholly in view already."""
        if self._shows(start) and self._shows(end):
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._index.to_utf16(start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def _shows(self, offset: int) -> bool:
        """The line holding ``offset`` is wholly in the viewport.

        Not ``visible_range``: it counts a line cut off at the bottom, of which the
        proofreader may see a pixel or nothing (how much depends on the font), and
        a divergence there must still be scrolled to.
        """
        line = self.cursorRect(self._cursor_at(offset))
        area = self.viewport().rect()
        return area.top() <= line.top() and line.bottom() <= area.bottom()

    # -- events -------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        offset = self._index.to_code_point(
            self.cursorForPosition(event.position().toPoint()).position()
        )
        row = self.row_at(offset)
        if row is not None:
            self.locusClicked.emit(row)

    def row_at(self, offset: int) -> int | None:
        """The locus row whose span holds ``offset`` (or whose insertion point touches it).

        Loci of different copies nest: a click inside another copy's long
        locus on a one-character one of its own selects the innermost.
        """
        lo = bisect_left(self._starts, offset - self._max_len)
        hi = bisect_right(self._starts, offset)
        holding = [
            span
            for span in self._spans[lo:hi]
            if span.start <= offset < span.end or span.start == span.end == offset
        ]
        best = min(holding, key=lambda span: span.end - span.start, default=None)
        return None if best is None else best.row

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Qt keeps the top paragraph and the number of the line in it, and a new width
        # wraps that paragraph into other lines: the view would jump, a locus just
        # revealed out of sight; keep the first character shown at the top instead
        rewrap = event.oldSize().isValid() and event.oldSize().width() != event.size().width()
        top = self.top_offset() if rewrap and self._text else None
        # and the current divergence, if it was in view, stays in view: a narrower or
        # lower pane would leave it below the bottom in both panes
        marked = self._current_span()
        kept = marked if marked is not None and self._shows(marked.start) else None
        super().resizeEvent(event)
        if top is not None:
            self.scroll_to_top(top)
        if kept is not None:
            self.reveal(kept.start, kept.end)
        self._schedule()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_colours()  # the highlights were coloured for the old palette

    def refresh_colours(self) -> None:
        """Rebuild the highlights from the active colours and the palette (next idle)."""
        self._schedule()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        marked = self._current_span()
        if not self._visible_inserts and marked is None:
            return
        painter = QPainter(self.viewport())
        dark = is_dark(self.palette())
        colours = active()
        if marked is not None:
            # a bar in the margin beside the current divergence's lines: seen at a glance,
            # even next to a large block of another colour
            top = self.cursorRect(self._cursor_at(marked.start)).top()
            bottom = self.cursorRect(self._cursor_at(marked.end)).bottom()
            bar = QRect(0, top, 3 + colours.emphasis, bottom - top + 1)
            painter.fillRect(bar, colours.current(dark))
        for span in self._visible_inserts:
            rect: QRect = self.cursorRect(self._cursor_at(span.start))
            current = span.row == self._current
            colour = colours.current(dark) if current else colours.mark(span.kind, dark)
            width = (4 if current else 3) + colours.emphasis
            painter.fillRect(
                QRect(rect.left() - width // 2, rect.top(), width, rect.height()), colour
            )
        painter.end()

    def _cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._index.to_utf16(offset))
        return cursor

    def _current_span(self) -> Span | None:
        """The current divergence's span here (or where it stands), if it is in view."""
        if self._current is None:
            return None
        span = self._fallback or self._span_of(self._current)
        lo, hi = self.visible_range()
        return span if span is not None and span.end >= lo and span.start <= hi else None

    # -- lazy highlighting ----------------------------------------------------

    def _on_scrolled(self) -> None:
        self._schedule()
        self.topOffsetChanged.emit(self.top_offset())

    def _schedule(self) -> None:
        self._refresh_timer.start()

    def _drawn(self, lo: int, hi: int) -> list[Span]:
        """The spans that touch ``lo``..``hi``, in the order they are drawn: the longer
        first, so a locus nested in another copy's long one is drawn over it."""
        first = bisect_left(self._starts, lo - self._max_len)
        last = bisect_right(self._starts, hi)
        near = self._spans[first:last]
        if self._fallback is not None:
            near = [*near, self._fallback]
        touching = [s for s in near if s.end >= lo and s.start <= hi]
        return sorted(touching, key=lambda v: v.start - v.end)

    def _refresh(self) -> None:
        lo, hi = self.visible_range()
        dark = is_dark(self.palette())
        selections: list[QTextEdit.ExtraSelection] = []
        inserts: list[Span] = []
        for span in self._drawn(lo, hi):
            if span.start == span.end:
                inserts.append(span)
                continue
            selections.append(self._selection(span, dark))
        self._visible_inserts = inserts
        self.setExtraSelections(selections)
        self.viewport().update()

    def highlight_at(self, offset: int) -> QTextCharFormat | None:
        """The format the character at ``offset`` is drawn with, in view or not (None: plain).

        The pane paints only what is in view, so what ``extraSelections()`` holds
        depends on the pane's size, the font and the scroll position; this answers
        for any place, by the rules the painting follows (the last drawn wins).
        """
        holding = [s for s in self._drawn(offset, offset) if s.start <= offset < s.end]
        if not holding:
            return None
        return self._format(holding[-1], is_dark(self.palette()))

    def _selection(self, span: Span, dark: bool) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.format = self._format(span, dark)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._index.to_utf16(span.start))
        cursor.setPosition(self._index.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        return selection

    def _format(self, span: Span, dark: bool) -> QTextCharFormat:
        """How ``span`` is drawn: its kind's tint, quieter once decided, loud when current."""
        colours = active()
        fmt = QTextCharFormat()
        text = colours.text(dark)
        if span.decided and span.row != self._current:
            # decided: no fill, a dotted line in the kind's colour; the text reads as text
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(colours.mark(span.kind, dark))
            text = None
        else:
            fmt.setBackground(colours.background(span.kind, dark))
        if span.row == self._current:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            # high contrast: reverse video, underlined in the kind's colour for the other palette
            underline = colours.mark(span.kind, not dark) if text else colours.current(dark)
            fmt.setUnderlineColor(underline)
            fmt.setFontUnderline(True)
            fmt.setBackground(colours.current_background(span.kind, dark))
            text = colours.current_text(dark)
        if text is not None:
            fmt.setForeground(text)
        return fmt
