"""The panel beside the texts: every reading of the selected locus at a glance."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.collation.loci import Locus
from app.project.decisions import UNDECIDED, Decision
from app.text.lines import LineIndex
from ui.colors import is_dark, kind_background, kind_label, text_color
from ui.i18n import status_label, witness_label


def _reading_html(text: str) -> str:
    if not text:
        nothing = QCoreApplication.translate("LocusPanel", "(nothing)")
        return f"<i>{html.escape(nothing)}</i>"
    return html.escape(text).replace("\n", "⏎<br>")


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
        self._body = QLabel()
        self._body.setTextFormat(Qt.TextFormat.RichText)
        self._body.setWordWrap(True)
        self._body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
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
        layout.addWidget(self._body, 1)
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
    ) -> None:
        """Show a locus; ``note`` is its note as typed so far (default: the decision's)."""
        self._shown = (locus, number, total, witnesses, lines, decision, editable, note)
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
        self._title.setText(f"<b>{html.escape(title)}</b><br><small>{where}</small>")
        source = html.escape(QCoreApplication.translate("LocusPanel", "Source"))
        same = html.escape(QCoreApplication.translate("LocusPanel", "= source"))
        dark = is_dark(self.palette())
        style = f"background:{kind_background(locus.kind, dark).name()}"
        forced = text_color(dark)
        if forced is not None:
            style += f"; color:{forced.name()}"
        rows = [
            f"<tr><td colspan=2><span style='{style}'>&nbsp;"
            f"{html.escape(kind_label(locus.kind))}&nbsp;</span></td></tr>",
            f"<tr><td><b>{source}</b></td><td>{_reading_html(locus.source_text)}</td></tr>",
        ]
        for wid in witnesses:
            if wid in locus.readings:
                cell = _reading_html(locus.readings[wid])
                kind = locus.kinds.get(wid)
                if kind and kind != locus.kind:
                    cell += f" <small>({html.escape(kind_label(kind))})</small>"
            else:
                cell = f"<span style='color:gray'>{same}</span>"
            rows.append(
                f"<tr><td><b>{html.escape(witness_label(wid))}</b></td><td>{cell}</td></tr>"
            )
        vote = locus.agreement
        if vote is not None:
            text = QCoreApplication.translate(
                "LocusPanel", "Suggested: {0} ({1} of {2} agree)"
            ).format(_reading_html(vote.reading), vote.support, vote.total)
            if vote.likely_source_error:
                text += (
                    "<br><b>"
                    + html.escape(QCoreApplication.translate("LocusPanel", "⚠ likely source error"))
                    + "</b>"
                )
            rows.append(f"<tr><td colspan=2>{text}</td></tr>")
        self._body.setText("<table cellspacing=4>" + "".join(rows) + "</table>")

    def text(self) -> str:
        return self._body.text()

    def decision_text(self) -> str:
        return self._decision.text()

    def _decision_html(self, decision: Decision) -> str:
        status = html.escape(status_label(decision.status))
        head = html.escape(QCoreApplication.translate("LocusPanel", "Decision:"))
        if decision.status == "undecided":
            return f"<b>{head}</b> {status}"
        chosen = _reading_html(decision.reading or "")
        who = f" ({html.escape(decision.witness)})" if decision.witness else ""
        return f"<b>{head}</b> {status}{who} → {chosen}"

    def _on_note(self) -> None:
        if self.note.isEnabled():
            self.noteEdited.emit()
