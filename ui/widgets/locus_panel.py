"""The panel beside the texts: every reading of the selected locus at a glance.

The readings are what the proofreader decides on, so they are the largest
thing here, in the text panes' font and size (zoom reaches them); each
witness's name stands small above its reading, shortened in the middle
(``002_4ea9…0b9324``) however long it is, so a reading always has the whole
width.  Everything scrolls inside the panel: a reading of a whole page never
makes the window grow, and a very long one is shortened with a link to show
it whole.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.classes.checks import CHECK_WITNESS
from app.collation.loci import Locus
from app.store.decisions import UNDECIDED, Decision
from app.text.lines import LineIndex
from ui.colors import is_dark, kind_background, kind_label, text_color
from ui.i18n import status_label, witness_label
from ui.messages import finding_text

LONG_READING = 400
"""Characters of a reading shown before it is shortened (the link shows it whole)."""
_DECISION_READING = 60
"""Characters of the chosen reading on the decision line, which must stay one or two lines."""


def shortened(text: str, limit: int) -> str:
    """``text`` cut in the middle to about ``limit`` characters: its start and its end show."""
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    return text[:head] + " … " + text[len(text) - (limit - head) :]


def _reading_html(text: str, limit: int | None = None) -> str:
    if not text:
        nothing = QCoreApplication.translate("LocusPanel", "(nothing)")
        return f"<i>{html.escape(nothing)}</i>"
    shown = text if limit is None else shortened(text, limit)
    return html.escape(shown).replace("\n", "⏎<br>")


class LocusPanel(QFrame):
    """Shows the selected locus: position, kind, every reading, the decision and its note."""

    noteTyped = Signal(str)
    """The note box's text as it is typed (a draft, kept for the locus it was typed for)."""
    noteEdited = Signal()
    """Enter was pressed in the note box, or it lost the focus: commit the draft."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(QCoreApplication.translate("LocusPanel", "Selected divergence"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self._title = QLabel()
        self._title.setTextFormat(Qt.TextFormat.RichText)
        self._title.setWordWrap(True)
        self._body = QLabel()
        self._body.setTextFormat(Qt.TextFormat.RichText)
        self._body.setWordWrap(True)
        self._body.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self._body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # never ask the window for width: the names are elided, the readings wrap
        self._body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._body.linkActivated.connect(self._on_link)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self._body)
        self._scroll.setAccessibleName(QCoreApplication.translate("LocusPanel", "Readings"))
        self._reading_font = ("", 0.0)
        self._whole = False
        self._decision = QLabel()
        self._decision.setTextFormat(Qt.TextFormat.RichText)
        self._decision.setWordWrap(True)
        self._keys = QLabel(
            QCoreApplication.translate(
                "LocusPanel",
                "<small>A accept · 1–9 accept witness n · R reject · E own reading · "
                "U undecided · Ctrl+Z undo</small>",
            )
        )
        self._keys.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(
            QCoreApplication.translate("LocusPanel", "Note on this divergence…")
        )
        self.note.setAccessibleName(QCoreApplication.translate("LocusPanel", "Note"))
        layout.addWidget(self._title)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._decision)
        layout.addWidget(self.note)
        layout.addWidget(self._keys)
        self.note.textEdited.connect(self.noteTyped)
        self.note.editingFinished.connect(self._on_note)
        self._shown: tuple[Any, ...] = (None,)
        self.show_locus(None)

    def refresh(self) -> None:
        """Show the same locus again, in the active colours and the current palette."""
        self.show_locus(*self._shown)

    def set_reading_font(self, family: str, size: float) -> None:
        """The text panes' font: the readings follow it, zoom included."""
        self._reading_font = (family, size)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.refresh()  # the witness names are elided to the width

    def _on_link(self, link: str) -> None:
        if link == "whole":
            self._whole = True
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()  # the kind's tint is baked into the HTML

    def show_locus(
        self,
        locus: Locus | None,
        number: int = 0,
        total: int = 0,
        witnesses: tuple[str, ...] = (),
        lines: LineIndex | None = None,
        decision: Decision = UNDECIDED,
        editable: bool = False,
        note: str | None = None,
        inside: int | None = None,
        linked: list[int] | None = None,
        edits: list[int] | None = None,
    ) -> None:
        """Show a locus; ``note`` is its note as typed so far (default: the decision's);
        ``inside`` the number of the longer divergence of another copy around it, or of
        the move where it arrived for an edit inside a moved passage; ``linked`` the
        numbers of the divergences decided with it (a move's other end, a pair's other
        half); ``edits`` those of the edits inside a moved passage, where it arrived."""
        if self._shown[0] is not locus:
            self._whole = False  # "show all" is for the reading it was clicked on
        self._shown = (
            locus, number, total, witnesses, lines, decision, editable, note, inside, linked,
            edits,
        )  # fmt: skip
        self.note.setEnabled(locus is not None and editable)
        shown_note = decision.note if note is None else note
        if self.note.text() != shown_note:  # unchanged text keeps the cursor where it is
            self.note.setText(shown_note)
        self._decision.setText(self._decision_html(decision) if locus is not None else "")
        if locus is None:
            heading = QCoreApplication.translate("LocusPanel", "Divergence")
            self._title.setText(f"<b>{html.escape(heading)}</b>")
            self._body.setText(
                html.escape(
                    QCoreApplication.translate(
                        "LocusPanel", "Select a divergence to see its readings."
                    )
                )
            )
            return
        where = ""
        if lines is not None:
            line, col = lines.line_col(locus.start)
            where = html.escape(
                QCoreApplication.translate("LocusPanel", "line {0}, column {1}").format(line, col)
            )
        title = QCoreApplication.translate("LocusPanel", "Divergence {0} of {1}").format(
            number, total
        )
        if inside is not None and locus.in_move is not None:
            where += "<br>" + html.escape(
                QCoreApplication.translate(
                    "LocusPanel", "inside the moved passage: it arrives at divergence {0}"
                ).format(inside)
            )
        elif inside is not None:
            where += "<br>" + html.escape(
                QCoreApplication.translate(
                    "LocusPanel", "inside divergence {0}, another copy's longer one"
                ).format(inside)
            )
        for other in linked or ():
            if locus.kind == "move" and locus.start < locus.end:
                text = QCoreApplication.translate(
                    "LocusPanel", "moved: it arrives at divergence {0}, decided with it"
                )
            elif locus.kind == "move":
                text = QCoreApplication.translate(
                    "LocusPanel", "moved here from divergence {0}, decided with it"
                )
            else:
                text = QCoreApplication.translate(
                    "LocusPanel", "one half of a pair of marks: divergence {0} is the other"
                )
            where += "<br>" + html.escape(text.format(other))
        if edits:
            where += "<br>" + html.escape(
                QCoreApplication.translate(
                    "LocusPanel",
                    "it reads the passage as the source has it; the copy's edits inside it are"
                    " divergences {0}",
                ).format(", ".join(map(str, edits)))
            )
        self._title.setText(f"<b>{html.escape(title)}</b><br><small>{where}</small>")
        same = html.escape(QCoreApplication.translate("LocusPanel", "= source"))
        dark = is_dark(self.palette())
        style = f"background:{kind_background(locus.kind, dark).name()}"
        forced = text_color(dark)
        if forced is not None:
            style += f"; color:{forced.name()}"
        limit = None if self._whole else LONG_READING
        blocks = [
            f"<p><span style='{style}'>&nbsp;{html.escape(kind_label(locus.kind))}"
            "&nbsp;</span></p>",
            self._block(
                QCoreApplication.translate("LocusPanel", "Source"),
                "",
                _reading_html(locus.source_text, limit),
            ),
        ]
        for wid in witnesses:
            note = ""
            if wid in locus.readings:
                cell = _reading_html(locus.readings[wid], limit)
                kind = locus.kinds.get(wid)
                if kind and kind != locus.kind:
                    note = f" ({html.escape(kind_label(kind))})"
            else:
                cell = f"<span style='color:gray'>{same}</span>"
            blocks.append(self._block(witness_label(wid), note, cell))
        if CHECK_WITNESS in locus.readings and CHECK_WITNESS not in witnesses:
            # the source checks' fix, with the reason: what the proofreader decides on
            blocks.append(
                self._block(
                    witness_label(CHECK_WITNESS), "", _reading_html(locus.readings[CHECK_WITNESS])
                )
            )
        if locus.message:
            blocks.append(f"<p><small>{html.escape(finding_text(locus.message))}</small></p>")
        longest = max([len(locus.source_text), *map(len, locus.readings.values())])
        if limit is not None and longest > limit:
            more = QCoreApplication.translate("LocusPanel", "Show all {0} characters").format(
                longest
            )
            blocks.append(f"<p><a href='whole'>{html.escape(more)}</a></p>")
        vote = locus.agreement
        if vote is not None:
            text = QCoreApplication.translate(
                "LocusPanel", "Suggested: {0} ({1} of {2} agree)"
            ).format(_reading_html(vote.reading, _DECISION_READING), vote.support, vote.total)
            if vote.likely_source_error:
                text += (
                    "<br><b>"
                    + html.escape(QCoreApplication.translate("LocusPanel", "⚠ likely source error"))
                    + "</b>"
                )
            blocks.append(f"<p>{text}</p>")
        self._body.setText("".join(blocks))

    def _block(self, name: str, note: str, reading: str) -> str:
        """A witness's name, small and elided to the panel's width, above its reading."""
        metrics = QFontMetrics(self.font())
        width = max(60, self._scroll.viewport().width() - metrics.horizontalAdvance(note) - 8)
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, width)
        family, size = self._reading_font
        font = f"font-size:{size:g}pt;" if size else "font-size:large;"
        if family:
            font += f" font-family:'{html.escape(family)}';"
        return (
            f"<p style='margin-top:6px; margin-bottom:0'><small><b>{html.escape(shown)}</b>"
            f'{note}</small><br><span style="{font}">{reading}</span></p>'
        )

    def text(self) -> str:
        return self._body.text()

    def decision_text(self) -> str:
        return self._decision.text()

    def _decision_html(self, decision: Decision) -> str:
        status = html.escape(status_label(decision.status))
        head = html.escape(QCoreApplication.translate("LocusPanel", "Decision:"))
        if decision.status == "undecided":
            return f"<b>{head}</b> {status}"
        chosen = _reading_html(decision.reading or "", _DECISION_READING)
        who = f" ({html.escape(witness_label(decision.witness))})" if decision.witness else ""
        return f"<b>{head}</b> {status}{who} → {chosen}"

    def _on_note(self) -> None:
        if self.note.isEnabled():
            self.noteEdited.emit()
