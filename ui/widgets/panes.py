"""A read-only text pane that highlights divergences lazily.

A document may hold a million characters and tens of thousands of loci;
one ExtraSelection per locus over the whole document would make every
scroll and every repaint slow.  The pane keeps the spans in a sorted list
and, whenever the view moves, builds selections only for the spans that
intersect what is visible (found by bisect).  Insertion points, which cover
no character, are drawn as a bar between two characters.

Spans carry their locus's id (a click says which locus); a pane follows one
layer of the view model (app/view/model.py) and refreshes what its changes
name: the spans of a few loci after a decision, the current one after a step,
a few characters of the corrected text (:meth:`TextPane.patch`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

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

from app.view.corrected import Edit
from app.view.model import Span, SpanChange, TextLayer
from ui.colors import active, is_dark
from ui.widgets.positions import Utf16Index

__all__ = ["Span", "TextPane", "cjk_font_family"]

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
        self.document().setUndoRedoEnabled(False)  # patches (the corrected text) pile up none
        self._text = ""
        self._index = Utf16Index("")
        self._spans: list[Span] = []
        self._at: dict[int, int] = {}
        self._starts: list[int] = []
        self._max_len = 0
        self._current: int | None = None
        """The current locus's id."""
        self._fallback: Span | None = None
        self._layer: TextLayer | None = None
        self._keep_top = False
        self._visible_inserts: list[Span] = []
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # -- content -------------------------------------------------------------

    def follow(self, layer: TextLayer, *, keep_top: bool = False) -> None:
        """Draw ``layer`` of the view model from now on, refreshing what its changes name;
        ``keep_top``: a text replaced whole stays scrolled where it was (the corrected
        text, built again), else it shows from its start."""
        self._layer = layer
        self._keep_top = keep_top
        layer.subscribe(self._on_layer)
        self._on_layer(SpanChange(text=True, spans=True, current=True))

    def _on_layer(self, change: SpanChange) -> None:
        layer = self._layer
        assert layer is not None
        if change.text and layer.text is not self._text and layer.text != self._text:
            top = self.top_offset() if self._keep_top and self._text else 0
            self.set_text(layer.text)
            if top:
                self.scroll_to_top(min(top, len(layer.text)))
        if change.edits:
            self.patch(change.edits)
        if change.spans or change.text or change.edits:
            self.set_spans(layer.spans)
        elif change.ids:
            self.replace_spans(layer.spans_of(change.ids))
        if change.current:
            self.set_current(layer.current, layer.fallback)

    def set_text(self, text: str) -> None:
        self._text = text
        self._index = Utf16Index(text)
        self.set_spans([])
        self.setPlainText(text)

    def text(self) -> str:
        return self._text

    def patch(self, edits: Sequence[Edit]) -> None:
        """Replace a few places of the text, each edit in the text the previous ones left
        (the corrected text after a decision): the rest is neither set again nor laid out
        again, and the view stays where it is."""
        cursor = QTextCursor(self.document())
        for edit in edits:
            cursor.setPosition(self._index.to_utf16(edit.start))
            cursor.setPosition(self._index.to_utf16(edit.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(edit.text)
            self._text = self._text[: edit.start] + edit.text + self._text[edit.end :]
            self._index = self._index.replaced(edit.start, edit.end, edit.text)
        self._schedule()

    def set_spans(self, spans: list[Span]) -> None:
        """Replace the highlighted spans (sorted by start); the current locus stays current."""
        self._spans = spans
        self._at = {s.locus_id: k for k, s in enumerate(spans)}
        self._starts = [s.start for s in spans]
        self._max_len = max((s.end - s.start for s in spans), default=0)
        self._schedule()

    def replace_spans(self, spans: Sequence[Span]) -> None:
        """These loci's spans, drawn otherwise in the same places (a decision draws them
        quieter); repainted only if one of them is in view."""
        lo, hi = self.visible_range()
        seen = False
        for span in spans:
            k = self._at.get(span.locus_id)
            if k is None or (self._spans[k].start, self._spans[k].end) != (span.start, span.end):
                self.set_spans(sorted([*self._without(spans), *spans], key=lambda s: s.start))
                return
            self._spans[k] = span
            seen = seen or (span.end >= lo and span.start <= hi)
        if seen:
            self._schedule()

    def _without(self, spans: Sequence[Span]) -> list[Span]:
        ids = {s.locus_id for s in spans}
        return [s for s in self._spans if s.locus_id not in ids]

    def spans(self) -> list[Span]:
        return self._spans

    def set_current(self, locus_id: int | None, fallback: Span | None = None) -> None:
        """Mark locus ``locus_id``; ``fallback`` places it where this text has no span of
        its own.

        A witness that agrees with the source at the selected locus has no
        highlight there, but the proofreader must still see where it is.
        """
        if locus_id == self._current and fallback == self._fallback:
            return
        self._current = locus_id
        self._fallback = fallback if locus_id is not None else None
        self._schedule()

    def _span_of(self, locus_id: int) -> Span | None:
        k = self._at.get(locus_id)
        return None if k is None else self._spans[k]

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
        locus_id = self.locus_at(offset)
        if locus_id is not None:
            self.locusClicked.emit(locus_id)

    def locus_at(self, offset: int) -> int | None:
        """The id of the locus whose span holds ``offset`` (or whose insertion point
        touches it).

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
        return None if best is None else best.locus_id

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
            current = span.locus_id == self._current
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
        span = self._span_of(self._current) or self._fallback
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
        if self._fallback is not None and self._span_of(self._fallback.locus_id) is None:
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
        if span.decided and span.locus_id != self._current:
            # decided: no fill, a dotted line in the kind's colour; the text reads as text
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(colours.mark(span.kind, dark))
            text = None
        else:
            fmt.setBackground(colours.background(span.kind, dark))
        if span.locus_id == self._current:
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
